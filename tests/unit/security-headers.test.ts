import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, hashesIn, htmlContentType, pagePolicy, sourceHash, withSecurityHeaders } from '../../site/src/lib/security-headers.ts';

const local = { cmsPublicUrl: 'http://127.0.0.1:1337', mediaSourceUrl: '', siteUrl: 'http://127.0.0.1:4321' };
const directive = (policy: string, name: string): string[] | undefined =>
  policy
    .split(';')
    .map((part) => part.trim().split(/\s+/))
    .find(([first]) => first === name)
    ?.slice(1);

describe('the site’s Content-Security-Policy', () => {
  it('hashes inline code as browsers do (SHA-256, base64)', () => {
    // The well-known digest of the empty string.
    expect(sourceHash('')).toBe("'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='");
  });

  it('asks for https only when the site itself is served over https', () => {
    expect(directive(contentSecurityPolicy(local), 'upgrade-insecure-requests')).toBeUndefined();
    expect(directive(contentSecurityPolicy({ ...local, siteUrl: 'https://truong.example' }), 'upgrade-insecure-requests')).toEqual([]);
  });

  it('allows images from the CMS and the media bucket by origin, once each, and ignores addresses that are not http(s)', () => {
    const policy = contentSecurityPolicy({
      cmsPublicUrl: 'https://cms.example/',
      mediaSourceUrl: 'https://cms.example/uploads',
      siteUrl: 'https://site.example',
    });
    expect(directive(policy, 'img-src')).toEqual(["'self'", 'data:', 'https://cms.example']);
    const odd = contentSecurityPolicy({ cmsPublicUrl: 'javascript:alert(1)', mediaSourceUrl: 'not a url', siteUrl: 'http://x' });
    expect(directive(odd, 'img-src')).toEqual(["'self'", 'data:']);
  });

  it('takes only hash sources from Astro’s policy, never a keyword or a host it might contain', () => {
    const astro = "script-src 'self' 'unsafe-inline' https://cdn.example 'sha256-AAAA'; style-src 'self' 'sha384-BBBB'; img-src *";
    expect(hashesIn(astro)).toEqual({ scripts: ["'sha256-AAAA'"], styles: ["'sha384-BBBB'"] });
    const page = pagePolicy(astro, local);
    expect(page).not.toContain('unsafe-inline');
    expect(page).not.toContain('cdn.example');
    expect(directive(page, 'img-src')).toEqual(["'self'", 'data:', 'http://127.0.0.1:1337']);
    expect(directive(page, 'style-src')).toEqual(["'self'", "'sha384-BBBB'"]);
    expect(directive(page, 'script-src')).toContain("'sha256-AAAA'");
  });

  it('gives the same page policy when applied to its own output', () => {
    const once = pagePolicy("script-src 'self' 'sha256-AAAA'; style-src 'self' 'sha256-BBBB'", local);
    expect(pagePolicy(once, local)).toBe(once);
  });
});

describe('headers on a response', () => {
  it('adds the charset to HTML only, and keeps a charset that is already there', () => {
    expect(htmlContentType('text/html')).toBe('text/html; charset=utf-8');
    expect(htmlContentType('TEXT/HTML')).toBe('text/html; charset=utf-8');
    expect(htmlContentType('text/html; charset=utf-8')).toBe('text/html; charset=utf-8');
    expect(htmlContentType('application/rss+xml; charset=utf-8')).toBe('application/rss+xml; charset=utf-8');
    expect(htmlContentType('image/avif')).toBe('image/avif');
    expect(htmlContentType(null)).toBeNull();
  });

  it('copies a response whose headers cannot change, keeping its status and location', () => {
    const redirect = Response.redirect('http://127.0.0.1:4321/tin-tuc', 302);
    const result = withSecurityHeaders(redirect);
    expect(result.status).toBe(302);
    expect(result.headers.get('location')).toBe('http://127.0.0.1:4321/tin-tuc');
    expect(result.headers.get('x-content-type-options')).toBe('nosniff');
    expect(result.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('keeps Astro’s hashes on HTML and drops them elsewhere', () => {
    const astro = "script-src 'self' 'sha256-AAAA'; style-src 'self'";
    const html = withSecurityHeaders(new Response('<p>x</p>', { headers: { 'Content-Type': 'text/html', 'Content-Security-Policy': astro } }));
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('content-security-policy')).toContain("'sha256-AAAA'");
    const json = withSecurityHeaders(new Response('{}', { headers: { 'Content-Type': 'application/json', 'Content-Security-Policy': astro } }));
    expect(json.headers.get('content-type')).toBe('application/json');
    expect(json.headers.get('content-security-policy')).not.toContain("'sha256-AAAA'");
  });
});
