import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../helpers/route-classes.ts';
import { Client, createSecrets, documentCounts, leaksIn, removeSecondTeacher, type Secrets } from '../helpers/secrets.ts';

/**
 * The routes that read or copy documents without asking whether the caller may read that document
 * (cms/src/access/read-guards.ts). Each was measured leaking before the guards: clone gave a teacher
 * the full text of the Ban giám hiệu's draft, bulkFindForValidation named the author of any document,
 * the relation lists handed out every document id.
 */

const ARTICLE = 'api::article.article';
const SUBMISSION = 'api::submission.submission';
const CATEGORY = 'api::category.category';
const NOT_READABLE = 'Không tìm thấy mục này, hoặc bạn không có quyền xem nó.';

const clients = {} as Record<Caller, Client>;
let secrets: Secrets;
let ownDraft: { documentId: string };
let converted: { documentId: string };

beforeAll(async () => {
  for (const caller of ['superAdmin', 'leadership', 'staff', 'it', 'siteToken', 'anonymous'] as const) clients[caller] = await Client.as(caller);
  secrets = await createSecrets();
  ownDraft = (
    await clients.staff.json<{ data: { documentId: string } }>('POST', `/content-manager/collection-types/${ARTICLE}`, {
      title: 'Bản nháp của chính giáo viên',
      summary: 'Giáo viên được đọc và nhân bản bản nháp của mình.',
      body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Nội dung của giáo viên.' }] }],
    })
  ).data;
  // The Ban giám hiệu turns the second teacher's information into a draft article linked to it.
  converted = (await clients.leadership.json<{ data: { documentId: string } }>('POST', `/workflow/submissions/${secrets.submission.documentId}/to-article`))
    .data;
}, 120_000);

const leaks = (text: string) => leaksIn(text, [secrets.article, secrets.submission]);

describe('clone', () => {
  it("refuses a teacher who clones the Ban giám hiệu's draft, says why in Vietnamese, and creates nothing", async () => {
    const before = await documentCounts();
    for (const route of ['clone', 'auto-clone']) {
      const answer = await clients.staff.send('POST', `/content-manager/collection-types/${ARTICLE}/${route}/${secrets.article.documentId}`, {});
      expect(answer.status, route).toBe(403);
      expect(answer.text).toContain(NOT_READABLE);
      expect(leaks(answer.text)).toEqual([]);
    }
    expect(await documentCounts()).toEqual(before);
  });

  it("refuses a teacher who clones another teacher's submission", async () => {
    const before = await documentCounts();
    const answer = await clients.staff.send('POST', `/content-manager/collection-types/${SUBMISSION}/clone/${secrets.submission.documentId}`, {});
    expect(answer.status).toBe(403);
    expect(leaks(answer.text)).toEqual([]);
    expect(await documentCounts()).toEqual(before);
  });

  it('still lets a teacher clone a draft of their own', async () => {
    const answer = await clients.staff.send('POST', `/content-manager/collection-types/${ARTICLE}/clone/${ownDraft.documentId}`, {});
    expect(answer.status, answer.text).toBe(200);
    expect((answer.json as { data: { title: string } }).data.title).toBe('Bản nháp của chính giáo viên');
  });
});

afterAll(async () => {
  if (secrets) await removeSecondTeacher(secrets);
});

describe('the route that named the author of any document', () => {
  it('no longer gives a teacher the author (or the text) of a draft through bulkFindForValidation', async () => {
    const answer = await clients.staff.send('POST', `/content-manager/collection-types/${ARTICLE}/actions/bulkFindForValidation`, {
      documentIds: [secrets.article.documentId],
    });
    expect(answer.status).toBe(403);
    expect(answer.text).not.toContain('hieutruong@mnhiephoa.test');
    expect(leaks(answer.text)).toEqual([]);
  });

  it("no longer gives the Tổ CNTT the author of a teacher's submission", async () => {
    const answer = await clients.it.send('POST', `/content-manager/collection-types/${SUBMISSION}/actions/bulkFindForValidation`, {
      documentIds: [secrets.submission.documentId],
    });
    expect(answer.status).toBe(403);
    expect(leaksIn(answer.text, [secrets.submission])).toEqual([]);
  });

  it('refuses the whole request when one of the documents is not readable', async () => {
    const answer = await clients.staff.send('POST', `/content-manager/collection-types/${ARTICLE}/actions/bulkFindForValidation`, {
      documentIds: [ownDraft.documentId, secrets.article.documentId],
    });
    expect(answer.status).toBe(403);
  });

  it('still validates drafts the teacher wrote', async () => {
    const answer = await clients.staff.send('POST', `/content-manager/collection-types/${ARTICLE}/actions/bulkFindForValidation`, {
      documentIds: [ownDraft.documentId],
    });
    expect(answer.status).toBe(200);
    expect((answer.json as { results: { documentId: string }[] }).results.map((row) => row.documentId)).toEqual([ownDraft.documentId]);
  });
});

