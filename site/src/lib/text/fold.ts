/**
 * Folds Vietnamese text for accent-insensitive search, so "hiep hoa" finds "Hiệp Hòa".
 *
 * NFD splits letters from their combining marks (U+0300–U+036F), which are then dropped.
 * "đ"/"Đ" are separate letters, not a "d" with a mark, so NFD leaves them alone: map them by hand.
 */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}
