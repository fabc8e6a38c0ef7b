import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDemoAccounts } from '../../scripts/lib/demo-accounts.ts';
import { AdminSession } from '../helpers/admin.ts';
import { api } from '../helpers/cms.ts';
import { testStack, UPLOAD_LIMIT_BYTES } from '../helpers/test-stack.ts';

let admin: AdminSession;

beforeAll(async () => {
  admin = await AdminSession.login('admin@mnhiephoa.test');
});

function upload(name: string, bytes: Uint8Array<ArrayBuffer>, type: string, alternativeText?: string) {
  const form = new FormData();
  form.append('files', new Blob([bytes], { type }), name);
  form.append('fileInfo', JSON.stringify({ name, alternativeText: alternativeText ?? null }));
  return admin.request<{ error?: { message: string } } | { id: number }[]>('POST', '/upload', form);
}

async function fileCount(): Promise<number> {
  const { body } = await admin.request<{ pagination: { total: number } }>('GET', '/upload/files?pageSize=1');
  return body.pagination.total;
}

// A small real PNG, made the way any image tool would.
const PNG = new Uint8Array(
  await sharp({ create: { width: 8, height: 8, channels: 3, background: '#c0392b' } })
    .png()
    .toBuffer(),
);

describe('uploads accept only real documents and images', () => {
  it('refuses HTML disguised as a JPEG and stores nothing', async () => {
    const before = await fileCount();
    const { status, body } = await upload('anh-lop-hoc.jpg', new TextEncoder().encode('<html><script>alert(1)</script></html>'), 'image/jpeg', 'Ảnh lớp học');
    expect(status).toBe(400);
    expect(JSON.stringify(body)).toContain('không đúng với loại tệp');
    expect(await fileCount()).toBe(before);
  });

  it('refuses a file type outside PDF, DOCX, XLSX and images', async () => {
    const { status, body } = await upload('trang.html', new TextEncoder().encode('<p>xin chào</p>'), 'text/html');
    expect(status).toBe(400);
    expect(JSON.stringify(body)).toContain('không được phép');
  });

  it('refuses a file over the size limit with the limit in Vietnamese, and stores nothing', async () => {
    const before = await fileCount();
    const big = new Uint8Array(UPLOAD_LIMIT_BYTES + 512 * 1024);
    big.set(PNG.subarray(0, 16));
    const { status, body } = await upload('anh-qua-lon.png', big, 'image/png', 'Ảnh quá lớn');
    expect(status).toBe(413);
    expect(JSON.stringify(body)).toContain('Tệp quá lớn: mỗi tệp tối đa 2 MB');
    expect(await fileCount()).toBe(before);
  });

  it('accepts a real PNG with alt text', async () => {
    const { status, body } = await upload('cham-do.png', PNG, 'image/png', 'Một chấm màu đỏ');
    expect(status).toBe(201);
    expect(Array.isArray(body) && body[0]?.id).toBeTruthy();
  });
});

describe('content validation', () => {
  it('refuses an article whose image has no alt text, with a Vietnamese message', async () => {
    const { body: uploaded } = await upload('khong-mo-ta.png', PNG, 'image/png');
    const fileId = (uploaded as { id: number }[])[0]!.id;
    const { status, body } = await admin.createDraft('api::article.article', { title: 'Bài có ảnh thiếu mô tả', cover: fileId });
    expect(status).toBe(400);
    expect(body.error?.message).toContain('Ảnh chưa có mô tả');
  });

  it('refuses a second directive with an existing số ký hiệu', async () => {
    const { status, body } = await admin.createDraft('api::directive.directive', {
      docType: 'Quyết định',
      number: '380/QĐ-MNHH',
      issuer: 'Trường Mầm non Hiệp Hòa',
      issuedOn: '2023-11-17',
      abstract: 'Bản sao trùng số ký hiệu của quyết định 380',
    });
    expect(status).toBe(400);
    expect(JSON.stringify(body)).toContain('đã được dùng cho một văn bản khác');
  });

  it('derives a directive slug from its type and number', async () => {
    const { status, body } = await admin.createDraft('api::directive.directive', {
      docType: 'Công văn',
      number: '77/PGD&ĐT-CNTT',
      issuer: 'Phòng Giáo dục và Đào tạo Quảng Yên',
      issuedOn: '2026-11-20',
      abstract: 'Công văn thử nghiệm về việc tạo đường dẫn văn bản',
    });
    expect(status, JSON.stringify(body)).toBe(201);
    expect(body.data?.slug).toBe('cong-van-77-pgd-dt-cntt');
  });

  it('refuses a title longer than 200 characters on publish', async () => {
    const { status } = await admin.request('POST', '/content-manager/collection-types/api::article.article/actions/publish', {
      title: 'T'.repeat(201),
      summary: 'Tóm tắt',
    });
    expect(status).toBe(400);
  });
});

