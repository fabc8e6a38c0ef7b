import { REVIEW_STATES } from '@portal/common/review-states';
import { beforeAll, describe, expect, it } from 'vitest';
import { AdminSession } from '../helpers/admin.ts';
import { api } from '../helpers/cms.ts';
import { colourPhoto, uploadPhoto } from '../helpers/fixtures.ts';
import { testStack } from '../helpers/test-stack.ts';

/**
 * Media under the workflow: every route of the media library applies the ownership rule of the
 * single-file routes, a file shown on the public site changes only by the Ban giám hiệu, and nobody
 * attaches a file they may not read. Each attempt is checked to have changed nothing.
 */

const ARTICLE = 'api::article.article';
const CM = `/content-manager/collection-types/${ARTICLE}`;

interface FileRow {
  id: number;
  name: string;
  hash: string;
  url: string;
  alternativeText: string | null;
}

let teacher: AdminSession;
let leader: AdminSession;
let it_: AdminSession;
let admin: AdminSession;
let teacherPhoto: FileRow;
let publishedCover: FileRow;
let leaderPhoto: FileRow;
let publishedArticle: string;

async function png(colour: string): Promise<Blob> {
  return new Blob([new Uint8Array(await colourPhoto(colour, 24, 16))], { type: 'image/png' });
}

function upload(session: AdminSession, name: string, colour: string): Promise<FileRow> {
  return uploadPhoto(session, { name, alt: `Ảnh ${name} để thử quyền`, color: colour, width: 24, height: 16 });
}

async function file(id: number): Promise<FileRow | null> {
  const { status, body } = await admin.request<FileRow>('GET', `/upload/files/${id}`);
  return status === 200 ? body : null;
}

async function draftArticle(session: AdminSession, title: string, cover: number) {
  return session.createDraft(ARTICLE, {
    title,
    summary: `Tóm tắt: ${title}`,
    body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Nội dung.' }] }],
    cover,
  });
}

async function approved(title: string, cover: number): Promise<string> {
  const created = await draftArticle(teacher, title, cover);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const documentId = created.body.data!.documentId;
  expect((await teacher.request('PUT', `${CM}/${documentId}`, { reviewState: REVIEW_STATES.pending })).status).toBe(200);
  expect((await leader.request('PUT', `${CM}/${documentId}`, { reviewState: REVIEW_STATES.approved })).status).toBe(200);
  return documentId;
}

const reviewState = async (documentId: string) => (await leader.request<{ data: { reviewState: string } }>('GET', `${CM}/${documentId}`)).body.data.reviewState;

beforeAll(async () => {
  teacher = await AdminSession.login('giaovien@mnhiephoa.test');
  leader = await AdminSession.login('hieutruong@mnhiephoa.test');
  it_ = await AdminSession.login('cntt@mnhiephoa.test');
  admin = await AdminSession.login('admin@mnhiephoa.test');
  teacherPhoto = await upload(teacher, 'anh-cua-co-giao.png', '#e67e22');
  leaderPhoto = await upload(leader, 'anh-cua-bgh.png', '#27ae60');
  publishedCover = await upload(teacher, 'anh-bia-da-dang.png', '#8e44ad');
  publishedArticle = await approved('Bé tập làm bánh trôi nước', publishedCover.id);
  const published = await leader.request('POST', `${CM}/${publishedArticle}/actions/publish`, {});
  expect(published.status, JSON.stringify(published.body)).toBe(200);
});

