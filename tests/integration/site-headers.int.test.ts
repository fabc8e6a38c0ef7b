import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureEnvFiles } from '../../scripts/lib/env-file.ts';
import { siteDir } from '../../scripts/lib/paths.ts';
import { siteServer } from '../../scripts/lib/stack.ts';
import { AdminSession } from '../helpers/admin.ts';
import { purgeSiteCache } from '../helpers/purge.ts';
import { freePort, testStack } from '../helpers/test-stack.ts';
import { waitFor } from '../helpers/wait.ts';

/** Directive name → its sources, failing on a directive given twice (browsers ignore the second). */
function parseCsp(header: string | null): Map<string, string[]> {
  expect(header, 'Content-Security-Policy').toBeTruthy();
  const directives = new Map<string, string[]>();
  for (const part of header!.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    expect(directives.has(name), `directive ${name} given twice`).toBe(false);
    directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

function parsePermissions(header: string | null): Map<string, string> {
  expect(header, 'Permissions-Policy').toBeTruthy();
  return new Map(
    header!.split(',').map((item) => {
      const [feature = '', allow = ''] = item.trim().split('=');
      return [feature, allow] as const;
    }),
  );
}

const HASH = /^'sha256-[A-Za-z0-9+/]{43}='$/;
const hashOf = (source: string): string => `'sha256-${createHash('sha256').update(source, 'utf8').digest('base64')}'`;

/** The inline scripts a browser would run: no src, and no data type such as application/ld+json. */
function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
    .filter(([, attributes = '']) => !/\bsrc=/i.test(attributes))
    .filter(([, attributes = '']) => {
      const type = /\btype="([^"]*)"/i.exec(attributes)?.[1]?.toLowerCase();
      return type === undefined || type === '' || type === 'module' || type === 'text/javascript';
    })
    .map(([, , body = '']) => body);
}

function inlineStyles(html: string): string[] {
  return [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map(([, body = '']) => body);
}

/** The policy without its hash sources: what must be the same on every response. */
function withoutHashes(csp: Map<string, string[]>): Record<string, string[]> {
  return Object.fromEntries([...csp].map(([name, sources]) => [name, sources.filter((source) => !HASH.test(source))]));
}

/** Every header of the brief, with every CSP directive, on one response of a site reached over http. */
function expectSecurityHeaders(headers: Headers, { cmsOrigin, https = false }: { cmsOrigin: string; https?: boolean }): Map<string, string[]> {
  const csp = parseCsp(headers.get('content-security-policy'));
  expect(csp.get('default-src')).toEqual(["'self'"]);
  // Besides this origin, only inline code with exactly this hash.
  for (const name of ['script-src', 'style-src']) {
    const sources = csp.get(name) ?? [];
    expect(sources[0], name).toBe("'self'");
    for (const source of sources.slice(1)) expect(source, name).toMatch(HASH);
  }
  expect(csp.get('script-src')?.length, 'script-src lists the hash of the <head> script').toBeGreaterThan(1);
  expect(csp.get('img-src')).toEqual(expect.arrayContaining(["'self'", 'data:', cmsOrigin]));
  expect(csp.get('object-src')).toEqual(["'none'"]);
  expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  expect(csp.get('base-uri')).toEqual(["'self'"]);
  expect(csp.get('form-action')).toEqual(["'self'"]);
  expect(csp.has('upgrade-insecure-requests')).toBe(https);
  const everySource = [...csp.values()].flat();
  expect(everySource).not.toContain("'unsafe-inline'");
  expect(everySource).not.toContain("'unsafe-eval'");
  expect(everySource).not.toContain('*');

  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  expect(headers.get('x-frame-options')).toBe('DENY');
  const permissions = parsePermissions(headers.get('permissions-policy'));
  for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb', 'interest-cohort']) {
    expect(permissions.get(feature), `Permissions-Policy ${feature}`).toBe('()');
  }
  return csp;
}

interface Case {
  what: string;
  path: () => string;
  init?: () => RequestInit;
  status: number;
  /** The Content-Type the route itself chose; the headers must not change it. */
  type: string | null;
}

let articlePath = '';
let imagePath = '';
let stylesheetPath = '';
/** The policy of responses that cannot run inline code, taken from a static file. */
let basePolicy = '';

