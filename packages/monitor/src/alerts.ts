/**
 * The alert state machine of one service, pure: it sees one check result at a time and says when the
 * service went down or came back, and whether an e-mail may go out now.
 *
 * - Down only after `retries` consecutive failures, up again only after `recoveries` consecutive
 *   successes; both moments are dated back to the first check of the run.
 * - Failures inside a maintenance window do not count and never alert.
 * - A down alert waits while a parent service fails (its alert covers this one), while the latest check
 *   succeeded (the service is recovering), and while the previous alert of this service is younger than
 *   the cooldown. A recovery alert goes out only when its down alert did; an incident that ends without
 *   a down alert is a suppressed flap.
 */

export type MachineStatus = 'unknown' | 'up' | 'down';

export interface MachineState {
  status: MachineStatus;
  /** When the current status began (dated back to the first check of the run); null while unknown. */
  since: number | null;
  failures: number;
  firstFailureAt: number | null;
  successes: number;
  firstSuccessAt: number | null;
  /** The down alert of the open (or last) incident was sent. */
  downAlerted: boolean;
  lastAlertAt: number | null;
  /** Why the down alert of the open incident is waiting, if it is. */
  holdReason: HoldReason | null;
}

export type HoldReason = 'maintenance' | 'parent' | 'recovering' | 'cooldown';

export interface Rules {
  retries: number;
  recoveries: number;
  cooldownMs: number;
}

export interface Observation {
  at: number;
  ok: boolean;
  maintenance: boolean;
}

export type Transition = { type: 'down'; startedAt: number } | { type: 'recovered'; startedAt: number; endedAt: number };

export function initialState(): MachineState {
  return {
    status: 'unknown',
    since: null,
    failures: 0,
    firstFailureAt: null,
    successes: 0,
    firstSuccessAt: null,
    downAlerted: false,
    lastAlertAt: null,
    holdReason: null,
  };
}

/** Applies one check result. */
export function observe(previous: MachineState, observation: Observation, rules: Rules): { state: MachineState; transition: Transition | null } {
  const state = { ...previous };
  if (!observation.ok) {
    state.successes = 0;
    state.firstSuccessAt = null;
    // Planned downtime: the failure neither counts towards "down" nor keeps an earlier run going.
    if (observation.maintenance) {
      state.failures = 0;
      state.firstFailureAt = null;
      return { state, transition: null };
    }
    if (state.status === 'down') return { state, transition: null };
    state.failures += 1;
    state.firstFailureAt ??= observation.at;
    if (state.failures < rules.retries) return { state, transition: null };
    const startedAt = state.firstFailureAt;
    state.status = 'down';
    state.since = startedAt;
    state.failures = 0;
    state.firstFailureAt = null;
    state.downAlerted = false;
    state.holdReason = null;
    return { state, transition: { type: 'down', startedAt } };
  }
  state.failures = 0;
  state.firstFailureAt = null;
  if (state.status === 'unknown') {
    state.status = 'up';
    state.since = observation.at;
    return { state, transition: null };
  }
  if (state.status === 'up') return { state, transition: null };
  state.successes += 1;
  state.firstSuccessAt ??= observation.at;
  if (state.successes < rules.recoveries) return { state, transition: null };
  const endedAt = state.firstSuccessAt;
  const startedAt = state.since ?? endedAt;
  state.status = 'up';
  state.since = endedAt;
  state.successes = 0;
  state.firstSuccessAt = null;
  return { state, transition: { type: 'recovered', startedAt, endedAt } };
}

export type AlertDecision =
  | { kind: 'down' }
  | { kind: 'recovered' }
  /** An incident ended without its down alert: recorded, nobody is told. */
  | { kind: 'suppressed'; reason: HoldReason }
  | null;

export interface Context {
  now: number;
  lastOk: boolean;
  maintenance: boolean;
  /** A parent service is down or its latest check failed. */
  parentTrouble: boolean;
}

/**
 * Decides the alert of this cycle, after `observe`. Returns the state with the alert bookkeeping
 * updated (the caller sends or records the alert).
 */
export function decideAlert(
  previous: MachineState,
  transition: Transition | null,
  context: Context,
  rules: Rules,
): { state: MachineState; alert: AlertDecision } {
  const state = { ...previous };
  if (transition?.type === 'recovered') {
    if (state.downAlerted) {
      state.downAlerted = false;
      state.lastAlertAt = context.now;
      state.holdReason = null;
      return { state, alert: { kind: 'recovered' } };
    }
    const reason = state.holdReason ?? 'cooldown';
    state.holdReason = null;
    return { state, alert: { kind: 'suppressed', reason } };
  }
  if (state.status !== 'down' || state.downAlerted) return { state, alert: null };
  let hold: HoldReason | null = null;
  if (context.maintenance) hold = 'maintenance';
  else if (context.parentTrouble) hold = 'parent';
  else if (context.lastOk) hold = 'recovering';
  else if (state.lastAlertAt !== null && context.now - state.lastAlertAt < rules.cooldownMs) hold = 'cooldown';
  if (hold) {
    // The first reason sticks: a flap held by the cooldown stays a "cooldown" flap.
    state.holdReason ??= hold;
    return { state, alert: null };
  }
  state.downAlerted = true;
  state.lastAlertAt = context.now;
  state.holdReason = null;
  return { state, alert: { kind: 'down' } };
}

/** "3 phút", "1 giờ 5 phút", "2 ngày 3 giờ", "45 giây". */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} giây`;
  const totalMinutes = Math.round(seconds / 60);
  if (totalMinutes < 60) return `${totalMinutes} phút`;
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  const mins = totalMinutes % 60;
  if (days > 0) return hours > 0 ? `${days} ngày ${hours} giờ` : `${days} ngày`;
  return mins > 0 ? `${hours} giờ ${mins} phút` : `${hours} giờ`;
}

/** Why an alert was held back, in the log's words. */
export const HOLD_REASONS: Record<string, string> = {
  cooldown: 'vừa gửi cảnh báo cho dịch vụ này, chưa hết thời gian giãn cách',
  parent: 'dịch vụ nó phụ thuộc cũng đang lỗi, đã có cảnh báo chung',
  maintenance: 'đang trong thời gian bảo trì',
  recovering: 'dịch vụ đã trả lời lại trước khi kịp gửi cảnh báo',
};