describe('a teacher and the Tổ CNTT change only their own files', () => {
  it('refuses a teacher’s bulk delete of a file of the Ban giám hiệu', async () => {
    const { status, body } = await teacher.request<{ error?: { message: string } }>('POST', '/upload/actions/bulk-delete', { fileIds: [leaderPhoto.id] });
    expect(status).toBe(403);
    expect(body.error?.message).toContain('do chính mình tải lên');
    expect(await file(leaderPhoto.id)).not.toBeNull();
  });

  it('refuses a bulk delete that hides someone else’s file among the teacher’s own', async () => {
    const own = await upload(teacher, 'anh-rieng.png', '#95a5a6');
    expect((await teacher.request('POST', '/upload/actions/bulk-delete', { fileIds: [own.id, leaderPhoto.id] })).status).toBe(403);
    expect(await file(own.id)).not.toBeNull();
    expect(await file(leaderPhoto.id)).not.toBeNull();
  });

  it('refuses a bulk move and a bulk edit of a file of the Ban giám hiệu', async () => {
    expect((await teacher.request('POST', '/upload/actions/bulk-move', { fileIds: [leaderPhoto.id], folderIds: [], destinationFolderId: null })).status).toBe(
      403,
    );
    const edit = await teacher.request('POST', '/upload/actions/bulk-update', {
      updates: [{ id: leaderPhoto.id, fileInfo: { name: 'bi-doi.png', alternativeText: 'Bị đổi', caption: '' } }],
    });
    expect(edit.status).toBe(403);
    expect((await file(leaderPhoto.id))?.alternativeText).toBe(leaderPhoto.alternativeText);
  });

  it('refuses the Tổ CNTT changing or deleting a teacher’s file', async () => {
    expect((await it_.request('POST', '/upload/actions/bulk-delete', { fileIds: [teacherPhoto.id] })).status).toBe(403);
    expect((await it_.request('DELETE', `/upload/files/${teacherPhoto.id}`)).status).toBe(403);
    expect(await file(teacherPhoto.id)).not.toBeNull();
  });

  it('lets a teacher move and delete her own unused file', async () => {
    const own = await upload(teacher, 'anh-bo-di.png', '#34495e');
    expect((await teacher.request('POST', '/upload/actions/bulk-move', { fileIds: [own.id], folderIds: [], destinationFolderId: null })).status).toBe(200);
    expect((await teacher.request('POST', '/upload/actions/bulk-delete', { fileIds: [own.id] })).status).toBe(200);
    expect(await file(own.id)).toBeNull();
  });
});

describe('a file on the public site changes only through the Ban giám hiệu', () => {
  it.each([
    [
      'replacing its bytes',
      async () => {
        const form = new FormData();
        form.append('files', await png('#c0392b'), 'anh-bia-da-dang.png');
        return teacher.request<{ error?: { message: string } }>('POST', `/upload?id=${publishedCover.id}`, form);
      },
    ],
    [
      'replacing its bytes on the file route',
      async () => {
        const form = new FormData();
        form.append('files', await png('#c0392b'), 'anh-bia-da-dang.png');
        return teacher.request<{ error?: { message: string } }>('POST', `/upload/files/${publishedCover.id}/replace`, form);
      },
    ],
    [
      'editing its alt text',
      async () => {
        const form = new FormData();
        form.append('fileInfo', JSON.stringify({ name: 'anh-bia-da-dang.png', alternativeText: 'Chữ thay thế bị đổi' }));
        return teacher.request<{ error?: { message: string } }>('POST', `/upload?id=${publishedCover.id}`, form);
      },
    ],
    [
      'editing its alt text on the file route',
      async () =>
        teacher.request<{ error?: { message: string } }>('PUT', `/upload/files/${publishedCover.id}`, {
          fileInfo: { name: 'x.png', alternativeText: 'Bị đổi' },
        }),
    ],
    ['deleting it', async () => teacher.request<{ error?: { message: string } }>('DELETE', `/upload/files/${publishedCover.id}`)],
    [
      'deleting it in bulk',
      async () => teacher.request<{ error?: { message: string } }>('POST', '/upload/actions/bulk-delete', { fileIds: [publishedCover.id] }),
    ],
  ])('refuses the teacher who uploaded it %s, and the file is unchanged', async (_name, attempt) => {
    const { status, body } = await attempt();
    expect(status).toBe(403);
    expect(body.error?.message).toContain('đang hiển thị trên cổng thông tin');
    const after = await file(publishedCover.id);
    expect(after).toMatchObject({ hash: publishedCover.hash, alternativeText: publishedCover.alternativeText, url: publishedCover.url });
  });

  it('lets the Ban giám hiệu edit it, and logs the change', async () => {
    const form = new FormData();
    form.append('fileInfo', JSON.stringify({ name: 'anh-bia-da-dang.png', alternativeText: 'Các bé nặn bánh trôi cùng cô' }));
    const { status } = await leader.request('POST', `/upload?id=${publishedCover.id}`, form);
    expect(status).toBe(200);
    expect((await file(publishedCover.id))?.alternativeText).toBe('Các bé nặn bánh trôi cùng cô');
    const audit = await leader.request<{ results: { action: string; actorEmail: string }[] }>(
      'GET',
      `/content-manager/collection-types/api::audit-entry.audit-entry?page=1&pageSize=20&sort=id:DESC&filters[targetDocumentId][$eq]=${publishedCover.id}`,
    );
    expect(audit.body.results).toContainEqual(expect.objectContaining({ action: 'Sửa tệp', actorEmail: 'hieutruong@mnhiephoa.test' }));
  });

  it('sends an approved item back to review when its author changes its photo', async () => {
    const photo = await upload(teacher, 'anh-truoc-khi-dang.png', '#16a085');
    const documentId = await approved('Bé trồng cây xanh', photo.id);
    expect(await reviewState(documentId)).toBe(REVIEW_STATES.approved);
    const form = new FormData();
    form.append('fileInfo', JSON.stringify({ name: 'anh-truoc-khi-dang.png', alternativeText: 'Ảnh đã thay chú thích sau khi duyệt' }));
    expect((await teacher.request('POST', `/upload?id=${photo.id}`, form)).status).toBe(200);
    expect(await reviewState(documentId)).toBe(REVIEW_STATES.draft);
  });
});