describe('relation lists', () => {
  const ids = (answer: { json: unknown }) => ((answer.json as { results?: { documentId: string }[] }).results ?? []).map((row) => row.documentId);

  it("do not show a teacher the id of the Ban giám hiệu's draft among a category's articles", async () => {
    const path = `/content-manager/relations/${CATEGORY}/${secrets.categoryDocumentId}/articles?pageSize=100`;
    const teacher = await clients.staff.send('GET', path);
    expect(teacher.status).toBe(200);
    expect(ids(teacher)).not.toContain(secrets.article.documentId);
    const leader = await clients.leadership.send('GET', path);
    expect(ids(leader)).toContain(secrets.article.documentId);
  });

  it('offer a teacher only articles they may read as new relations', async () => {
    const path = `/content-manager/relations/${CATEGORY}/articles?pageSize=100`;
    const teacher = await clients.staff.send('GET', path);
    expect(teacher.status).toBe(200);
    expect(ids(teacher)).not.toContain(secrets.article.documentId);
    expect(ids(teacher)).toContain(ownDraft.documentId);
    expect(ids(await clients.leadership.send('GET', path))).toContain(secrets.article.documentId);
  });

  it('still offer relations while a document is being created, as the edit view asks for them', async () => {
    const answer = await clients.staff.send('GET', `/content-manager/relations/${ARTICLE}/category?id=&pageSize=10`);
    expect(answer.status, answer.text).toBe(200);
    expect(ids(answer)).toContain(secrets.categoryDocumentId);
  });

  it('do not show the Tổ CNTT which submission an article came from when it may not read the submission', async () => {
    const existing = await clients.it.send('GET', `/content-manager/relations/${ARTICLE}/${converted.documentId}/sourceSubmission`);
    expect(existing.status).toBe(200);
    expect(ids(existing)).toEqual([]);
    expect(ids(await clients.leadership.send('GET', `/content-manager/relations/${ARTICLE}/${converted.documentId}/sourceSubmission`))).toEqual([
      secrets.submission.documentId,
    ]);
  });

  it('never carry account passwords: populate, which brought the authors with their hashes, is refused', async () => {
    const answer = await clients.leadership.send('GET', `/content-manager/relations/${SUBMISSION}/article?populate=*`);
    expect(answer.status).toBe(403);
    expect(answer.text).not.toMatch(/\$2[aby]\$/);
    const plain = await clients.leadership.send('GET', `/content-manager/relations/${SUBMISSION}/article`);
    expect(plain.status).toBe(200);
    expect(plain.text).not.toMatch(/\$2[aby]\$/);
  });

  it('are refused for a document the caller may not read', async () => {
    const answer = await clients.staff.send('GET', `/content-manager/relations/${ARTICLE}/${secrets.article.documentId}/category`);
    expect(answer.status).toBe(403);
  });
});

