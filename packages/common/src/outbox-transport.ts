import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

interface MailMessage {
  data: { to?: unknown; subject?: string };
  message: { createReadStream(): NodeJS.ReadableStream; messageId(): string };
}

/**
 * A nodemailer transport for machines without SMTP: every message becomes an .eml file in a folder,
 * written under a temporary name and renamed when complete, so a reader never sees half a message.
 */
export function outboxTransport(dir: string) {
  return {
    name: 'outbox',
    version: '1.0.0',
    send(mail: MailMessage, callback: (error: Error | null, info?: unknown) => void) {
      const chunks: Buffer[] = [];
      const stream = mail.message.createReadStream();
      stream.on('data', (chunk: Buffer | string) => chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)));
      stream.on('error', (error: Error) => callback(error));
      stream.on('end', () => {
        try {
          mkdirSync(dir, { recursive: true });
          const base = `${new Date().toISOString().replace(/[:.]/g, '-')}-${Math.random().toString(36).slice(2, 8)}`;
          const temporary = path.join(dir, `.${base}.tmp`);
          writeFileSync(temporary, Buffer.concat(chunks), { mode: 0o600 });
          const file = path.join(dir, `${base}.eml`);
          renameSync(temporary, file);
          callback(null, { messageId: mail.message.messageId(), envelope: mail.data.to, file });
        } catch (error) {
          callback(error as Error);
        }
      });
    },
  };
}
