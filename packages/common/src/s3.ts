/**
 * Uploads in an S3-compatible bucket: the one reading of the S3_* variables, the one way a stored file
 * name becomes an object key and a public URL, and the client. The CMS's upload provider
 * (upload-s3.ts) and the backups both use it, so they always agree on where a file is.
 */
import { S3Client } from '@aws-sdk/client-s3';

export type UploadProvider = 'local' | 's3';

export interface S3Settings {
  bucket: string;
  region: string;
  /** An S3-compatible service's API address (MinIO, Viettel, FPT, VNG…); empty for AWS itself. */
  endpoint: string;
  forcePathStyle: boolean;
  accessKeyId: string;
  secretAccessKey: string;
  /** The base URL objects are read from by browsers and the site, without a trailing slash. */
  publicUrl: string;
  /** The folder inside the bucket ("" or "a/b", no slashes at either end). */
  prefix: string;
  /** A canned ACL put on every object, for services that need one to make it readable; empty: none. */
  acl: string;
}

/** A configuration mistake, in words the IT team can act on. */
export class S3ConfigError extends Error {
  override name = 'S3ConfigError';
}

type Env = Record<string, string | undefined>;

const value = (env: Env, name: string) => (env[name] ?? '').trim();

/** UPLOAD_PROVIDER: `local` (default) or `s3` (`aws-s3`, the name the docs used before, means the same). */
export function uploadProviderOf(env: Env): UploadProvider {
  const raw = value(env, 'UPLOAD_PROVIDER').toLowerCase();
  if (raw === '' || raw === 'local') return 'local';
  if (raw === 's3' || raw === 'aws-s3') return 's3';
  throw new S3ConfigError(`UPLOAD_PROVIDER="${raw}" không được hỗ trợ: dùng "local" (mặc định, lưu trên đĩa máy chủ) hoặc "s3" (bucket tương thích S3).`);
}

function httpUrl(env: Env, name: string): string {
  const raw = value(env, name);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new S3ConfigError(`${name}="${raw}" không phải địa chỉ hợp lệ (cần dạng https://…).`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new S3ConfigError(`${name} phải bắt đầu bằng https:// hoặc http://.`);
  if (url.search || url.hash || url.username || url.password) throw new S3ConfigError(`${name} không được chứa tham số, dấu # hay tên đăng nhập.`);
  return url.href.replace(/\/+$/, '');
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = value(env, name).toLowerCase();
  if (raw === '') return fallback;
  if (['true', '1', 'yes'].includes(raw)) return true;
  if (['false', '0', 'no'].includes(raw)) return false;
  throw new S3ConfigError(`${name}="${raw}" phải là true hoặc false.`);
}

/** S3_PREFIX without slashes at either end; only letters, digits, `.`, `_`, `-` and `/` between words. */
export function normalisePrefix(raw: string): string {
  const prefix = raw.trim().replace(/^\/+|\/+$/g, '');
  if (prefix === '') return '';
  if (!/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(prefix) || prefix.split('/').some((part) => part === '.' || part === '..')) {
    throw new S3ConfigError(`S3_PREFIX="${raw}" không hợp lệ: chỉ dùng chữ không dấu, số, ".", "_", "-" và "/" giữa các thư mục.`);
  }
  return prefix;
}

const REQUIRED = ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;

/**
 * The bucket settings from the environment (cms/.env and the process environment). Every missing
 * variable is named at once, so one look at the message fixes the file.
 */
export function s3Settings(env: Env): S3Settings {
  const missing = REQUIRED.filter((name) => value(env, name) === '');
  if (missing.length > 0) {
    throw new S3ConfigError(
      `UPLOAD_PROVIDER=s3 nhưng thiếu biến môi trường ${missing.join(', ')}. Hãy đặt ${missing.length > 1 ? 'chúng' : 'biến này'} trong cms/.env (xem docs/configuration.md).`,
    );
  }
  const bucket = value(env, 'S3_BUCKET');
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new S3ConfigError(`S3_BUCKET="${bucket}" không phải tên bucket hợp lệ (3–63 ký tự: chữ thường, số, "." và "-").`);
  }
  const region = value(env, 'S3_REGION') || 'us-east-1';
  const endpoint = value(env, 'S3_ENDPOINT') ? httpUrl(env, 'S3_ENDPOINT') : '';
  const forcePathStyle = flag(env, 'S3_FORCE_PATH_STYLE', endpoint !== '');
  let publicUrl: string;
  if (value(env, 'S3_PUBLIC_URL')) publicUrl = httpUrl(env, 'S3_PUBLIC_URL');
  else if (!endpoint) publicUrl = `https://${bucket}.s3.${region}.amazonaws.com`;
  else if (forcePathStyle) publicUrl = `${endpoint}/${bucket}`;
  else {
    const url = new URL(endpoint);
    url.hostname = `${bucket}.${url.hostname}`;
    publicUrl = url.href.replace(/\/+$/, '');
  }
  return {
    bucket,
    region,
    endpoint,
    forcePathStyle,
    accessKeyId: value(env, 'S3_ACCESS_KEY_ID'),
    secretAccessKey: value(env, 'S3_SECRET_ACCESS_KEY'),
    publicUrl,
    prefix: normalisePrefix(env.S3_PREFIX ?? ''),
    acl: value(env, 'S3_ACL'),
  };
}