describe('attaching files and fetching URLs', () => {
  it('refuses a draft that attaches a file the teacher may not read, creating nothing', async () => {
    const title = `Bài gắn ảnh của người khác ${Date.now()}`;
    const { status, body } = await draftArticle(teacher, title, leaderPhoto.id);
    expect(status).toBe(403);
    expect(body.error?.message).toContain('chỉ được gắn tệp do chính mình tải lên');
    const mine = await teacher.request<{ results: { title: string }[] }>('GET', `${CM}?page=1&pageSize=100`);
    expect(mine.body.results.map((row) => row.title)).not.toContain(title);
  });

  it('refuses to swap the cover of the teacher’s own draft for a file of the Ban giám hiệu', async () => {
    const created = await draftArticle(teacher, 'Bài của cô giáo có ảnh bìa', teacherPhoto.id);
    expect(created.status).toBe(201);
    const swapped = await teacher.request('PUT', `${CM}/${created.body.data!.documentId}`, { cover: leaderPhoto.id });
    expect(swapped.status).toBe(403);
  });

  it('has upload from a URL switched off for everyone, the Super Admin included', async () => {
    for (const session of [teacher, leader, admin]) {
      const { status } = await session.request('POST', '/upload/actions/upload-from-urls', { urls: [`${testStack().cmsUrl}/_health`] });
      expect(status).toBe(403);
    }
  });

  it('keeps the published article’s cover in the public API after all the refused attempts', async () => {
    const { status, body } = await api<{ data: { cover: { hash: string } | null } }>(`/api/articles/${publishedArticle}?populate[cover][fields][0]=hash`);
    expect(status).toBe(200);
    expect(body.data.cover?.hash).toBe(publishedCover.hash);
  });
});

describe('folders', () => {
  it('lets only the Ban giám hiệu delete or move folders', async () => {
    const folder = await leader.request<{ data: { id: number } }>('POST', '/upload/folders', { name: `Ảnh năm học ${Date.now()}`, parent: null });
    expect(folder.status).toBe(201);
    const id = folder.body.data.id;
    expect((await teacher.request('POST', '/upload/actions/bulk-delete', { folderIds: [id] })).status).toBe(403);
    expect((await teacher.request('POST', '/upload/actions/bulk-move', { folderIds: [id], fileIds: [], destinationFolderId: null })).status).toBe(403);
    expect((await teacher.request('PUT', `/upload/folders/${id}`, { name: 'Đổi tên', parent: null })).status).toBe(403);
    expect((await leader.request('GET', `/upload/folders/${id}`)).status).toBe(200);
    expect((await leader.request('POST', '/upload/actions/bulk-delete', { folderIds: [id] })).status).toBe(200);
  });
});
