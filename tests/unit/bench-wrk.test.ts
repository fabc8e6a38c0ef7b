import { describe, expect, it } from 'vitest';
import { durationMs, parseWrk, rotatingPathsScript } from '../../scripts/lib/bench/wrk.ts';

const REPORT = `Running 8s test @ http://127.0.0.1:4321/
  2 threads and 50 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     2.61ms    1.02ms  31.20ms   88.12%
    Req/Sec     9.71k   812.44    11.02k    71.25%
  Latency Distribution
     50%    2.41ms
     75%  850.00us
     90%    3.52ms
     99%    1.20s
  154624 requests in 8.00s, 3.91GB read
  Socket errors: connect 0, read 2, write 0, timeout 3
  Non-2xx or 3xx responses: 17
Requests/sec:  19327.41
Transfer/sec:    500.12MB
`;

describe('reading wrk reports', () => {
  it('reads requests per second, the request count and the latency distribution in milliseconds', () => {
    const result = parseWrk(REPORT);
    expect(result.requestsPerSecond).toBe(19327.41);
    expect(result.requests).toBe(154624);
    expect(result.latencyMs).toEqual({ p50: 2.41, p75: 0.85, p90: 3.52, p99: 1200 });
  });

  it('counts responses outside 2xx/3xx and socket errors, so a fast run of errors is not taken for speed', () => {
    const result = parseWrk(REPORT);
    expect(result.non2xx).toBe(17);
    expect(result.socketErrors).toBe(5);
  });

  it('reports zero errors when wrk prints no error lines', () => {
    const clean = REPORT.replace(/ {2}Socket errors.*\n/, '').replace(/ {2}Non-2xx.*\n/, '');
    expect(parseWrk(clean)).toMatchObject({ non2xx: 0, socketErrors: 0 });
  });

  it('refuses output that is not a wrk report, in Vietnamese', () => {
    expect(() => parseWrk('unable to connect to 127.0.0.1:1 Connection refused')).toThrow(/không đọc được/);
  });

  it('converts every unit wrk prints', () => {
    expect(durationMs('500.00us')).toBe(0.5);
    expect(durationMs('3.5ms')).toBe(3.5);
    expect(durationMs('2.00s')).toBe(2000);
    expect(durationMs('1.00m')).toBe(60_000);
    expect(() => durationMs('fast')).toThrow();
  });

  it('writes a Lua script that requests each path in turn', () => {
    const script = rotatingPathsScript(['/tim-kiem?q=a', '/tim-kiem?q="b"']);
    expect(script).toContain('"/tim-kiem?q=a",');
    expect(script).toContain('"/tim-kiem?q=\\"b\\"",');
    expect(script).toContain('i = i % #paths + 1');
  });
});
