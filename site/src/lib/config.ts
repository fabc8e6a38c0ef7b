/**
 * Runtime configuration of the site server.
 *
 * Everything is read from process.env on each call, never from import.meta.env: the same build
 * must run against any CMS, and Astro does not load .env files at runtime.
 */

import path from 'node:path';
import { absoluteUrl as absoluteUrlOn } from '@portal/common/urls';

export interface SiteConfig {
  /** Server-side REST base of the CMS, without a trailing slash. */
  cmsUrl: string;
  /** Read-only API token; empty when unset (requests then fail with CmsError, not a crash). */
  siteApiToken: string;
  /** Base the browser uses for /uploads media, without a trailing slash. */
  cmsPublicUrl: string;
  /** Public origin of this site, for canonical links, without a trailing slash. */
  siteUrl: string;
  cmsTimeoutMs: number;
  /** Public base URL of an object-storage bucket holding uploads (S3 provider); empty for local uploads. */
  mediaSourceUrl: string;
  /** Where transformed images are kept; each one is encoded once. */
  imageCacheDir: string;
  /** The search index's file, loaded at start so a restart does not read every document again. */
  searchIndexFile: string;
}

const DEFAULT_CMS_URL = 'http://127.0.0.1:1337';
const DEFAULT_SITE_URL = 'http://127.0.0.1:4321';
const DEFAULT_TIMEOUT_MS = 5000;

function trimSlash(value: string): string {
  return value.replace(/\/+$/, '');
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function parseTimeout(value: string | undefined): number {
  const n = Number(value);
  // A zero or garbage timeout would make every request fail or hang; fall back to the default.
  return Number.isFinite(n) && n > 0 ? Math.min(n, 120_000) : DEFAULT_TIMEOUT_MS;
}

export function getConfig(env: NodeJS.ProcessEnv = process.env): SiteConfig {
  const cmsUrl = trimSlash(nonEmpty(env.CMS_URL) ?? DEFAULT_CMS_URL);
  return {
    cmsUrl,
    siteApiToken: nonEmpty(env.SITE_API_TOKEN) ?? '',
    cmsPublicUrl: trimSlash(nonEmpty(env.CMS_PUBLIC_URL) ?? cmsUrl),
    siteUrl: trimSlash(nonEmpty(env.SITE_URL) ?? DEFAULT_SITE_URL),
    cmsTimeoutMs: parseTimeout(env.CMS_TIMEOUT_MS),
    mediaSourceUrl: trimSlash(nonEmpty(env.MEDIA_SOURCE_URL) ?? ''),
    imageCacheDir: path.resolve(nonEmpty(env.IMAGE_CACHE_DIR) ?? path.join('..', 'var', 'image-cache')),
    searchIndexFile: path.resolve(nonEmpty(env.SEARCH_INDEX_FILE) ?? path.join('..', 'var', 'search-index.json')),
  };
}

/** Absolute URL on the public site (SITE_URL, read at request time), for canonical links, feeds and sitemaps. */
export function absoluteUrl(pathAndQuery: string): string {
  return absoluteUrlOn(getConfig().siteUrl, pathAndQuery);
}
