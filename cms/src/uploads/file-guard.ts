import { open } from 'node:fs/promises';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

type Family = 'jpeg' | 'png' | 'gif' | 'webp' | 'avif' | 'pdf' | 'ooxml';

// Attachments are documents parents open: PDF, Word, Excel, and photos. Nothing that a browser
// could run (HTML, SVG with script) and nothing whose bytes disagree with its name.
export const ALLOWED_EXTENSIONS: Record<string, Family> = {
  '.jpg': 'jpeg',
  '.jpeg': 'jpeg',
  '.png': 'png',
  '.gif': 'gif',
  '.webp': 'webp',
  '.avif': 'avif',
  '.pdf': 'pdf',
  '.docx': 'ooxml',
  '.xlsx': 'ooxml',
};

export const ALLOWED_MIME_TYPES = [
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/avif',
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];

export function detectFamily(head: Uint8Array): Family | null {
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (ascii(0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a') return 'gif';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (ascii(4, 8) === 'ftyp' && ['avif', 'avis'].includes(ascii(8, 12))) return 'avif';
  if (ascii(0, 5) === '%PDF-') return 'pdf';
  if (ascii(0, 4) === 'PK\x03\x04') return 'ooxml';
  return null;
}

export interface IncomingFile {
  originalFilename?: string | null;
  filepath?: string;
  size?: number;
}

export function maxUploadBytes(): number {
  const configured = Number(process.env.UPLOAD_MAX_BYTES);
  return Number.isFinite(configured) && configured > 0 ? configured : 20 * 1024 * 1024;
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;
}

/** Throws a Vietnamese ValidationError unless every file is an allowed type whose bytes match its name. */
export async function assertAllowedFiles(files: IncomingFile | IncomingFile[] | undefined): Promise<void> {
  const list = Array.isArray(files) ? files : files ? [files] : [];
  const limit = maxUploadBytes();
  for (const file of list) {
    const name = file.originalFilename ?? 'tệp không tên';
    const expected = ALLOWED_EXTENSIONS[path.extname(name).toLowerCase()];
    if (!expected) {
      throw new errors.ValidationError(`Tệp "${name}" không được phép. Chỉ nhận ảnh (JPG, PNG, GIF, WebP, AVIF), PDF, Word (DOCX) và Excel (XLSX).`);
    }
    if ((file.size ?? 0) > limit) {
      throw new errors.ValidationError(`Tệp "${name}" quá lớn: tối đa ${formatMegabytes(limit)}.`);
    }
    if (!file.filepath) throw new errors.ValidationError(`Không đọc được nội dung tệp "${name}".`);
    const handle = await open(file.filepath, 'r');
    const head = Buffer.alloc(16);
    try {
      await handle.read(head, 0, 16, 0);
    } finally {
      await handle.close();
    }
    if (detectFamily(head) !== expected) {
      throw new errors.ValidationError(`Nội dung tệp "${name}" không đúng với loại tệp. Tệp đã bị từ chối.`);
    }
  }
}

interface UploadService {
  upload(args: { data: unknown; files: IncomingFile | IncomingFile[] }, opts?: unknown): Promise<unknown>;
  replace(id: unknown, args: { data: unknown; file: IncomingFile }, opts?: unknown): Promise<unknown>;
}

/** Every upload path (admin media library, REST, seeder) goes through these two service methods. */
export function guardUploads(strapi: Core.Strapi): void {
  const service = strapi.plugin('upload').service('upload') as unknown as UploadService;
  const upload = service.upload.bind(service);
  const replace = service.replace.bind(service);
  service.upload = async (args, opts) => {
    await assertAllowedFiles(args.files);
    return upload(args, opts);
  };
  service.replace = async (id, args, opts) => {
    await assertAllowedFiles(args.file);
    return replace(id, args, opts);
  };
}
