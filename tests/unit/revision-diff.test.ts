import { describe, expect, it } from 'vitest';
import { canonical, snapshotDiff, textDiff, valueText } from '../../cms/src/workflow/revision-diff.ts';
import { publicationDates } from '../../site/src/lib/last-update.ts';

const joined = (segments: { kind: string; text: string }[], kinds: string[]) =>
  segments
    .filter((s) => kinds.includes(s.kind))
    .map((s) => s.text)
    .join('');

describe('comparing two versions of an item', () => {
  it('marks the words removed from the older text and the words added in the newer one, keeping the rest', () => {
    const { before, after } = textDiff('Bé vui hội chợ quê hương', 'Bé vui ngày hội quê hương');
    expect(joined(before, ['same', 'removed'])).toBe('Bé vui hội chợ quê hương');
    expect(joined(after, ['same', 'added'])).toBe('Bé vui ngày hội quê hương');
    expect(joined(before, ['removed'])).toContain('chợ');
    expect(joined(after, ['added'])).toContain('ngày');
    expect(joined(before, ['removed'])).not.toContain('quê');
    expect(before.every((s) => s.kind !== 'added')).toBe(true);
    expect(after.every((s) => s.kind !== 'removed')).toBe(true);
  });

  it('shows an unchanged text as one unchanged piece on both sides', () => {
    expect(textDiff('Giữ nguyên', 'Giữ nguyên')).toEqual({ before: [{ kind: 'same', text: 'Giữ nguyên' }], after: [{ kind: 'same', text: 'Giữ nguyên' }] });
  });

  it('compares very long texts line by line instead of word by word, and still finds the changed line', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `Dòng số ${i} của văn bản dài`);
    const newer = [...lines];
    newer[1500] = 'Dòng đã sửa';
    const { before, after } = textDiff(lines.join('\n'), newer.join('\n'));
    expect(joined(before, ['removed'])).toBe('Dòng số 1500 của văn bản dài\n');
    expect(joined(after, ['added'])).toBe('Dòng đã sửa\n');
  });

  it('reads rich text, files, related items, yes/no and components as a person would', () => {
    const blocks = [
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'Đoạn một ' },
          { type: 'link', url: 'https://x.vn', children: [{ type: 'text', text: 'liên kết' }] },
        ],
      },
      { type: 'list', format: 'unordered', children: [{ type: 'list-item', children: [{ type: 'text', text: 'ý a' }] }] },
    ];
    expect(valueText(blocks)).toBe('Đoạn một liên kết\n\n• ý a');
    expect(valueText([{ $media: 3, name: 'anh-bia.jpg' }])).toBe('anh-bia.jpg');
    expect(valueText({ $doc: 'abc', label: 'Bản tin' })).toBe('Bản tin');
    expect(valueText(true)).toBe('Có');
    expect(valueText([{ id: 7, day: 'Thứ Hai', lunch: 'Cơm, canh cua' }])).toBe('Thứ Hai · Cơm, canh cua');
  });

  it('lists fields in the admin’s order with their labels, says which changed, and leaves out fields empty in both', () => {
    const fields = snapshotDiff(
      { title: 'Cũ', summary: 'Giữ', slug: null },
      { title: 'Mới', summary: 'Giữ', slug: null },
      { summary: 'Tóm tắt', title: 'Tiêu đề', slug: 'Đường dẫn' },
    );
    expect(fields.map((f) => [f.field, f.label, f.changed])).toEqual([
      ['summary', 'Tóm tắt', false],
      ['title', 'Tiêu đề', true],
    ]);
  });

  it('compares the first version against nothing: everything in it is added', () => {
    const [title] = snapshotDiff({}, { title: 'Tin đầu tiên' }, { title: 'Tiêu đề' });
    expect(title?.before).toEqual([]);
    expect(title?.after).toEqual([{ kind: 'added', text: 'Tin đầu tiên' }]);
  });
});

describe('the public page’s publication dates', () => {
  it('says "updated" only when the item was published again after its first publication', () => {
    expect(publicationDates({ firstPublishedAt: '2026-11-01T01:00:00.000Z', publishedAt: '2026-11-20T02:30:00.000Z' })).toEqual({
      published: '2026-11-01T01:00:00.000Z',
      updated: '2026-11-20T02:30:00.000Z',
    });
    // The first publication itself: the CMS stamps the first date a moment before Strapi's own.
    expect(publicationDates({ firstPublishedAt: '2026-11-01T01:00:00.000Z', publishedAt: '2026-11-01T01:00:00.400Z' }).updated).toBeNull();
  });

  it('falls back to the latest publication for items published before the first date was kept', () => {
    expect(publicationDates({ firstPublishedAt: null, publishedAt: '2026-11-20T02:30:00.000Z' })).toEqual({
      published: '2026-11-20T02:30:00.000Z',
      updated: null,
    });
  });
});

describe('telling whether a save changed anything', () => {
  it('reads two snapshots as equal whatever order the database gives their keys back in', () => {
    expect(canonical({ title: 'A', body: [{ type: 'paragraph', children: [{ text: 'x', type: 'text' }] }] })).toBe(
      canonical({ body: [{ children: [{ type: 'text', text: 'x' }], type: 'paragraph' }], title: 'A' }),
    );
    expect(canonical({ title: 'A' })).not.toBe(canonical({ title: 'B' }));
    expect(canonical({ list: [1, 2] })).not.toBe(canonical({ list: [2, 1] }));
  });
});
