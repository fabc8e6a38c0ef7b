/**
 * Strapi's upload provider for an S3-compatible bucket, on the official AWS SDK (the registry serves
 * Strapi's own provider only for older Strapi versions). Strapi loads it by package path:
 * `provider: '@portal/common/upload-s3'` (cms/config/plugins.ts). Files run through the CMS's file
 * guard (type, size, real content) before Strapi calls this, so nothing refused ever reaches the bucket.
 */
import type { Readable } from 'node:stream';
import { DeleteObjectCommand, type ObjectCannedACL } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { OBJECT_CACHE_CONTROL, objectKey, publicObjectUrl, type S3Settings, s3Client } from './s3.js';

/** What the provider reads and writes of Strapi's file object. */
export interface ProviderFile {
  hash: string;
  ext?: string;
  mime?: string;
  url?: string;
  buffer?: Buffer;
  stream?: Readable;
  getStream?: () => Readable;
}

const storedName = (file: ProviderFile) => `${file.hash}${file.ext ?? ''}`;

export function init(settings: S3Settings) {
  const client = s3Client(settings);

  async function put(file: ProviderFile, body: Buffer | Readable): Promise<void> {
    const name = storedName(file);
    // lib-storage: one PutObject for a small file, a multipart upload for a large one; both accept a
    // stream of unknown length, which Strapi's streams are (its `size` is rounded kilobytes).
    await new Upload({
      client,
      params: {
        Bucket: settings.bucket,
        Key: objectKey(settings.prefix, name),
        Body: body,
        ContentType: file.mime || 'application/octet-stream',
        CacheControl: OBJECT_CACHE_CONTROL,
        ...(settings.acl ? { ACL: settings.acl as ObjectCannedACL } : {}),
      },
    }).done();
    file.url = publicObjectUrl(settings, name);
  }

  function body(file: ProviderFile): Buffer | Readable {
    const source = file.buffer ?? file.stream ?? file.getStream?.();
    if (!source) throw new Error(`Tệp ${storedName(file)} không có nội dung để tải lên bucket.`);
    return source;
  }

  return {
    upload: (file: ProviderFile) => put(file, body(file)),
    uploadStream: (file: ProviderFile) => put(file, body(file)),
    async delete(file: ProviderFile): Promise<void> {
      // Deleting a missing object succeeds in S3, so a second delete (a retried request) is harmless.
      await client.send(new DeleteObjectCommand({ Bucket: settings.bucket, Key: objectKey(settings.prefix, storedName(file)) }));
    },
    // No isPrivate or checkFileSize: Strapi's defaults (public objects, its size limit) are what we want,
    // and Strapi wraps every method given here in an async function, which would make isPrivate() truthy.
  };
}
