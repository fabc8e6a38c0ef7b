import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { PassThrough, pipeline as pipe, type Readable, Transform } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import * as tar from 'tar';
import { type ArchiveSecret, decryptStream, encryptStream, explainDecryptError } from './crypto.ts';
import { BackupError } from './errors.ts';
import { syncPath } from './fsutil.ts';
import { isSecretMember, MANIFEST_PATH, type Manifest, parseManifest } from './manifest.ts';
import type { Progress } from './progress.ts';

/**
 * Archive layout: age( gzip( tar ) ). The tar's first member is manifest.json, so a reader knows every
 * expected path, size and hash before it meets the data and can reject anything else on the way.
 */

function counter(onBytes: (bytes: number) => void): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      onBytes(chunk.length);
      callback(null, chunk);
    },
  });
}

/**
 * Writes `members` (paths relative to `cwd`, manifest first) as an encrypted archive at `file`
 * (created exclusively, mode 600, synced to disk). Returns the sha256 of the encrypted bytes and the
 * archive's file key (for the check that follows, without a second scrypt).
 */
export async function writeArchive(
  cwd: string,
  members: string[],
  file: string,
  passphrase: string,
  progress: Progress,
): Promise<{ sha256: string; fileKey: Buffer }> {
  const pack = tar.c({ cwd, portable: true, noDirRecurse: true, strict: true, onWriteEntry: () => progress.add(0, 1) }, members);
  const plain = new PassThrough();
  pack.on('error', (error: unknown) => plain.destroy(error as Error));
  pack.pipe(plain);
  const gzipped = pipe(
    plain,
    counter((bytes) => progress.add(bytes)),
    createGzip({ level: 6 }),
    () => undefined,
  );
  const sealed = await encryptStream(gzipped, passphrase);
  const hash = createHash('sha256');
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  await pipeline(sealed, hashing, createWriteStream(file, { flags: 'wx', mode: 0o600 }));
  await syncPath(file);
  progress.finish();
  return { sha256: hash.digest('hex'), fileKey: sealed.fileKey };
}

export interface ReadResult {
  manifest: Manifest;
  files: number;
  bytes: number;
}

/**
 * Decrypts and reads a whole archive, checking every member against the manifest (path, size, sha256)
 * and that none is missing or extra. `destination(member)` names a file to write the member to, or null
 * to only check it. Throws BackupError on the first problem; the caller discards what was written.
 */
