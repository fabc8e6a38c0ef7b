import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cmsDir, root } from '@portal/common/layout';
import { BackupError } from './errors.ts';

export interface ManifestFile {
  path: string;
  size: number;
  sha256: string;
}

/** An upload in a format-2 archive: its content is the object `object` of the archive's store. */
export interface UploadEntry extends ManifestFile {
  /** Modification time in nanoseconds (a decimal string): with path and size, what lets the next backup reuse the hash. */
  mtime: string;
  object: string;
  objectSize: number;
  gzip: boolean;
  /** An object of the S3 bucket (UPLOAD_PROVIDER=s3; `mtime` is then its ETag and date), put back there on restore. */
  bucket?: true;
}

export interface ContentType {
  uid: string;
  table: string;
  draftAndPublish: boolean;
}

export interface ContentCount extends ContentType {
  rows: number;
  documents: number;
  /** Rows of the published version and of the draft version; null for types without draft & publish. */
  published: number | null;
  drafts: number | null;
}

export interface Manifest {
  format: 'portal-backup';
  /** 1: uploads inside the archive (before the object store); 2: uploads in the object store. */
  formatVersion: 1 | 2;
  createdAt: string;
  hostname: string;
  versions: { node: string; strapi: string | null; astro: string | null; portal: string | null; commit: string | null };
  database: { client: 'sqlite' | 'postgres'; path: string };
  content: ContentCount[];
  /** Members of the archive itself (database, configuration; in format 1 also every upload). */
  files: ManifestFile[];
  /** Format 2: the object store's key id and its age identity (AGE-SECRET-KEY-1…), and every upload. */
  store?: { keyId: string; identity: string };
  uploads?: UploadEntry[];
}

export const MANIFEST_PATH = 'manifest.json';
/** An object's place in its key's folder: a two-character shard, then the name (see objects.ts). */
const OBJECT_NAME = /^[0-9a-f]{2}\/[0-9a-f]{64}(\.gz)?$/;
export const SQLITE_PATH = 'database/data.db';
export const POSTGRES_PATH = 'database/portal.dump';
export const CONFIG_PATHS = { cmsEnv: 'config/cms.env', siteEnv: 'config/site.env', demoAccounts: 'config/demo-accounts.json' } as const;

/**
 * Archive members are extracted by path, so a path is accepted only inside the three known folders,
 * relative, normalised and without `..`: a forged manifest cannot write outside the restore folder.
 */
export function isSafeMemberPath(member: string): boolean {
  if (!/^(database|config|uploads)\/[^\\\0]+$/.test(member)) return false;
  if (path.posix.normalize(member) !== member) return false;
  return member.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

export function isSecretMember(member: string): boolean {
  return !member.startsWith('uploads/');
}

export function parseManifest(text: string): Manifest {
  let value: Manifest;
  try {
    value = JSON.parse(text) as Manifest;
  } catch {
    throw new BackupError('Bản kê (manifest.json) trong tệp sao lưu không đọc được.');
  }
  if (value?.format !== 'portal-backup' || ![1, 2].includes(value.formatVersion) || !Array.isArray(value.files) || !value.database) {
    throw new BackupError('Tệp này không phải bản sao lưu của cổng thông tin (hoặc thuộc phiên bản định dạng khác).');
  }
  const seen = new Set<string>();
  for (const file of value.files) {
    if (
      typeof file?.path !== 'string' ||
      !isSafeMemberPath(file.path) ||
      seen.has(file.path) ||
      !Number.isSafeInteger(file.size) ||
      !/^[0-9a-f]{64}$/.test(String(file.sha256))
    ) {
      throw new BackupError(`Bản kê có mục không hợp lệ: ${JSON.stringify(file?.path ?? file)}.`);
    }
    seen.add(file.path);
  }
  if (!seen.has(value.database.path)) throw new BackupError('Bản kê không có tệp cơ sở dữ liệu.');
  if (value.formatVersion === 2) {
    if (!/^[0-9a-f]{16}$/.test(String(value.store?.keyId)) || typeof value.store?.identity !== 'string' || !Array.isArray(value.uploads)) {
      throw new BackupError('Bản kê không ghi kho đối tượng của tệp tải lên.');
    }
    for (const upload of value.uploads) {
      if (
        typeof upload?.path !== 'string' ||
        !upload.path.startsWith('uploads/') ||
        !isSafeMemberPath(upload.path) ||
        seen.has(upload.path) ||
        !Number.isSafeInteger(upload.size) ||
        !/^[0-9a-f]{64}$/.test(String(upload.sha256)) ||
        !OBJECT_NAME.test(String(upload.object)) ||
        upload.gzip !== upload.object.endsWith('.gz') ||
        !Number.isSafeInteger(upload.objectSize) ||
        typeof upload.mtime !== 'string' ||
        (upload.bucket !== undefined && (upload.bucket !== true || upload.path.split('/').length !== 2))
      ) {
        throw new BackupError(`Bản kê có tệp tải lên không hợp lệ: ${JSON.stringify(upload?.path ?? upload)}.`);
      }
      seen.add(upload.path);
    }
  }
  return value;
}

export function hashStream(stream: NodeJS.ReadableStream, onBytes?: (bytes: number) => void): Promise<{ size: number; sha256: string }> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      size += chunk.length;
      onBytes?.(chunk.length);
    });
    stream.on('error', reject);
    stream.on('end', () => resolve({ size, sha256: hash.digest('hex') }));
  });
}

export function hashFile(file: string, onBytes?: (bytes: number) => void): Promise<{ size: number; sha256: string }> {
  return hashStream(createReadStream(file), onBytes);
}

/** Content types from the CMS's schema files: uid → table, the mapping Strapi itself uses. */
export function contentTypes(apiDir = path.join(cmsDir, 'src', 'api')): ContentType[] {
  const types: ContentType[] = [];
  if (!existsSync(apiDir)) return types;
  for (const api of readdirSync(apiDir).sort()) {
    const typesDir = path.join(apiDir, api, 'content-types');
    if (!existsSync(typesDir)) continue;
    for (const name of readdirSync(typesDir).sort()) {
      const schemaFile = path.join(typesDir, name, 'schema.json');
      if (!existsSync(schemaFile)) continue;
      const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as { collectionName?: string; options?: { draftAndPublish?: boolean } };
      if (!schema.collectionName) continue;
      types.push({ uid: `api::${api}.${name}`, table: schema.collectionName, draftAndPublish: schema.options?.draftAndPublish === true });
    }
  }
  return types;
}

function packageVersion(file: string): string | null {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? null;
  } catch {
    return null;
  }
}

export function versions(): Manifest['versions'] {
  const git = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' });
  return {
    node: process.versions.node,
    strapi: packageVersion(path.join(root, 'node_modules', '@strapi', 'strapi', 'package.json')),
    astro: packageVersion(path.join(root, 'node_modules', 'astro', 'package.json')),
    portal: packageVersion(path.join(root, 'package.json')),
    commit: git.status === 0 ? git.stdout.trim() : null,
  };
}

export function newManifest(
  client: 'sqlite' | 'postgres',
  content: ContentCount[],
  files: ManifestFile[],
  store: { keyId: string; identity: string },
  uploads: UploadEntry[],
): Manifest {
  return {
    format: 'portal-backup',
    formatVersion: 2,
    createdAt: new Date().toISOString(),
    hostname: os.hostname(),
    versions: versions(),
    database: { client, path: client === 'sqlite' ? SQLITE_PATH : POSTGRES_PATH },
    content,
    files,
    store,
    uploads,
  };
}
