/**
 * `npm start`: prepares what is missing (secrets, dependencies, types, builds, demo content), then runs
 * the CMS, the site and the uptime monitor until Ctrl-C. A second start with nothing changed skips straight to running.
 */
import path from 'node:path';
import { ensureDemoAccounts } from './lib/demo-accounts.ts';
import { varDir } from './lib/paths.ts';
import { prepare } from './lib/prepare.ts';
import { done, step } from './lib/run.ts';
import { onStop } from './lib/signals.ts';
import { freePort, localPortal, portFromEnv, portIsFree, type StackOptions, seedIfNeeded, startStack, stopStartedStacks } from './lib/stack.ts';

const began = Date.now();
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  console.log('\nĐang dừng CMS, trang công khai và giám sát…');
  // Also the servers of a start still in progress, which has no Stack to stop yet.
  await stopStartedStacks();
  console.log('Đã dừng.');
  process.exit(code);
}
onStop(() => void shutdown(0));

/** MONITOR_PORT when set (it must be free); else 4390, or any free port if another program holds 4390. */
async function monitorPort(host: string): Promise<number> {
  if (process.env.MONITOR_PORT) return portFromEnv('MONITOR_PORT', 4390);
  return (await portIsFree(4390, host)) ? 4390 : freePort(host);
}

async function main() {
  const { secrets } = await prepare();
  const demoAccountsFile = process.env.DEMO_ACCOUNTS_FILE ?? path.join(varDir, 'demo-accounts.json');
  const accounts = ensureDemoAccounts(demoAccountsFile);
  const options: StackOptions = {
    ...localPortal(secrets, demoAccountsFile),
    // MONITOR_DISABLED=1 when the monitor runs on its own (e.g. its own systemd unit or another machine).
    monitor:
      process.env.MONITOR_DISABLED === '1'
        ? undefined
        : {
            port: await monitorPort(process.env.PORTAL_HOST ?? '127.0.0.1'),
            db: path.resolve(process.env.MONITOR_DB ?? path.join(varDir, 'monitor.db')),
          },
  };
  const seeding = step('Kiểm tra dữ liệu mẫu…');
  const seeded = await seedIfNeeded(options);
  done(seeding, seeded ? 'đã nạp dữ liệu mẫu' : 'dữ liệu mẫu đã có, bỏ qua');
  const started = step(options.monitor ? 'Khởi động CMS, trang công khai và giám sát…' : 'Khởi động CMS và trang công khai…');
  const stack = await startStack(options);
  done(started);
  if (stopping) return;
  const width = Math.max(...accounts.map((a) => a.email.length));
  console.log(`
Cổng thông tin đã chạy (sẵn sàng sau ${((Date.now() - began) / 1000).toFixed(1)} s):
  Trang công khai:       ${stack.siteUrl}/
  Trang quản trị (CMS):  ${stack.cmsUrl}/admin${stack.monitorUrl ? `\n  Giám sát (JSON):       ${stack.monitorUrl}/status` : ''}

Tài khoản mẫu (lưu trong ${path.relative(process.cwd(), demoAccountsFile)}, chỉ chủ máy đọc được):
${accounts.map((a) => `  ${a.email.padEnd(width)}  ${a.password}  (${a.roleName})`).join('\n')}

Nhấn Ctrl-C để dừng.`);
}

main().catch(async (error: unknown) => {
  console.error(`\nKhông khởi động được: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
});
