/**
 * Process entry of the public site: `node site/src/server.ts`, after `astro build`.
 *
 * It starts the node adapter's own standalone server (same HOST, PORT, HTTPS and logging as
 * `node dist/server/entry.mjs`) and puts one request listener in front of the adapter's:
 *  - lib/http-cache/front.ts answers what needs no rendering: unsupported methods (405), the built static
 *    files and the favicon (from memory, compressed), and pages the page cache holds fresh;
 *  - everything else gets the security headers and goes on to the adapter and Astro. The adapter serves
 *    what front.ts does not hold with `send` and answers malformed URLs with 400 before Astro runs, so
 *    src/middleware.ts never sees those responses; the headers set here cover them. What the adapter or
 *    Astro sets later (writeHead merges) wins, and those are the same values.
 *
 * With SITE_PROCESSES=N (N > 1) this process only starts and watches N copies of itself sharing the port
 * (lib/processes.ts); each copy serves as described above.
 *
 * Node runs this file directly (type stripping), like scripts/*.ts; it only imports modules that need no build.
 */
import cluster from 'node:cluster';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createFront, type Front } from './lib/http-cache/front.ts';
import { runPrimary, siteProcessCount } from './lib/processes.ts';
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

async function serve(): Promise<void> {
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
  // The server already listens: until the static files are loaded, requests go the slow way.
  let front: Front | null = null;
  const server = started.server.server;
  type Listener = (request: IncomingMessage, response: ServerResponse) => void;
  const adapter = server.listeners('request') as Listener[];
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (front?.handle(request, response)) return;
    for (const [name, value] of headers) response.setHeader(name, value);
    for (const listener of adapter) listener.call(server, request, response);
  });
  front = await createFront(fileURLToPath(new URL('../dist/client', import.meta.url)), headers);

  started.done.catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

const processes = siteProcessCount();
if (cluster.isPrimary && processes > 1) runPrimary(processes);
else await serve();
