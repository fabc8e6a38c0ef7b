import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminSession } from '../helpers/admin.ts';
import { colourPhoto, createDraft, type UploadedPhoto, uploadPhoto } from '../helpers/fixtures.ts';
import { testStack } from '../helpers/test-stack.ts';
import { waitFor } from '../helpers/wait.ts';

const ARTICLE = 'api::article.article';
const CM = `/content-manager/collection-types/${ARTICLE}`;
const TAKE_DOWN_MS = 5_000;
const { siteUrl, cmsUrl, workDir, siteToken, password } = testStack();
const cacheDir = path.join(workDir, 'image-cache');

let leader: AdminSession;

type Uploaded = UploadedPhoto;

const storedName = (file: { url: string }) => file.url.split('/').pop()!;

const COLORS = { red: '#c0392b', blue: '#2e86c1', green: '#27ae60', purple: '#8e44ad' } as const;

/** The form that replaces a photo's file (the upload itself goes through the shared fixture). */
function photoForm(bytes: Buffer, fileName: string): FormData {
  const form = new FormData();
  form.append('files', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), fileName);
  form.append('fileInfo', JSON.stringify({ name: fileName, alternativeText: `Ảnh thử gỡ bỏ ${fileName}` }));
  return form;
}

const jpeg = (color: string) => colourPhoto(color, 900, 600, 'jpeg');

async function upload(color: keyof typeof COLORS): Promise<Uploaded> {
  const fileName = `go-bo-${color}-${Date.now()}.jpg`;
  return uploadPhoto(leader, { name: fileName, alt: `Ảnh thử gỡ bỏ ${fileName}`, color: COLORS[color], width: 900, height: 600 });
}

async function draftWith(title: string, coverId: number): Promise<string> {
  return (await createDraft(leader, coverId, { title, text: 'Nội dung thử gỡ ảnh.' })).documentId;
}

async function publish(documentId: string): Promise<string> {
  const { status, body } = await leader.request<{ data?: { slug: string } }>('POST', `${CM}/${documentId}/actions/publish`, {});
  expect(status, JSON.stringify(body)).toBe(200);
  return body.data!.slug;
}

/** Articles this suite published: removed at the end, as some lose their cover here (the demo has one each). */
const published: string[] = [];

async function publishedArticleWith(title: string, coverId: number): Promise<{ documentId: string; slug: string }> {
  const documentId = await draftWith(title, coverId);
  published.push(documentId);
  return { documentId, slug: await publish(documentId) };
}

afterAll(async () => {
  for (const documentId of published) expect((await leader.request('DELETE', `${CM}/${documentId}`)).status).toBe(200);
});

const articlePage = async (slug: string) => (await fetch(`${siteUrl}/tin-tuc/${slug}`, { signal: AbortSignal.timeout(10_000) })).text();