describe('links to related agencies in the footer', () => {
  const SCHOOL = '/content-manager/single-types/api::school.school';
  type School = { data?: { relatedLinks?: { name: string; url: string }[] } };

  it('are four https portals in the demo school, readable by the public site', async () => {
    const { status, body } = await api<School>('/api/school?populate[relatedLinks]=true');
    expect(status).toBe(200);
    const links = body.data?.relatedLinks ?? [];
    expect(links.map((link) => link.name)).toEqual([
      'Bộ Giáo dục và Đào tạo',
      'Sở Giáo dục và Đào tạo Quảng Ninh',
      'UBND thị xã Quảng Yên',
      'Cổng Dịch vụ công quốc gia',
    ]);
    for (const link of links) expect(link.url).toMatch(/^https:\/\//);
  });

  it('refuse an address that is not http(s), such as javascript:, and change nothing', async () => {
    const before = await admin.request<School>('GET', SCHOOL);
    expect(before.status).toBe(200);
    const links = (before.body.data?.relatedLinks ?? []).map(({ name, url }) => ({ name, url }));
    // The same save with the school's own links goes through: the refusals below are about the address.
    expect((await admin.request('PUT', SCHOOL, { relatedLinks: links })).status).toBe(200);
    for (const url of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'https://example.gov.vn/" onclick="x']) {
      const { status, body } = await admin.request<{ error?: { message: string } }>('PUT', SCHOOL, { relatedLinks: [{ name: 'Cơ quan giả', url }] });
      expect(status, url).toBe(400);
      expect(body.error?.message).toContain('cần là địa chỉ trang web đầy đủ, bắt đầu bằng https://');
    }
    const after = await admin.request<School>('GET', SCHOOL);
    expect((after.body.data?.relatedLinks ?? []).map(({ name, url }) => ({ name, url }))).toEqual(links);
  });
});

describe('the admin speaks Vietnamese', () => {
  it.each([
    ['api::directive.directive', 'number', 'Số ký hiệu'],
    ['api::directive.directive', 'basedOn', 'Căn cứ'],
    ['api::article.article', 'title', 'Tiêu đề'],
    ['api::menu.menu', 'days', 'Các ngày trong tuần'],
  ])('labels %s.%s as "%s"', async (uid, field, label) => {
    const { status, body } = await admin.request<{
      data: { contentType: { metadatas: Record<string, { edit: { label: string }; list: { label: string } }> } };
    }>('GET', `/content-manager/content-types/${uid}/configuration`);
    expect(status).toBe(200);
    expect(body.data.contentType.metadatas[field]?.edit.label).toBe(label);
    expect(body.data.contentType.metadatas[field]?.list.label).toBe(label);
  });

  it('names the content types in Vietnamese', async () => {
    const { body } = await admin.request<{ data: { uid: string; info: { displayName: string } }[] }>('GET', '/content-manager/content-types');
    const names = Object.fromEntries(body.data.map((type) => [type.uid, type.info.displayName]));
    expect(names['api::article.article']).toBe('Tin tức – Sự kiện');
    expect(names['api::directive.directive']).toBe('Văn bản');
    expect(names['api::submission.submission']).toBe('Thông tin gửi BGH');
  });
});

describe('demo accounts', () => {
  it.each(readDemoAccounts(testStack().demoAccountsFile).map((account) => [account.email, account.roleName]))(
    '%s signs in with the role %s',
    async (email, roleName) => {
      const session = await AdminSession.login(email);
      const { body } = await session.request<{ data: { roles: { name: string }[] } }>('GET', '/admin/users/me');
      expect(body.data.roles.map((role) => role.name)).toEqual([roleName]);
    },
  );

  it('refuses a wrong password', async () => {
    await expect(AdminSession.login('hieutruong@mnhiephoa.test', 'Sai-MatKhau-1')).rejects.toThrow();
  });
});

describe('demo content', () => {
  it('links Quyết định 380/QĐ-MNHH to every document it cites, all published', async () => {
    const { status, body } = await api<{ data: { number: string; basedOn: { number: string }[] }[] }>(
      `/api/directives?filters[number][$eq]=${encodeURIComponent('380/QĐ-MNHH')}&populate[basedOn][fields][0]=number`,
    );
    expect(status).toBe(200);
    const numbers = body.data[0]!.basedOn.map((d) => d.number);
    for (const cited of [
      '64/2007/NĐ-CP',
      '72/2013/NĐ-CP',
      '1488/QĐ-UBND',
      '496/KH-SGDĐT',
      '320/KH-PGDĐT',
      '02/KH-BCĐ',
      '866/PGDĐT-CNTT',
      '963/PGD&ĐT-CNTT',
      '379/KH-MNHH',
      '378/QĐ-MNHH',
    ]) {
      expect(numbers).toContain(cited);
    }
  });

  it('has the school profile, at least six articles and activities, disclosures, a menu and a notice', async () => {
    const count = async (type: string) =>
      (await api<{ meta: { pagination: { total: number } } }>(`/api/${type}?pagination[pageSize]=1`)).body.meta.pagination.total;
    expect(await count('articles')).toBeGreaterThanOrEqual(6);
    expect(await count('activities')).toBeGreaterThanOrEqual(6);
    expect(await count('disclosures')).toBeGreaterThanOrEqual(5);
    expect(await count('menus')).toBeGreaterThanOrEqual(1);
    expect(await count('notices')).toBeGreaterThanOrEqual(1);
    const school = await api<{ data: { name: string } }>('/api/school');
    expect(school.body.data.name).toBe('Trường Mầm non Hiệp Hòa');
  });

  it('gives every article cover an alt text', async () => {
    const { body } = await api<{ data: { cover: { alternativeText: string | null } }[] }>('/api/articles?populate=cover&pagination[pageSize]=100');
    expect(body.data.every((article) => (article.cover.alternativeText ?? '').length > 5)).toBe(true);
  });
});

describe('review state in the admin lists', () => {
  it.each(['api::article.article', 'api::activity.activity', 'api::menu.menu', 'api::directive.directive', 'api::disclosure.disclosure'])(
    'shows and hides the right review fields for %s',
    async (uid) => {
      const { body } = await admin.request<{
        data: { contentType: { layouts: { list: string[] }; metadatas: Record<string, { edit: { visible: boolean } }> } };
      }>('GET', `/content-manager/content-types/${uid}/configuration`);
      expect(body.data.contentType.layouts.list).toContain('reviewState');
      // The edit form does not offer the state as a field: it changes only through the workflow panel.
      expect(body.data.contentType.metadatas.reviewState?.edit.visible).toBe(false);
    },
  );
});
