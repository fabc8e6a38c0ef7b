/** Vietnamese quotation marks, “…” (not the French «…» nor straight quotes), around a quoted phrase. */
export function quoted(text: string): string {
  return `\u201C${text.trim()}\u201D`;
}

const number1 = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

/** Strapi stores file sizes in kilobytes. → "0,9 KB", "245 KB", "1,2 MB". */
export function formatFileSize(sizeKb: number | null | undefined): string {
  if (typeof sizeKb !== 'number' || !Number.isFinite(sizeKb) || sizeKb < 0) return '';
  if (sizeKb >= 1024) return `${number1.format(sizeKb / 1024)} MB`;
  return `${number1.format(sizeKb)} KB`;
}

const MIME_LABELS: Record<string, string> = {
  'application/pdf': 'PDF',
  'application/msword': 'DOC',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.ms-excel': 'XLS',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
  'image/jpeg': 'JPG',
  'image/png': 'PNG',
};

/** Short file type readers recognise ("PDF", "DOCX"), from the extension or else the MIME type. */
export function fileTypeLabel(ext: string | null | undefined, mime: string | null | undefined): string {
  const fromExt = (ext ?? '').replace(/^\./, '').toUpperCase();
  if (/^[A-Z0-9]{1,6}$/.test(fromExt)) return fromExt;
  return (mime && MIME_LABELS[mime]) || 'Tệp';
}

const integer = new Intl.NumberFormat('vi-VN');

export function formatInteger(value: number): string {
  return integer.format(value);
}

const percent = new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 2 });

/** 0.99951 → "99,95 %"; null (no data) → "chưa có số liệu". */
export function formatPercent(fraction: number | null | undefined): string {
  return typeof fraction === 'number' && Number.isFinite(fraction) ? percent.format(Math.floor(fraction * 10_000) / 10_000) : 'chưa có số liệu';
}

/** 95 → "1 giờ 35 phút", 3 → "3 phút", 0.4 → "dưới 1 phút". */
export function formatMinutes(minutes: number): string {
  if (minutes < 1) return 'dưới 1 phút';
  const whole = Math.round(minutes);
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  if (hours === 0) return `${rest} phút`;
  return rest === 0 ? `${integer.format(hours)} giờ` : `${integer.format(hours)} giờ ${rest} phút`;
}