/** The settings when UPLOAD_PROVIDER=s3, null for local uploads. */
export function bucketOf(env: Env): S3Settings | null {
  return uploadProviderOf(env) === 's3' ? s3Settings(env) : null;
}

/** A stored file name (`hash.ext`, `small_hash.ext`): a plain name, never a path. */
export function isStoredName(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$/.test(name) && !name.includes('..');
}

/** The object key of a stored file name: the same flat names the local provider writes, under the prefix. */
export function objectKey(prefix: string, name: string): string {
  if (!isStoredName(name)) throw new S3ConfigError(`Tên tệp "${name}" không dùng được làm khóa đối tượng.`);
  return prefix ? `${prefix}/${name}` : name;
}

/** The stored file name of an object key under the prefix; null for keys outside it or nested deeper. */
export function storedNameOf(prefix: string, key: string): string | null {
  const rest = prefix ? (key.startsWith(`${prefix}/`) ? key.slice(prefix.length + 1) : null) : key;
  return rest !== null && isStoredName(rest) ? rest : null;
}

/** Where the files' URLs start: what the site's MEDIA_SOURCE_URL must be. */
export function mediaBaseUrl(settings: Pick<S3Settings, 'publicUrl' | 'prefix'>): string {
  return settings.prefix ? `${settings.publicUrl}/${settings.prefix}` : settings.publicUrl;
}

export function publicObjectUrl(settings: Pick<S3Settings, 'publicUrl' | 'prefix'>, name: string): string {
  objectKey(settings.prefix, name);
  return `${mediaBaseUrl(settings)}/${name}`;
}

/**
 * A client for the bucket. Checksums only where S3 requires them: newer SDKs add CRC32 trailers to every
 * upload by default, which several S3-compatible services reject.
 */
export function s3Client(settings: S3Settings): S3Client {
  return new S3Client({
    region: settings.region,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    forcePathStyle: settings.forcePathStyle,
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 4,
  });
}

/** As short as the CMS's own /uploads: a replaced file keeps its URL (cms/src/middlewares/public-uploads.ts). */
export const OBJECT_CACHE_CONTROL = 'public, max-age=60';

const CONTENT_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The Content-Type a restored object is served with, from its name (the kinds the CMS accepts). */
export function contentTypeOf(name: string): string {
  return CONTENT_TYPES[name.slice(name.lastIndexOf('.') + 1).toLowerCase()] ?? 'application/octet-stream';
}
