/**
 * One monitor, wired from its parts: the check cycle (cycle.ts, which applies the alert rules of
 * alerts.ts), the alert delivery (notify.ts), the CMS data it relies on (sources.ts) and the status
 * JSON (status.ts). scripts/monitor.ts runs the cycle on a timer and serves the status (server.ts).
 */
import { activeServices, type MonitorConfig } from './config.ts';
import { createCycle } from './cycle.ts';
import { consoleLog, createReporter, type Log } from './log.ts';
import { createDelivery, createMailer, type Mailer } from './notify.ts';
import { createRecipients } from './sources.ts';
import { maxGapFor } from './stats.ts';
import { createStatus } from './status.ts';
import type { Store } from './store.ts';

export type { Log } from './log.ts';
export type { ServiceStatus } from './status.ts';

export function createMonitor(config: MonitorConfig, store: Store, options: { log?: Log; mailer?: Mailer } = {}) {
  const log = options.log ?? consoleLog;
  const report = createReporter(log);
  const services = activeServices(config);
  const maxGap = maxGapFor(config.intervalMs, config.timeoutMs);
  const recipients = createRecipients(config, store, report);
  const delivery = createDelivery({ config, store, log, mailer: options.mailer ?? createMailer(config), recipients });
  const cycle = createCycle({ config, store, log, report, recipients, services, maxGap });
  const { status, checks } = createStatus({ config, store, recipients, services, maxGap, lastCycleMs: cycle.lastCycleMs });

  /** One check of every service, then the records and alerts; sending the alerts carries on in the background. */
  async function runCycle(): Promise<void> {
    await cycle.runCycle();
    void delivery.deliver();
  }

  return { runCycle, status, checks, deliver: delivery.deliver, services };
}

export type Monitor = ReturnType<typeof createMonitor>;
