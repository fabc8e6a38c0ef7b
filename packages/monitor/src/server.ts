import http from 'node:http';
import { SERVICE_IDS, type ServiceId } from './config.ts';
import type { Monitor } from './engine.ts';
import { MONITOR_PAGE_CSP, renderTechnicalView } from './technical-view.ts';

function send(response: http.ServerResponse, status: number, body: unknown) {
  const json = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(json),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(json);
}

function sendHtml(response: http.ServerResponse, html: string) {
  response.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': MONITOR_PAGE_CSP,
  });
  response.end(html);
}

/**
 * The monitor's API, meant for loopback (MONITOR_HOST): GET / (the Tổ CNTT's technical view, HTML),
 * GET /health, GET /status (the status page's data) and GET /checks?service=cms&limit=100 (raw recent
 * checks, for operators).
 */
export function startServer(monitor: Monitor, host: string, port: number): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    try {
      const url = new URL(request.url ?? '/', 'http://monitor.local');
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.setHeader('Allow', 'GET, HEAD');
        return send(response, 405, { error: 'Chỉ hỗ trợ phương thức GET.' });
      }
      switch (url.pathname) {
        case '/':
          return sendHtml(response, renderTechnicalView(monitor.status()));
        case '/health':
          // The process id tells an operator (and the district's test) which process answers for a school.
          return send(response, 200, { ok: true, pid: process.pid });
        case '/status':
          return send(response, 200, monitor.status());
        case '/checks': {
          const service = url.searchParams.get('service') ?? '';
          if (!SERVICE_IDS.includes(service as ServiceId)) {
            return send(response, 400, { error: `Tham số service phải là một trong: ${SERVICE_IDS.join(', ')}.` });
          }
          const limit = Math.min(1000, Math.max(1, Number(url.searchParams.get('limit') ?? 100) || 100));
          return send(response, 200, { service, checks: monitor.checks(service as ServiceId, limit) });
        }
        default:
          return send(response, 404, { error: 'Không có đường dẫn này. Dùng /, /health, /status hoặc /checks?service=…' });
      }
    } catch (error) {
      console.error(`[giám sát] Lỗi khi trả lời ${request.url}: ${(error as Error).stack ?? String(error)}`);
      if (!response.headersSent) send(response, 500, { error: 'Lỗi nội bộ của hệ thống giám sát.' });
    }
  });
  server.keepAliveTimeout = 5_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
