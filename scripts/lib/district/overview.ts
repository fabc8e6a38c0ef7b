/**
 * The district's status page: one loopback HTTP server, in the district's monitor process
 * (scripts/monitor.ts --district), that shows every school's monitor together (packages/monitor/src/district-view.ts).
 */
import http from 'node:http';
import { districtSummary, renderDistrictView, type SchoolReport } from '@portal/monitor/district-view';
import { MONITOR_PAGE_CSP, type StatusJson } from '@portal/monitor/technical-view';
import { portBase } from './schools.ts';

/** DISTRICT_STATUS_PORT, by default the tenth port of the first slot (base + 9), which no school takes. */
export function overviewPort(value = process.env.DISTRICT_STATUS_PORT): number {
  if (value === undefined || value === '') return portBase() + 9;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1024 || port > 65535) throw new Error(`DISTRICT_STATUS_PORT không hợp lệ: ${value} (cần số nguyên 1024–65535).`);
  return port;
}

/** A school as the district's monitor process holds it: its monitor's own address and its current status. */
export interface WatchedSchool {
  key: string;
  name: string;
  hosts: string[];
  monitorUrl: string;
  status: () => StatusJson;
}

/** One school's report; a monitor that fails to say its status is reported as such, never hidden. */
function readSchool({ status, ...school }: WatchedSchool): SchoolReport {
  try {
    return { ...school, status: status() };
  } catch (error) {
    return { ...school, status: { error: `Giám sát của trường lỗi: ${(error as Error).message}` } };
  }
}

const byName = new Intl.Collator('vi');

export function startOverview(registered: WatchedSchool[], port: number, host = '127.0.0.1'): Promise<http.Server> {
  // In Vietnamese alphabetical order of their names, however the register happened to be written.
  const schools = [...registered].sort((a, b) => byName.compare(a.name, b.name));
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://district.local');
    const headers = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { ...headers, Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      return response.end('Chỉ hỗ trợ phương thức GET.');
    }
    if (url.pathname !== '/' && url.pathname !== '/status') {
      response.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      return response.end('Không có đường dẫn này. Dùng / hoặc /status.');
    }
    const reports = schools.map(readSchool);
    if (url.pathname === '/status') {
      response.writeHead(200, { ...headers, 'Content-Type': 'application/json; charset=utf-8' });
      return response.end(JSON.stringify(districtSummary(reports)));
    }
    response.writeHead(200, {
      ...headers,
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': MONITOR_PAGE_CSP,
    });
    response.end(renderDistrictView(reports));
  });
  return new Promise((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`Cổng ${port} của trang tình trạng các trường đang bận: đặt DISTRICT_STATUS_PORT khác.`) : error);
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      resolve(server);
    });
  });
}
