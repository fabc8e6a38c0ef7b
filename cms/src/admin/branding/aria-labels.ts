/**
 * Screen-reader labels Strapi writes in English without a translation id, so vi.json cannot reach them:
 * - the content manager's status badge (lists, home widgets, edit view) is labelled with the raw status
 *   ("draft", "published", "modified") while it shows the Vietnamese word;
 * - the design system's date-and-time field labels its halves "Choose date" / "Choose time" and its
 *   clear buttons "<clear label> date" / "<clear label> time", as Strapi passes no labels of its own.
 * A screen reader would read the English, so each such label is rewritten whenever React writes it.
 */
const STATUS_LABELS: Record<string, string> = {
  draft: 'Bản nháp',
  published: 'Đã đăng',
  modified: 'Đã sửa',
};
const FIXED_LABELS: Record<string, string> = {
  'Choose date': 'Chọn ngày',
  'Choose time': 'Chọn giờ',
};
const VIETNAMESE_LETTER = /[À-ỹĐđ]/;
// "Xóa date": the Vietnamese clear label followed by Strapi's English word.
const CLEAR_SUFFIX = /^(.*\S) (date|time)$/;

/** The Vietnamese for an English label Strapi hardcodes, or undefined when the label is fine. */
export function vietnameseLabel(label: string, role: string | null, text: string): string | undefined {
  if (role === 'status' && STATUS_LABELS[label]) return text || STATUS_LABELS[label];
  if (FIXED_LABELS[label]) return FIXED_LABELS[label];
  const clear = CLEAR_SUFFIX.exec(label);
  if (clear?.[1] && VIETNAMESE_LETTER.test(clear[1])) return `${clear[1]} ${clear[2] === 'date' ? 'ngày' : 'giờ'}`;
  return undefined;
}

function relabel(element: Element): void {
  const label = element.getAttribute('aria-label');
  if (!label) return;
  const vietnamese = vietnameseLabel(label, element.getAttribute('role'), element.textContent?.trim() ?? '');
  if (vietnamese && vietnamese !== label) element.setAttribute('aria-label', vietnamese);
}

let installed = false;

export function translateStrapiAriaLabels(): void {
  if (installed || typeof MutationObserver === 'undefined') return;
  installed = true;
  new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      if (mutation.type === 'attributes') relabel(mutation.target as Element);
      else
        for (const node of Array.from(mutation.addedNodes))
          if (node instanceof Element) for (const element of [node, ...Array.from(node.querySelectorAll('[aria-label]'))]) relabel(element);
    }
  }).observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-label'] });
}
