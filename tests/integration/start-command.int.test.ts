import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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

describe('the start command', () => {
  it('serves the portal, prints the addresses and accounts, and leaves no process behind on Ctrl-C', async () => {
    const [cmsPort, sitePort, monitorPort] = [await freePort(), await freePort(), await freePort()];
    const database = path.join(workDir, 'data.db');
    const child = spawn(process.execPath, [path.resolve('scripts/start.ts')], {
      env: {
        ...process.env,
        CMS_PORT: String(cmsPort),
        SITE_PORT: String(sitePort),
        DATABASE_FILENAME: database,
        PUBLIC_DIR: path.join(workDir, 'public'),
        DEMO_ACCOUNTS_FILE: path.join(workDir, 'demo-accounts.json'),
        DEMO_PASSWORD: TEST_PASSWORD,
        MONITOR_PORT: String(monitorPort),
        MONITOR_DB: path.join(workDir, 'monitor.db'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    await expect
      .poll(() => output.includes('Nhấn Ctrl-C để dừng') || child.exitCode !== null, { timeout: 150_000, interval: 500 })
      .toBe(true);
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
    expect(processesOf(database)).toEqual([]);
    expect(await portIsFree(cmsPort, '127.0.0.1')).toBe(true);
    expect(await portIsFree(sitePort, '127.0.0.1')).toBe(true);
    expect(await portIsFree(monitorPort, '127.0.0.1')).toBe(true);
  }, 240_000);
});
