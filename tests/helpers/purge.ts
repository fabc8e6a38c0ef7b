import { signedHeaders } from '@portal/common/signed-request';
import { ensureEnvFiles } from '../../scripts/lib/env-file.ts';
import { testStack } from './test-stack.ts';

/** Purges the test site's page cache for these tags through its real, signed webhook. */
export async function purgeSiteCache(tags: string[], siteUrl = testStack().siteUrl): Promise<void> {
  const body = JSON.stringify({ tags });
  const response = await fetch(`${siteUrl}/api/cache/purge`, {
    method: 'POST',
    headers: signedHeaders(ensureEnvFiles().site.WEBHOOK_SECRET ?? '', body),
    body,
  });
  if (response.status !== 200) throw new Error(`Xóa bộ nhớ đệm thất bại: HTTP ${response.status} ${await response.text()}`);
}