/** The /anh URLs of one stored file on a page (srcset candidates and src). */
const imageUrls = (html: string, name: string) =>
  [...new Set([...html.matchAll(/\/anh\/[^\s"',]+/g)].map((m) => m[0].replaceAll('&amp;', '&')))].filter((url) => url.split('?')[0]!.endsWith(`/${name}`));

async function fetchImage(url: string, init: RequestInit = {}) {
  const response = await fetch(url.startsWith('http') ? url : `${siteUrl}${url}`, { redirect: 'manual', signal: AbortSignal.timeout(30_000), ...init });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

/** Every path under the image cache that belongs to a stored file. */
function cachedCopies(name: string): string[] {
  const stem = name.replace(/\.[^.]+$/, '');
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (full.includes(stem)) found.push(full);
      if (entry.isDirectory()) walk(full);
    }
  };
  try {
    walk(cacheDir);
  } catch {
    // no cache folder yet: nothing cached
  }
  return found;
}

async function dominant(body: Buffer): Promise<'red' | 'blue' | 'green'> {
  const [r, g, b] = (await sharp(body).stats()).channels.map((channel) => channel.mean) as [number, number, number];
  return r > g && r > b ? 'red' : b > g ? 'blue' : 'green';
}

const cms = (pathname: string, headers: Record<string, string> = {}, method = 'GET') =>
  fetch(`${cmsUrl}${pathname}`, { method, headers, redirect: 'manual', signal: AbortSignal.timeout(15_000) });

/** A request with the path exactly as written (fetch would normalise `..`). */
function rawGet(pathname: string): Promise<number> {
  const { hostname, port } = new URL(cmsUrl);
  return new Promise((resolve, reject) => {
    const request = http.get({ host: hostname, port, path: pathname }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
  });
}

/** Signs in to the admin panel as the browser does, keeping the cookies it is given. */
async function browserSignIn(email: string, rememberMe: boolean) {
  // Its own device: signing out ends this session only, not the account's other sessions in other suites.
  const deviceId = randomUUID();
  const response = await fetch(`${cmsUrl}/admin/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password, rememberMe, deviceId }),
  });
  expect(response.status).toBe(200);
  const setCookies = response.headers.getSetCookie();
  const accessToken = ((await response.json()) as { data: { token: string } }).data.token;
  return {
    setCookies,
    // What the browser sends back on any path the cookies cover.
    cookie: setCookies.map((line) => line.split(';')[0]!).join('; '),
    accessToken,
    deviceId,
  };
}

beforeAll(async () => {
  leader = await AdminSession.login('hieutruong@mnhiephoa.test');
});

describe('taking a photo down in the CMS', () => {
  it('stops serving a deleted photo and drops it from the article page and the image cache within seconds', async () => {
    const photo = await upload('red');
    const name = storedName(photo);
    const { slug } = await publishedArticleWith(`Ảnh sẽ bị xóa ${Date.now()}`, photo.id);
    const urls = imageUrls(await articlePage(slug), name);
    expect(urls.length).toBeGreaterThan(2);
    const url = urls.find((candidate) => candidate.includes('/jpeg/'))!;
    const served = await fetchImage(url);
    expect(served.status).toBe(200);
    expect(await dominant(served.body)).toBe('red');
    expect(cachedCopies(name).length).toBeGreaterThan(0);

    const removed = await leader.request('DELETE', `/upload/files/${photo.id}`);
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    await waitFor(
      async () => (await fetchImage(url)).status === 404 && !(await articlePage(slug)).includes(name),
      'ảnh đã xóa không còn được phục vụ',
      TAKE_DOWN_MS,
    );
    expect(cachedCopies(name)).toEqual([]);
    for (const other of urls) expect((await fetchImage(other)).status, other).toBe(404);
    expect((await cms(photo.url)).status).toBe(404);
  });

  it('opens a gallery photo on a page of the site, never the CMS file, and answers 404 there once the photo is deleted', async () => {
    const cover = await upload('blue');
    const photo = await upload('purple');
    const { documentId } = await createDraft(leader, cover.id, {
      title: `Ảnh thư viện sẽ bị xóa ${Date.now()}`,
      text: 'Nội dung thử.',
      fields: { gallery: [photo.id] },
    });
    published.push(documentId);
    const slug = await publish(documentId);
    const photoPath = `/tin-tuc/${slug}/anh/${photo.id}`;
    const hrefs = (html: string) => [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
    const article = await articlePage(slug);
    expect(hrefs(article)).toContain(photoPath);
    expect(hrefs(article).filter((href) => href.includes('/uploads/'))).toEqual([]);

    const shown = await fetch(`${siteUrl}${photoPath}`, { signal: AbortSignal.timeout(10_000) });
    expect(shown.status).toBe(200);
    const html = await shown.text();
    expect(html).toContain('Ảnh 1/1');
    expect(imageUrls(html, storedName(photo)).length).toBeGreaterThan(0);
    expect(hrefs(html).filter((href) => href.includes('/uploads/'))).toEqual([]);

    expect((await leader.request('DELETE', `/upload/files/${photo.id}`)).status).toBe(200);
    await waitFor(
      async () => (await fetch(`${siteUrl}${photoPath}`, { signal: AbortSignal.timeout(10_000) })).status === 404,
      'trang ảnh đã xóa trả 404',
      TAKE_DOWN_MS,
    );
  });

  it('gives a replaced photo new URLs that serve the new bytes, and moves the old URLs to them', async () => {
    const photo = await upload('red');
    const name = storedName(photo);
    const { slug } = await publishedArticleWith(`Ảnh sẽ được thay ${Date.now()}`, photo.id);
    const before = imageUrls(await articlePage(slug), name).find((url) => url.includes('/jpeg/'))!;
    expect(await dominant((await fetchImage(before)).body)).toBe('red');

    const replaced = await leader.request<Uploaded>('POST', `/upload?id=${photo.id}`, photoForm(await jpeg(COLORS.blue), 'thay-anh.jpg'));
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    expect(storedName(replaced.body)).toBe(name);

    let after = '';
    await waitFor(
      async () => {
        after = imageUrls(await articlePage(slug), name).find((url) => url.includes(before.split('/').slice(2, 4).join('/'))) ?? '';
        return after !== '' && after !== before;
      },
      'trang bài viết dùng địa chỉ ảnh mới',
      TAKE_DOWN_MS,
    );
    const fresh = await fetchImage(after);
    expect(fresh.status).toBe(200);
    expect(await dominant(fresh.body)).toBe('blue');
    const old = await fetchImage(before);
    expect(old.status).toBe(302);
    expect(old.headers.get('location')).toBe(after);
    expect(old.headers.get('cache-control')).toBe('no-store');
  });

  it('drops the photos of an unpublished article within seconds', async () => {
    const photo = await upload('green');
    const name = storedName(photo);
    const { documentId, slug } = await publishedArticleWith(`Bài sẽ gỡ xuống ${Date.now()}`, photo.id);
    const url = imageUrls(await articlePage(slug), name).find((candidate) => candidate.includes('/webp/'))!;
    expect((await fetchImage(url)).status).toBe(200);
    expect((await cms(photo.url)).status).toBe(200);

    expect((await leader.request('POST', `${CM}/${documentId}/actions/unpublish`, {})).status).toBe(200);
    await waitFor(async () => (await fetchImage(url)).status === 404, 'ảnh của bài đã gỡ không còn được phục vụ', TAKE_DOWN_MS);
    expect(cachedCopies(name)).toEqual([]);
    expect((await cms(photo.url)).status).toBe(404);
  });

  it('drops the old cover when a new version of the article is published without it', async () => {
    const first = await upload('red');
    const second = await upload('blue');
    const { documentId, slug } = await publishedArticleWith(`Bài đổi ảnh bìa ${Date.now()}`, first.id);
    const url = imageUrls(await articlePage(slug), storedName(first)).find((candidate) => candidate.includes('/avif/'))!;
    expect((await fetchImage(url)).status).toBe(200);

    expect((await leader.request('PUT', `${CM}/${documentId}`, { cover: second.id })).status).toBe(200);
    // Only the draft changed: the published photo is still shown.
    expect((await fetchImage(url)).status).toBe(200);
    await publish(documentId);
    await waitFor(async () => (await fetchImage(url)).status === 404, 'ảnh bìa cũ không còn được phục vụ', TAKE_DOWN_MS);
    expect(imageUrls(await articlePage(slug), storedName(second)).length).toBeGreaterThan(0);
  });
});

describe('files used only by drafts', () => {
  let photo: Uploaded;
  let name: string;
  let documentId: string;

  beforeAll(async () => {
    photo = await upload('purple');
    name = storedName(photo);
    documentId = await draftWith(`Bản nháp có ảnh riêng ${Date.now()}`, photo.id);
  });

  it('are not transformed for the public, whatever the version asked for', async () => {
    const version = new Date(photo.updatedAt).getTime().toString(36);
    for (const url of [`/anh/480/jpeg/${version}/${name}`, `/anh/480/webp/${name}`]) {
      const response = await fetchImage(url);
      expect(response.status, url).toBe(404);
      expect(response.body.toString('utf8')).toBe('Không tìm thấy ảnh.');
    }
    expect(cachedCopies(name)).toEqual([]);
  });

  it('answer 404 in Vietnamese to an anonymous caller of the CMS, however the path is spelled', async () => {
    const urls = [photo.url, ...Object.values(photo.formats ?? {}).map((format) => format.url)];
    expect(urls.length).toBeGreaterThan(1);
    for (const url of urls) {
      const response = await cms(url);
      expect(response.status, url).toBe(404);
      expect(await response.text()).toBe('Không tìm thấy tệp.');
    }
    expect((await cms(`/%75ploads/${name}`)).status).toBe(404);
    expect((await cms(`/UPLOADS/${name}`)).status).toBe(404);
    expect(await rawGet(`/robots.txt/../uploads/${name}`)).toBe(404);
    expect(await rawGet(`/uploads/./${name}`)).toBe(404);
  });

  it('are still served to a signed-in admin, in both login modes, and to the site server, never cached publicly', async () => {
    for (const rememberMe of [false, true]) {
      const browser = await browserSignIn('admin@mnhiephoa.test', rememberMe);
      // The refresh cookie covers the whole CMS, so <img src="/uploads/..."> in the admin carries it.
      expect(browser.setCookies.find((line) => line.startsWith('strapi_admin_refresh='))).toMatch(/;\s*path=\/(;|$)/i);
      const withRefresh = await cms(photo.url, { Cookie: browser.cookie });
      expect(withRefresh.status, `rememberMe=${rememberMe}`).toBe(200);
      expect(withRefresh.headers.get('cache-control')).toBe('private, no-store');
      expect((await sharp(Buffer.from(await withRefresh.arrayBuffer())).metadata()).format).toBe('jpeg');
      // Without "remember me" the panel keeps its access token in the jwtToken cookie.
      expect((await cms(photo.url, { Cookie: `jwtToken=${browser.accessToken}` })).status).toBe(200);
    }
    const site = await cms(photo.url, { Authorization: `Bearer ${siteToken}` });
    expect(site.status).toBe(200);
    expect(site.headers.get('x-media-public')).toBe('0');
    expect((await cms(photo.url, { Authorization: 'Bearer not-the-site-token-but-long-enough-to-try' })).status).toBe(404);
  });

  it('are no longer served to an admin who signed out', async () => {
    const browser = await browserSignIn('admin@mnhiephoa.test', false);
    expect((await cms(photo.url, { Cookie: browser.cookie })).status).toBe(200);
    const out = await fetch(`${cmsUrl}/admin/logout`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${browser.accessToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ deviceId: browser.deviceId }),
    });
    expect(out.status).toBe(200);
    expect((await cms(photo.url, { Cookie: browser.cookie })).status).toBe(404);
    expect((await cms(photo.url, { Cookie: `jwtToken=${browser.accessToken}` })).status).toBe(404);
  });

  it('keep an admin signed in whose browser still holds the refresh cookie of the old /admin path', async () => {
    const browser = await browserSignIn('admin@mnhiephoa.test', true);
    // The browser sends the cookie with the longer path first: the stale one from before the move.
    const cookie = `strapi_admin_refresh=cu-tu-truoc; strapi_admin_refresh.sig=chu-ky-cu; ${browser.cookie}`;
    const refreshed = await fetch(`${cmsUrl}/admin/access-token`, { method: 'POST', headers: { Cookie: cookie } });
    expect(refreshed.status).toBe(200);
    expect(((await refreshed.json()) as { data: { token: string } }).data.token.length).toBeGreaterThan(20);
    const page = await fetch(`${cmsUrl}/admin/init`, { headers: { Cookie: cookie } });
    expect(page.headers.getSetCookie()).toContainEqual(expect.stringMatching(/^strapi_admin_refresh=; Path=\/admin; Expires=Thu, 01 Jan 1970/));
  });

  it('show on the signed preview of their draft, through short-lived signed image URLs that are never cached', async () => {
    const link = await leader.request<{ data?: { url?: string } }>('GET', `/content-manager/preview/url/${ARTICLE}?documentId=${documentId}&status=draft`);
    const html = await (await fetch(link.body.data!.url!)).text();
    const url = imageUrls(html, name).find((candidate) => candidate.includes('/jpeg/'))!;
    expect(url).toMatch(/\?p=\d+\.[\w-]+$/);
    const signed = await fetchImage(url);
    expect(signed.status).toBe(200);
    expect(signed.headers.get('cache-control')).toBe('private, no-store');
    expect((await sharp(signed.body).metadata()).format).toBe('jpeg');
    expect((await fetchImage(url.split('?')[0]!)).status).toBe(404);
    expect((await fetchImage(`${url.slice(0, -2)}xx`)).status).toBe(404);
    expect(cachedCopies(name)).toEqual([]);
  });
});

describe('caching of images that can be withdrawn', () => {
  it('lets browsers and nginx keep /anh and /uploads responses only briefly, and revalidates /anh with an ETag', async () => {
    const photo = await upload('blue');
    const name = storedName(photo);
    const { slug } = await publishedArticleWith(`Ảnh với thời hạn bộ nhớ đệm ${Date.now()}`, photo.id);
    for (const url of imageUrls(await articlePage(slug), name).slice(0, 4)) {
      const response = await fetchImage(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=60');
      expect(response.headers.get('cache-control')).not.toContain('immutable');
      const etag = response.headers.get('etag')!;
      expect(etag).toMatch(/^"[\w-]+"$/);
      const again = await fetchImage(url, { headers: { 'If-None-Match': etag } });
      expect(again.status).toBe(304);
      expect(again.body.byteLength).toBe(0);
    }
    const original = await cms(photo.url);
    expect(original.status).toBe(200);
    expect(original.headers.get('cache-control')).toBe('public, max-age=60');
  });
});
