/**
 * /favicon.ico, which browsers and crawlers ask for whatever the page links: drawn from public/favicon.svg
 * by the build (astro.config.mjs), so the server neither renders a 404 page for it nor loads libvips.
 */
import { readFile, writeFile } from 'node:fs/promises';

/** A Windows icon holding one PNG: the format allows it, and every browser reads it. */
export function icoFromPng(png: Uint8Array, size: number): Buffer {
  const header = Buffer.alloc(22);
  // ICONDIR (reserved, type 1 = icon, one image), then its ICONDIRENTRY: size, planes, bits, length, offset.
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(1, 4);
  header.writeUInt8(size >= 256 ? 0 : size, 6);
  header.writeUInt8(size >= 256 ? 0 : size, 7);
  header.writeUInt16LE(1, 10);
  header.writeUInt16LE(32, 12);
  header.writeUInt32LE(png.byteLength, 14);
  header.writeUInt32LE(22, 18);
  return Buffer.concat([header, png]);
}

/** Writes `<clientDir>/favicon.ico` from the SVG icon. */
export async function writeFaviconIco(svgFile: URL, clientDir: URL): Promise<void> {
  const { default: sharp } = await import('sharp');
  const png = await sharp(await readFile(svgFile), { density: 300 })
    .resize(48, 48)
    .png()
    .toBuffer();
  await writeFile(new URL('favicon.ico', clientDir), icoFromPng(png, 48));
}
