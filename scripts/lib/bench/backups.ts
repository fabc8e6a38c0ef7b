/**
 * `npm run backup -- create` twice against the bench installation (its database and uploads, a bench-only
 * BACKUP_DIR and passphrase): the second run has unchanged uploads. Uses the figures `create --json` prints
 * on its last line when the backup tool offers it; otherwise times the command itself.
 */
import { spawn } from 'node:child_process';
import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { root } from '../paths.ts';
import type { Stack, StackOptions } from '../stack.ts';
import { track } from './children.ts';
import { fixed, type Row } from './table.ts';

export interface BackupFigures {
  seconds: number;
  uploadFiles?: number;
  uploadBytes?: number;
  newBytes?: number;
  reusedBytes?: number;
}

/** The JSON object on the last non-empty line of `create --json`'s output, if it is one. */
export function parseBackupJson(stdout: string): BackupFigures | null {
  const last = stdout.trim().split('\n').pop()?.trim() ?? '';
  if (!last.startsWith('{')) return null;
  try {
    const value = JSON.parse(last) as Record<string, unknown>;
    if (typeof value.seconds !== 'number') return null;
    const number = (key: string) => (typeof value[key] === 'number' ? (value[key] as number) : undefined);
    return {
      seconds: value.seconds,
      uploadFiles: number('uploadFiles'),
      uploadBytes: number('uploadBytes'),
      newBytes: number('newBytes'),
      reusedBytes: number('reusedBytes'),
    };
  } catch {
    return null;
  }
}

function cli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = track(
      spawn(process.execPath, ['--disable-warning=MODULE_TYPELESS_PACKAGE_JSON', path.join(root, 'scripts', 'backup.ts'), ...args], {
        cwd: root,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

function treeSize(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    files += 1;
    bytes += statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return { files, bytes };
}

const megabytes = (bytes: number) => bytes / 1024 / 1024;

export async function timeBackups(options: StackOptions, stack: Stack, backupDir: string): Promise<Row[]> {
  rmSync(backupDir, { recursive: true, force: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: options.databaseFile,
    PUBLIC_DIR: options.publicDir,
    DEMO_ACCOUNTS_FILE: options.demoAccountsFile,
    CMS_PORT: new URL(stack.cmsUrl).port,
    BACKUP_DIR: backupDir,
    BACKUP_COPY_DIR: '',
    BACKUP_PASSPHRASE: 'bench-only-passphrase-not-a-secret',
    BACKUP_PASSPHRASE_FILE: '',
    OUTBOX_DIR: path.join(path.dirname(options.databaseFile), 'outbox'),
    SMTP_HOST: '',
  };
  const help = await cli(['--help'], env);
  const json = help.stdout.includes('--json');
  const uploads = treeSize(path.join(options.publicDir, 'uploads'));
  const runs: BackupFigures[] = [];
  for (let i = 0; i < 2; i += 1) {
    const started = performance.now();
    const result = await cli(['create', ...(json ? ['--json'] : [])], env);
    const seconds = (performance.now() - started) / 1000;
    if (result.code !== 0)
      throw new Error(`npm run backup thất bại (mã ${result.code}):\n${(result.stderr || result.stdout).trim().split('\n').slice(-5).join('\n')}`);
    runs.push({ ...(json ? parseBackupJson(result.stdout) : null), seconds: json ? (parseBackupJson(result.stdout)?.seconds ?? seconds) : seconds });
  }
  const [first, second] = runs as [BackupFigures, BackupFigures];
  const uploadBytes = first.uploadBytes ?? uploads.bytes;
  const uploadFiles = first.uploadFiles ?? uploads.files;
  const rate = megabytes(uploadBytes) / first.seconds;
  const source = json ? '' : ' (đo bằng đồng hồ: công cụ sao lưu chưa có --json)';
  return [
    {
      what: `npm run backup, lần đầu (${uploadFiles} tệp tải lên, ${fixed(megabytes(uploadBytes), 1)} MB)`,
      measured: `${fixed(first.seconds, 1)} s, ${fixed(rate, 1)} MB/s trên ảnh${source}`,
      goal: '> 15 MB/s (trước đây, giới hạn bởi gzip)',
      met: rate > 15,
    },
    {
      what: 'npm run backup, lần hai (ảnh không đổi)',
      measured:
        `${fixed(second.seconds, 1)} s` +
        (second.newBytes !== undefined
          ? `, ${fixed(megabytes(second.newBytes), 1)} MB mới, ${fixed(megabytes(second.reusedBytes ?? 0), 1)} MB dùng lại`
          : source),
      goal: 'không chép lại ảnh không đổi',
      met: second.newBytes !== undefined ? second.newBytes < uploadBytes / 10 : null,
    },
  ];
}