export async function readArchive(
  file: string,
  passphrase: ArchiveSecret,
  destination: (member: string) => string | null,
  progress?: Progress,
): Promise<ReadResult> {
  let manifest: Manifest | null = null;
  let problem: Error | null = null;
  const pending: Promise<void>[] = [];
  const seen = new Set<string>();
  let bytes = 0;
  const fail = (error: Error) => {
    problem ??= error;
  };

  const parser = new tar.Parser({
    strict: true,
    onReadEntry(entry) {
      if (problem) return entry.resume();
      const member = entry.path;
      if (!manifest) {
        if (member !== MANIFEST_PATH || entry.type !== 'File' || entry.size > 64 * 1024 * 1024) {
          fail(new BackupError('Tệp sao lưu không bắt đầu bằng bản kê manifest.json: không phải bản sao lưu của cổng thông tin.'));
          return entry.resume();
        }
        const chunks: Buffer[] = [];
        entry.on('data', (chunk: Buffer) => chunks.push(chunk));
        entry.on('end', () => {
          try {
            manifest = parseManifest(Buffer.concat(chunks).toString('utf8'));
            progress?.setTotals(
              manifest.files.reduce((sum, f) => sum + f.size, 0),
              manifest.files.length,
            );
          } catch (error) {
            fail(error as Error);
          }
        });
        return;
      }
      const expected = manifest.files.find((f) => f.path === member);
      if (!expected || entry.type !== 'File' || seen.has(member)) {
        fail(new BackupError(`Tệp sao lưu chứa mục không có trong bản kê: ${member}.`));
        return entry.resume();
      }
      seen.add(member);
      const target = destination(member);
      const hash = createHash('sha256');
      let size = 0;
      // Listeners first, synchronously: the parser writes the body only after this callback returns.
      const ended = new Promise<void>((resolve) => entry.on('end', () => resolve()));
      entry.on('data', (chunk: Buffer) => {
        hash.update(chunk);
        size += chunk.length;
        bytes += chunk.length;
        progress?.add(chunk.length);
      });
      let written: Promise<void> = ended;
      if (target) {
        mkdirSync(path.dirname(target), { recursive: true });
        const out = createWriteStream(target, { flags: 'wx', mode: isSecretMember(member) ? 0o600 : 0o644 });
        written = finished(out);
        entry.pipe(out);
      } else {
        entry.resume();
      }
      const done = (async () => {
        await ended;
        await written;
        progress?.add(0, 1);
        if (size !== expected.size || hash.digest('hex') !== expected.sha256) {
          throw new BackupError(`Tệp ${member} trong bản sao lưu không khớp mã kiểm tra sha256: tệp sao lưu đã bị sửa hoặc hỏng.`);
        }
      })();
      done.catch(fail);
      pending.push(done);
    },
  });
  parser.on('warn', (code: string, message: string) => fail(new BackupError(`Tệp sao lưu hỏng (tar: ${code} ${message}).`)));
  parser.on('error', (error: Error) => fail(new BackupError(`Tệp sao lưu hỏng (tar: ${error.message}).`)));

  try {
    const plain = pipe(await decryptStream(createReadStream(file), passphrase), createGunzip(), () => undefined) as Readable;
    for await (const chunk of plain) {
      if (problem) break;
      if (!parser.write(chunk as Buffer)) await once(parser, 'drain');
    }
    // After a failure some members never end; the caller discards the whole folder, so do not wait for them.
    if (!problem) {
      parser.end();
      await Promise.allSettled(pending);
    }
  } catch (error) {
    fail(
      /incorrect header check|unexpected end of file|zlib/i.test((error as Error).message)
        ? new BackupError(`Tệp sao lưu hỏng (gzip: ${(error as Error).message}).`)
        : explainDecryptError(error),
    );
  }
  if (problem) throw problem;
  const found = manifest as Manifest | null;
  if (!found) throw new BackupError('Tệp sao lưu không có bản kê manifest.json.');
  const missing = found.files.filter((f) => !seen.has(f.path));
  if (missing.length > 0) {
    throw new BackupError(`Tệp sao lưu thiếu ${missing.length} tệp có trong bản kê (ví dụ ${missing[0]!.path}): có thể đã bị cắt cụt.`);
  }
  progress?.finish();
  return { manifest: found, files: seen.size, bytes };
}

/**
 * Only the manifest (the archive's first member): decrypts and unpacks just far enough to read it, so
 * the next backup learns the previous uploads' hashes without reading the database again.
 */
export async function readManifestOnly(file: string, passphrase: string): Promise<Manifest> {
  let manifest: Manifest | null = null;
  let problem: Error | null = null;
  const parser = new tar.Parser({
    strict: true,
    onReadEntry(entry) {
      if (manifest || problem || entry.path !== MANIFEST_PATH || entry.size > 64 * 1024 * 1024) {
        problem ??= manifest ? null : new BackupError('Tệp sao lưu không bắt đầu bằng bản kê manifest.json: không phải bản sao lưu của cổng thông tin.');
        return entry.resume();
      }
      const chunks: Buffer[] = [];
      entry.on('data', (chunk: Buffer) => chunks.push(chunk));
      entry.on('end', () => {
        try {
          manifest = parseManifest(Buffer.concat(chunks).toString('utf8'));
        } catch (error) {
          problem = error as Error;
        }
      });
    },
  });
  parser.on('error', (error: Error) => {
    problem ??= new BackupError(`Tệp sao lưu hỏng (tar: ${error.message}).`);
  });
  const source = createReadStream(file);
  try {
    const plain = pipe(await decryptStream(source, passphrase), createGunzip(), () => undefined) as Readable;
    for await (const chunk of plain) {
      parser.write(chunk as Buffer);
      if (manifest || problem) break;
    }
  } catch (error) {
    problem ??= explainDecryptError(error);
  } finally {
    source.destroy();
  }
  if (manifest) return manifest;
  throw problem ?? new BackupError('Tệp sao lưu không có bản kê manifest.json.');
}
