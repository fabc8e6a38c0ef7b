import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { outboxTransport } from '@portal/common/outbox-transport';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';

// The same nodemailer that Strapi's email provider uses.
const nodemailer = createRequire(import.meta.url)('nodemailer') as {
  createTransport(transport: unknown): { sendMail(message: Record<string, unknown>): Promise<{ file?: string }> };
};

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the outbox used when no SMTP server is configured', () => {
  it('writes each message as a complete .eml file with its Vietnamese subject and body', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'outbox-'));
    const transport = nodemailer.createTransport(outboxTransport(dir));
    const info = await transport.sendMail({
      from: 'Cổng thông tin <no-reply@mnhiephoa.test>',
      to: 'hieutruong@mnhiephoa.test',
      subject: '[Chờ duyệt] Tin tức – Sự kiện: Bé vui Trung thu',
      text: 'Kính gửi Ban giám hiệu, cô Hà vừa gửi duyệt một bài viết.',
    });
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/\.eml$/);
    expect(info.file).toBe(path.join(dir, files[0]!));
    const mail = await simpleParser(readFileSync(path.join(dir, files[0]!)));
    expect(mail.subject).toBe('[Chờ duyệt] Tin tức – Sự kiện: Bé vui Trung thu');
    expect(mail.text?.trim()).toBe('Kính gửi Ban giám hiệu, cô Hà vừa gửi duyệt một bài viết.');
    expect((mail.to as { text: string }).text).toBe('hieutruong@mnhiephoa.test');
  });
});
