import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { npm } from '../../scripts/lib/run.ts';
import { portIsFree } from '../../scripts/lib/stack.ts';
import { freePort, TEST_PASSWORD } from '../helpers/test-stack.ts';

const workDir = mkdtempSync(path.join(tmpdir(), 'portal-start-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** Processes whose environment names this test's database: the servers that `npm start` launched. */
function processesOf(marker: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'latin1').includes(marker)) found.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

/** What `npm start` needs to run on this test's own ports and data. */
function startEnv(ports: { cmsPort: number; sitePort: number; monitorPort: number }, database: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    CMS_PORT: String(ports.cmsPort),
    SITE_PORT: String(ports.sitePort),
    DATABASE_FILENAME: database,
    PUBLIC_DIR: path.join(workDir, 'public'),
    DEMO_ACCOUNTS_FILE: path.join(workDir, 'demo-accounts.json'),
    DEMO_PASSWORD: TEST_PASSWORD,
    MONITOR_PORT: String(ports.monitorPort),
    MONITOR_DB: path.join(workDir, 'monitor.db'),
  };
}

async function expectNothingLeft(database: string, ports: number[]): Promise<void> {
  expect(processesOf(database)).toEqual([]);
  for (const port of ports) expect(await portIsFree(port, '127.0.0.1'), `port ${port}`).toBe(true);
}

describe('the start command', () => {
  it('serves the portal, prints the addresses and accounts, and leaves no process behind on Ctrl-C', async () => {
    const [cmsPort, sitePort, monitorPort] = [await freePort(), await freePort(), await freePort()];
    const database = path.join(workDir, 'data.db');
    const child = spawn(process.execPath, [path.resolve('scripts/start.ts')], {
      env: startEnv({ cmsPort, sitePort, monitorPort }, database),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    await expect.poll(() => output.includes('Nhấn Ctrl-C để dừng') || child.exitCode !== null, { timeout: 150_000, interval: 500 }).toBe(true);
    expect(output).toContain(`http://127.0.0.1:${sitePort}/`);
    expect(output).toContain(`http://127.0.0.1:${cmsPort}/admin`);
    expect(output).toContain(`hieutruong@mnhiephoa.test`);
    expect(output).toContain(TEST_PASSWORD);
    expect((await fetch(`http://127.0.0.1:${sitePort}/`)).status).toBe(200);
    expect(output).toContain(`Giám sát (JSON):       http://127.0.0.1:${monitorPort}/status`);
    expect((await fetch(`http://127.0.0.1:${monitorPort}/health`)).status).toBe(200);
    expect(processesOf(database).length).toBeGreaterThanOrEqual(2);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    await expectNothingLeft(database, [cmsPort, sitePort, monitorPort]);
  }, 240_000);

  // systemd, Docker and `timeout` send SIGTERM to npm alone. npm passes it to its script through `sh -c`, and
  // a shell does not pass it on: the scripts exec the launcher so that the signal reaches it. The same
  // database as above, so no seeding. SIGHUP takes the same path (tests/unit/stop-signals.test.ts).
  it('stops everything it started when npm alone gets SIGTERM', async () => {
    const ports = { cmsPort: await freePort(), sitePort: await freePort(), monitorPort: await freePort() };
    const database = path.join(workDir, 'data.db');
    const [command, args] = npm(['start']);
    // Its own process group, as under a service manager: only the signal below reaches it.
    const child = spawn(command, args, { cwd: path.resolve('.'), env: startEnv(ports, database), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));

    await expect.poll(() => output.includes('Nhấn Ctrl-C để dừng') || child.exitCode !== null, { timeout: 150_000, interval: 500 }).toBe(true);
    expect(output).toContain(`http://127.0.0.1:${ports.sitePort}/`);
    expect(processesOf(database).length).toBeGreaterThanOrEqual(3);

    child.kill('SIGTERM');
    await exited;
    expect(output).toContain('Đã dừng.');
    await expectNothingLeft(database, Object.values(ports));
  }, 240_000);
});
