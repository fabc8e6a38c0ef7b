import { beforeAll, describe, expect, it } from 'vitest';
import { AdminSession } from '../helpers/admin.ts';
import { api } from '../helpers/cms.ts';

const ARTICLE = 'api::article.article';
let admin: AdminSession;
let draft: { documentId: string; slug: string };

beforeAll(async () => {
  admin = await AdminSession.login('admin@mnhiephoa.test');
  const created = await admin.createDraft(ARTICLE, { title: 'Bản nháp bí mật chưa được duyệt', summary: 'Không được lộ ra ngoài.' });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  draft = { documentId: created.body.data!.documentId, slug: String(created.body.data!.slug) };
});

describe('the site token reads published content only', () => {
  it('lists the published demo articles and not the new draft', async () => {
    const { status, body } = await api<{ data: { documentId: string; publishedAt: string | null }[] }>('/api/articles?pagination[pageSize]=100');
    expect(status).toBe(200);
    expect(body.data.length).toBeGreaterThanOrEqual(6);
    expect(body.data.every((article) => article.publishedAt)).toBe(true);
    expect(body.data.map((article) => article.documentId)).not.toContain(draft.documentId);
  });

  it('gives the slug of a draft derived from its Vietnamese title', () => {
    expect(draft.slug).toBe('ban-nhap-bi-mat-chua-duoc-duyet');
  });

  it.each([
    ['status=draft', '/api/articles?status=draft'],
    ['status=draft with a filter', `/api/articles?status=draft&filters[documentId][$eq]=${'DOC'}`],
    ['status as an array', '/api/articles?status[0]=draft'],
    ['the v4 publicationState', '/api/articles?publicationState=preview'],
    ['hasPublishedVersion', '/api/articles?hasPublishedVersion=false'],
    ['status=draft on a single document', '/api/articles/DOC?status=draft'],
  ])('refuses %s with a Vietnamese error and no data', async (_name, url) => {
    const { status, body } = await api(url.replace('DOC', draft.documentId));
    expect(status).toBe(400);
    expect(body.data ?? null).toBeNull();
    expect(body.error?.message).toContain('chỉ trả về nội dung đã đăng');
  });

  it('does not find the draft by its documentId', async () => {
    const { status } = await api(`/api/articles/${draft.documentId}`);
    expect(status).toBe(404);
  });

  it('does not find the draft by filtering on a null publishedAt or its slug', async () => {
    const byNull = await api<{ data: unknown[] }>('/api/articles?filters[publishedAt][$null]=true');
    expect(byNull.status).toBe(200);
    expect(byNull.body.data).toEqual([]);
    const bySlug = await api<{ data: unknown[] }>(`/api/articles?filters[slug][$eq]=${draft.slug}`);
    expect(bySlug.body.data).toEqual([]);
  });

  it('still answers status=published', async () => {
    const { status } = await api('/api/articles?status=published');
    expect(status).toBe(200);
  });
});

describe('private data stays private', () => {
  it.each(['/api/submissions', '/api/questions', '/api/audit-entries', '/api/users', '/api/users/me', '/api/users-permissions/roles', '/api/upload/files'])(
    'refuses %s to the site token and to anonymous callers',
    async (url) => {
      for (const token of [undefined, null]) {
        const { status } = await api(url, { token });
        expect([401, 403, 404]).toContain(status);
      }
    },
  );

  it('refuses anonymous reads of public types too: only the site token reads the API', async () => {
    const { status } = await api('/api/articles', { token: null });
    expect([401, 403]).toContain(status);
  });

  it('does not let the site token write anything', async () => {
    const { body: list } = await api<{ data: { documentId: string }[] }>('/api/articles');
    const target = list.data[0]!.documentId;
    const attempts = [
      await api('/api/articles', { method: 'POST', body: { data: { title: 'Tin giả mạo' } } }),
      await api(`/api/articles/${target}`, { method: 'PUT', body: { data: { title: 'Tin bị sửa' } } }),
      await api(`/api/articles/${target}`, { method: 'DELETE' }),
      await api('/api/submissions', { method: 'POST', body: { data: { title: 'x', message: 'y' } } }),
    ];
    for (const attempt of attempts) expect([401, 403, 404, 405]).toContain(attempt.status);
    const after = await api<{ data: { documentId: string; title: string }[] }>(`/api/articles/${target}`);
    expect(after.status).toBe(200);
    expect(after.body.data).not.toMatchObject({ title: 'Tin bị sửa' });
  });

  it('does not allow self-registration', async () => {
    const { status } = await api('/api/auth/local/register', {
      token: null,
      method: 'POST',
      body: { username: 'khach', email: 'khach@example.test', password: 'MatKhau-123456' },
    });
    expect([400, 401, 403, 404]).toContain(status);
    expect(status).not.toBe(200);
  });
});

describe('API tokens', () => {
  it('keeps only the site read-only token, without the two tokens Strapi creates on first boot', async () => {
    const { status, body } = await admin.request<{ data: { name: string; type: string }[] }>('GET', '/admin/api-tokens');
    expect(status).toBe(200);
    const names = body.data.map((token) => token.name);
    expect(names).not.toContain('Read Only');
    expect(names).not.toContain('Full Access');
    expect(names).toContain('Trang công khai (chỉ đọc)');
  });

  it('gives the site token find and findOne on public types only', async () => {
    const { body } = await admin.request<{ data: { name: string; id: number }[] }>('GET', '/admin/api-tokens');
    const site = body.data.find((token) => token.name === 'Trang công khai (chỉ đọc)')!;
    const detail = await admin.request<{ data: { permissions: string[]; type: string } }>('GET', `/admin/api-tokens/${site.id}`);
    expect(detail.body.data.type).toBe('custom');
    const permissions = detail.body.data.permissions;
    expect(permissions.length).toBeGreaterThan(0);
    expect(permissions.every((action) => /\.(find|findOne)$/.test(action))).toBe(true);
    expect(permissions.some((action) => /^api::(submission|audit-entry|question)\./.test(action))).toBe(false);
  });
});
