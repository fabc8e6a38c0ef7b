/**
 * Publish → visible through the real purge webhook: the Ban giám hiệu account creates a draft in the admin
 * API, publishes it, and the bench polls the article's page and the news list until it shows. The drafts
 * and their cover are deleted afterwards, so that a reused dataset stays as loaded.
 */
import { performance } from 'node:perf_hooks';
import { publicPath, section, uidOf } from '@portal/common/sections';
import sharp from 'sharp';
import { getText, msUntil } from './http.ts';

interface Json {
  [key: string]: unknown;
}

export class AdminApi {
  private readonly cmsUrl: string;
  private readonly token: string;
  private constructor(cmsUrl: string, token: string) {
    this.cmsUrl = cmsUrl;
    this.token = token;
  }

  static async login(cmsUrl: string, email: string, password: string): Promise<AdminApi> {
    const response = await fetch(`${cmsUrl}/admin/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    const body = (await response.json()) as { data?: { token?: string; accessToken?: string } };
    const token = body.data?.accessToken ?? body.data?.token;
    if (!token) throw new Error(`Không đăng nhập được trang quản trị bằng ${email} (HTTP ${response.status}).`);
    return new AdminApi(cmsUrl, token);
  }

  async request(method: string, path: string, body?: Json | FormData): Promise<{ status: number; body: Json }> {
    const isForm = body instanceof FormData;
    const response = await fetch(`${this.cmsUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${this.token}`, ...(body === undefined || isForm ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await response.text();
    let parsed: Json = {};
    try {
      parsed = text ? (JSON.parse(text) as Json) : {};
    } catch {
      parsed = { text };
    }
    return { status: response.status, body: parsed };
  }
}

export interface PublishSample {
  /** Milliseconds from sending the publish request until the article's own page shows it. */
  page: number;
  /** … until the first page of the news list shows it. */
  list: number;
}

export async function publishSamples(api: AdminApi, siteUrl: string, count: number, runId: string): Promise<PublishSample[]> {
  const articles = `/content-manager/collection-types/${uidOf('article')}`;
  const photo = await sharp({ create: { width: 160, height: 120, channels: 3, background: '#2e86c1' } })
    .jpeg()
    .toBuffer();
  const form = new FormData();
  form.append('files', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), `bench-publish-${runId}.jpg`);
  form.append('fileInfo', JSON.stringify({ name: `bench-publish-${runId}.jpg`, alternativeText: 'Ảnh minh họa bài đo hiệu năng' }));
  const uploaded = await api.request('POST', '/upload', form);
  const cover = (uploaded.body as unknown as { id: number }[])[0]?.id;
  if (uploaded.status !== 201 || cover === undefined) throw new Error(`Không tải lên được ảnh bìa (HTTP ${uploaded.status}).`);

  const created: string[] = [];
  const samples: PublishSample[] = [];
  try {
    for (let i = 1; i <= count; i += 1) {
      const title = `Bài đo hiệu năng ${runId} số ${i}`;
      const draft = await api.request('POST', articles, {
        title,
        summary: `Tóm tắt của ${title}.`,
        body: [{ type: 'paragraph', children: [{ type: 'text', text: `Nội dung của ${title}.` }] }] as unknown as Json,
        cover,
      });
      const data = draft.body.data as { documentId?: string; slug?: string } | undefined;
      if (draft.status !== 201 || !data?.documentId || !data.slug)
        throw new Error(`Không tạo được bản nháp (HTTP ${draft.status}): ${JSON.stringify(draft.body).slice(0, 300)}`);
      created.push(data.documentId);
      const pageUrl = `${siteUrl}${publicPath(uidOf('article'), data.slug)}`;
      const listUrl = `${siteUrl}${section('article').route}`;
      const since = performance.now();
      const publish = api.request('POST', `${articles}/${data.documentId}/actions/publish`, {});
      const shows = (url: string) => async () => {
        const { status, text } = await getText(url);
        return status === 200 && text.includes(title);
      };
      const [published, page, list] = await Promise.all([
        publish,
        msUntil(since, shows(pageUrl), 15_000, `Trang bài ${pageUrl}`),
        msUntil(since, shows(listUrl), 15_000, `Danh sách ${listUrl}`),
      ]);
      if (published.status !== 200) throw new Error(`Đăng bài thất bại (HTTP ${published.status}).`);
      samples.push({ page, list });
    }
  } finally {
    for (const documentId of created) await api.request('DELETE', `${articles}/${documentId}`);
    await api.request('DELETE', `/upload/files/${cover}`);
  }
  return samples;
}
