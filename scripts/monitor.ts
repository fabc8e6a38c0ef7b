/**
 * `npm run monitor`: the uptime monitor. Checks the site, a directive page, the CMS, the admin page,
 * free disk space, the newest backup and TLS certificates every MONITOR_INTERVAL_SECONDS, keeps the
 * history in its own SQLite database, alerts the Tổ CNTT when a service goes down or comes back, and
 * serves the results as JSON on loopback (see docs/operations-monitor.md). `npm start` runs it too.
 */
import type { MonitorConfig } from '@portal/monitor/config';
import { buildCommon } from './lib/prepare.ts';

// The monitor workspace (packages/monitor) runs from its TypeScript sources, but imports the compiled shared
// package: build it first when it is missing or stale (a no-op otherwise), then load the monitor.
await buildCommon();
const { loadConfig } = await import('@portal/monitor/config');
const { createMonitor } = await import('@portal/monitor/engine');
const { startServer } = await import('@portal/monitor/server');
const { openStore } = await import('@portal/monitor/store');

const log = (message: string) => console.log(`${new Date().toISOString()} ${message}`);

let config: MonitorConfig;
try {
  config = loadConfig();
} catch (error) {
  console.error(`Cấu hình giám sát không hợp lệ: ${(error as Error).message}`);
  process.exit(2);
}

// A monitor that stops is worse than one that logs: nothing here may end the process by accident.
process.on('uncaughtException', (error) => log(`[giám sát] Lỗi không lường trước (vẫn chạy tiếp): ${error.stack ?? error.message}`));
process.on('unhandledRejection', (reason) => log(`[giám sát] Lỗi không lường trước (vẫn chạy tiếp): ${String(reason)}`));

const store = openStore(config.dbFile);
const monitor = createMonitor(config, store, { log });
let timer: NodeJS.Timeout | undefined;
let running: Promise<void> | null = null;
let stopping = false;

async function tick() {
  const started = Date.now();
  running = monitor.runCycle().catch((error: unknown) => log(`[giám sát] Vòng kiểm tra lỗi: ${(error as Error).stack ?? String(error)}`));
  await running;
  running = null;
  if (!stopping) timer = setTimeout(() => void tick(), Math.max(0, config.intervalMs - (Date.now() - started)));
}

const server = await startServer(monitor, config.host, config.port).catch((error: unknown) => {
  console.error(`Không mở được cổng ${config.host}:${config.port} cho giám sát: ${(error as Error).message}. Đặt MONITOR_PORT khác.`);
  process.exit(1);
});
const address = server.address();
const port = typeof address === 'object' && address ? address.port : config.port;
log(`[giám sát] Đang chạy: http://${config.host}:${port}/status (kiểm tra mỗi ${config.intervalMs / 1000} giây; dữ liệu ${config.dbFile})`);
void tick();

async function shutdown() {
  if (stopping) return;
  stopping = true;
  clearTimeout(timer);
  server.close();
  server.closeAllConnections();
  // Let a cycle in progress finish its writes (bounded), then close the database cleanly.
  await Promise.race([running ?? Promise.resolve(), new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
  await Promise.race([monitor.deliver(), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
  store.close();
  process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown());