const site = () => testStack().siteUrl;
const cmsOrigin = () => new URL(testStack().cmsUrl).origin;
const get = (path: string, init?: RequestInit) => fetch(`${site()}${path}`, { redirect: 'manual', signal: AbortSignal.timeout(15_000), ...init });
const formPost = (origin: string | null) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(origin ? { Origin: origin } : {}) },
  body: new URLSearchParams({ 'noi-dung': 'Sai', trang: '/tin-tuc', website: '' }).toString(),
});

beforeAll(async () => {
  const home = await (await get('/')).text();
  imagePath = /\/anh\/\d+\/(?:avif|webp|jpeg)\/[^"\s,]+/.exec(home)?.[0] ?? '';
  stylesheetPath = /<link rel="stylesheet" href="(\/_astro\/[^"]+\.css)"/.exec(home)?.[1] ?? '';
  const list = await (await get('/tin-tuc')).text();
  articlePath = /href="(\/tin-tuc\/(?!chuyen-muc|rss)[a-z0-9-]+)"/.exec(list)?.[1] ?? '';
  expect({ imagePath, stylesheetPath, articlePath }).toEqual({
    imagePath: expect.stringMatching(/^\/anh\//),
    stylesheetPath: expect.stringMatching(/^\/_astro\//),
    articlePath: expect.stringMatching(/^\/tin-tuc\//),
  });
  basePolicy = (await get('/favicon.svg')).headers.get('content-security-policy') ?? '';
});

const HTML = 'text/html; charset=utf-8';
const CASES: Case[] = [
  { what: 'the home page', path: () => '/', status: 200, type: HTML },
  { what: 'an article', path: () => articlePath, status: 200, type: HTML },
  { what: 'a directive', path: () => '/van-ban/quyet-dinh-380-qd-mnhh', status: 200, type: HTML },
  { what: 'the search page', path: () => '/tim-kiem?q=k%E1%BA%BF+ho%E1%BA%A1ch', status: 200, type: HTML },
  { what: 'the display settings page', path: () => '/cai-dat-hien-thi', status: 200, type: HTML },
  { what: 'the 404 page', path: () => '/trang-khong-ton-tai', status: 404, type: HTML },
  { what: 'the 500 page', path: () => '/500', status: 500, type: HTML },
  { what: 'the preview page refusing a missing token', path: () => '/xem-truoc', status: 403, type: HTML },
  { what: 'the correction form', path: () => '/bao-sai-sot', status: 200, type: HTML },
  { what: 'the correction form POST answering an invalid report', path: () => '/bao-sai-sot', init: () => formPost(site()), status: 400, type: HTML },
  {
    what: 'a cross-site POST refused by Astro before the middleware',
    path: () => '/bao-sai-sot',
    init: () => formPost('https://example.org'),
    status: 403,
    type: 'text/plain;charset=UTF-8',
  },
  { what: 'the news RSS feed', path: () => '/tin-tuc/rss.xml', status: 200, type: 'application/rss+xml; charset=utf-8' },
  { what: 'the directives RSS feed', path: () => '/van-ban/rss.xml', status: 200, type: 'application/rss+xml; charset=utf-8' },
  { what: 'the activities RSS feed', path: () => '/hoat-dong/rss.xml', status: 200, type: 'application/rss+xml; charset=utf-8' },
  { what: 'the sitemap', path: () => '/sitemap.xml', status: 200, type: 'application/xml; charset=utf-8' },
  { what: 'robots.txt', path: () => '/robots.txt', status: 200, type: 'text/plain; charset=utf-8' },
  {
    what: 'the purge API refusing an unsigned request',
    path: () => '/api/cache/purge',
    init: () => ({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"tags":["article"]}' }),
    status: 401,
    type: 'application/json; charset=utf-8',
  },
  { what: 'a resized image', path: () => imagePath, status: 200, type: 'image/avif' },
  { what: 'the image endpoint refusing a width', path: () => '/anh/500/avif/anh.jpg', status: 400, type: 'text/plain; charset=utf-8' },
  { what: 'a static file from public/', path: () => '/favicon.svg', status: 200, type: 'image/svg+xml' },
  { what: 'a built stylesheet', path: () => stylesheetPath, status: 200, type: 'text/css; charset=utf-8' },
  { what: 'a malformed address the adapter refuses', path: () => '/%E0%A4%A', status: 400, type: null },
];

describe('security headers on every response of the site', () => {
  for (const c of CASES) {
    it(`are on ${c.what}, with the site's one policy and the route's own Content-Type`, async () => {
      const response = await get(c.path(), c.init?.());
      await response.arrayBuffer();
      expect(response.status).toBe(c.status);
      const csp = expectSecurityHeaders(response.headers, { cmsOrigin: cmsOrigin() });
      expect(response.headers.get('content-type')).toBe(c.type);
      if (c.type === HTML) {
        // Pages add the hashes of the inline code Astro built, and nothing else.
        expect(withoutHashes(csp)).toEqual(withoutHashes(parseCsp(basePolicy)));
        for (const source of parseCsp(basePolicy).get('script-src')!) expect(csp.get('script-src')).toContain(source);
      } else {
        expect(response.headers.get('content-security-policy')).toBe(basePolicy);
      }
    });
  }

  it('are on the preview of a draft, whose inline code is allowed like any page’s', async () => {
    const leader = await AdminSession.login('hieutruong@mnhiephoa.test');
    const ARTICLE = 'api::article.article';
    const documentId = (await leader.createDraft(ARTICLE, { title: 'Bản nháp kiểm tra tiêu đề bảo mật', summary: 'Chưa đăng.' })).body.data!.documentId;
    const link = await leader.request<{ data?: { url?: string } }>('GET', `/content-manager/preview/url/${ARTICLE}?documentId=${documentId}&status=draft`);
    const url = link.body?.data?.url;
    expect(url).toMatch(new RegExp(`^${site()}/xem-truoc\\?`));
    const response = await fetch(url!, { redirect: 'manual' });
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('Bản nháp kiểm tra tiêu đề bảo mật');
    expect(response.headers.get('content-type')).toBe(HTML);
    const csp = expectSecurityHeaders(response.headers, { cmsOrigin: cmsOrigin() });
    expect(withoutHashes(csp)).toEqual(withoutHashes(parseCsp(basePolicy)));
    for (const script of inlineScripts(html)) expect(csp.get('script-src')).toContain(hashOf(script));
  });

  it('stay on a static file answered 304 Not Modified', async () => {
    const first = await get('/favicon.svg');
    await first.arrayBuffer();
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    // node:http, not fetch: fetch turns a conditional request into "Cache-Control: no-cache", which never gets a 304.
    const again = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http.get(`${site()}/favicon.svg`, { headers: { 'If-None-Match': etag! } }, resolve).on('error', reject);
    });
    again.resume();
    expect(again.statusCode).toBe(304);
    const headers = new Headers();
    for (const [name, value] of Object.entries(again.headers)) if (typeof value === 'string') headers.set(name, value);
    expectSecurityHeaders(headers, { cmsOrigin: cmsOrigin() });
  });

  it('are identical on a page served from the page cache and on its first render', async () => {
    // Purged through the real webhook, so this test renders the page itself whatever ran before.
    const path = '/hoat-dong';
    await purgeSiteCache(['activity']);
    const first = await get(path);
    const second = await get(path);
    await Promise.all([first.arrayBuffer(), second.arrayBuffer()]);
    expect(first.headers.get('x-cache')).toBe('MISS');
    expect(second.headers.get('x-cache')).toBe('HIT');
    for (const name of [
      'content-security-policy',
      'x-content-type-options',
      'referrer-policy',
      'permissions-policy',
      'x-frame-options',
      'content-type',
      'etag',
      'vary',
    ]) {
      expect(second.headers.get(name), name).toBe(first.headers.get(name));
    }
    expect(second.headers.get('content-type')).toBe(HTML);
    expect(second.headers.get('vary')).toBe('Accept-Encoding');
  });
});

describe('the HTML and its policy agree', () => {
  // Every kind of page the site has.
  const pages = () => [
    '/',
    '/gioi-thieu',
    '/tin-tuc',
    articlePath,
    '/van-ban',
    '/van-ban/quyet-dinh-380-qd-mnhh',
    '/hoat-dong',
    '/cong-khai',
    '/thuc-don',
    '/thong-bao',
    '/trang-thai/bao-tri',
    '/lien-he',
    '/trang-thai',
    '/en',
    '/tim-kiem?q=th%E1%BB%B1c+%C4%91%C6%A1n',
    '/bao-sai-sot',
    '/hoi-dap',
    '/hoi-dap/gui-cau-hoi',
    '/cai-dat-hien-thi',
    '/xem-truoc',
    '/trang-khong-ton-tai',
  ];

  it('declares UTF-8 as the first thing in <head>', async () => {
    for (const path of pages()) {
      const html = await (await get(path)).text();
      expect(html, path).toMatch(/^<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">/i);
    }
  });

  it('allows every inline script and style by its hash, and has no inline code a hash cannot allow', async () => {
    for (const path of pages()) {
      const response = await get(path);
      const html = await response.text();
      const csp = parseCsp(response.headers.get('content-security-policy'));
      const scripts = inlineScripts(html);
      // The display-preferences script in <head> and the header switches' script are on every page.
      expect(scripts.length, path).toBeGreaterThanOrEqual(2);
      for (const script of scripts) {
        expect(csp.get('script-src'), `inline script on ${path}: ${script.slice(0, 60)}`).toContain(hashOf(script));
      }
      for (const style of inlineStyles(html)) {
        expect(csp.get('style-src'), `inline style on ${path}: ${style.slice(0, 60)}`).toContain(hashOf(style));
      }
      expect(html, `style attribute on ${path}`).not.toMatch(/<[a-z][^>]*\sstyle\s*=/i);
      expect(html, `event handler attribute on ${path}`).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=\s*["']/i);
      expect(html, `javascript: URL on ${path}`).not.toMatch(/\s(?:href|src|action)\s*=\s*["']\s*javascript:/i);
    }
  });

  it('covers the stylesheets Astro inlines into a page, such as the search page’s', async () => {
    const response = await get('/tim-kiem?q=th%E1%BB%B1c+%C4%91%C6%A1n');
    const styles = inlineStyles(await response.text());
    expect(styles.length).toBeGreaterThan(0);
    expect(parseCsp(response.headers.get('content-security-policy')).get('style-src')).toEqual(expect.arrayContaining(styles.map(hashOf)));
  });
});

describe('a site served over https with media in object storage, while its CMS is down', () => {
  let child: ChildProcess;
  let url = '';
  const media = 'https://media.truong.example';

  beforeAll(async () => {
    const port = await freePort();
    const deadCms = await freePort();
    url = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [siteServer], {
      cwd: siteDir,
      env: {
        ...process.env,
        ...ensureEnvFiles().site,
        HOST: '127.0.0.1',
        PORT: String(port),
        CMS_URL: `http://127.0.0.1:${deadCms}`,
        CMS_PUBLIC_URL: 'https://cms.truong.example',
        MEDIA_SOURCE_URL: `${media}/uploads`,
        SITE_URL: 'https://truong.example',
        CMS_TIMEOUT_MS: '1000',
      },
      stdio: 'ignore',
    });
    await waitFor(async () => (await fetch(`${url}/favicon.svg`).catch(() => null))?.status === 200, 'trang công khai thứ hai khởi động');
  });

  afterAll(() => {
    child?.kill('SIGKILL');
  });

  it('sends the 503 page with the headers, upgrade-insecure-requests and the media origins', async () => {
    const response = await fetch(`${url}/tin-tuc`);
    const html = await response.text();
    expect(response.status).toBe(503);
    expect(html).toContain('tạm gián đoạn');
    expect(response.headers.get('content-type')).toBe(HTML);
    const csp = expectSecurityHeaders(response.headers, { cmsOrigin: 'https://cms.truong.example', https: true });
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'https://cms.truong.example', media]);
    expect(csp.get('upgrade-insecure-requests')).toEqual([]);
  });

  it('sends the same policy, less the page’s hashes, on its static files', async () => {
    const page = await fetch(`${url}/tin-tuc`);
    const file = await fetch(`${url}/favicon.svg`);
    await Promise.all([page.arrayBuffer(), file.arrayBuffer()]);
    const fileCsp = expectSecurityHeaders(file.headers, { cmsOrigin: 'https://cms.truong.example', https: true });
    expect(withoutHashes(fileCsp)).toEqual(withoutHashes(parseCsp(page.headers.get('content-security-policy'))));
  });
});
