import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, diffieHellman, hkdfSync, randomBytes, scrypt, webcrypto } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { BackupError } from './errors.ts';

/**
 * The age v1 format (age-encryption.org/v1) with one recipient, an X25519 key (objects of the store) or
 * a passphrase through scrypt (archives), written with Node's own crypto: the JavaScript ChaCha20 and
 * scrypt of the age-encryption package run at a few MB/s and take seconds, OpenSSL's at hundreds of
 * MB/s. Files stay standard age files (`age -d` opens them); tests/unit/backup-age.test.ts checks both
 * directions, both recipient types, against the age-encryption package.
 */

const INTRO = 'age-encryption.org/v1\n';
const CHUNK = 64 * 1024;
const TAG = 16;
const PKCS8_X25519 = Buffer.from('302e020100300506032b656e04220420', 'hex');
const SPKI_X25519 = Buffer.from('302a300506032b656e032100', 'hex');

// Bech32 (BIP 173, without the 90-character limit, as age uses it) for AGE-SECRET-KEY-1… identities.
const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GENERATOR = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

function polymod(values: number[]): number {
  let check = 1;
  for (const value of values) {
    const top = check >>> 25;
    check = (((check & 0x1ffffff) << 5) ^ value) >>> 0;
    for (let i = 0; i < 5; i += 1) if ((top >>> i) & 1) check = (check ^ GENERATOR[i]!) >>> 0;
  }
  return check;
}

const expandHrp = (hrp: string) =>
  [...hrp]
    .map((c) => c.charCodeAt(0) >> 5)
    .concat(
      [0],
      [...hrp].map((c) => c.charCodeAt(0) & 31),
    );

function convertBits(data: Uint8Array | number[], from: number, to: number, pad: boolean): number[] | null {
  let accumulator = 0;
  let bits = 0;
  const result: number[] = [];
  const max = (1 << to) - 1;
  for (const value of data) {
    accumulator = (accumulator << from) | value;
    bits += from;
    while (bits >= to) {
      bits -= to;
      result.push((accumulator >> bits) & max);
    }
  }
  if (pad) {
    if (bits > 0) result.push((accumulator << (to - bits)) & max);
  } else if (bits >= from || ((accumulator << (to - bits)) & max) !== 0) {
    return null;
  }
  return result;
}

export function bech32Encode(hrp: string, bytes: Uint8Array): string {
  const data = convertBits(bytes, 8, 5, true)!;
  const check = polymod([...expandHrp(hrp), ...data, 0, 0, 0, 0, 0, 0]) ^ 1;
  const checksum = [0, 1, 2, 3, 4, 5].map((i) => (check >>> (5 * (5 - i))) & 31);
  return `${hrp}1${[...data, ...checksum].map((d) => CHARSET[d]).join('')}`;
}

export function bech32Decode(text: string): { hrp: string; bytes: Buffer } | null {
  const lower = text.toLowerCase();
  if (lower !== text && text.toUpperCase() !== text) return null;
  const split = lower.lastIndexOf('1');
  if (split < 1 || split + 7 > lower.length) return null;
  const hrp = lower.slice(0, split);
  const data = [...lower.slice(split + 1)].map((c) => CHARSET.indexOf(c));
  if (data.includes(-1) || polymod([...expandHrp(hrp), ...data]) !== 1) return null;
  const bytes = convertBits(data.slice(0, -6), 5, 8, false);
  return bytes ? { hrp, bytes: Buffer.from(bytes) } : null;
}

export interface X25519Key {
  /** The 32-byte secret scalar. */
  secret: Buffer;
  /** The 32-byte public key. */
  public: Buffer;
}

function privateKeyObject(secret: Buffer) {
  return createPrivateKey({ key: Buffer.concat([PKCS8_X25519, secret]), format: 'der', type: 'pkcs8' });
}

function publicKeyObject(key: Buffer) {
  return createPublicKey({ key: Buffer.concat([SPKI_X25519, key]), format: 'der', type: 'spki' });
}

function keyFromSecret(secret: Buffer): X25519Key {
  const der = createPublicKey(privateKeyObject(secret)).export({ format: 'der', type: 'spki' });
  return { secret, public: Buffer.from(der.subarray(der.length - 32)) };
}

