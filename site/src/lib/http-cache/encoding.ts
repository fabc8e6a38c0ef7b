/**
 * Content coding: which answers are compressed, how, and which coding a client gets.
 *
 * Node runs this file directly from src/server.ts (type stripping): no imports that need a build.
 */
import { promisify } from 'node:util';
import zlib from 'node:zlib';

export type Coding = 'br' | 'gzip' | 'identity';

/** HTML, CSS, XML (sitemap, RSS), JSON, plain text, JavaScript and SVG; images and PDFs are compressed already. */
const COMPRESSIBLE = /^(?:text\/|application\/(?:json|xml|rss\+xml|atom\+xml|javascript|manifest\+json)|image\/svg\+xml)/i;

/** Below this, the coding's own overhead eats the gain. */
export const MIN_COMPRESS_BYTES = 512;

export function isCompressible(contentType: string | null | undefined): boolean {
  return !!contentType && COMPRESSIBLE.test(contentType);
}

/**
 * Best coding the client accepts, brotli first. A coding counts when it is listed without `q=0`; the
 * common headers ("gzip, deflate, br, zstd") take the fast branch.
 */
export function preferredCoding(acceptEncoding: string | undefined): Coding {
  if (!acceptEncoding) return 'identity';
  if (!acceptEncoding.includes(';')) {
    if (acceptEncoding.includes('br')) return 'br';
    if (acceptEncoding.includes('gzip')) return 'gzip';
    return 'identity';
  }
  let gzip = false;
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q !== undefined && Number(q.slice(2)) === 0) continue;
    if (name === 'br') return 'br';
    if (name === 'gzip' || name === '*') gzip = true;
  }
  return gzip ? 'gzip' : 'identity';
}

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * Both codings of a body. `level` 'store' is for answers kept in the cache (compressed once, sent many
 * times: worth the best ratio that still costs only milliseconds); 'live' for answers made per request.
 */
export async function compressBoth(body: Uint8Array, level: 'store' | 'live'): Promise<{ br: Buffer; gzip: Buffer }> {
  const quality = level === 'store' ? 9 : 4;
  const [br, gz] = await Promise.all([
    brotli(body, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: quality,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
      },
    }),
    gzip(body, { level: level === 'store' ? 9 : 6 }),
  ]);
  return { br, gzip: gz };
}

export async function compressOne(body: Uint8Array, coding: Exclude<Coding, 'identity'>): Promise<Buffer> {
  if (coding === 'gzip') return gzip(body, { level: 6 });
  return brotli(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT } });
}
