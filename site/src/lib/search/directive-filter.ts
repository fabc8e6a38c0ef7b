/**
 * The /van-ban filter form's query string: loai, co-quan, nam, hieu-luc, q. Values that cannot be valid
 * (a type the schema does not have, a year that is not a year) are dropped, not errors: a reader who
 * edits the address gets the unfiltered register rather than an error page.
 */
import type { DirectiveFilter, DirectiveRef, ValidityFilter } from '../cms/index.ts';

/** The schema's docType enum, in its order; `satisfies` keeps it in step with the generated types. */
export const DOC_TYPES = [
  'Quyết định',
  'Kế hoạch',
  'Công văn',
  'Thông báo',
  'Quy chế',
  'Nghị quyết',
  'Chỉ thị',
  'Hướng dẫn',
  'Nghị định',
  'Thông tư',
  'Luật',
  'Báo cáo',
  'Văn bản khác',
] as const satisfies readonly NonNullable<DirectiveRef['docType']>[];

export const VALIDITY_OPTIONS: { value: ValidityFilter; label: string }[] = [
  { value: 'con', label: 'Còn hiệu lực' },
  { value: 'het', label: 'Hết hiệu lực' },
];

export const MAX_FILTER_TEXT = 100;

export const FILTER_PARAMS = ['loai', 'co-quan', 'nam', 'hieu-luc', 'q'] as const;

export interface ParsedDirectiveFilter {
  filter: DirectiveFilter;
  /** True when at least one filter applies. */
  active: boolean;
}

export function parseDirectiveFilter(params: URLSearchParams): ParsedDirectiveFilter {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters in a query string become spaces.
  const get = (name: string): string => (params.get(name) ?? '').replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  const loai = get('loai');
  const docType = DOC_TYPES.find((t) => t === loai);
  const issuer = get('co-quan').slice(0, 200) || undefined;
  const yearText = get('nam');
  const year = /^(19|20)\d{2}$/.test(yearText) ? Number(yearText) : undefined;
  const validityText = get('hieu-luc');
  const validity = VALIDITY_OPTIONS.find((o) => o.value === validityText)?.value;
  const text = get('q').slice(0, MAX_FILTER_TEXT) || undefined;
  const filter: DirectiveFilter = { docType, issuer, year, validity, text };
  return { filter, active: Object.values(filter).some((v) => v !== undefined) };
}
