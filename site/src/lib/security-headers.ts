/**
 * The security headers of every response of the public site, in one place.
 *
 * Two callers apply them: src/middleware.ts on everything Astro renders (pages, error pages, feeds,
 * endpoints; cached pages carry them too, since the route cache stores the middleware's response), and
 * src/server.ts, the process entry, on every response of the HTTP server, because the node adapter serves
 * dist/client (/favicon.svg, /_astro/*) and refuses malformed URLs before Astro and its middleware run,
 * and Astro's origin check refuses cross-site form posts before the middleware. So this module only
 * imports plain TypeScript that Node can run without a build.
 *
 * The values depend on the process's configuration and the build, never on the request: a cached page
 * is the same for every reader.
 *
 * Content-Security-Policy: nothing inline runs or applies unless its hash is listed.
 * - The display-preferences <head> script (it must run before first paint) is printed with is:inline;
 *   its hash is computed here from the very string the layout prints.
 * - The small <script> and <style> blocks of components, which Astro inlines (so pages load no script
 *   file), are hashed by Astro at build time (astro.config.mjs: security.csp) and sent as its own CSP
 *   header on each page; pagePolicy() keeps those hashes and nothing else of it.
 * - JSON-LD blocks are data, not script: browsers neither run them nor check them against the CSP.
 * Responses that are not HTML cannot run inline code and get the policy without Astro's hashes.
 */

import { createHash } from 'node:crypto';
import { getConfig, type SiteConfig } from './config.ts';
import { HEAD_SCRIPT } from './seo/display-prefs.ts';

export const HTML_CONTENT_TYPE = 'text/html; charset=utf-8';

/** The inline scripts Astro does not see (is:inline), exactly as printed. */
export const INLINE_SCRIPTS: readonly string[] = [HEAD_SCRIPT];

/** The CSP source expression that allows exactly this inline script or style. */
export function sourceHash(source: string): string {
  return `'sha256-${createHash('sha256').update(source, 'utf8').digest('base64')}'`;
}

/** Browser features the site never uses, denied to it and to anything it could ever embed. */
export const DENIED_FEATURES = [
  'accelerometer',
  'autoplay',
  'browsing-topics',
  'camera',
  'display-capture',
  'geolocation',
  'gyroscope',
  'interest-cohort',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'publickey-credentials-get',
  'screen-wake-lock',
  'serial',
  'usb',
  'xr-spatial-tracking',
] as const;

type PolicyInput = Pick<SiteConfig, 'cmsPublicUrl' | 'mediaSourceUrl' | 'siteUrl'>;

/** Hashes of inline code to allow besides INLINE_SCRIPTS, as CSP sources ("'sha256-…'"). */
export interface InlineHashes {
  scripts: readonly string[];
  styles: readonly string[];
}

const NO_HASHES: InlineHashes = { scripts: [], styles: [] };

function originOf(url: string): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

const unique = <T>(items: readonly T[]): T[] => [...new Set(items)];

/**
 * The directives, in order. Images are the only content from elsewhere: pages show CMS media through
 * CMS_PUBLIC_URL when the /anh transformer cannot, and object-storage URLs (MEDIA_SOURCE_URL) as they are.
 */
export function cspDirectives(config: PolicyInput, hashes: InlineHashes = NO_HASHES): [string, ...string[]][] {
  const imageOrigins = unique([originOf(config.cmsPublicUrl), originOf(config.mediaSourceUrl)].filter((o): o is string => o !== null));
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'", ...unique([...INLINE_SCRIPTS.map(sourceHash), ...hashes.scripts])],
    ['style-src', "'self'", ...unique(hashes.styles)],
    ['img-src', "'self'", 'data:', ...imageOrigins],
    ['object-src', "'none'"],
    ['frame-ancestors', "'none'"],
    ['base-uri', "'self'"],
    ['form-action', "'self'"],
  ];
  // Only where the site itself is served over https: on http it would break every same-origin request.
  if (config.siteUrl.startsWith('https://')) directives.push(['upgrade-insecure-requests']);
  return directives;
}

