/**
 * `npm run dev`: the developer loop. Same preparation and demo data as `npm start`, then the CMS with
 * `strapi develop` (server restarts on a change in cms/src or cms/config, admin panel with hot reload)
 * and the site with `astro dev` (hot reload), until Ctrl-C, SIGTERM or SIGHUP.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { ensureDemoAccounts } from './lib/demo-accounts.ts';
import { cmsDir, root, siteDir, varDir } from './lib/paths.ts';
import { prepare } from './lib/prepare.ts';
import { done, step } from './lib/run.ts';
import { onStop } from './lib/signals.ts';
import { cmsEnv, localPortal, pipeOutput, portIsFree, seedIfNeeded, siteEnv, stopChild, waitUntil } from './lib/stack.ts';

const children: ChildProcess[] = [];
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  console.log('\nĐang dừng CMS và trang công khai…');
  await Promise.all(children.map((child) => stopChild(child)));
  console.log('Đã dừng.');
  process.exit(code);
}
onStop(() => void shutdown(0));

/** Each server leads its own process group, so stopping it also stops the watchers and workers it started. */
function launch(name: string, script: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): ChildProcess {
  if (stopping) throw new Error('Đã dừng trong khi khởi động.');
  const child = spawn(process.execPath, [script, ...args], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  pipeOutput(child, name, 'console');
  return child;
}

async function main() {
  const { secrets } = await prepare();
  const demoAccountsFile = process.env.DEMO_ACCOUNTS_FILE ?? path.join(varDir, 'demo-accounts.json');
  const accounts = ensureDemoAccounts(demoAccountsFile);
  const options = localPortal(secrets, demoAccountsFile);
  for (const [name, value] of [
    ['CMS_PORT', options.cmsPort],
    ['SITE_PORT', options.sitePort],
  ] as const) {
    if (!(await portIsFree(value, options.host))) throw new Error(`Cổng ${value} (${name}) đang được dùng: hãy dừng npm start, hoặc đặt ${name} khác.`);
  }
  const seeding = step('Kiểm tra dữ liệu mẫu…');
  done(seeding, (await seedIfNeeded(options)) ? 'đã nạp dữ liệu mẫu' : 'dữ liệu mẫu đã có, bỏ qua');

  const started = step('Khởi động CMS (strapi develop) và trang công khai (astro dev)…');
  const cms = launch(
    'cms',
    path.join(root, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'),
    ['develop', '--no-install-deps'],
    cmsDir,
    cmsEnv(options),
  );
  const site = launch(
    'site',
    path.join(root, 'node_modules', 'astro', 'bin', 'astro.mjs'),
    ['dev', '--host', options.host, '--port', String(options.sitePort)],
    siteDir,
    { ...siteEnv(options), ASTRO_TELEMETRY_DISABLED: '1' },
  );
  const cmsUrl = `http://${options.host}:${options.cmsPort}`;
  const siteUrl = `http://${options.host}:${options.sitePort}`;
  await waitUntil(`${cmsUrl}/_health`, (status) => status === 204, cms, 'CMS', 300_000);
  await waitUntil(`${siteUrl}/`, (status) => status === 200, site, 'Trang công khai', 120_000);
  done(started);
  if (stopping) return;
  const width = Math.max(...accounts.map((a) => a.email.length));
  console.log(`
Chế độ phát triển đã chạy: sửa mã nguồn là trang tự tải lại.
  Trang công khai (astro dev):  ${siteUrl}/
  Trang quản trị (strapi develop): ${cmsUrl}/admin

Tài khoản mẫu:
${accounts.map((a) => `  ${a.email.padEnd(width)}  ${a.password}  (${a.roleName})`).join('\n')}

Nhấn Ctrl-C để dừng.`);
}

main().catch(async (error: unknown) => {
  console.error(`\nKhông khởi động được: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
});
