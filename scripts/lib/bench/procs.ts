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
