import { readBody } from './admin.ts';
import { testStack } from './test-stack.ts';

export interface ApiResult<T = unknown> {
  status: number;
  body: T;
}

/** A raw request to the CMS's REST API, as an outsider would send it (no client library in between). */
export async function api<T = { data?: unknown; error?: { message: string } }>(
  pathAndQuery: string,
  options: { token?: string | null; method?: string; body?: unknown } = {},
): Promise<ApiResult<T>> {
  const stack = testStack();
  const token = options.token === undefined ? stack.siteToken : options.token;
  const response = await fetch(`${stack.cmsUrl}${pathAndQuery}`, {
    method: options.method ?? 'GET',
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: AbortSignal.timeout(15_000),
  });
  return { status: response.status, body: (await readBody(response)) as T };
}