export function contentSecurityPolicy(config: PolicyInput, hashes: InlineHashes = NO_HASHES): string {
  return cspDirectives(config, hashes)
    .map((parts) => parts.join(' '))
    .join('; ');
}

const HASH_SOURCE = /^'sha(?:256|384|512)-[A-Za-z0-9+/]+={0,2}'$/;

/** The hash sources of script-src(-elem) and style-src(-elem) in a policy; everything else is ignored. */
export function hashesIn(policy: string): InlineHashes {
  const scripts: string[] = [];
  const styles: string[] = [];
  for (const directive of policy.split(';')) {
    const [name = '', ...sources] = directive.trim().split(/\s+/);
    const into = /^script-src(?:-elem)?$/i.test(name) ? scripts : /^style-src(?:-elem)?$/i.test(name) ? styles : null;
    if (into) into.push(...sources.filter((source) => HASH_SOURCE.test(source)));
  }
  return { scripts: unique(scripts), styles: unique(styles) };
}

const configKey = (config: PolicyInput): string => `${config.cmsPublicUrl}\n${config.mediaSourceUrl}\n${config.siteUrl}`;
let baseMemo: { key: string; headers: readonly [string, string][] } | undefined;
let pageMemo: { key: string; policy: string } | undefined;

/** The headers to put on every response (the CSP without Astro's hashes); computed once per configuration. */
export function securityHeaders(config: PolicyInput = getConfig()): readonly [string, string][] {
  const key = configKey(config);
  if (baseMemo?.key !== key) {
    baseMemo = {
      key,
      headers: [
        ['Content-Security-Policy', contentSecurityPolicy(config)],
        ['X-Content-Type-Options', 'nosniff'],
        ['Referrer-Policy', 'strict-origin-when-cross-origin'],
        ['Permissions-Policy', DENIED_FEATURES.map((feature) => `${feature}=()`).join(', ')],
        // frame-ancestors for browsers that predate it.
        ['X-Frame-Options', 'DENY'],
      ],
    };
  }
  return baseMemo.headers;
}

/**
 * The policy of an HTML page: the site's, plus the hashes of the inline code Astro built into it, taken
 * from the policy Astro rendered. Astro's header is the same for every page of a build, hence one memo.
 */
export function pagePolicy(astroPolicy: string, config: PolicyInput = getConfig()): string {
  const key = `${configKey(config)}\n${astroPolicy}`;
  if (pageMemo?.key !== key) pageMemo = { key, policy: contentSecurityPolicy(config, hashesIn(astroPolicy)) };
  return pageMemo.policy;
}

function isHtml(contentType: string | null): boolean {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase() === 'text/html';
}

/** `text/html` without a charset gets `; charset=utf-8`; every other type is left as it is. */
export function htmlContentType(contentType: string | null): string | null {
  if (!contentType || !isHtml(contentType)) return contentType;
  return /;\s*charset=/i.test(contentType) ? contentType : HTML_CONTENT_TYPE;
}

/**
 * The response with the security headers set and the charset of HTML made explicit. Astro's responses
 * have mutable headers; one built by fetch() or Response.redirect() does not, and is copied.
 */
export function withSecurityHeaders(response: Response): Response {
  try {
    applyHeaders(response.headers);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    applyHeaders(copy.headers);
    return copy;
  }
}

function applyHeaders(headers: Headers): void {
  const config = getConfig();
  const contentType = headers.get('Content-Type');
  const astroPolicy = headers.get('Content-Security-Policy');
  for (const [name, value] of securityHeaders(config)) headers.set(name, value);
  if (isHtml(contentType)) {
    if (astroPolicy) headers.set('Content-Security-Policy', pagePolicy(astroPolicy, config));
    const fixed = htmlContentType(contentType);
    if (fixed && fixed !== contentType) headers.set('Content-Type', fixed);
  }
}
