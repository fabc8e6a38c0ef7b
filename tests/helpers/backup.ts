import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { writeArchive } from '@portal/backups/archive';
import { contentTypes, hashFile, MANIFEST_PATH, SQLITE_PATH, versions } from '@portal/backups/manifest';
import { Progress } from '@portal/backups/progress';
import { backupSqlite, countSqlite } from '@portal/backups/sqlite';
import { root } from '../../scripts/lib/paths.ts';

export const BACKUP_CLI = path.join(root, 'scripts', 'backup.ts');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run backup -- <args>` the way an operator would, as its own process. */
export function backupCli(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BACKUP_CLI, ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** sha256 of every file under a folder, by relative path. */
export function hashTree(dir: string, prefix = ''): Record<string, string> {
  const result: Record<string, string> = {};
  if (!existsSync(dir)) return result;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(result, hashTree(path.join(dir, entry.name), relative));
    else
      result[relative] = createHash('sha256')
        .update(readFileSync(path.join(dir, entry.name)))
        .digest('hex');
  }
  return result;
}

/**
 * A format-1 archive, as `npm run backup` wrote them before the object store: the uploads inside the
 * archive. Built with the same writer and manifest fields, to prove old archives still verify and restore.
 */
export async function writeFormat1Archive(databaseFile: string, uploadsDir: string, file: string, passphrase: string): Promise<void> {
  const staging = mkdtempSync(path.join(path.dirname(file), '.format1-'));
  try {
    mkdirSync(path.join(staging, 'database'));
    await backupSqlite(databaseFile, path.join(staging, SQLITE_PATH));
    symlinkSync(uploadsDir, path.join(staging, 'uploads'), 'dir');
    const members = [SQLITE_PATH, ...Object.keys(hashTree(uploadsDir)).map((name) => `uploads/${name}`)];
    const files = [];
    for (const member of members) files.push({ path: member, ...(await hashFile(path.join(staging, member))) });
    const manifest = {
      format: 'portal-backup',
      formatVersion: 1,
      createdAt: new Date().toISOString(),
      hostname: hostname(),
      versions: versions(),
      database: { client: 'sqlite', path: SQLITE_PATH },
      content: countSqlite(path.join(staging, SQLITE_PATH), contentTypes()),
      files,
    };
    writeFileSync(path.join(staging, MANIFEST_PATH), JSON.stringify(manifest));
    await writeArchive(staging, [MANIFEST_PATH, ...members], file, passphrase, new Progress('ghi', 0, 0));
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
