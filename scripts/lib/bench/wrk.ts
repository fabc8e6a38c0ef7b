/** Reading wrk's text report (wrk 4.x, run with --latency). */
export interface WrkResult {
  requests: number;
  requestsPerSecond: number;
  /** Latency percentiles in milliseconds, from the --latency distribution. */
  latencyMs: { p50: number; p75: number; p90: number; p99: number };
  /** Responses outside 2xx/3xx. */
  non2xx: number;
  /** connect, read, write and timeout errors together. */
  socketErrors: number;
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

/** "1.23ms", "850.00us", "2.01s" → milliseconds. */
export function durationMs(text: string): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim());
  if (!match) throw new Error(`wrk: không đọc được thời gian "${text}"`);
  return Number(match[1]) * (UNIT_MS[match[2] as string] as number);
}

export function parseWrk(output: string): WrkResult {
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(output);
  const total = /(\d+) requests in /.exec(output);
  if (!rps || !total) throw new Error(`wrk: không đọc được kết quả:\n${output}`);
  const latency = (p: number) => {
    const match = new RegExp(`^\\s*${p}%\\s+(\\S+)`, 'm').exec(output);
    return match ? durationMs(match[1] as string) : Number.NaN;
  };
  const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(output);
  return {
    requests: Number(total[1]),
    requestsPerSecond: Number(rps[1]),
    latencyMs: { p50: latency(50), p75: latency(75), p90: latency(90), p99: latency(99) },
    non2xx: non2xx ? Number(non2xx[1]) : 0,
    socketErrors: errors ? errors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
  };
}

/** A wrk Lua script that requests each path in turn (wrk itself repeats one URL). */
export function rotatingPathsScript(paths: readonly string[]): string {
  const list = paths.map((p) => `  ${JSON.stringify(p)},`).join('\n');
  return `local paths = {\n${list}\n}\nlocal i = 0\nrequest = function()\n  i = i % #paths + 1\n  return wrk.format("GET", paths[i])\nend\n`;
}
