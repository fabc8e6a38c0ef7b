import { describe, expect, it } from 'vitest';
import { documentData, orderedPhotos, summaryOf } from '../../cms/src/admin/compose/document.ts';
import { EMPTY_DRAFT, type SavedPhoto } from '../../cms/src/admin/compose/draft-store.ts';
import { formatStamp } from '../../cms/src/admin/compose/stamp.ts';
import { leadOf } from '../../site/src/lib/text/lead.ts';

const photo = (id: number): SavedPhoto => ({ id, url: `/uploads/${id}.jpg`, alt: `Ảnh ${id}`, savedAlt: `Ảnh ${id}` });
const paragraph = (text: string) => ({ type: 'paragraph', children: [{ type: 'text', text }] });

describe('the summary of a post sent from Gửi bài', () => {
  it('is the whole text when the text is short', () => {
    expect(summaryOf('  Các bé trồng cây.\nMỗi bé tưới nước.  ')).toBe('Các bé trồng cây. Mỗi bé tưới nước.');
  });

  it('keeps whole first sentences up to 200 characters', () => {
    const first = 'Sáng nay các bé lớp B2 cùng cô giáo trồng cây xanh ở góc vườn trường, mỗi bé một cây nhỏ.';
    const second = 'Các bé tự tay xới đất, đặt cây và tưới nước, rồi cắm biển tên của mình bên cạnh.';
    const third = 'Cô giáo dặn các bé mỗi sáng đến lớp hãy ghé thăm cây của mình và kể cho cô nghe cây đã lớn thêm bao nhiêu.';
    const summary = summaryOf(`${first} ${second}\n${third}`);
    expect(summary).toBe(`${first} ${second}`);
    expect(summary.length).toBeLessThanOrEqual(200);
  });

  it('cuts a first sentence longer than 200 characters at a word, with an ellipsis', () => {
    const long = `${'các bé vui chơi '.repeat(20)}ngoài sân.`;
    const summary = summaryOf(long);
    expect(summary.length).toBeLessThanOrEqual(200);
    expect(summary.endsWith('…')).toBe(true);
    expect(long.startsWith(summary.slice(0, -1))).toBe(true);
    expect(summary.slice(0, -1).endsWith(' ')).toBe(false);
  });
});

describe('the document sent from Gửi bài', () => {
  const draft = {
    ...EMPTY_DRAFT,
    kind: 'activity' as const,
    title: 'Bé trồng cây',
    text: 'Các bé trồng cây.\nMỗi bé tưới nước.',
    location: ' Vườn trường ',
    photos: [photo(1), photo(2), photo(3)],
  };

  it('puts the text in the body, a summary cut from it, and the location of an activity', () => {
    const data = documentData(draft);
    expect(data.body).toEqual([paragraph('Các bé trồng cây.'), paragraph('Mỗi bé tưới nước.')]);
    expect(data.summary).toBe('Các bé trồng cây. Mỗi bé tưới nước.');
    expect(data.location).toBe('Vườn trường');
    expect(documentData({ ...draft, kind: 'article' })).not.toHaveProperty('location');
  });

  it('makes the photo chosen as "Ảnh đại diện" the cover and keeps the others, in order, as the gallery', () => {
    expect(documentData({ ...draft, coverId: 2 })).toMatchObject({ cover: 2, gallery: [1, 3] });
    // No choice, or a choice whose photo was removed: the first photo.
    expect(documentData(draft)).toMatchObject({ cover: 1, gallery: [2, 3] });
    expect(orderedPhotos({ photos: [photo(1), photo(3)], coverId: 2 }).map((p) => p.id)).toEqual([1, 3]);
  });
});

describe('the lead above an article body', () => {
  const body = [paragraph('Các bé trồng cây. Mỗi bé tưới nước.'), paragraph('Cô khen cả lớp.')];

  it('is left out when the body begins with the summary, whole or cut with an ellipsis', () => {
    expect(leadOf('Các bé trồng cây. Mỗi bé tưới nước.', body)).toBeNull();
    expect(leadOf('Các bé trồng cây. Mỗi bé…', body)).toBeNull();
  });

  it('is printed when the summary says something the body does not begin with', () => {
    expect(leadOf('Lớp B2 có một buổi sáng ý nghĩa.', body)).toBe('Lớp B2 có một buổi sáng ý nghĩa.');
    expect(leadOf('', body)).toBeNull();
  });
});

describe('dates on the staff pages', () => {
  it('are written dd/mm/yyyy HH:mm in Vietnam time', () => {
    expect(formatStamp('2026-11-30T17:05:00Z')).toBe('01/12/2026 00:05');
    expect(formatStamp('2026-03-04T02:09:00Z')).toBe('04/03/2026 09:09');
    expect(formatStamp(null)).toBe('');
  });
});