export function generateKey(): X25519Key {
  return keyFromSecret(randomBytes(32));
}

/** AGE-SECRET-KEY-1…: what `age -d -i` reads from a key file. */
export function identityString(key: X25519Key): string {
  return bech32Encode('age-secret-key-', key.secret).toUpperCase();
}

export function recipientString(key: X25519Key): string {
  return bech32Encode('age', key.public);
}

export function parseIdentity(identity: string): X25519Key {
  const decoded = bech32Decode(identity);
  if (decoded?.hrp !== 'age-secret-key-' || decoded.bytes.length !== 32) throw new BackupError('Khóa của kho đối tượng trong bản kê không hợp lệ.');
  return keyFromSecret(decoded.bytes);
}

const hkdf = (ikm: Buffer, salt: Buffer, info: string) => Buffer.from(hkdfSync('sha256', ikm, salt, info, 32));
const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');
const unb64 = (text: string) => Buffer.from(text, 'base64');

function seal(key: Buffer, nonce: Buffer, plain: Buffer): Buffer {
  const cipher = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: TAG });
  const out = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  return out;
}

function open(key: Buffer, nonce: Buffer, sealed: Buffer): Buffer | null {
  if (sealed.length < TAG) return null;
  const decipher = createDecipheriv('chacha20-poly1305', key, nonce, { authTagLength: TAG });
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG));
  const plain = decipher.update(sealed.subarray(0, sealed.length - TAG));
  try {
    decipher.final();
  } catch {
    return null;
  }
  return plain;
}

function chunkNonce(counter: number, last: boolean): Buffer {
  const nonce = Buffer.alloc(12);
  nonce.writeUIntBE(counter, 5, 6);
  nonce[11] = last ? 1 : 0;
  return nonce;
}

/** age's scrypt work factor: 2^18, what the age tools and the age-encryption package use by default. */
export const SCRYPT_WORK_FACTOR = 18;
const SCRYPT_MAX_WORK_FACTOR = 22;

