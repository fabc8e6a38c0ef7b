import { describe, expect, it } from 'vitest';
import { parseBackupJson } from '../../scripts/lib/bench/backups.ts';
import { nginxConfig } from '../../scripts/lib/bench/nginx.ts';
import { listeningInodes, parseStatus } from '../../scripts/lib/bench/procs.ts';
import { NGINX, planTools, WRK } from '../../scripts/lib/debian-tools.ts';

describe('the tools the bench needs', () => {
  const machine = (files: string[], isRoot: boolean) => ({ exists: (file: string) => files.includes(file), isRoot });
  const bench = (files: string[], isRoot: boolean) => planTools([NGINX, WRK], { forWhat: 'để đo hiệu năng', rerun: 'npm run bench' }, machine(files, isRoot));

  it('goes on when nginx and wrk are installed', () => {
    expect(bench(['/usr/sbin/nginx', '/usr/bin/wrk'], false)).toEqual({ action: 'ready' });
  });

  it('installs only the missing Debian packages, as root with apt-get', () => {
    expect(bench(['/usr/bin/apt-get', '/usr/sbin/nginx'], true)).toEqual({ action: 'install', packages: ['wrk'] });
  });

  it('stops with one Vietnamese line naming what to install otherwise', () => {
    const plan = bench(['/usr/bin/apt-get'], false);
    expect(plan.action).toBe('stop');
    const message = plan.action === 'stop' ? plan.message : '';
    expect(message).not.toContain('\n');
    expect(message).toContain('apt-get install -y nginx wrk');
    expect(message).toMatch(/Hãy cài/);
    expect(message).toContain('npm run bench');
  });
});

describe('finding the servers and their memory in /proc', () => {
  const TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:10E1 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 51234 1 0000000000000000 100 0 0 10 0
   1: 0100007F:10E1 0100007F:C350 01 00000000:00000000 00:00000000 00000000     0        0 51299 1 0000000000000000 20 4 30 10 -1
   2: 0100007F:0539 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 51300 1 0000000000000000 100 0 0 10 0
`;

  it('finds the listening socket of a port, not its connections', () => {
    expect(listeningInodes(TCP, 4321)).toEqual(['51234']);
    expect(listeningInodes(TCP, 1337)).toEqual(['51300']);
    expect(listeningInodes(TCP, 80)).toEqual([]);
  });

  it('reads resident and peak memory from a status file', () => {
    expect(parseStatus('Name:\tnode\nVmHWM:\t  812345 kB\nVmRSS:\t  204800 kB\n')).toEqual({ rssKb: 204800, peakKb: 812345 });
    expect(() => parseStatus('Name:\tnode\n')).toThrow(/VmRSS/);
  });
});

describe('the yardstick and the backup figures', () => {
  it('runs nginx in the foreground without an access log, on its own prefix and port', () => {
    const conf = nginxConfig('/tmp/bench-x/nginx', '127.0.0.1', 8123);
    expect(conf).toContain('daemon off;');
    expect(conf).toContain('access_log off;');
    expect(conf).toContain('worker_processes auto;');
    expect(conf).toContain('listen 127.0.0.1:8123;');
    expect(conf).toContain('root /tmp/bench-x/nginx/pages;');
    expect(conf).not.toMatch(/\/var\/(log|lib)\//);
  });

  it('reads the last line of create --json, and nothing from plain output', () => {
    const out = 'Đang sao lưu…\n{"seconds":12.5,"uploadFiles":20000,"uploadBytes":104857600,"newBytes":0,"reusedBytes":104857600}\n';
    expect(parseBackupJson(out)).toEqual({ seconds: 12.5, uploadFiles: 20000, uploadBytes: 104857600, newBytes: 0, reusedBytes: 104857600 });
    expect(parseBackupJson('Đã sao lưu: x.age (1.9 MB, 5.4 s).\n')).toBeNull();
    expect(parseBackupJson('{"broken"\n')).toBeNull();
  });
});
