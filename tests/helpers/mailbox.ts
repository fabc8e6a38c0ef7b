import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { simpleParser } from 'mailparser';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  /** The HTML part as sent, or null when the message has none. */
  html: string | null;
  file: string;
}

async function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Starts the SMTP sink process and resolves once it accepts connections. */
export async function startSmtpSink(port: number, dir: string): Promise<{ pid: number; stop(): void }> {
  const child = spawn(process.execPath, [path.resolve(import.meta.dirname, 'smtp-sink.ts'), String(port), dir], {
    detached: true,
    stdio: 'ignore',
  });
  const deadline = Date.now() + 15_000;
  while (!(await listening(port))) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`Máy chủ SMTP thử nghiệm không chạy được trên cổng ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const pid = child.pid!;
  return {
    pid,
    stop() {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already stopped
      }
    },
  };
}

export async function readMailbox(dir: string): Promise<ReceivedMail[]> {
  if (!existsSync(dir)) return [];
  const mails: ReceivedMail[] = [];
  for (const file of readdirSync(dir)
    .filter((name) => name.endsWith('.eml'))
    .sort()) {
    const envelope = JSON.parse(readFileSync(path.join(dir, file.replace(/\.eml$/, '.json')), 'utf8')) as { to: string[] };
    const parsed = await simpleParser(readFileSync(path.join(dir, file)));
    mails.push({ to: envelope.to, subject: parsed.subject ?? '', text: parsed.text ?? '', html: typeof parsed.html === 'string' ? parsed.html : null, file });
  }
  return mails;
}

/** Waits until a message matching the predicate has arrived (the workflow sends in the background). */
export async function waitForMail(dir: string, match: (mail: ReceivedMail) => boolean, timeoutMs = 20_000): Promise<ReceivedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await readMailbox(dir)).find(match);
    if (found) return found;
    if (Date.now() > deadline) throw new Error('Không nhận được thư mong đợi');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
