import nodemailer from 'nodemailer';
import { outboxTransport } from '../../cms/src/notify/outbox-transport.ts';
import { formatDuration } from './alerts.ts';
import { SERVICE_NAMES, type MonitorConfig, type ServiceId } from './config.ts';

const RESOURCE_SERVICES: ServiceId[] = ['disk', 'backup', 'tls'];
const SUBJECT_PREFIX = '[Cổng thông tin]';

/** "14:03:12 ngày 05/11/2026" in Vietnam's time. */
export function vietnamTime(ms: number): string {
  const parts = new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour12: false,
  }).formatToParts(new Date(ms));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('hour')}:${part('minute')}:${part('second')} ngày ${part('day')}/${part('month')}/${part('year')}`;
}

export interface AlertEvent {
  kind: 'down' | 'recovered';
  service: ServiceId;
  target: string;
  startedAt: number;
  endedAt: number | null;
  detail: string;
  retries: number;
}

export interface ComposedAlert {
  subject: string;
  text: string;
  /** JSON body for MONITOR_WEBHOOK_URL; `text` makes it readable by Slack/Mattermost/Google Chat-style hooks. */
  payload: Record<string, unknown>;
}

export function composeAlert(event: AlertEvent, statusPageUrl: string): ComposedAlert {
  const name = SERVICE_NAMES[event.service];
  const resource = RESOURCE_SERVICES.includes(event.service);
  const duration = event.endedAt === null ? null : formatDuration(event.endedAt - event.startedAt);
  let subject: string;
  let opening: string;
  if (event.kind === 'down') {
    subject = resource ? `${SUBJECT_PREFIX} CẢNH BÁO ${name.toUpperCase()}: cần xử lý` : `${SUBJECT_PREFIX} ${name} NGỪNG HOẠT ĐỘNG`;
    opening = resource ? `Hệ thống giám sát phát hiện sự cố về ${name.toLowerCase()} cần xử lý.` : `Hệ thống giám sát phát hiện ${name} ngừng hoạt động.`;
  } else {
    subject = resource ? `${SUBJECT_PREFIX} ${name} đã bình thường trở lại (sau ${duration})` : `${SUBJECT_PREFIX} ${name} đã hoạt động lại (ngừng ${duration})`;
    opening = resource ? `${name} đã bình thường trở lại sau ${duration}.` : `${name} đã hoạt động lại sau ${duration} ngừng hoạt động.`;
  }
  const lines = [
    'Kính gửi Tổ CNTT,',
    '',
    opening,
    '',
    `Dịch vụ: ${name}${event.target ? ` (${event.target})` : ''}`,
    `Bắt đầu: ${vietnamTime(event.startedAt)} (giờ Việt Nam)`,
    ...(event.kind === 'down'
      ? [`Xác nhận sau: ${event.retries} lần kiểm tra thất bại liên tiếp`, `Chi tiết: ${event.detail}`]
      : [`Kết thúc: ${vietnamTime(event.endedAt ?? event.startedAt)} (giờ Việt Nam)`, `Thời gian gián đoạn: ${duration}`, `Kiểm tra gần nhất: ${event.detail}`]),
    '',
    `Trang trạng thái: ${statusPageUrl}`,
    event.kind === 'down'
      ? 'Sẽ có thư khác khi dịch vụ hoạt động lại. Nếu đây là bảo trì có kế hoạch, hãy đăng thông báo bảo trì trong CMS để tắt cảnh báo trong thời gian đó.'
      : 'Hãy ghi lại nguyên nhân sự cố nếu cần (Quy chế CNTT, Điều 15).',
    '',
    'Hệ thống giám sát, Cổng thông tin điện tử',
  ];
  const text = lines.join('\n');
  return {
    subject,
    text,
    payload: {
      event: event.kind,
      service: event.service,
      serviceName: name,
      target: event.target,
      startedAt: new Date(event.startedAt).toISOString(),
      endedAt: event.endedAt === null ? null : new Date(event.endedAt).toISOString(),
      durationSeconds: event.endedAt === null ? null : Math.round((event.endedAt - event.startedAt) / 1000),
      detail: event.detail,
      statusPageUrl,
      subject,
      text: `${subject}\n${event.detail}\n${statusPageUrl}`,
    },
  };
}

export interface Mailer {
  send(to: string[], subject: string, text: string): Promise<void>;
}

/** The same mechanism as the CMS (cms/config/plugins.ts): SMTP when SMTP_HOST is set, else .eml files in the outbox. */
export function createMailer(config: Pick<MonitorConfig, 'smtp' | 'outboxDir' | 'emailFrom'>): Mailer {
  const transport = config.smtp
    ? nodemailer.createTransport({
        host: config.smtp.host,
        port: config.smtp.port,
        secure: config.smtp.secure,
        auth: config.smtp.username ? { user: config.smtp.username, pass: config.smtp.password } : undefined,
        connectionTimeout: config.smtp.timeoutMs,
        greetingTimeout: config.smtp.timeoutMs,
        socketTimeout: config.smtp.timeoutMs,
      })
    : nodemailer.createTransport(outboxTransport(config.outboxDir) as unknown as nodemailer.Transport);
  return {
    async send(to, subject, text) {
      await transport.sendMail({ from: config.emailFrom, to: to.join(', '), subject, text });
    },
  };
}

export async function postWebhook(webhookUrl: string, payload: Record<string, unknown>, timeoutMs: number): Promise<void> {
  const response = await fetch(webhookUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'User-Agent': 'portal-monitor/1.0' },
    body: JSON.stringify(payload),
    signal: AbortSignal.timeout(timeoutMs),
  });
  await response.arrayBuffer().catch(() => undefined);
  if (!response.ok) throw new Error(`webhook trả lời HTTP ${response.status}`);
}
