import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import { Decrypter, Encrypter } from 'age-encryption';
import { BackupError, messageOf } from './errors.ts';

// age encrypts in 64 KiB chunks, each authenticated, with the last one marked final: the streams below
// keep memory bounded by a few chunks, and a flipped byte or a cut-off file fails instead of decrypting.

type WebBytes = globalThis.ReadableStream<Uint8Array>;

export async function encryptStream(plain: Readable, passphrase: string): Promise<Readable> {
  const encrypter = new Encrypter();
  encrypter.setPassphrase(passphrase);
  const encrypted = await encrypter.encrypt(Readable.toWeb(plain) as unknown as WebBytes);
  return Readable.fromWeb(encrypted as unknown as NodeWebStream<Uint8Array>);
}

export async function decryptStream(sealed: Readable, passphrase: string): Promise<Readable> {
  const decrypter = new Decrypter();
  decrypter.addPassphrase(passphrase);
  try {
    const plain = await decrypter.decrypt(Readable.toWeb(sealed) as unknown as WebBytes);
    return Readable.fromWeb(plain as unknown as NodeWebStream<Uint8Array>);
  } catch (error) {
    throw explainDecryptError(error);
  }
}

/** Turns the library's English errors into what the operator should do. */
export function explainDecryptError(error: unknown): BackupError {
  if (error instanceof BackupError) return error;
  const message = messageOf(error);
  if (/no identity matched|incorrect passphrase|scrypt/i.test(message)) {
    return new BackupError('Sai mật khẩu: BACKUP_PASSPHRASE không mở được tệp sao lưu này.');
  }
  if (/invalid version|unexpected|header|stanza|base64/i.test(message)) {
    return new BackupError(`Tệp không phải bản sao lưu mã hóa hợp lệ, hoặc phần đầu tệp đã bị hỏng (${message}).`);
  }
  return new BackupError(`Tệp sao lưu bị hỏng, bị cắt cụt hoặc đã bị sửa: giải mã thất bại (${message}).`);
}

/**
 * The age-encryption package's X25519 implementation: the reference that the object store's native
 * one (age-x25519.ts) is tested against, in both directions (tests/unit/backup-age.test.ts).
 */
export async function referenceEncrypt(plain: Uint8Array, recipient: string): Promise<Uint8Array> {
  const encrypter = new Encrypter();
  encrypter.addRecipient(recipient);
  return encrypter.encrypt(plain);
}

export async function referenceDecrypt(sealed: Uint8Array, identity: string): Promise<Uint8Array> {
  const decrypter = new Decrypter();
  decrypter.addIdentity(identity);
  return decrypter.decrypt(sealed);
}
