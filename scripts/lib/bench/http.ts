/** The HTTP side of the bench: wrk runs, timed sequential requests, polling. */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { track } from './children.ts';
import { parseWrk, type WrkResult } from './wrk.ts';

/** What wrk and nginx get: the bytes as sent without content negotiation. */
const IDENTITY = { 'Accept-Encoding': 'identity' };

export interface WrkOptions {
  threads: number;
  connections: number;
  warmupSeconds: number;
  seconds: number;
  /** A Lua script file (e.g. rotating over several paths). */
  script?: string;
}

export const WRK_DEFAULTS: WrkOptions = { threads: 2, connections: 50, warmupSeconds: 2, seconds: 8 };

function wrkOnce(url: string, options: WrkOptions, seconds: number): Promise<string> {
  // wrk's default 2 s timeout would drop slow answers from the figures instead of counting them.
  const args = [
    '-t',
    String(options.threads),
    '-c',
    String(options.connections),
    '-d',
    `${seconds}s`,
    '--timeout',
    '10s',
    '--latency',
    ...(options.script ? ['-s', options.script] : []),
    url,
  ];
  return new Promise((resolve, reject) => {
    const child = track(spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] }));
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`wrk kết thúc với mã ${code}:\n${out}`))));
  });
}

/** A short warm-up run whose figures are dropped, then the measured run. */
export async function wrk(url: string, options: Partial<WrkOptions> = {}): Promise<WrkResult> {
  const merged = { ...WRK_DEFAULTS, ...options };
  if (merged.warmupSeconds > 0) await wrkOnce(url, merged, merged.warmupSeconds);
  return parseWrk(await wrkOnce(url, merged, merged.seconds));
}

export async function getBytes(url: string): Promise<{ status: number; headers: Headers; bytes: Uint8Array }> {
  const response = await fetch(url, { headers: IDENTITY, redirect: 'manual', signal: AbortSignal.timeout(60_000) });
  return { status: response.status, headers: response.headers, bytes: new Uint8Array(await response.arrayBuffer()) };
}

export async function getText(url: string): Promise<{ status: number; text: string; bytes: number }> {
  const { status, bytes } = await getBytes(url);
  return { status, text: new TextDecoder().decode(bytes), bytes: bytes.length };
}

/** Milliseconds from sending the request to the last byte of the body, one request at a time. */
export async function timedGets(urls: readonly string[], expectStatus = 200, timeoutMs = 60_000): Promise<number[]> {
  const samples: number[] = [];
  for (const url of urls) {
    const started = performance.now();
    let response: Response;
    try {
      response = await fetch(url, { headers: IDENTITY, signal: AbortSignal.timeout(timeoutMs) });
      await response.arrayBuffer();
    } catch (error) {
      if (error instanceof DOMException && error.name === 'TimeoutError') throw new Error(`${url} không trả lời trong ${timeoutMs / 1000} giây`);
      throw error;
    }
    samples.push(performance.now() - started);
    if (response.status !== expectStatus) throw new Error(`${url} trả về HTTP ${response.status} (mong đợi ${expectStatus})`);
  }
  return samples;
}

/** Polls until `ok` holds; the elapsed milliseconds since `since`. Fails after `timeoutMs`. */
export async function msUntil(since: number, check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<number> {
  while (performance.now() - since < timeoutMs) {
    if (await check()) return performance.now() - since;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${what}: không thấy thay đổi sau ${timeoutMs / 1000} giây`);
}

/** Waits (at most two minutes, never failing) until three requests for a cached page in a row each answer within 100 ms. */
export async function untilIdle(url: string): Promise<void> {
  const deadline = performance.now() + 120_000;
  let quick = 0;
  while (quick < 3 && performance.now() < deadline) {
    const ms = await timedGets([url], 200, 30_000).then(
      ([sample = Number.POSITIVE_INFINITY]) => sample,
      () => Number.POSITIVE_INFINITY,
    );
    quick = ms < 100 ? quick + 1 : 0;
  }
}
