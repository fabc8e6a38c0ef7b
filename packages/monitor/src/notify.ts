import { outboxTransport } from '@portal/common/outbox-transport';
import { vietnamFormat } from '@portal/common/vietnam-time';
import nodemailer from 'nodemailer';
import { type AlertDecision, formatDuration, HOLD_REASONS } from './alerts.ts';
import { type MonitorConfig, SERVICE_NAMES, type ServiceId } from './config.ts';
import type { Log } from './log.ts';
import type { Recipients } from './sources.ts';
import { HOUR_MS } from './stats.ts';
import type { AlertRow, Store } from './store.ts';

const RESOURCE_SERVICES: ServiceId[] = ['delivery', 'disk', 'backup', 'tls'];
const SUBJECT_PREFIX = '[Cổng thông tin]';
/** An alert that could not be delivered for this long is given up (and logged). */
const DELIVERY_GIVE_UP_MS = 24 * HOUR_MS;

/** "14:03:12 ngày 05/11/2026" in Vietnam's time. */
export function vietnamTime(ms: number): string {
  const parts = vietnamFormat({
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
    subject = resource
      ? `${SUBJECT_PREFIX} ${name} đã bình thường trở lại (sau ${duration})`
      : `${SUBJECT_PREFIX} ${name} đã hoạt động lại (ngừng ${duration})`;
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
      : [
          `Kết thúc: ${vietnamTime(event.endedAt ?? event.startedAt)} (giờ Việt Nam)`,
          `Thời gian gián đoạn: ${duration}`,
          `Kiểm tra gần nhất: ${event.detail}`,
        ]),
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

/** The incident an alert is about, as the check cycle knows it. */
export interface IncidentRef {
  id: number;
  startedAt: number;
  endedAt: number | null;
}

/**
 * Writes the alert the rules decided on into the store's outbox, composed and ready: delivery happens
 * apart (deliverPending), so an alert survives a mail server that is down or a restart of the monitor.
 * A suppressed alert is recorded for the status page but never sent.
 */
export function queueAlert(
  context: { config: MonitorConfig; store: Store; log: Log },
  alert: { service: ServiceId; target: string; decision: NonNullable<AlertDecision>; incident: IncidentRef | null; detail: string; now: number },
): void {
  const { config, store, log } = context;
  const { service, target, decision, incident, detail, now } = alert;
  if (decision.kind === 'suppressed') {
    const composed = composeAlert(
      { kind: 'recovered', service, target, startedAt: incident?.startedAt ?? now, endedAt: incident?.endedAt ?? now, detail, retries: config.retries },
      config.statusPageUrl,
    );
    store.addAlert({
      incidentId: incident?.id ?? null,
      service,
      kind: 'suppressed',
      createdAt: now,
      reason: decision.reason,
      subject: composed.subject,
      text: composed.text,
      payload: JSON.stringify(composed.payload),
      emailStatus: 'skipped',
      webhookStatus: 'skipped',
    });
    log(`[giám sát] ${SERVICE_NAMES[service]}: gián đoạn ngắn đã kết thúc, không gửi cảnh báo (lý do: ${HOLD_REASONS[decision.reason]}).`);
    return;
  }
  const composed = composeAlert(
    {
      kind: decision.kind,
      service,
      target,
      startedAt: incident?.startedAt ?? now,
      endedAt: decision.kind === 'recovered' ? (incident?.endedAt ?? now) : null,
      detail,
      retries: config.retries,
    },
    config.statusPageUrl,
  );
  store.addAlert({
    incidentId: incident?.id ?? null,
    service,
    kind: decision.kind,
    createdAt: now,
    reason: null,
    subject: composed.subject,
    text: composed.text,
    payload: JSON.stringify(composed.payload),
    emailStatus: 'pending',
    webhookStatus: config.webhookUrl ? 'pending' : 'skipped',
  });
  if (decision.kind === 'down' && incident) store.markAlerted(incident.id);
  log(`[giám sát] Cảnh báo: ${composed.subject}`);
}

/** Sends the queued alerts, oldest first, by e-mail and webhook; a failure is retried on a later call. */
export function createDelivery(context: { config: MonitorConfig; store: Store; log: Log; mailer: Mailer; recipients: Recipients }) {
  const { config, store, log, mailer, recipients } = context;
  let delivering: Promise<void> | null = null;

  async function deliverPending(): Promise<void> {
    const pending = store.pendingAlerts();
    if (pending.length === 0) return;
    if (pending.some((alert) => alert.emailStatus === 'pending') && recipients.list().length === 0) await recipients.refresh(true);
    const blocked = new Set<ServiceId>();
    for (const alert of pending) {
      // A recovery never overtakes its own down alert.
      if (blocked.has(alert.service)) continue;
      const next: Pick<AlertRow, 'id' | 'emailStatus' | 'webhookStatus' | 'attempts' | 'lastError' | 'sentAt'> = {
        id: alert.id,
        emailStatus: alert.emailStatus,
        webhookStatus: alert.webhookStatus,
        attempts: alert.attempts + 1,
        lastError: null,
        sentAt: alert.sentAt,
      };
      const problems: string[] = [];
      if (next.emailStatus === 'pending') {
        const to = recipients.list();
        if (to.length === 0) {
          problems.push('chưa biết địa chỉ nhận (đặt MONITOR_ALERT_EMAILS, hoặc chờ CMS trả lời danh sách Tổ CNTT)');
        } else {
          try {
            await mailer.send(to, alert.subject, alert.text);
            next.emailStatus = 'sent';
          } catch (error) {
            problems.push(`thư: ${(error as Error).message}`);
          }
        }
      }
      if (next.webhookStatus === 'pending') {
        if (!config.webhookUrl) next.webhookStatus = 'skipped';
        else {
          try {
            await postWebhook(config.webhookUrl, JSON.parse(alert.payload) as Record<string, unknown>, config.webhookTimeoutMs);
            next.webhookStatus = 'sent';
          } catch (error) {
            problems.push(`webhook: ${(error as Error).message}`);
          }
        }
      }
      if (problems.length > 0) {
        next.lastError = problems.join('; ');
        if (Date.now() - alert.createdAt > DELIVERY_GIVE_UP_MS) {
          if (next.emailStatus === 'pending') next.emailStatus = 'failed';
          if (next.webhookStatus === 'pending') next.webhookStatus = 'failed';
          log(`[giám sát] Bỏ cảnh báo "${alert.subject}" sau ${next.attempts} lần gửi không được: ${next.lastError}`);
        } else {
          blocked.add(alert.service);
          if (next.attempts === 1 || next.attempts % 10 === 0)
            log(`[giám sát] Chưa gửi được "${alert.subject}" (lần ${next.attempts}): ${next.lastError}; sẽ thử lại.`);
        }
      }
      if (next.emailStatus !== 'pending' && next.webhookStatus !== 'pending' && problems.length === 0) next.sentAt = Date.now();
      store.updateDelivery(next);
    }
  }

  return {
    /** Sends what is pending; one run at a time (a call during a run shares it). Never throws. */
    deliver(): Promise<void> {
      delivering ??= deliverPending()
        .catch((error: unknown) => log(`[giám sát] Lỗi khi gửi cảnh báo: ${(error as Error).message}`))
        .finally(() => {
          delivering = null;
        });
      return delivering;
    },
  };
}
