import { REVIEW_STATES } from '@portal/common/review-states';
import { beforeAll, describe, expect, it } from 'vitest';
import { AdminSession } from '../helpers/admin.ts';
import { api } from '../helpers/cms.ts';

/**
 * The site's read token gets published content and public fields only, whatever the URL's spelling,
 * encoding or query: the rule lives on the routes and in the document service, not in path text.
 */

const ARTICLE = 'api::article.article';
const CM = `/content-manager/collection-types/${ARTICLE}`;
const SECRET = `Bản nháp tuyệt mật ${Date.now().toString(36)}`;
let draftId: string;
let publishedId: string;
let publishedSlug: string;

function containsSecret(body: unknown): boolean {
  return JSON.stringify(body ?? null).includes(SECRET);
}

beforeAll(async () => {
  const leader = await AdminSession.login('hieutruong@mnhiephoa.test');
  const created = await leader.createDraft(ARTICLE, { title: SECRET, summary: `${SECRET} – tóm tắt` });
  expect(created.status).toBe(201);
  draftId = created.body.data!.documentId;
  // A published article whose newer draft carries a review note and the secret title.
  const { body } = await api<{ data: { documentId: string; slug: string }[] }>('/api/articles?pagination[pageSize]=1&sort=publishedAt:desc');
  publishedId = body.data[0]!.documentId;
  publishedSlug = body.data[0]!.slug;
  const edited = await leader.request('PUT', `${CM}/${publishedId}`, { title: `${SECRET} (bản sửa)` });
  expect(edited.status).toBe(200);
});

describe('drafts never reach an API token, whatever the spelling', () => {
  it.each([
    ['upper-case prefix', '/API/articles?status=draft'],
    ['upper-case collection', '/api/ARTICLES?status=draft'],
    ['mixed case', '/Api/Articles?status=draft'],
    ['trailing slash', '/api/articles/?status=draft'],
    ['percent-encoded letters', '/%61pi/articles?status=draft'],
    ['encoded parameter name', '/api/articles?%73tatus=draft'],
    ['repeated parameter', '/api/articles?status=published&status=draft'],
    ['parameter as an object', '/api/articles?status[$eq]=draft'],
    ['upper-case single document', `/API/articles/${'DRAFT'}?status=draft`],
    ['single document, trailing slash', `/api/articles/${'DRAFT'}/?status=draft`],
    ['hasPublishedVersion on a mixed-case path', '/Api/articles?hasPublishedVersion=false'],
  ])('%s: no draft in the answer', async (_name, url) => {
    const { status, body } = await api(url.replace('DRAFT', draftId));
    expect(containsSecret(body)).toBe(false);
    if (status === 200) {
      const data = (body as { data?: unknown }).data;
      for (const item of Array.isArray(data) ? data : [data]) expect((item as { publishedAt?: unknown } | null)?.publishedAt ?? 'published').toBeTruthy();
    } else {
      expect([400, 404]).toContain(status);
    }
  });

  it('answers a draft request on any spelling with the Vietnamese explanation', async () => {
    for (const url of ['/API/articles?status=draft', '/api/ARTICLES?status=draft', '/api/articles?%73tatus=draft', `/API/articles/${draftId}?status=draft`]) {
      const { status, body } = await api<{ error?: { message: string } }>(url);
      expect(status).toBe(400);
      expect(body.error?.message).toContain('chỉ trả về nội dung đã đăng');
    }
  });

  it('serves the published version of an item whose draft was edited since', async () => {
    const { status, body } = await api<{ data: { title: string } }>(`/api/articles/${publishedId}`);
    expect(status).toBe(200);
    expect(body.data.title).not.toContain(SECRET);
    const bySlug = await api<{ data: { title: string }[] }>(`/API/Articles?filters[slug][$eq]=${publishedSlug}`);
    expect(containsSecret(bySlug.body)).toBe(false);
  });
});

describe('review state and notes are never in the content API', () => {
  it('cannot be used as an oracle: a filter on the review state is refused or has no effect', async () => {
    const all = await api<{ meta: { pagination: { total: number } } }>('/api/articles');
    const filtered = await api<{ meta?: { pagination: { total: number } } }>(
      `/api/articles?filters[reviewState][$eq]=${encodeURIComponent(REVIEW_STATES.rejected)}`,
    );
    if (filtered.status === 200) expect(filtered.body.meta?.pagination.total).toBe(all.body.meta.pagination.total);
    else expect(filtered.status).toBe(400);
  });

  it('returns no review fields and no link to the submission an article came from', async () => {
    const { status, body } = await api<{ data: Record<string, unknown>[] }>('/api/articles?populate=*&pagination[pageSize]=50');
    expect(status).toBe(200);
    expect(body.data.length).toBeGreaterThan(0);
    for (const item of body.data) {
      expect(item).not.toHaveProperty('reviewState');
      expect(item).not.toHaveProperty('reviewNote');
      expect(item).not.toHaveProperty('sourceSubmission');
    }
  });

  it.each(['activities', 'directives', 'disclosures', 'menus'])('returns no review fields for %s', async (collection) => {
    const { status, body } = await api<{ data: Record<string, unknown>[] }>(`/api/${collection}?pagination[pageSize]=50`);
    expect(status).toBe(200);
    for (const item of body.data) {
      expect(item).not.toHaveProperty('reviewState');
      expect(item).not.toHaveProperty('reviewNote');
    }
  });

  it.each([
    ['asking for the field', '/api/articles?fields[0]=title&fields[1]=reviewNote'],
    ['filtering on a note', '/api/articles?filters[reviewNote][$notNull]=true'],
    ['filtering on the state', `/api/articles?filters[reviewState][$eq]=${encodeURIComponent(REVIEW_STATES.approved)}`],
    ['sorting by the state', '/api/articles?sort=reviewState:asc'],
    ['populating the submission', '/api/articles?populate[sourceSubmission]=true'],
  ])('refuses or ignores %s, revealing nothing', async (_name, url) => {
    const { status, body } = await api<{ data?: Record<string, unknown>[] }>(url);
    expect([200, 400]).toContain(status);
    if (status === 200) {
      for (const item of body.data ?? []) {
        expect(item).not.toHaveProperty('reviewNote');
        expect(item).not.toHaveProperty('reviewState');
        expect(item).not.toHaveProperty('sourceSubmission');
      }
    }
  });
});
