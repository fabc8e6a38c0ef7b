import type { Readable } from 'node:stream';
import { Decrypter, Encrypter } from 'age-encryption';
import { AgeDecrypt, type AgeEncrypt, encryptWithPassphrase, type Identity } from './age-x25519.ts';
import { BackupError, messageOf } from './errors.ts';

// age encrypts in 64 KiB chunks, each authenticated, with the last one marked final: the streams below
// keep memory bounded by a few chunks, and a flipped byte or a cut-off file fails instead of decrypting.
// Archives are age files to the passphrase (scrypt); age-x25519.ts writes and reads them with Node's
// crypto, and the age-encryption package stays as the reference the tests hold that code to.

/** A passphrase, or the file key of an archive this process just wrote (create's check, without a second scrypt). */
export type ArchiveSecret = string | { fileKey: Buffer };

export async function encryptStream(plain: Readable, passphrase: string): Promise<AgeEncrypt> {
  const encrypt = await encryptWithPassphrase(passphrase);
  plain.on('error', (error) => encrypt.destroy(error));
  return plain.pipe(encrypt);
}

export async function decryptStream(sealed: Readable, secret: ArchiveSecret): Promise<Readable> {
  const identity: Identity = typeof secret === 'string' ? { passphrase: secret } : secret;
  const decrypt = new AgeDecrypt(identity, 'archive');
  sealed.on('error', (error) => decrypt.destroy(error));
  return sealed.pipe(decrypt);
}

/** Turns other errors met while decrypting into what the operator should do. */
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
 * The age-encryption package: the reference that age-x25519.ts is tested against, in both directions
 * and for both recipients (tests/unit/backup-age.test.ts). `recipient` is `age1…` or a passphrase.
 */
export async function referenceEncrypt(plain: Uint8Array, recipient: { x25519: string } | { passphrase: string; workFactor?: number }): Promise<Uint8Array> {
  const encrypter = new Encrypter();
  if ('x25519' in recipient) encrypter.addRecipient(recipient.x25519);
  else {
    encrypter.setPassphrase(recipient.passphrase);
    if (recipient.workFactor) encrypter.setScryptWorkFactor(recipient.workFactor);
  }
  return encrypter.encrypt(plain);
}

export async function referenceDecrypt(sealed: Uint8Array, identity: { x25519: string } | { passphrase: string }): Promise<Uint8Array> {
  const decrypter = new Decrypter();
  if ('x25519' in identity) decrypter.addIdentity(identity.x25519);
  else decrypter.addPassphrase(identity.passphrase);
  return decrypter.decrypt(sealed);
}
