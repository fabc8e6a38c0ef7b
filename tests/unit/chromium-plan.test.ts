import { describe, expect, it } from 'vitest';
import { type BrowserEnvironment, planChromium } from '../../scripts/lib/chromium.ts';

function machine(files: string[], overrides: Partial<BrowserEnvironment> = {}): BrowserEnvironment {
  return { configuredPath: undefined, path: '/usr/bin/chromium', exists: (file) => files.includes(file), isRoot: false, ...overrides };
}

describe('the browser check before npm test', () => {
  it('goes on when the browser is there', () => {
    expect(planChromium(machine(['/usr/bin/chromium']))).toEqual({ action: 'ready' });
    expect(planChromium(machine(['/opt/chrome'], { configuredPath: '/opt/chrome', path: '/opt/chrome' }))).toEqual({ action: 'ready' });
  });

  it('installs Debian chromium only as root with apt-get', () => {
    expect(planChromium(machine(['/usr/bin/apt-get'], { isRoot: true }))).toEqual({ action: 'install' });
  });

  it.each([
    ['a normal user', machine(['/usr/bin/apt-get'])],
    ['root without apt-get', machine([], { isRoot: true })],
    ['a CHROMIUM_PATH that does not exist', machine(['/usr/bin/apt-get'], { isRoot: true, configuredPath: '/opt/none', path: '/opt/none' })],
  ])('stops with one Vietnamese line naming what to install for %s', (_name, env) => {
    const plan = planChromium(env);
    expect(plan.action).toBe('stop');
    const message = plan.action === 'stop' ? plan.message : '';
    expect(message).not.toContain('\n');
    expect(message).toContain('apt-get install -y chromium');
    // The end-to-end tests drive the headless shell; Lighthouse the full browser.
    expect(message).toContain('chromium-headless-shell');
    expect(message).toMatch(/Hãy cài/);
  });
});
