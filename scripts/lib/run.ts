import { type SpawnOptions, spawn } from 'node:child_process';
import { STOP_SIGNALS } from './signals.ts';

export function step(title: string): number {
  console.log(`\n▶ ${title}`);
  return Date.now();
}

export function done(started: number, note = ''): void {
  console.log(`  ✓ xong sau ${((Date.now() - started) / 1000).toFixed(1)} s${note ? ` — ${note}` : ''}`);
}

/** Runs a command to completion with inherited output; rejects with its exit code. */
export function run(command: string, args: string[], options: SpawnOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', ...options });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    for (const signal of STOP_SIGNALS) process.on(signal, forward);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      for (const signal of STOP_SIGNALS) process.off(signal, forward);
      if (code === 0) resolve();
      else reject(new Error(`${[command, ...args].join(' ')} kết thúc với mã ${code ?? signal}`));
    });
  });
}

/** The npm CLI that started us, run by the current (new enough) Node. */
export function npm(args: string[]): [string, string[]] {
  const cli = process.env.npm_execpath;
  return cli?.endsWith('.js') ? [process.execPath, [cli, ...args]] : ['npm', args];
}
