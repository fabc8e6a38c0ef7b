/** The fixed search queries: words of the generated text, each with and without its marks (as parents type on phones). */
const TERMS = [
  'hội thi bé khỏe',
  'dinh dưỡng',
  'khám sức khỏe',
  'tuyển sinh',
  'trung thu',
  'chuyển đổi số',
  'bánh chưng',
  'an toàn thực phẩm',
  'kế hoạch',
  'quyết định',
  'thực đơn',
  'canh cua',
  'trồng cây',
  'văn hóa đọc',
  'kỹ năng sống',
  'giáo viên dạy giỏi',
  'lớp chồi',
  'hiệp hòa',
  'phụ huynh',
  'STEAM',
];

const unmarked = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd');

export const SEARCH_QUERIES: readonly string[] = [...new Set(TERMS.flatMap((term) => [term, unmarked(term)]))];

export function searchPath(query: string): string {
  return `/tim-kiem?q=${encodeURIComponent(query)}`;
}
