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
  formatVersion: 1;
  createdAt: string;
  hostname: string;
  versions: { node: string; strapi: string | null; astro: string | null; portal: string | null; commit: string | null };
  database: { client: 'sqlite' | 'postgres'; path: string };
  content: ContentCount[];
  files: ManifestFile[];
}

export const MANIFEST_PATH = 'manifest.json';
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
  if (value?.format !== 'portal-backup' || value.formatVersion !== 1 || !Array.isArray(value.files) || !value.database) {
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

export function newManifest(client: 'sqlite' | 'postgres', content: ContentCount[], files: ManifestFile[]): Manifest {
  return {
    format: 'portal-backup',
    formatVersion: 1,
    createdAt: new Date().toISOString(),
    hostname: os.hostname(),
    versions: versions(),
    database: { client, path: client === 'sqlite' ? SQLITE_PATH : POSTGRES_PATH },
    content,
    files,
  };
}
