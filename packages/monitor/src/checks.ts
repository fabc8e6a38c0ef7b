import { readdirSync, statfsSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { vietnamFormat } from '@portal/common/vietnam-time';
import { formatDuration } from './alerts.ts';
import { BACKUP_FILE_PATTERN, type MonitorConfig, type ServiceId } from './config.ts';

export interface CheckResult {
  service: ServiceId;
  at: number;
  ok: boolean;
  responseMs: number | null;
  /** Vietnamese, for the status page and the alerts. */
  detail: string;
}

const numberVi = (value: number, digits = 0) => value.toLocaleString('vi-VN', { maximumFractionDigits: digits });

export function describeError(error: unknown, timeoutMs: number): string {
  const cause = (error as { cause?: { code?: string; message?: string } } | null)?.cause;
  const name = (error as { name?: string } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return `Hết thời gian chờ (${numberVi(timeoutMs / 1000, 1)} giây) mà không có trả lời`;
  const code = cause?.code ?? (error as { code?: string } | null)?.code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'Không kết nối được: máy chủ từ chối kết nối (ECONNREFUSED)';
    case 'ECONNRESET':
      return 'Máy chủ ngắt kết nối giữa chừng (ECONNRESET)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Không phân giải được tên miền (${code})`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `Không tới được máy chủ (${code})`;
    case 'CERT_HAS_EXPIRED':
      return 'Chứng chỉ TLS đã hết hạn';
    default:
      break;
  }
  if (code && /CERT|SSL|TLS/.test(code)) return `Lỗi chứng chỉ TLS (${code})`;
  const message = cause?.message ?? (error instanceof Error ? error.message : String(error));
  return `Lỗi kết nối: ${message}`;
}

interface HttpExpectation {
  status: number;
  keyword?: string;
}

/** One GET, timed until the whole body has arrived. */
export async function checkHttp(
  service: ServiceId,
  target: string,
  expected: HttpExpectation,
  timeoutMs: number,
): Promise<CheckResult & { status: number | null }> {
  const at = Date.now();
  const started = performance.now();
  try {
    const response = await fetch(target, {
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: { 'User-Agent': 'portal-monitor/1.0 (+giam-sat)', Accept: 'text/html,application/json;q=0.9,*/*;q=0.5' },
    });
    const body = await response.text();
    const responseMs = Math.round(performance.now() - started);
    if (response.status !== expected.status) {
      return {
        service,
        at,
        ok: false,
        responseMs,
        status: response.status,
        detail: `Trả lời HTTP ${response.status} (cần ${expected.status}) sau ${responseMs} ms`,
      };
    }
    if (expected.keyword && !body.normalize('NFC').includes(expected.keyword)) {
      return {
        service,
        at,
        ok: false,
        responseMs,
        status: response.status,
        detail: `Trang trả lời ${response.status} nhưng thiếu từ khóa “${expected.keyword}”`,
      };
    }
    return { service, at, ok: true, responseMs, status: response.status, detail: `Trả lời HTTP ${response.status} sau ${responseMs} ms` };
  } catch (error) {
    return { service, at, ok: false, responseMs: null, status: null, detail: describeError(error, timeoutMs) };
  }
}

export function checkDisk(config: Pick<MonitorConfig, 'dataDir' | 'diskMinFreePercent' | 'diskMinFreeMb'>): CheckResult {
  const at = Date.now();
  try {
    const stats = statfsSync(config.dataDir);
    const free = stats.bavail * stats.bsize;
    const total = stats.blocks * stats.bsize;
    const percent = total > 0 ? (free / total) * 100 : 0;
    const freeText = `${numberVi(free / 1024 ** 3, 1)} GB (${numberVi(percent, 1)}%)`;
    const low = percent < config.diskMinFreePercent || free < config.diskMinFreeMb * 1024 ** 2;
    return {
      service: 'disk',
      at,
      ok: !low,
      responseMs: null,
      detail: low
        ? `Sắp hết chỗ trống: còn ${freeText} tại ${config.dataDir} (ngưỡng ${numberVi(config.diskMinFreePercent)}% và ${numberVi(config.diskMinFreeMb)} MB)`
        : `Còn trống ${freeText} tại ${config.dataDir}`,
    };
  } catch (error) {
    return { service: 'disk', at, ok: false, responseMs: null, detail: `Không đọc được dung lượng của ${config.dataDir}: ${(error as Error).message}` };
  }
}

export function newestBackup(dir: string): { file: string; mtimeMs: number } | null {
  let newest: { file: string; mtimeMs: number } | null = null;
  for (const name of readdirSync(dir)) {
    if (!BACKUP_FILE_PATTERN.test(name)) continue;
    const stats = statSync(path.join(dir, name));
    if (stats.isFile() && stats.size > 0 && (!newest || stats.mtimeMs > newest.mtimeMs)) newest = { file: name, mtimeMs: stats.mtimeMs };
  }
  return newest;
}

export function checkBackup(config: Pick<MonitorConfig, 'backupDir' | 'backupMaxAgeHours'>): CheckResult {
  const at = Date.now();
  const limit = `${numberVi(config.backupMaxAgeHours, 1)} giờ`;
  try {
    const newest = newestBackup(config.backupDir);
    if (!newest) {
      return { service: 'backup', at, ok: false, responseMs: null, detail: `Chưa có bản sao lưu nào trong ${config.backupDir}` };
    }
    const age = at - newest.mtimeMs;
    const ok = age <= config.backupMaxAgeHours * 3_600_000;
    return {
      service: 'backup',
      at,
      ok,
      responseMs: null,
      detail: ok
        ? `Bản mới nhất ${newest.file}, cách đây ${formatDuration(age)}`
        : `Bản sao lưu mới nhất (${newest.file}) đã cũ ${formatDuration(age)}, quá hạn ${limit}`,
    };
  } catch (error) {
    const code = (error as { code?: string }).code;
    return {
      service: 'backup',
      at,
      ok: false,
      responseMs: null,
      detail:
        code === 'ENOENT' ? `Chưa có thư mục sao lưu ${config.backupDir}` : `Không đọc được thư mục sao lưu ${config.backupDir}: ${(error as Error).message}`,
    };
  }
}

/** Days until the certificate of an https address expires (also fails on an untrusted certificate). */
export function certificateDaysLeft(target: string, timeoutMs: number): Promise<{ host: string; validTo: Date; daysLeft: number }> {
  const parsed = new URL(target);
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  const port = Number(parsed.port || 443);
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host, port, servername: net.isIP(host) ? undefined : host, timeout: timeoutMs }, () => {
      const certificate = socket.getPeerCertificate();
      socket.end();
      if (!certificate?.valid_to) return reject(new Error('máy chủ không gửi chứng chỉ'));
      const validTo = new Date(certificate.valid_to);
      resolve({ host, validTo, daysLeft: (validTo.getTime() - Date.now()) / 86_400_000 });
    });
    socket.once('timeout', () => {
      socket.destroy();
      reject(Object.assign(new Error('timeout'), { name: 'TimeoutError' }));
    });
    socket.once('error', reject);
  });
}

