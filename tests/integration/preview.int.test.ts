import { beforeAll, describe, expect, it } from 'vitest';
import { signPreview } from '../../cms/src/preview/links.ts';
import { ensureEnvFiles } from '../../scripts/lib/env-file.ts';
import { AdminSession } from '../helpers/admin.ts';
import { testStack } from '../helpers/test-stack.ts';

const ARTICLE = 'api::article.article';
let leader: AdminSession;
let teacher: AdminSession;
let leaderDraft: string;
let teacherDraft: string;

async function previewLink(session: AdminSession, documentId: string): Promise<string | undefined> {
  const { status, body } = await session.request<{ data?: { url?: string } }>(
    'GET',
    `/content-manager/preview/url/${ARTICLE}?documentId=${documentId}&status=draft`,
  );
  expect([200, 204]).toContain(status);
  return body?.data?.url;
}

async function open(url: string) {
  const response = await fetch(url, { redirect: 'manual' });
  return { status: response.status, headers: response.headers, html: await response.text() };
}

function withParam(url: string, name: string, value: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set(name, value);
  return parsed.toString();
}

beforeAll(async () => {
  leader = await AdminSession.login('hieutruong@mnhiephoa.test');
  teacher = await AdminSession.login('giaovien@mnhiephoa.test');
  leaderDraft = (await leader.createDraft(ARTICLE, { title: 'Bản nháp riêng của Ban giám hiệu', summary: 'Chưa đăng.' })).body.data!.documentId;
  teacherDraft = (await teacher.createDraft(ARTICLE, { title: 'Bản nháp xem trước của cô giáo', summary: 'Tóm tắt bản nháp.' })).body.data!.documentId;
});

describe('previewing a draft on the real site', () => {
  it('shows the author her draft, never cached and never indexed', async () => {
    const url = await previewLink(teacher, teacherDraft);
    expect(url).toMatch(new RegExp(`^${testStack().siteUrl}/xem-truoc\\?`));
    const page = await open(url!);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Bản nháp xem trước của cô giáo');
    expect(page.html).toContain('Bản xem trước');
    expect(page.headers.get('cache-control')).toContain('no-store');
    expect(page.headers.get('x-robots-tag')).toContain('noindex');
    expect(page.html).toContain('<meta name="robots" content="noindex, nofollow">');
  });

  it('gives the Ban giám hiệu a link to anyone’s draft', async () => {
    const url = await previewLink(leader, teacherDraft);
    expect((await open(url!)).html).toContain('Bản nháp xem trước của cô giáo');
  });

  it('gives a teacher no link to someone else’s draft', async () => {
    expect(await previewLink(teacher, leaderDraft)).toBeUndefined();
  });

  it('refuses a link whose signature, document or expiry was tampered with, in Vietnamese', async () => {
    const url = (await previewLink(teacher, teacherDraft))!;
    const sig = new URL(url).searchParams.get('sig')!;
    const tampered = [
      withParam(url, 'sig', `${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}`),
      withParam(url, 'id', leaderDraft),
      withParam(url, 'exp', String(Number(new URL(url).searchParams.get('exp')) + 3600)),
      withParam(url, 'type', 'hoat-dong'),
    ];
    for (const link of tampered) {
      const page = await open(link);
      expect(page.status, link).toBe(403);
      expect(page.html).toContain('Liên kết xem trước không hợp lệ hoặc đã hết hạn');
      expect(page.html).not.toContain('Bản nháp riêng của Ban giám hiệu');
      expect(page.headers.get('cache-control')).toContain('no-store');
    }
  });

  it('refuses a correctly signed link once it has expired', async () => {
    const secret = ensureEnvFiles().cms.PREVIEW_SECRET!;
    const exp = Math.floor(Date.now() / 1000) - 5;
    const sig = signPreview('tin-tuc', teacherDraft, exp, secret);
    const query = new URLSearchParams({ type: 'tin-tuc', id: teacherDraft, exp: String(exp), sig });
    expect((await open(`${testStack().siteUrl}/xem-truoc?${query}`)).status).toBe(403);
    const api = await fetch(`${testStack().cmsUrl}/api/preview?${query}`);
    expect(api.status).toBe(403);
    expect(((await api.json()) as { error: { message: string } }).error.message).toContain('đã hết hạn');
    // The same document with a fresh signature works: the refusal really was the expiry.
    const fresh = Math.floor(Date.now() / 1000) + 60;
    const ok = new URLSearchParams({ type: 'tin-tuc', id: teacherDraft, exp: String(fresh), sig: signPreview('tin-tuc', teacherDraft, fresh, secret) });
    expect((await fetch(`${testStack().cmsUrl}/api/preview?${ok}`)).status).toBe(200);
  });

  it('keeps drafts out of reach of the preview API without a link', async () => {
    const response = await fetch(`${testStack().cmsUrl}/api/preview?type=tin-tuc&id=${teacherDraft}`);
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('Bản nháp xem trước');
  });
});
