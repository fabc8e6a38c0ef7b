/**
 * Reader display preferences (font size, high contrast): Thông tư 32/2017/TT-BTTTT Art. 18 asks for a
 * contrast switch, and Vietnamese portals offer A− A A+.
 *
 * Why it lives client-side: pages are cached by URL, so the server HTML must be the same for every reader.
 * The choice is kept in two cookies that an inline script in <head> reads to put classes on <html> before
 * first paint. Without JavaScript the switches submit to /cai-dat-hien-thi, which stores the cookies
 * (so they apply as soon as scripts run) and explains the browser's own zoom and contrast settings.
 * (Kept under lib/seo/ only because that is the module folder of the layout's head markup.)
 */

export const FONT_COOKIE = 'co-chu';
export const CONTRAST_COOKIE = 'tuong-phan';
export const RETURN_PARAM = 'quay-lai';
/** One year: a reader who needs large text needs it on every visit. */
export const PREF_MAX_AGE_S = 365 * 24 * 60 * 60;

export const FONT_SIZES = ['nho', 'vua', 'lon'] as const;
export type FontSize = (typeof FONT_SIZES)[number];
export const CONTRASTS = ['thuong', 'cao'] as const;
export type Contrast = (typeof CONTRASTS)[number];

export const FONT_LABELS: Record<FontSize, string> = { nho: 'Cỡ chữ nhỏ', vua: 'Cỡ chữ mặc định', lon: 'Cỡ chữ lớn' };
export const CONTRAST_LABELS: Record<Contrast, string> = { thuong: 'Độ tương phản thường', cao: 'Độ tương phản cao' };

export function parseFontSize(value: string | null | undefined): FontSize | null {
  return FONT_SIZES.find((v) => v === value) ?? null;
}

export function parseContrast(value: string | null | undefined): Contrast | null {
  return CONTRASTS.find((v) => v === value) ?? null;
}

/**
 * A path on this site to send the reader back to, or '/'. Only "/x" paths are accepted: "//host",
 * "/\host", absolute URLs and control characters could turn the settings page into an open redirect.
 */
export function safeReturnPath(value: string | null | undefined): string {
  if (!value || value.length > 2000 || !value.startsWith('/') || /^\/[/\\]/.test(value)) return '/';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return '/';
  try {
    const base = 'http://local.invalid';
    const url = new URL(value, base);
    if (url.origin !== base) return '/';
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return '/';
  }
}

/**
 * The inline <head> script. Plain ES5 and tiny, because it blocks rendering; it must never throw (a
 * browser with cookies disabled simply gets the defaults).
 */
export const HEAD_SCRIPT = `(function(){try{var c=document.cookie,r=document.documentElement,m=/(?:^|;\\s*)${FONT_COOKIE}=(nho|lon)(?:;|$)/.exec(c);if(m)r.classList.add('co-chu-'+m[1]);if(/(?:^|;\\s*)${CONTRAST_COOKIE}=cao(?:;|$)/.test(c))r.classList.add('tuong-phan-cao');}catch(e){}})();`;
