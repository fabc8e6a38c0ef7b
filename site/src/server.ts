/**
 * Process entry of the public site: `node site/src/server.ts`, after `astro build`.
 *
 * It starts the node adapter's own standalone server (same HOST, PORT, HTTPS and logging as
 * `node dist/server/entry.mjs`) and adds one thing: the security headers on every response. The adapter
 * serves dist/client (/favicon.svg, /_astro/*.css and *.js) with `send` and answers malformed URLs with 400
 * before Astro runs, so src/middleware.ts never sees those responses. A listener put in front of the
 * adapter's sets the headers on the Node response before the adapter writes anything; what the adapter
 * or Astro sets later (writeHead merges) wins, and those are the same values. This is the pattern of the
 * adapter's own preview server (ASTRO_NODE_AUTOSTART=disabled, then a 'request' listener), and it leaves
 * the adapter and its static handler untouched.
 *
 * Node runs this file directly (type stripping), like scripts/*.ts; it only imports modules that need no build.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { securityHeaders } from './lib/security-headers.ts';

interface StartedServer {
  server: { server: Server };
  done: Promise<unknown>;
}

function isStartedServer(value: unknown): value is StartedServer {
  if (typeof value !== 'object' || value === null) return false;
  const { server, done } = value as Record<string, unknown>;
  return typeof server === 'object' && server !== null && typeof (server as Record<string, unknown>).server === 'object' && done instanceof Promise;
}

// Set before the entry is loaded: the adapter starts its server at import time unless told not to.
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const entry = (await import(new URL('../dist/server/entry.mjs', import.meta.url).href)) as { startServer?: unknown };
if (typeof entry.startServer !== 'function') {
  throw new Error('site/dist/server/entry.mjs không có startServer: hãy chạy `astro build` với @astrojs/node ở chế độ standalone.');
}
const started: unknown = entry.startServer();
if (!isStartedServer(started)) {
  throw new Error('@astrojs/node đã đổi cách khởi động máy chủ: kiểm tra lại site/src/server.ts.');
}

// Read once: the configuration does not change while the process runs.
const headers = securityHeaders();
started.server.server.prependListener('request', (_request: IncomingMessage, response: ServerResponse) => {
  for (const [name, value] of headers) response.setHeader(name, value);
});

started.done.catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
