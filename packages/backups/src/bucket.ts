import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, type ObjectCannedACL, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { bucketOf, contentTypeOf, OBJECT_CACHE_CONTROL, objectKey, S3ConfigError, type S3Settings, s3Client, storedNameOf } from '@portal/common/s3';
import { BackupError, messageOf } from './errors.ts';

/**
 * The uploads of an installation with UPLOAD_PROVIDER=s3: the objects under S3_PREFIX, by stored name.
 * Backups read them into the object store like local files (the bucket's permissions: ListBucket and
 * GetObject; restore also PutObject).
 */

export interface BucketObject {
  /** The stored file name (`hash.ext`), as under the local uploads folder. */
  name: string;
  key: string;
  size: number;
  /** What "unchanged since the last backup" is judged by, like a local file's mtime. */
  version: string;
}

/** The installation's bucket (null for local uploads); a configuration mistake is the operator's to fix. */
export function installationBucket(env: Record<string, string | undefined>): S3Settings | null {
  try {
    return bucketOf(env);
  } catch (error) {
    throw error instanceof S3ConfigError ? new BackupError(error.message) : error;
  }
}

const where = (settings: S3Settings) => `bucket ${settings.bucket}${settings.prefix ? `/${settings.prefix}` : ''}`;

function bucketError(settings: S3Settings, what: string, error: unknown): BackupError {
  return new BackupError(
    `Không ${what} ở ${where(settings)}${settings.endpoint ? ` (${settings.endpoint})` : ''}: ${messageOf(error)}. Kiểm tra S3_* trong cms/.env và quyền của khóa truy cập.`,
  );
}

/** Every object under the prefix that is a stored file; anything else there (a folder, another app's key) is named and skipped. */
export async function listBucket(settings: S3Settings, client: S3Client = s3Client(settings)): Promise<BucketObject[]> {
  const objects: BucketObject[] = [];
  let token: string | undefined;
  try {
    do {
      const page = await client.send(
        new ListObjectsV2Command({ Bucket: settings.bucket, Prefix: settings.prefix ? `${settings.prefix}/` : undefined, ContinuationToken: token }),
      );
      for (const item of page.Contents ?? []) {
        const key = item.Key ?? '';
        const name = storedNameOf(settings.prefix, key);
        if (!name) {
          console.warn(`  ! bỏ qua đối tượng ${key}: không phải tệp tải lên của cổng thông tin`);
          continue;
        }
        objects.push({ name, key, size: Number(item.Size ?? 0), version: `s3:${item.ETag ?? ''}:${item.LastModified?.getTime() ?? 0}` });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  } catch (error) {
    throw bucketError(settings, 'liệt kê được tệp tải lên', error);
  }
  return objects.sort((a, b) => a.name.localeCompare(b.name));
}

/** A single-part upload's ETag is the MD5 of the content; a multipart one (with "-") is not. */
const md5Etag = (etag: string | undefined) => {
  const plain = (etag ?? '').replace(/"/g, '');
  return /^[0-9a-f]{32}$/.test(plain) ? plain : null;
};

/** Downloads one object to `file`, checked against the listed size and, when S3 gives one, its MD5. */
export async function downloadObject(settings: S3Settings, client: S3Client, object: BucketObject, file: string): Promise<void> {
  const md5 = createHash('md5');
  let etag: string | undefined;
  try {
    const answer = await client.send(new GetObjectCommand({ Bucket: settings.bucket, Key: object.key }));
    etag = answer.ETag;
    const body = answer.Body as Readable;
    body.on('data', (chunk: Buffer) => md5.update(chunk));
    await pipeline(body, createWriteStream(file, { flags: 'wx', mode: 0o600 }));
  } catch (error) {
    throw bucketError(settings, `tải được ${object.key}`, error);
  }
  const size = statSync(file).size;
  const expected = md5Etag(etag);
  if (size !== object.size || (expected && md5.digest('hex') !== expected)) {
    throw new BackupError(`Tệp ${object.key} tải từ bucket không khớp (${size} byte, cần ${object.size}): có thể nó vừa bị thay. Hãy chạy lại sao lưu.`);
  }
}

async function md5Of(file: string): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export interface PutBack {
  written: number;
  unchanged: number;
}

/**
 * Puts restored files back into the bucket under their stored names. An object already there with the
 * same bytes is left alone; each written one is read back (HEAD: size and MD5) before the next. Objects
 * that are in the bucket but not in the backup are not deleted.
 */
export async function putBack(settings: S3Settings, files: { name: string; file: string }[], onFile: (bytes: number) => void): Promise<PutBack> {
  const client = s3Client(settings);
  let written = 0;
  let unchanged = 0;
  for (const { name, file } of files) {
    const key = objectKey(settings.prefix, name);
    const size = statSync(file).size;
    const md5 = await md5Of(file);
    const present = await client
      .send(new HeadObjectCommand({ Bucket: settings.bucket, Key: key }))
      .catch((error: { name?: string; $metadata?: { httpStatusCode?: number } }) => {
        if (error?.name === 'NotFound' || error?.$metadata?.httpStatusCode === 404) return null;
        throw bucketError(settings, `kiểm tra được ${key}`, error);
      });
    if (present && Number(present.ContentLength) === size && md5Etag(present.ETag) === md5) {
      unchanged += 1;
      onFile(size);
      continue;
    }
    try {
      await client.send(
        new PutObjectCommand({
          Bucket: settings.bucket,
          Key: key,
          Body: createReadStream(file),
          ContentLength: size,
          ContentType: contentTypeOf(name),
          CacheControl: OBJECT_CACHE_CONTROL,
          ...(settings.acl ? { ACL: settings.acl as ObjectCannedACL } : {}),
        }),
      );
      const after = await client.send(new HeadObjectCommand({ Bucket: settings.bucket, Key: key }));
      if (Number(after.ContentLength) !== size || (md5Etag(after.ETag) !== null && md5Etag(after.ETag) !== md5))
        throw new Error('bản trên bucket khác tệp vừa gửi');
    } catch (error) {
      throw bucketError(settings, `ghi lại được ${key}`, error);
    }
    written += 1;
    onFile(size);
  }
  return { written, unchanged };
}
