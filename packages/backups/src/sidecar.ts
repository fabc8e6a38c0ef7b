import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { SIDECAR } from './names.ts';

/**
 * A small plaintext note next to each archive, written once the archive was verified: what `list`
 * shows without the passphrase. It holds counts and checksums only, never content or secrets.
 */
export interface Sidecar {
  /** Absent in notes of format-1 archives (uploads inside the archive). */
  formatVersion?: 2;
  archive: string;
  size: number;
  sha256: string;
  createdAt: string;
  verifiedAt: string;
  files: number;
  plainBytes: number;
  database: 'sqlite' | 'postgres';
  documents: number;
  /** Format 2: upload files and bytes, of which new in the object store with this backup. */
  uploadFiles?: number;
  uploadBytes?: number;
  newBytes?: number;
}

export function writeSidecar(archiveFile: string, sidecar: Sidecar): void {
  writeFileSync(archiveFile + SIDECAR, `${JSON.stringify(sidecar, null, 2)}\n`, { mode: 0o600 });
}

export function readSidecar(archiveFile: string): Sidecar | null {
  if (!existsSync(archiveFile + SIDECAR)) return null;
  try {
    return JSON.parse(readFileSync(archiveFile + SIDECAR, 'utf8')) as Sidecar;
  } catch {
    return null;
  }
}
