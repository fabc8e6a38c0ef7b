import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import {
  AgeDecrypt,
  AgeEncrypt,
  bech32Decode,
  encryptedSize,
  encryptWithPassphrase,
  generateKey,
  identityString,
  parseIdentity,
  recipientString,
  type X25519Key,
} from '@portal/backups/age-x25519';
import { referenceDecrypt, referenceEncrypt } from '@portal/backups/crypto';
import { describe, expect, it } from 'vitest';

const encrypt = (plain: Buffer, key: X25519Key) => buffer(Readable.from([plain]).pipe(new AgeEncrypt(key.public)));
/** Fed in odd-sized pieces, so chunk and header boundaries fall anywhere. */
const decrypt = (sealed: Buffer, key: X25519Key) => {
  const pieces: Buffer[] = [];
  for (let i = 0; i < sealed.length; i += 777) pieces.push(sealed.subarray(i, i + 777));
  return buffer(Readable.from(pieces).pipe(new AgeDecrypt(key)));
};

// Around the 64 KiB chunk: empty, one byte, one short of a chunk, exactly one, one over, several.
const SIZES = [0, 1, 65_535, 65_536, 65_537, 3 * 65_536, 200_003];

describe('object encryption (age, X25519, Node crypto)', () => {
  it('writes files the age reference implementation decrypts, of the size it predicts', async () => {
    const key = generateKey();
    for (const size of SIZES) {
      const plain = randomBytes(size);
      const sealed = await encrypt(plain, key);
      expect(sealed.length, `${size} bytes`).toBe(encryptedSize(size));
      expect(Buffer.from(await referenceDecrypt(sealed, { x25519: identityString(key) })).equals(plain), `${size} bytes`).toBe(true);
    }
  });

  it('reads files the age reference implementation wrote', async () => {
    const key = generateKey();
    for (const size of SIZES) {
      const plain = randomBytes(size);
      const sealed = Buffer.from(await referenceEncrypt(plain, { x25519: recipientString(key) }));
      expect((await decrypt(sealed, key)).equals(plain), `${size} bytes`).toBe(true);
    }
  });

  it('encodes identities as AGE-SECRET-KEY-1… that read back to the same key', () => {
    const key = generateKey();
    const identity = identityString(key);
    expect(identity).toMatch(/^AGE-SECRET-KEY-1[0-9A-Z]{58}$/);
    expect(recipientString(key)).toMatch(/^age1[0-9a-z]{58}$/);
    expect(parseIdentity(identity).public.equals(key.public)).toBe(true);
    const typo = identity.slice(0, -1) + (identity.endsWith('Q') ? 'P' : 'Q');
    expect(bech32Decode(typo)).toBeNull();
    expect(() => parseIdentity(typo)).toThrow(/không hợp lệ/);
  });

  it('refuses a flipped byte, a cut-off file, a dropped final chunk, trailing bytes and another key', async () => {
    const key = generateKey();
    const sealed = await encrypt(randomBytes(3 * 65_536 + 10), key);
    const flipped = Buffer.from(sealed);
    flipped[Math.floor(flipped.length / 2)]! ^= 1;
    const headerFlipped = Buffer.from(sealed);
    headerFlipped[60]! ^= 1;
    const damaged = [
      flipped,
      headerFlipped,
      sealed.subarray(0, sealed.length - 100),
      sealed.subarray(0, 168 + 16 + 3 * (65_536 + 16)),
      Buffer.concat([sealed, Buffer.from('x')]),
      sealed.subarray(0, 100),
    ];
    for (const bytes of damaged) await expect(decrypt(bytes, key)).rejects.toThrow(/bị hỏng, bị cắt cụt hoặc đã bị sửa/);
    await expect(decrypt(sealed, generateKey())).rejects.toThrow(/khóa tệp không mở được/);
  });

  it('seals archives to a passphrase (scrypt) the reference opens, and opens the reference’s, refusing a wrong passphrase', async () => {
    const passphrase = 'kiem-thu-sao-luu-2026-MNHH';
    const plain = randomBytes(150_000);
    // A low work factor keeps the test fast; archives use SCRYPT_WORK_FACTOR (18), like the age tools.
    const sealed = await buffer(Readable.from([plain]).pipe(await encryptWithPassphrase(passphrase, 12)));
    expect(Buffer.from(await referenceDecrypt(sealed, { passphrase })).equals(plain)).toBe(true);
    const theirs = Buffer.from(await referenceEncrypt(plain, { passphrase, workFactor: 12 }));
    expect((await buffer(Readable.from([theirs]).pipe(new AgeDecrypt({ passphrase }, 'archive')))).equals(plain)).toBe(true);
    await expect(buffer(Readable.from([sealed]).pipe(new AgeDecrypt({ passphrase: 'mat-khau-sai-hoan-toan' }, 'archive')))).rejects.toThrow(/^Sai mật khẩu/);
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 1000]! ^= 1;
    await expect(buffer(Readable.from([flipped]).pipe(new AgeDecrypt({ passphrase }, 'archive')))).rejects.toThrow(
      /^Tệp sao lưu bị hỏng, bị cắt cụt hoặc đã bị sửa/,
    );
  });
});
