import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { getConfig } from '../config.ts';
import { cmsGetUpload } from '../cms/http.ts';
import type { ImageFormat } from './plan.ts';

/** Phone photos are large; anything bigger than this is not a web image and is refused. */
const MAX_SOURCE_BYTES = 40 * 1024 * 1024;
const MAX_SOURCE_PIXELS = 80_000_000;
/** Encoding is CPU-bound; more at once only makes every request slower on a small server. */
const MAX_PARALLEL = 2;

const inFlight = new Map<string, Promise<Buffer | null>>();
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

async function encode(name: string, width: number, format: ImageFormat): Promise<Buffer | null> {
  const source = await cmsGetUpload(name, MAX_SOURCE_BYTES);
  if (!source) return null;
  return withSlot(() =>
    // rotate() applies the camera's orientation; metadata (GPS position of a phone photo) is dropped.
    encoder(sharp(source, { limitInputPixels: MAX_SOURCE_PIXELS, pages: 1 }).rotate().resize({ width, withoutEnlargement: true }), format).toBuffer(),
  );
}

export interface TransformedImage {
  body: Buffer;
  /** Whether it came from the disk cache rather than being encoded for this request. */
  cached: boolean;
}

/**
 * One transformed image, encoded at most once: later requests read the file from the cache folder;
 * concurrent first requests share one encoding. The file is written under a temporary name and
 * renamed, so a crash never leaves half an image in the cache. Null when the original does not exist.
 */
export async function transformedImage(name: string, width: number, format: ImageFormat): Promise<TransformedImage | null> {
  const file = path.join(getConfig().imageCacheDir, String(width), format, name);
  try {
    return { body: await readFile(file), cached: true };
  } catch {
    // not cached yet
  }
  let job = inFlight.get(file);
  if (!job) {
    job = (async () => {
      const body = await encode(name, width, format);
      if (body) {
        await mkdir(path.dirname(file), { recursive: true });
        const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
        try {
          await writeFile(temporary, body);
          await rename(temporary, file);
        } catch (error) {
          await rm(temporary, { force: true });
          console.error('[images] could not cache %s: %s', file, error instanceof Error ? error.message : String(error));
        }
      }
      return body;
    })().finally(() => inFlight.delete(file));
    inFlight.set(file, job);
  }
  const body = await job;
  return body ? { body, cached: false } : null;
}