const dateVi = (date: Date) => vietnamFormat({ day: '2-digit', month: '2-digit', year: 'numeric' }).format(date);

export async function checkTls(urls: string[], warnDays: number, timeoutMs: number): Promise<CheckResult> {
  const at = Date.now();
  const started = performance.now();
  const targets = [...new Map(urls.filter((u) => u.startsWith('https:')).map((u) => [new URL(u).host, u])).values()];
  const parts: string[] = [];
  let ok = true;
  for (const target of targets) {
    try {
      const { host, validTo, daysLeft } = await certificateDaysLeft(target, timeoutMs);
      const days = Math.floor(daysLeft);
      if (daysLeft < warnDays) ok = false;
      parts.push(
        daysLeft <= 0
          ? `${host}: chứng chỉ đã hết hạn ngày ${dateVi(validTo)}`
          : `${host}: còn ${days} ngày (hết hạn ${dateVi(validTo)})${daysLeft < warnDays ? `, dưới ngưỡng ${warnDays} ngày: cần gia hạn` : ''}`,
      );
    } catch (error) {
      ok = false;
      parts.push(`${new URL(target).host}: ${describeError(error, timeoutMs)}`);
    }
  }
  return { service: 'tls', at, ok, responseMs: Math.round(performance.now() - started), detail: parts.join('; ') || 'Không có địa chỉ https nào để kiểm tra' };
}
