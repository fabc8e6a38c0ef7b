import { describe, expect, it } from 'vitest';
import { ALLOWED_EXTENSIONS, detectFamily } from '../../cms/src/uploads/file-guard.ts';

const bytes = (text: string) => Uint8Array.from(Buffer.from(text, 'latin1'));

describe('upload content detection', () => {
  it.each([
    ['JPEG', Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'jpeg'],
    ['PNG', bytes('\x89PNG\r\n\x1a\n\0\0'), 'png'],
    ['GIF', bytes('GIF89a\x01\x00'), 'gif'],
    ['WebP', bytes('RIFF\x10\0\0\0WEBPVP8 '), 'webp'],
    ['AVIF', bytes('\0\0\0\x1cftypavif\0\0'), 'avif'],
    ['PDF', bytes('%PDF-1.7\n'), 'pdf'],
    ['DOCX/XLSX (zip)', bytes('PK\x03\x04\x14\0'), 'ooxml'],
  ])('recognises %s by its first bytes', (_name, head, family) => {
    expect(detectFamily(head)).toBe(family);
  });

  it('does not recognise HTML, SVG or plain text', () => {
    expect(detectFamily(bytes('<html><script>'))).toBeNull();
    expect(detectFamily(bytes('<svg xmlns="http://www.w3.org/2000/svg">'))).toBeNull();
    expect(detectFamily(bytes('xin chào'))).toBeNull();
  });

  it('allows no extension that a browser would run', () => {
    for (const extension of ['.html', '.htm', '.svg', '.js', '.exe', '.doc', '.zip']) {
      expect(ALLOWED_EXTENSIONS[extension]).toBeUndefined();
    }
  });
});
