import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Sharp } from 'sharp';
import { checkUpload, fetchOriginal } from '../cms/uploads.ts';
import { getConfig } from '../config.ts';
import { type ImageFormat, isUploadName } from './plan.ts';

/** Phone photos are large; anything bigger than this is not a web image and is refused. */
const MAX_SOURCE_BYTES = 40 * 1024 * 1024;
const MAX_SOURCE_PIXELS = 80_000_000;
/** Encoding is CPU-bound; more at once only makes every request slower on a small server. */
const MAX_PARALLEL = 2;
/** A file changed under an encoding this many times in a row: give up for this request. */
const MAX_ATTEMPTS = 3;

type SharpModule = typeof import('sharp').default;
let sharpModule: Promise<SharpModule> | null = null;

/**
 * libvips (about 30 MB) is loaded with the first image to encode, not with the purge endpoint or at start.
 * It keeps 50 MB of recent operations and one thread per core by default: memory a small server needs
 * elsewhere. Each encoded size is written to disk once, so the operation cache never pays off here.
 */
function loadSharp(): Promise<SharpModule> {
  sharpModule ??= import('sharp').then(({ default: sharp }) => {
    sharp.cache(false);
    sharp.concurrency(1);
    return sharp;
  });
  return sharpModule;
}

let running = 0;
const waiting: (() => void)[] = [];

async function withSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_PARALLEL) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await work();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

function encoder(image: Sharp, format: ImageFormat): Sharp {
  // Settings chosen for photos of children's activities: small files, no visible artefacts on a phone.
  switch (format) {
    case 'avif':
      return image.avif({ quality: 55, effort: 3 });
    case 'webp':
      return image.webp({ quality: 74, effort: 4 });
    case 'jpeg':
      return image.flatten({ background: '#ffffff' }).jpeg({ quality: 78, mozjpeg: true, progressive: true });
  }
}

function encode(source: Buffer, width: number, format: ImageFormat): Promise<Buffer> {
  return withSlot(async () => {
    const sharp = await loadSharp();
    // rotate() applies the camera's orientation; metadata (GPS position of a phone photo) is dropped.
    return encoder(sharp(source, { limitInputPixels: MAX_SOURCE_PIXELS, pages: 1 }).rotate().resize({ width, withoutEnlargement: true }), format).toBuffer();
  });
}

// ── The cache: <IMAGE_CACHE_DIR>/<stored name>/<version>/<width>.<format> ─────────────────────────────
// One folder per stored name, so a take-down removes every width, format and version at once.

function nameDir(name: string): string {
  return path.join(getConfig().imageCacheDir, name);
}

function cacheFile(name: string, version: string, width: number, format: ImageFormat): string {
  return path.join(nameDir(name), version, `${width}.${format}`);
}

/**
 * Bumped by every purge of a name. An encoding that started before a purge must not write its result
 * afterwards: the purge may be a take-down, and a file written after it would be served forever.
 */
const generations = new Map<string, number>();
const generation = (name: string) => generations.get(name) ?? 0;

type Encoded = Buffer | 'changed' | null;
/** Concurrent first requests for one image share one encoding. */
const inFlight = new Map<string, Promise<Encoded>>();

async function encodeShared(name: string, version: string, width: number, format: ImageFormat, started: number): Promise<Encoded> {
  const original = await fetchOriginal(name, MAX_SOURCE_BYTES);
  if (!original) return null;
  // Replaced between the check and the download: these are not the bytes of `version`.
  if (original.version !== null && original.version !== version) return 'changed';
  const body = await encode(original.body, width, format);
  if (generation(name) !== started) return 'changed';
  const file = cacheFile(name, version, width, format);
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    // Written under a temporary name and renamed, so a crash never leaves half an image in the cache.
    await writeFile(temporary, body);
    await rename(temporary, file);
    // A purge that ran while the file was being written may have missed it.
    if (generation(name) !== started) {
      await rm(file, { force: true });
      return 'changed';
    }
  } catch (error) {
    await rm(temporary, { force: true });
    console.error('[images] could not cache %s: %s', file, error instanceof Error ? error.message : String(error));
  }
  return body;
}

export type ImageAnswer =
  | {
      kind: 'image';
      body: Buffer;
      /** Whether it came from the disk cache rather than being encoded for this request. */
      cached: boolean;
      /** Whether the public may see it (false only for a signed preview of a draft's photo). */
      shared: boolean;
      etag: string;
    }
  /** The file has another version now: the current URL has that version instead. */
  | { kind: 'moved'; version: string }
  | { kind: 'missing' };

const etagOf = (body: Buffer) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
const image = (body: Buffer, cached: boolean, shared: boolean): ImageAnswer => ({ kind: 'image', body, cached, shared, etag: etagOf(body) });

/**
 * One transformed image of one version of a stored file. The public gets it only while published content
 * shows the file (the CMS says so on every cache miss); a cache hit is trusted because every change that
 * could withdraw a file (delete, replace, unpublish, delete of a document) purges its folder first.
 * A signed preview may get a draft's photo, encoded for that request and never cached.
 */
export async function transformedImage(
  name: string,
  width: number,
  format: ImageFormat,
  version: string | null,
  options: { preview?: boolean } = {},
): Promise<ImageAnswer> {
  if (version) {
    try {
      return image(await readFile(cacheFile(name, version, width, format)), true, true);
    } catch {
      // not cached yet
    }
  }
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const started = generation(name);
    const check = await checkUpload(name);
    if (!check || (!check.shown && !options.preview)) return { kind: 'missing' };
    if (check.version !== version) return check.shown ? { kind: 'moved', version: check.version } : { kind: 'missing' };
    if (!check.shown) {
      const original = await fetchOriginal(name, MAX_SOURCE_BYTES);
      return original ? image(await encode(original.body, width, format), false, false) : { kind: 'missing' };
    }
    const key = `${name}/${check.version}/${width}.${format}`;
    let job = inFlight.get(key);
    if (!job) {
      const created = encodeShared(name, check.version, width, format, started).finally(() => {
        if (inFlight.get(key) === created) inFlight.delete(key);
      });
      inFlight.set(key, created);
      job = created;
    }
    const body = await job;
    if (body === null) return { kind: 'missing' };
    if (body !== 'changed') return image(body, false, true);
  }
  return { kind: 'missing' };
}

/**
 * Drops every transformed copy (all widths, formats and versions) of these stored names, and makes
 * encodings already running for them discard their result. Returns how many names were valid.
 */
export async function purgeImages(names: string[]): Promise<number> {
  const valid = [...new Set(names)].filter(isUploadName);
  for (const name of valid) {
    generations.set(name, generation(name) + 1);
    for (const key of inFlight.keys()) if (key.startsWith(`${name}/`)) inFlight.delete(key);
  }
  await Promise.all(valid.map((name) => rm(nameDir(name), { recursive: true, force: true, maxRetries: 3 })));
  return valid.length;
}
