import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { STOP_SIGNALS } from '../../scripts/lib/signals.ts';

const fixture = path.resolve('tests/unit/fixtures/stops-on-signal.ts');

/** Running, not merely a zombie waiting for whoever adopted it to reap it. */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Runs the fixture (under `sh -c` like npm does, when asked), waits for its ids and returns them with its output. */
async function launch(throughShell: boolean) {
  const child = throughShell
    ? spawn('sh', ['-c', `"${process.execPath}" "${fixture}"; echo shell-still-here`], { stdio: ['ignore', 'pipe', 'inherit'] })
    : spawn(process.execPath, [fixture], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await expect.poll(() => output.includes('"server"'), { timeout: 10_000 }).toBe(true);
  const ids = JSON.parse(output.split('\n')[0] ?? '{}') as { pid: number; server: number };
  return { child, ids, output: () => output };
}

describe('stopping on signals (npm start, npm run dev)', () => {
  it('stops on SIGINT, SIGTERM and SIGHUP alike', () => {
    expect([...STOP_SIGNALS]).toEqual(['SIGINT', 'SIGTERM', 'SIGHUP']);
  });

  it.each(['SIGTERM', 'SIGHUP'] as const)('stops its servers on %s', async (signal) => {
    const { child, ids, output } = await launch(false);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill(signal);
    expect(await exited).toBe(0);
    expect(output()).toContain(`stopped: ${signal}`);
    expect(alive(ids.server)).toBe(false);
  });

  it('stops its servers when the shell npm ran it through is killed and no signal reaches it', async () => {
    const { child, ids } = await launch(true);
    child.kill('SIGTERM');
    await expect.poll(() => alive(ids.pid) || alive(ids.server), { timeout: 10_000 }).toBe(false);
  });
});