describe('lists and documents', () => {
  it("leave out related documents the caller may not read: the Tổ CNTT's article list shows no teacher's submission", async () => {
    const path = `/content-manager/collection-types/${ARTICLE}?pageSize=100&filters[documentId][$eq]=${converted.documentId}`;
    const it_ = await clients.it.send('GET', path);
    expect(it_.status).toBe(200);
    const row = (it_.json as { results: { documentId: string; sourceSubmission: unknown }[] }).results[0]!;
    expect(row.documentId).toBe(converted.documentId);
    expect(row.sourceSubmission).toBeNull();
    // The article's own text came from the submission (the Ban giám hiệu made it an article); the
    // submission itself, its id and its author, stay hidden.
    expect(it_.text).not.toContain(secrets.submission.documentId);
    expect(it_.text).not.toContain(secrets.secondTeacher.email);
    const leader = await clients.leadership.send('GET', path);
    expect((leader.json as { results: { sourceSubmission: { documentId: string } }[] }).results[0]!.sourceSubmission.documentId).toBe(
      secrets.submission.documentId,
    );
  });

  it('leave out populated drafts the caller may not read', async () => {
    const path = `/content-manager/collection-types/${CATEGORY}/${secrets.categoryDocumentId}?status=draft&populate[articles]=true`;
    const teacher = await clients.staff.send('GET', path);
    expect(teacher.status).toBe(200);
    expect(leaks(teacher.text)).toEqual([]);
    expect(leaksIn((await clients.leadership.send('GET', path)).text, [secrets.article])).toContain(secrets.article.marker);
  });

  it.each([
    ['a filter on a related draft', `/content-manager/collection-types/${CATEGORY}?filters[articles][title][$contains]=MARKER`],
    ['a filter nested in $or', `/content-manager/collection-types/${CATEGORY}?filters[$or][0][articles][summary][$contains]=MARKER`],
    ['a sort on a related draft', `/content-manager/collection-types/${CATEGORY}?sort=articles.title:asc`],
  ])('refuse a teacher %s: it would tell whether an unreadable document says something', async (_name, path) => {
    const answer = await clients.staff.send('GET', path.replace('MARKER', secrets.article.marker));
    expect(answer.status).toBe(403);
    expect(answer.text).toContain('không có quyền xem đầy đủ');
  });

  it('refuse the Tổ CNTT a filter on the submission behind an article', async () => {
    const answer = await clients.it.send(
      'GET',
      `/content-manager/collection-types/${ARTICLE}?filters[sourceSubmission][message][$contains]=${secrets.submission.marker}`,
    );
    expect(answer.status).toBe(403);
  });

  it('still let callers filter through relations they read entirely', async () => {
    const leader = await clients.leadership.send(
      'GET',
      `/content-manager/collection-types/${CATEGORY}?filters[articles][title][$contains]=${secrets.article.marker}`,
    );
    expect(leader.status).toBe(200);
    expect((leader.json as { results: { documentId: string }[] }).results.map((row) => row.documentId)).toEqual([secrets.categoryDocumentId]);
    const teacher = await clients.staff.send(
      'GET',
      `/content-manager/collection-types/${ARTICLE}?filters[category][documentId][$eq]=${secrets.categoryDocumentId}`,
    );
    expect(teacher.status).toBe(200);
  });
});

describe('counts', () => {
  it("of the homepage do not count the Ban giám hiệu's drafts for a teacher", async () => {
    const counts = async (caller: Caller) =>
      (await clients[caller].json<{ data: { draft: number } }>('GET', '/content-manager/homepage/count-documents')).data.draft;
    const teacherBefore = await counts('staff');
    const leaderBefore = await counts('leadership');
    await clients.leadership.json('POST', `/content-manager/collection-types/${ARTICLE}`, {
      title: 'Một bản nháp nữa của Ban giám hiệu',
      summary: 'Chỉ tác giả và Ban giám hiệu đếm được bản nháp này.',
      body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Nội dung.' }] }],
    });
    expect(await counts('leadership')).toBe(leaderBefore + 1);
    expect(await counts('staff')).toBe(teacherBefore);
  });

  it('of draft relations are refused for a document the caller may not read', async () => {
    const one = await clients.staff.send('GET', `/content-manager/collection-types/${ARTICLE}/${secrets.article.documentId}/actions/countDraftRelations`);
    const many = await clients.staff.send(
      'GET',
      `/content-manager/collection-types/${ARTICLE}/actions/countManyEntriesDraftRelations?documentIds[0]=${secrets.article.documentId}`,
    );
    expect([one.status, many.status]).toEqual([403, 403]);
    const own = await clients.staff.send('GET', `/content-manager/collection-types/${ARTICLE}/${ownDraft.documentId}/actions/countDraftRelations`);
    expect(own.status).toBe(200);
  });
});

