/**
 * Which process listens on a port, and its memory, from /proc (Linux): the bench measures the CMS and the
 * site as `npm start` runs them, without asking the stack for their process ids.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** Socket inodes listening on `port`, from the text of /proc/net/tcp or tcp6. */
export function listeningInodes(procNetTcp: string, port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes: string[] = [];
  for (const line of procNetTcp.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    // local_address is "ADDR:PORT"; state 0A is LISTEN; the inode is the tenth field.
    if (fields.length < 10 || fields[3] !== '0A') continue;
    if ((fields[1] ?? '').split(':')[1] === hexPort) inodes.push(fields[9] as string);
  }
  return inodes;
}

export interface Memory {
  /** Resident set size now, in kB (VmRSS). */
  rssKb: number;
  /** Peak resident set size, in kB (VmHWM). */
  peakKb: number;
}

export function parseStatus(status: string): Memory {
  const kb = (name: string) => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
    if (!match) throw new Error(`/proc status không có ${name}`);
    return Number(match[1]);
  };
  return { rssKb: kb('VmRSS'), peakKb: kb('VmHWM') };
}

export function pidListening(port: number): number | null {
  const inodes = new Set<string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    try {
      for (const inode of listeningInodes(readFileSync(file, 'utf8'), port)) inodes.add(inode);
    } catch {
      // no IPv6 table on this machine
    }
  }
  if (inodes.size === 0) return null;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue; // gone, or not ours
    }
    for (const fd of fds) {
      try {
        const link = readlinkSync(`/proc/${entry}/fd/${fd}`);
        if (link.startsWith('socket:[') && inodes.has(link.slice(8, -1))) return Number(entry);
      } catch {
        // closed meanwhile
      }
    }
  }
  return null;
}

export function memoryOf(pid: number): Memory {
  return parseStatus(readFileSync(`/proc/${pid}/status`, 'utf8'));
}

/** CPU time (user + system) of a process so far, in clock ticks (1/100 s on Linux). */
export function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which may itself hold spaces and parentheses.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/**
 * Waits until the process has used under 5 % of one core for a whole second (its start-up work, such as
 * reading the search index, is done), so that it does not share the CPU with what is measured next.
 */
export async function waitUntilIdle(pid: number, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let before = cpuTicks(pid);
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const now = cpuTicks(pid);
    if (now - before <= 5) return;
    before = now;
  }
  throw new Error(`Tiến trình ${pid} vẫn bận sau ${timeoutMs / 1000} s.`);
}
