import { type AlertDecision, decideAlert, formatDuration, initialState, type MachineState, observe, type Rules } from '@portal/monitor/alerts';
import { describe, expect, it } from 'vitest';

const RULES: Rules = { retries: 3, recoveries: 2, cooldownMs: 15 * 60_000 };
const SECOND = 1000;

interface Step {
  ok: boolean;
  maintenance?: boolean;
  parentTrouble?: boolean;
}

/** Runs checks every `every` ms from t=0 and returns the alerts decided, with their times. */
function run(steps: Step[], options: { every?: number; rules?: Rules; state?: MachineState; from?: number } = {}) {
  const every = options.every ?? 60 * SECOND;
  const rules = options.rules ?? RULES;
  let state = options.state ?? initialState();
  const alerts: { at: number; alert: NonNullable<AlertDecision> }[] = [];
  const transitions: string[] = [];
  steps.forEach((step, index) => {
    const at = (options.from ?? 0) + index * every;
    const observed = observe(state, { at, ok: step.ok, maintenance: step.maintenance ?? false }, rules);
    const transition = observed.transition;
    if (transition) transitions.push(`${transition.type}@${transition.type === 'down' ? transition.startedAt : transition.endedAt}`);
    const decided = decideAlert(
      observed.state,
      observed.transition,
      { now: at, lastOk: step.ok, maintenance: step.maintenance ?? false, parentTrouble: step.parentTrouble ?? false },
      rules,
    );
    state = decided.state;
    if (decided.alert) alerts.push({ at, alert: decided.alert });
  });
  return { state, alerts, transitions };
}

const ok = { ok: true };
const fail = { ok: false };

describe('the alert state machine', () => {
  it('calls a service down only after the configured number of consecutive failures, dated from the first', () => {
    const { state, alerts, transitions } = run([ok, fail, fail, fail]);
    expect(transitions).toEqual(['down@60000']);
    expect(alerts).toEqual([{ at: 180_000, alert: { kind: 'down' } }]);
    expect(state).toMatchObject({ status: 'down', since: 60_000, downAlerted: true });
  });

  it('forgets failures that a success interrupts', () => {
    const { alerts, state } = run([ok, fail, fail, ok, fail, fail, ok]);
    expect(alerts).toEqual([]);
    expect(state.status).toBe('up');
  });

  it('needs the configured number of consecutive successes to recover, and dates the recovery from the first', () => {
    const { alerts, transitions } = run([ok, fail, fail, fail, ok, fail, ok, ok]);
    expect(transitions).toEqual(['down@60000', 'recovered@360000']);
    expect(alerts.map((a) => a.alert.kind)).toEqual(['down', 'recovered']);
  });

  it('never alerts about failures inside a maintenance window, and does not let them count afterwards', () => {
    const m = { ok: false, maintenance: true };
    const { alerts, state } = run([ok, m, m, m, m, m, fail, fail]);
    expect(alerts).toEqual([]);
    expect(state.status).toBe('up');
    expect(state.failures).toBe(2);
  });

  it('alerts once maintenance is over when the service is still failing', () => {
    const m = { ok: false, maintenance: true };
    const { alerts } = run([ok, m, m, fail, fail, fail]);
    expect(alerts).toEqual([{ at: 300_000, alert: { kind: 'down' } }]);
  });

  it('holds a down alert while a parent service fails, and records the outage as suppressed when both recover', () => {
    const child = { ok: false, parentTrouble: true };
    const { alerts } = run([ok, child, child, child, child, { ok: true, parentTrouble: true }, ok]);
    expect(alerts).toEqual([{ at: 360_000, alert: { kind: 'suppressed', reason: 'parent' } }]);
  });

  it('sends a held down alert when the parent has recovered but the service still fails', () => {
    const child = { ok: false, parentTrouble: true };
    const { alerts } = run([ok, child, child, child, fail]);
    expect(alerts).toEqual([{ at: 240_000, alert: { kind: 'down' } }]);
  });

  it('sends at most one pair of alerts while a service flaps within the cooldown', () => {
    const flap = [fail, fail, fail, ok, ok];
    const { alerts } = run([ok, ...flap, ...flap, ...flap, ...flap], { every: 10 * SECOND });
    expect(alerts.map((a) => a.alert)).toEqual([
      { kind: 'down' },
      { kind: 'recovered' },
      { kind: 'suppressed', reason: 'cooldown' },
      { kind: 'suppressed', reason: 'cooldown' },
      { kind: 'suppressed', reason: 'cooldown' },
    ]);
  });

  it('alerts a down that began in the cooldown once the cooldown has passed and the service still fails', () => {
    const rules = { ...RULES, cooldownMs: 5 * 60_000 };
    const steps = [ok, fail, fail, fail, ok, ok, fail, fail, fail, fail, fail, fail, fail, fail];
    const { alerts } = run(steps, { rules });
    expect(alerts.map((a) => [a.at / 60_000, a.alert.kind])).toEqual([
      [3, 'down'],
      [5, 'recovered'],
      [10, 'down'],
    ]);
  });

  it('keeps waiting on a service that answered again before its held alert could go out', () => {
    const { alerts } = run([ok, { ok: false, parentTrouble: true }, { ok: false, parentTrouble: true }, { ok: false, parentTrouble: true }, ok]);
    expect(alerts).toEqual([]);
  });

  it('starts as unknown and is up at the first success', () => {
    expect(initialState().status).toBe('unknown');
    expect(run([ok]).state).toMatchObject({ status: 'up', since: 0 });
  });

  it('alerts a service that is down from the very first checks', () => {
    expect(run([fail, fail, fail]).alerts).toEqual([{ at: 120_000, alert: { kind: 'down' } }]);
  });
});

describe('durations in alert subjects', () => {
  it('reads naturally in Vietnamese', () => {
    expect(formatDuration(45 * SECOND)).toBe('45 giây');
    expect(formatDuration(3 * 60 * SECOND)).toBe('3 phút');
    expect(formatDuration(65 * 60 * SECOND)).toBe('1 giờ 5 phút');
    expect(formatDuration(2 * 3600 * SECOND)).toBe('2 giờ');
    expect(formatDuration((2 * 24 + 3) * 3600 * SECOND)).toBe('2 ngày 3 giờ');
  });
});
