/**
 * `npm run monitor`: the uptime monitor. Checks the site, a directive page, the CMS, the admin page,
 * free disk space, the newest backup and TLS certificates every MONITOR_INTERVAL_SECONDS, keeps the
 * history in its own SQLite database, alerts the Tổ CNTT when a service goes down or comes back, and
 * serves the results as JSON on loopback (see docs/operations-monitor.md). `npm start` runs it too.
 *
 * `--district` watches every school of the district (`npm run district -- start` runs it): one process,
 * in which each school keeps its own checks, history, alerts and recipients and answers on its own port,
 * and which also serves the district's one status page (DISTRICT_STATUS_PORT).
 */
import { parseArgs } from 'node:util';
import type { MonitorConfig } from '@portal/monitor/config';
import { buildCommon } from './lib/prepare.ts';

const { values } = parseArgs({ options: { district: { type: 'boolean' } } });

// The monitor workspace (packages/monitor) runs from its TypeScript sources, but imports the compiled shared
// package: build it first when it is missing or stale (a no-op otherwise), then load the monitor.
await buildCommon();
const { loadConfig } = await import('@portal/monitor/config');
const { createMonitor } = await import('@portal/monitor/engine');
const { startServer } = await import('@portal/monitor/server');
const { openStore } = await import('@portal/monitor/store');

const stamp = (prefix: string) => (message: string) => console.log(`${new Date().toISOString()} ${prefix}${message}`);

/** What one monitor watches: the installation (no school) or one school of the district. */
interface Target {
  school?: { key: string; name: string; hosts: string[] };
  config: MonitorConfig;
}

async function districtTargets(): Promise<Target[]> {
  const { readRegister } = await import('./lib/district/schools.ts');
  const { schoolStack } = await import('./lib/district/stacks.ts');
  const { monitorEnv } = await import('./lib/stack.ts');
  const schools = readRegister().schools.filter((school) => !school.pending);
  if (schools.length === 0) throw new Error('Chưa có trường nào trong sổ các trường (DISTRICT_DIR).');
  // Each school's settings are exactly those its own monitor process would have had.
  return schools.map((school) => ({ school, config: loadConfig(monitorEnv(schoolStack(school))) }));
}

let targets: Target[];
try {
  targets = values.district ? await districtTargets() : [{ config: loadConfig() }];
} catch (error) {
  console.error(`Cấu hình giám sát không hợp lệ: ${(error as Error).message}`);
  process.exit(2);
}

const log = stamp('');
// A monitor that stops is worse than one that logs: nothing here may end the process by accident.
process.on('uncaughtException', (error) => log(`[giám sát] Lỗi không lường trước (vẫn chạy tiếp): ${error.stack ?? error.message}`));
process.on('unhandledRejection', (reason) => log(`[giám sát] Lỗi không lường trước (vẫn chạy tiếp): ${String(reason)}`));

let stopping = false;

/** One school's (or the installation's) monitor: its store, its cycle on its own timer, its server. */
async function watch({ school, config }: Target) {
  const own = stamp(school ? `[${school.key}] ` : '');
  const store = openStore(config.dbFile);
  const monitor = createMonitor(config, store, { log: own });
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  async function tick() {
    const started = Date.now();
    running = monitor.runCycle().catch((error: unknown) => own(`[giám sát] Vòng kiểm tra lỗi: ${(error as Error).stack ?? String(error)}`));
    await running;
    running = null;
    if (!stopping) timer = setTimeout(() => void tick(), Math.max(0, config.intervalMs - (Date.now() - started)));
  }
  const server = await startServer(monitor, config.host, config.port).catch((error: unknown) => {
    const whose = school ? ` (trường ${school.key})` : '';
    console.error(`Không mở được cổng ${config.host}:${config.port} cho giám sát${whose}: ${(error as Error).message}. Đặt MONITOR_PORT khác.`);
    process.exit(1);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  own(`[giám sát] Đang chạy: http://${config.host}:${port}/status (kiểm tra mỗi ${config.intervalMs / 1000} giây; dữ liệu ${config.dbFile})`);
  void tick();
  return {
    school,
    monitor,
    url: `http://${config.host}:${port}`,
    async stop() {
      clearTimeout(timer);
      server.close();
      server.closeAllConnections();
      // Let a cycle in progress finish its writes (bounded), then close the database cleanly.
      await Promise.race([running ?? Promise.resolve(), new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
      await Promise.race([monitor.deliver(), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
      store.close();
    },
  };
}

const watched = await Promise.all(targets.map(watch));
const closers: (() => Promise<void> | void)[] = watched.map((one) => one.stop);

if (values.district) {
  const { overviewPort, startOverview } = await import('./lib/district/overview.ts');
  const port = overviewPort();
  // The page reads each school's status in this process: no school's monitor can be "not answering" here.
  const reports = watched.map(({ school, monitor, url }) => ({
    key: school?.key ?? '',
    name: school?.name ?? '',
    hosts: school?.hosts ?? [],
    monitorUrl: url,
    status: () => monitor.status(),
  }));
  const overview = await startOverview(reports, port).catch((error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  });
  closers.unshift(() => {
    overview.close();
    overview.closeAllConnections();
  });
  log(`[giám sát] Tình trạng mọi trường (${watched.length}): http://127.0.0.1:${port}/`);
}

async function shutdown() {
  if (stopping) return;
  stopping = true;
  await Promise.all(closers.map((close) => close()));
  process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown());