describe('previews and item history', () => {
  it('give no preview link for a document the caller may not read', async () => {
    const path = `/content-manager/preview/url/${ARTICLE}?documentId=${secrets.article.documentId}&status=draft`;
    const teacher = await clients.staff.send('GET', path);
    expect(teacher.status).toBe(204);
    expect(teacher.text).not.toContain('/xem-truoc');
    const leader = await clients.leadership.send('GET', path);
    expect(leader.status).toBe(200);
    expect((leader.json as { data: { url: string } }).data.url).toContain('/xem-truoc?');
  });

  it("refuse a teacher the history of the Ban giám hiệu's draft", async () => {
    const answer = await clients.staff.send('GET', `/workflow/history/${ARTICLE}/${secrets.article.documentId}`);
    expect(answer.status).toBe(403);
    expect(leaks(answer.text)).toEqual([]);
  });

  it("refuse the Tổ CNTT the history of a teacher's submission, whatever type the URL names", async () => {
    for (const uid of [SUBMISSION, ARTICLE, 'api::notice.notice']) {
      const answer = await clients.it.send('GET', `/workflow/history/${uid}/${secrets.submission.documentId}`);
      expect(answer.status, uid).toBe(403);
      expect(leaksIn(answer.text, [secrets.submission])).toEqual([]);
    }
  });

  it('still show the author and the Ban giám hiệu the history', async () => {
    const leader = await clients.leadership.json<{ data: { targetDocumentId: string }[] }>('GET', `/workflow/history/${ARTICLE}/${secrets.article.documentId}`);
    expect(leader.data.length).toBeGreaterThan(0);
    const own = await clients.staff.json<{ data: { targetDocumentId: string }[] }>('GET', `/workflow/history/${ARTICLE}/${ownDraft.documentId}`);
    expect(own.data.length).toBeGreaterThan(0);
    expect(own.data.every((entry) => entry.targetDocumentId === ownDraft.documentId)).toBe(true);
  });
});

describe('the audit log', () => {
  const entries = (caller: Caller, documentId: string) =>
    clients[caller].json<{ results: { targetDocumentId: string; actorEmail: string | null }[] }>(
      'GET',
      `/content-manager/collection-types/api::audit-entry.audit-entry?pageSize=100&filters[targetDocumentId][$eq]=${documentId}`,
    );

  it('does not tell the Tổ CNTT who sent a submission it may not read, nor its title', async () => {
    const it_ = await clients.it.send(
      'GET',
      `/content-manager/collection-types/api::audit-entry.audit-entry?pageSize=100&filters[targetDocumentId][$eq]=${secrets.submission.documentId}`,
    );
    expect(it_.status).toBe(200);
    expect((it_.json as { results: unknown[] }).results).toEqual([]);
    expect(leaksIn(it_.text, [secrets.submission])).toEqual([]);
    expect((await entries('leadership', secrets.submission.documentId)).results.length).toBeGreaterThan(0);
  });

  it('still shows the Tổ CNTT the log of what it reads: drafts and accounts', async () => {
    expect((await entries('it', secrets.article.documentId)).results.length).toBeGreaterThan(0);
    expect((await entries('it', String(secrets.secondTeacher.id))).results.length).toBeGreaterThan(0);
  });
});

describe('the public API', () => {
  it.each([
    ['a filter', `/api/categories?filters[articles][title][$contains]=MARKER`],
    ['a sort', '/api/categories?sort=articles.title:asc'],
  ])('refuses %s through a relation into a type with drafts: it matched unpublished titles', async (_name, path) => {
    const answer = await clients.siteToken.send('GET', path.replace('MARKER', secrets.article.marker));
    expect(answer.status).toBe(403);
    expect(answer.text).toContain('API công khai không cho lọc');
  });

  it("still serves the site's own relation filter (articles of a category by slug)", async () => {
    const answer = await clients.siteToken.send('GET', '/api/articles?filters[category][slug][$eq]=tin-nha-truong');
    expect(answer.status).toBe(200);
    expect(leaks(answer.text)).toEqual([]);
  });
});

describe('roles', () => {
  it('are not listed with their users: that answer carried password hashes and reset tokens', async () => {
    const answer = await clients.it.send('GET', '/admin/roles?populate=*');
    expect(answer.status).toBe(403);
    expect(answer.text).not.toMatch(/\$2[aby]\$/);
    const plain = await clients.it.send('GET', '/admin/roles');
    expect(plain.status).toBe(200);
    expect(plain.text).not.toMatch(/\$2[aby]\$/);
  });
});
