/**
 * What the Ban giám hiệu reads when comparing two versions of an item: each field as text, and the words
 * removed from the older one and added in the newer one. Pure: no Strapi, unit-tested.
 *
 * Snapshots (./revisions.ts) keep values as stored, with media as `{ $media: id, name }` and relations as
 * `{ $doc: documentId, label }`, so that the same snapshot can both be shown and restored.
 */

export type Snapshot = Record<string, unknown>;

export interface Segment {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

export interface FieldDiff {
  field: string;
  label: string;
  changed: boolean;
  /** The older version's text: `same` and `removed` segments. */
  before: Segment[];
  /** The newer version's text: `same` and `added` segments. */
  after: Segment[];
}

interface Media {
  $media: number;
  name?: string;
}
interface DocRef {
  $doc: string;
  label?: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isMedia = (value: unknown): value is Media => isRecord(value) && typeof value.$media === 'number';
const isDocRef = (value: unknown): value is DocRef => isRecord(value) && typeof value.$doc === 'string';

/** Text of Strapi's blocks (rich text): one paragraph per block, list items as "• ", links by their text. */
function blocksText(blocks: unknown[]): string {
  const inline = (children: unknown): string =>
    Array.isArray(children)
      ? children.map((child) => (isRecord(child) ? (typeof child.text === 'string' ? child.text : inline(child.children)) : '')).join('')
      : '';
  const block = (node: unknown): string => {
    if (!isRecord(node)) return '';
    if (node.type === 'list' && Array.isArray(node.children)) return node.children.map((item) => `• ${inline(isRecord(item) ? item.children : [])}`).join('\n');
    if (node.type === 'image' && isRecord(node.image)) return `[Ảnh: ${String(node.image.alternativeText ?? node.image.name ?? '')}]`;
    return inline(node.children);
  };
  return blocks.map(block).join('\n\n');
}

const looksLikeBlocks = (value: unknown[]): boolean =>
  value.length > 0 && value.every((node) => isRecord(node) && typeof node.type === 'string' && 'children' in node);

/** A stored value as a person reads it. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (isMedia(value)) return value.name ?? `Tệp #${value.$media}`;
  if (isDocRef(value)) return value.label ?? value.$doc;
  if (Array.isArray(value)) {
    if (looksLikeBlocks(value)) return blocksText(value);
    return value.map(valueText).join('\n');
  }
  if (isRecord(value)) {
    // A component: its fields in order, one line.
    return Object.entries(value)
      .filter(([key]) => key !== 'id' && key !== '__component')
      .map(([, inner]) => valueText(inner))
      .filter((text) => text !== '')
      .join(' · ');
  }
  return String(value);
}

/** Words and the spaces between them, so that joining the tokens gives back the text exactly. */
const tokens = (text: string): string[] => text.match(/\s+|[^\s]+/g) ?? [];

/** Above this many tokens on both sides the word table would be too large: lines are compared instead. */
const MAX_CELLS = 4_000_000;

function merge(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const segment of segments) {
    const last = out[out.length - 1];
    if (last && last.kind === segment.kind) last.text += segment.text;
    else if (segment.text !== '') out.push({ ...segment });
  }
  return out;
}

/** Longest common subsequence of two token lists, as the two sides' segments. */
function compare(a: string[], b: string[]): { before: Segment[]; after: Segment[] } {
  const n = a.length;
  const m = b.length;
  const table = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * (m + 1) + j] =
        a[i] === b[j] ? (table[(i + 1) * (m + 1) + j + 1] ?? 0) + 1 : Math.max(table[(i + 1) * (m + 1) + j] ?? 0, table[i * (m + 1) + j + 1] ?? 0);
    }
  }
  const before: Segment[] = [];
  const after: Segment[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      before.push({ kind: 'same', text: a[i] as string });
      after.push({ kind: 'same', text: b[j] as string });
      i++;
      j++;
    } else if ((table[(i + 1) * (m + 1) + j] ?? 0) >= (table[i * (m + 1) + j + 1] ?? 0)) {
      before.push({ kind: 'removed', text: a[i++] as string });
    } else {
      after.push({ kind: 'added', text: b[j++] as string });
    }
  }
  while (i < n) before.push({ kind: 'removed', text: a[i++] as string });
  while (j < m) after.push({ kind: 'added', text: b[j++] as string });
  return { before: merge(before), after: merge(after) };
}

/** The words (or, for very long texts, the lines) removed from `older` and added in `newer`. */
export function textDiff(older: string, newer: string): { before: Segment[]; after: Segment[] } {
  if (older === newer) return { before: merge([{ kind: 'same', text: older }]), after: merge([{ kind: 'same', text: newer }]) };
  let a = tokens(older);
  let b = tokens(newer);
  if ((a.length + 1) * (b.length + 1) > MAX_CELLS) {
    a = older.split(/(?<=\n)/);
    b = newer.split(/(?<=\n)/);
  }
  return compare(a, b);
}

/**
 * Field by field, in the order of `labels` (the admin's labels of the type), then any other field either
 * snapshot has. Fields empty in both are left out.
 */
export function snapshotDiff(older: Snapshot, newer: Snapshot, labels: Record<string, string>): FieldDiff[] {
  const fields = [...new Set([...Object.keys(labels), ...Object.keys(older), ...Object.keys(newer)])].filter((field) => field in older || field in newer);
  const out: FieldDiff[] = [];
  for (const field of fields) {
    const before = valueText(older[field]);
    const after = valueText(newer[field]);
    if (before === '' && after === '') continue;
    out.push({ field, label: labels[field] ?? field, changed: before !== after, ...textDiff(before, after) });
  }
  return out;
}

/** JSON with keys in one order: PostgreSQL's jsonb gives a stored snapshot back with its keys reordered. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
