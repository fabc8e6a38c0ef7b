import path from 'node:path';
import { deflateRawSync } from 'node:zlib';

/**
 * Photos, videos, office documents and archives are already compressed: gzip spends most of a backup's
 * time on them and gains nothing. They are stored as they are; everything else (SVG, text, CSV, old
 * .doc, BMP…) is gzipped before encryption. Judged by the first bytes first, since an upload's name
 * can lie, then by the extension, and for an unknown format by a quick trial: if its first 64 KiB
 * do not shrink by 5 % at the fastest deflate level, the rest will not either.
 */

export const SAMPLE_BYTES = 64 * 1024;

const MAGIC: [offset: number, bytes: string][] = [
  [0, 'ffd8ff'], // JPEG
  [0, '89504e47'], // PNG
  [0, '47494638'], // GIF
  [0, '25504446'], // PDF (its streams are deflated)
  [0, '504b0304'], // ZIP: docx, xlsx, pptx, odt, epub, zip
  [0, '1f8b'], // gzip
  [0, '425a68'], // bzip2
  [0, 'fd377a585a00'], // xz
  [0, '377abcaf271c'], // 7z
  [0, '526172211a07'], // rar
  [0, '28b52ffd'], // zstd
  [0, '1a45dfa3'], // Matroska, WebM
  [0, '4f676753'], // Ogg
  [0, '664c6143'], // FLAC
  [0, '494433'], // MP3 with ID3
  [0, 'fffb'], // MP3
  [0, '774f4632'], // WOFF2
  [0, '774f4646'], // WOFF
  [4, '66747970'], // ISO media "ftyp": MP4, MOV, M4A, AVIF, HEIC
];

const EXTENSIONS = new Set([
  '.jpg',
  '.jpeg',
  '.png',
  '.gif',
  '.webp',
  '.avif',
  '.heic',
  '.heif',
  '.jxl',
  '.mp4',
  '.m4v',
  '.mov',
  '.webm',
  '.mkv',
  '.mp3',
  '.m4a',
  '.aac',
  '.ogg',
  '.opus',
  '.flac',
  '.pdf',
  '.zip',
  '.gz',
  '.tgz',
  '.bz2',
  '.xz',
  '.7z',
  '.rar',
  '.zst',
  '.docx',
  '.xlsx',
  '.pptx',
  '.odt',
  '.ods',
  '.odp',
  '.epub',
  '.woff',
  '.woff2',
]);

function startsWith(head: Uint8Array, offset: number, hex: string): boolean {
  const bytes = Buffer.from(hex, 'hex');
  if (head.length < offset + bytes.length) return false;
  return bytes.every((byte, i) => head[offset + i] === byte);
}

/** True when the file should be stored without gzip. `head` is the file's first bytes (up to SAMPLE_BYTES). */
export function alreadyCompressed(name: string, head: Uint8Array): boolean {
  if (MAGIC.some(([offset, hex]) => startsWith(head, offset, hex))) return true;
  // RIFF containers: WebP is compressed, WAV and AVI usually are not.
  if (startsWith(head, 0, '52494646') && startsWith(head, 8, '57454250')) return true;
  if (EXTENSIONS.has(path.extname(name).toLowerCase())) return true;
  return head.length >= 4096 && deflateRawSync(head, { level: 1 }).length > head.length * 0.95;
}
