import { adminToken, readBody } from './admin.ts';
import type { Caller } from './route-classes.ts';
import { testStack } from './test-stack.ts';

/**
 * Documents nobody but their author and the Ban giám hiệu may read, for the read-leak tests: a draft
 * article of the Ban giám hiệu and an information submission of a second teacher, each carrying a
 * marker that no other document contains, and the callers who try to read them.
 */

export interface Answer {
  status: number;
  text: string;
  json: unknown;
}

export interface Secret {
  uid: string;
  documentId: string;
  id: number;
  slug: string | null;
  marker: string;
  /**
   * Strings that name the author and nothing else: must never appear in an answer to someone who may
   * not read the secret. Empty for the Ban giám hiệu's draft: that address is legitimately on every
   * document they reviewed; `aboutSecrets` catches an answer that pairs the draft with its author.
   */
  author: string[];
}

export interface Secrets {
  article: Secret;
  submission: Secret;
  categoryDocumentId: string;
  secondTeacher: { email: string; name: string; id: number };
}

export const EMAILS = {
  superAdmin: 'admin@mnhiephoa.test',
  leadership: 'hieutruong@mnhiephoa.test',
  staff: 'giaovien@mnhiephoa.test',
  it: 'cntt@mnhiephoa.test',
} as const;

const tokens = new Map<string, string>();

async function signIn(email: string, password = testStack().password): Promise<string> {
  const cached = tokens.get(email);
  if (cached) return cached;
  const token = await adminToken(email, password);
  tokens.set(email, token);
  return token;
}

/** A caller of the CMS: an admin account (by e-mail), the site's read-only token, or nobody. */
export class Client {
  private readonly token: string | null;
  constructor(token: string | null) {
    this.token = token;
  }

  static async as(caller: Caller | { email: string; password: string }): Promise<Client> {
    if (typeof caller === 'object') return new Client(await signIn(caller.email, caller.password));
    if (caller === 'anonymous') return new Client(null);
    if (caller === 'siteToken') return new Client(testStack().siteToken);
    return new Client(await signIn(EMAILS[caller]));
  }

  async send(method: string, path: string, body?: unknown): Promise<Answer> {
    const response = await fetch(`${testStack().cmsUrl}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(20_000),
    });
    const json = await readBody(response);
    return { status: response.status, text: typeof json === 'string' ? json : JSON.stringify(json), json };
  }

  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const answer = await this.send(method, path, body);
    if (answer.status >= 400) throw new Error(`${method} ${path}: HTTP ${answer.status} ${answer.text.slice(0, 300)}`);
    return answer.json as T;
  }
}

interface Created {
  data: { id: number; documentId: string; slug?: string | null };
}

/** Creates the two secrets (and the second teacher) with markers unique to this call. */
export async function createSecrets(): Promise<Secrets> {
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const admin = await Client.as('superAdmin');
  const leader = await Client.as('leadership');

  const roles = await admin.json<{ data: { id: number; code: string }[] }>('GET', '/admin/roles');
  const staffRole = roles.data.find((role) => role.code === 'giao-vien-nhan-vien')!;
  const teacher = { email: `gv-an-${stamp}@mnhiephoa.test`, firstname: 'Kiểm Thử', lastname: `Ẩn Danh ${stamp.toUpperCase()}`, password: `An-${stamp}-Danh9` };
  const invited = await admin.json<{ data: { id: number; registrationToken: string } }>('POST', '/admin/users', {
    email: teacher.email,
    firstname: teacher.firstname,
    lastname: teacher.lastname,
    roles: [staffRole.id],
  });
  const registered = await new Client(null).send('POST', '/admin/register', {
    registrationToken: invited.data.registrationToken,
    userInfo: { firstname: teacher.firstname, lastname: teacher.lastname, password: teacher.password },
  });
  if (registered.status !== 200) throw new Error(`Không kích hoạt được tài khoản giáo viên thứ hai: ${registered.text}`);
  const secondTeacher = await Client.as({ email: teacher.email, password: teacher.password });

  const categories = await leader.json<{ results: { documentId: string }[] }>('GET', '/content-manager/collection-types/api::category.category?pageSize=1');
  const categoryDocumentId = categories.results[0]!.documentId;

  const articleMarker = `MatBai${stamp}Q`;
  const article = await leader.json<Created>('POST', '/content-manager/collection-types/api::article.article', {
    title: `Bản nháp mật ${articleMarker}`,
    summary: `Tóm tắt chưa công bố ${articleMarker}`,
    body: [{ type: 'paragraph', children: [{ type: 'text', text: `Nội dung chưa công bố ${articleMarker}` }] }],
    category: { connect: [{ documentId: categoryDocumentId }] },
  });

  const submissionMarker = `MatGui${stamp}Q`;
  const submission = await secondTeacher.json<Created>('POST', '/content-manager/collection-types/api::submission.submission', {
    kind: 'Thông tin – tin bài',
    title: `Thông tin riêng ${submissionMarker}`,
    message: `Nội dung riêng gửi Ban giám hiệu ${submissionMarker}`,
  });

  return {
    article: {
      uid: 'api::article.article',
      documentId: article.data.documentId,
      id: article.data.id,
      slug: article.data.slug ?? null,
      marker: articleMarker,
      author: [],
    },
    submission: {
      uid: 'api::submission.submission',
      documentId: submission.data.documentId,
      id: submission.data.id,
      slug: null,
      marker: submissionMarker,
      author: [teacher.email, teacher.lastname],
    },
    categoryDocumentId,
    secondTeacher: { email: teacher.email, name: `${teacher.lastname} ${teacher.firstname}`, id: invited.data.id },
  };
}

/** Every marker and author string of `secrets` found in an answer. */
/**
 * Removes the second teacher's account once a suite is done: later suites count the active staff
 * accounts (the notice e-mail goes to each of them) and must find only the demo ones.
 */
export async function removeSecondTeacher(secrets: Secrets): Promise<void> {
  const admin = await Client.as('superAdmin');
  await admin.json('DELETE', `/admin/users/${secrets.secondTeacher.id}`);
}

export function leaksIn(text: string, secrets: Secret[]): string[] {
  return secrets.flatMap((secret) => [secret.marker, ...secret.author]).filter((needle) => text.includes(needle));
}

/** Objects in an answer that describe a secret: its own row, or an audit entry about it. */
export function aboutSecrets(json: unknown, secrets: Secret[]): string[] {
  const found = new Set<string>();
  const walk = (value: unknown, depth: number): void => {
    if (depth > 30 || !value || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) walk(item, depth + 1);
      return;
    }
    const row = value as Record<string, unknown>;
    for (const secret of secrets) {
      if (row.documentId === secret.documentId || row.targetDocumentId === secret.documentId) found.add(`an object about ${secret.marker}`);
    }
    // An error may echo the request's own parameters back; that tells the caller nothing new.
    for (const [key, item] of Object.entries(row)) if (key !== 'error') walk(item, depth + 1);
  };
  walk(json, 0);
  return [...found];
}

/** How many articles and submissions exist, drafts included (as the Super Admin sees them). */
export async function documentCounts(): Promise<Record<string, number>> {
  const admin = await Client.as('superAdmin');
  const counts: Record<string, number> = {};
  for (const uid of ['api::article.article', 'api::submission.submission', 'api::activity.activity', 'api::menu.menu', 'api::notice.notice']) {
    const page = await admin.json<{ pagination: { total: number } }>('GET', `/content-manager/collection-types/${uid}?page=1&pageSize=1`);
    counts[uid] = page.pagination.total;
  }
  return counts;
}