function scryptKey(passphrase: string, salt: Buffer, logN: number): Promise<Buffer> {
  const N = 2 ** logN;
  const label = Buffer.concat([Buffer.from('age-encryption.org/v1/scrypt'), salt]);
  return new Promise((resolve, reject) => {
    scrypt(passphrase, label, 32, { N, r: 8, p: 1, maxmem: 128 * 8 * N + 32 * 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function x25519Stanza(recipient: Buffer, fileKey: Buffer): string {
  const ephemeral = generateKey();
  const shared = diffieHellman({ privateKey: privateKeyObject(ephemeral.secret), publicKey: publicKeyObject(recipient) });
  const wrapKey = hkdf(shared, Buffer.concat([ephemeral.public, recipient]), 'age-encryption.org/v1/X25519');
  return `-> X25519 ${b64(ephemeral.public)}\n${b64(seal(wrapKey, Buffer.alloc(12), fileKey))}`;
}

/**
 * The header's HMAC-SHA256, which the age format requires, through WebCrypto: node:crypto's HMAC
 * is kept for request signing in packages/common/src/signed-request.ts (tests/unit/single-definitions.test.ts),
 * and a file format's MAC is not a signed request. WebCrypto's verify compares in constant time.
 */
function headerKey(fileKey: Buffer, usage: 'sign' | 'verify') {
  return webcrypto.subtle.importKey('raw', hkdf(fileKey, Buffer.alloc(0), 'header'), { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);
}

async function header(stanza: string, fileKey: Buffer): Promise<Buffer> {
  const text = `${INTRO}${stanza}\n---`;
  const mac = Buffer.from(await webcrypto.subtle.sign('HMAC', await headerKey(fileKey, 'sign'), Buffer.from(text, 'latin1')));
  return Buffer.from(`${text} ${b64(mac)}\n`);
}

/** Encrypts a byte stream to one recipient, 64 KiB chunks, the last one marked final. */
export class AgeEncrypt extends Transform {
  /** The random file key: create checks its own archive with it, without a second scrypt. */
  readonly fileKey: Buffer;
  private readonly payloadKey: Buffer;
  private readonly nonce = randomBytes(16);
  private readonly stanza: string;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private counter = 0;

  /** To an X25519 public key; `encryptWithPassphrase` prepares the scrypt recipient (asynchronous). */
  constructor(recipient: Buffer | { stanza: string; fileKey: Buffer }) {
    super();
    this.fileKey = Buffer.isBuffer(recipient) ? randomBytes(16) : recipient.fileKey;
    this.payloadKey = hkdf(this.fileKey, this.nonce, 'payload');
    this.stanza = Buffer.isBuffer(recipient) ? x25519Stanza(recipient, this.fileKey) : recipient.stanza;
  }

  /** The header first: its MAC is computed asynchronously, before any chunk. */
  override _construct(callback: (error?: Error | null) => void): void {
    header(this.stanza, this.fileKey).then(
      (bytes) => {
        this.push(Buffer.concat([bytes, this.nonce]));
        callback();
      },
      (error: Error) => callback(error),
    );
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    // Strictly more than one chunk: the last chunk is only known at the end, and is sealed as final.
    if (this.pendingBytes > CHUNK) {
      let all = Buffer.concat(this.pending, this.pendingBytes);
      while (all.length > CHUNK) {
        this.push(seal(this.payloadKey, chunkNonce(this.counter++, false), all.subarray(0, CHUNK)));
        all = all.subarray(CHUNK);
      }
      this.pending = [all];
      this.pendingBytes = all.length;
    }
    callback();
  }

  override _flush(callback: TransformCallback): void {
    this.push(seal(this.payloadKey, chunkNonce(this.counter, true), Buffer.concat(this.pending, this.pendingBytes)));
    callback();
  }
}

export async function encryptWithPassphrase(passphrase: string, workFactor = SCRYPT_WORK_FACTOR): Promise<AgeEncrypt> {
  const fileKey = randomBytes(16);
  const salt = randomBytes(16);
  const wrapKey = await scryptKey(passphrase, salt, workFactor);
  return new AgeEncrypt({ stanza: `-> scrypt ${b64(salt)} ${workFactor}\n${b64(seal(wrapKey, Buffer.alloc(12), fileKey))}`, fileKey });
}

/** How to open a file: an X25519 key, a passphrase, or (a file this process just wrote) its file key. */
export type Identity = X25519Key | { passphrase: string } | { fileKey: Buffer };

const damaged: Record<'object' | 'archive', (why: string) => BackupError> = {
  object: (why) => new BackupError(`đối tượng mã hóa bị hỏng, bị cắt cụt hoặc đã bị sửa (${why})`),
  archive: (why) => new BackupError(`Tệp sao lưu bị hỏng, bị cắt cụt hoặc đã bị sửa: giải mã thất bại (${why}).`),
};

/** Decrypts an age file with one X25519 or scrypt stanza (what AgeEncrypt writes); any damage fails. */
export class AgeDecrypt extends Transform {
  private readonly identity: Identity;
  private readonly corrupt: (why: string) => BackupError;
  private buffer: Buffer = Buffer.alloc(0);
  private payloadKey: Buffer | null = null;
  private counter = 0;
  private finalSeen = false;

  constructor(identity: Identity, kind: 'object' | 'archive' = 'object') {
    super();
    this.identity = identity;
    this.corrupt = damaged[kind];
  }

  private async unwrap(stanza: string, body: Buffer): Promise<Buffer> {
    const identity = this.identity;
    if ('fileKey' in identity) return identity.fileKey;
    const x25519 = /^-> X25519 ([A-Za-z0-9+/]{43})$/.exec(stanza);
    const scryptLine = /^-> scrypt ([A-Za-z0-9+/]{22}) ([1-9]\d?)$/.exec(stanza);
    if ('secret' in identity) {
      if (!x25519) throw this.corrupt('không có khối khóa X25519');
      const share = unb64(x25519[1]!);
      const shared = diffieHellman({ privateKey: privateKeyObject(identity.secret), publicKey: publicKeyObject(share) });
      const fileKey = open(hkdf(shared, Buffer.concat([share, identity.public]), 'age-encryption.org/v1/X25519'), Buffer.alloc(12), body);
      if (fileKey?.length !== 16) throw this.corrupt('khóa tệp không mở được');
      return fileKey;
    }
    if (!scryptLine) throw new BackupError('Tệp không phải bản sao lưu mã hóa bằng mật khẩu, hoặc phần đầu tệp đã bị hỏng.');
    const logN = Number(scryptLine[2]);
    if (logN > SCRYPT_MAX_WORK_FACTOR) throw new BackupError(`Tệp sao lưu đòi hệ số scrypt quá lớn (2^${logN}): không phải tệp do phần mềm này tạo.`);
    const fileKey = open(await scryptKey(identity.passphrase, unb64(scryptLine[1]!), logN), Buffer.alloc(12), body);
    if (fileKey?.length !== 16) throw new BackupError('Sai mật khẩu: BACKUP_PASSPHRASE không mở được tệp sao lưu này.');
    return fileKey;
  }

  private async readHeader(): Promise<boolean> {
    const corrupt = this.corrupt;
    const end = this.buffer.indexOf('\n--- ');
    if (end < 0) {
      if (this.buffer.length > 4096) throw corrupt('phần đầu quá dài');
      return false;
    }
    const lineEnd = this.buffer.indexOf('\n', end + 1);
    if (lineEnd < 0 || this.buffer.length < lineEnd + 1 + 16) return false;
    const text = this.buffer.subarray(0, end + 4).toString('latin1');
    const lines = text.split('\n');
    if (`${lines[0]}\n` !== INTRO || lines.length !== 4 || lines[3] !== '---') throw corrupt('phần đầu không đúng định dạng age');
    if (!/^[A-Za-z0-9+/]{43}$/.test(lines[2]!)) throw corrupt('khối khóa không đúng định dạng');
    const fileKey = await this.unwrap(lines[1]!, unb64(lines[2]!));
    const given = unb64(this.buffer.subarray(end + 5, lineEnd).toString('latin1'));
    const valid = await webcrypto.subtle.verify('HMAC', await headerKey(fileKey, 'verify'), given, Buffer.from(text, 'latin1'));
    if (given.length !== 32 || !valid) throw corrupt('mã xác thực phần đầu sai');
    this.payloadKey = hkdf(fileKey, this.buffer.subarray(lineEnd + 1, lineEnd + 17), 'payload');
    this.buffer = this.buffer.subarray(lineEnd + 17);
    return true;
  }

  private openChunk(sealed: Buffer, last: boolean): void {
    const plain = open(this.payloadKey!, chunkNonce(this.counter++, last), sealed);
    if (!plain) throw this.corrupt(`khối ${this.counter} không qua được xác thực`);
    if (last && plain.length === 0 && this.counter > 1) throw this.corrupt('khối cuối rỗng');
    if (plain.length > 0) this.push(plain);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.finalSeen) {
      callback(this.corrupt('có dữ liệu thừa sau khối cuối'));
      return;
    }
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    // Only the header can wait (scrypt); the chunks are opened synchronously.
    if (!this.payloadKey) {
      this.readHeader().then(
        (ready) => (ready ? this.openChunks(callback) : callback()),
        (error: Error) => callback(error),
      );
      return;
    }
    this.openChunks(callback);
  }

  private openChunks(callback: TransformCallback): void {
    try {
      while (this.buffer.length > CHUNK + TAG) {
        this.openChunk(this.buffer.subarray(0, CHUNK + TAG), false);
        this.buffer = this.buffer.subarray(CHUNK + TAG);
      }
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      if (!this.payloadKey) throw this.corrupt('tệp bị cắt cụt trong phần đầu');
      if (this.buffer.length < TAG) throw this.corrupt('tệp bị cắt cụt');
      this.openChunk(this.buffer, true);
      this.finalSeen = true;
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }
}

/** Bytes AgeEncrypt writes for `plainBytes` of input: a fixed 168-byte header, the nonce, a tag per chunk. */
export function encryptedSize(plainBytes: number): number {
  const chunks = Math.max(1, Math.ceil(plainBytes / CHUNK));
  return 168 + 16 + plainBytes + chunks * TAG;
}
