import { existsSync } from 'node:fs';
import { done, run, step } from './run.ts';

/** The full browser, for Lighthouse: Debian's, never a download. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The browser the end-to-end tests drive: Debian's `chromium-headless-shell`, the same Chromium build
 * in its headless shell, which is what Playwright itself runs headless. The full browser's headless
 * mode starts the desktop browser's machinery for every page: on two cores it took about three times as
 * long to open a page (≈2 s against ≈0.7 s), which was most of the end-to-end suite's time.
 */
export const TEST_BROWSER_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium-headless-shell';

/** Debian's packages `npm test` installs: the headless shell for the tests, the full browser for Lighthouse. */
const PACKAGES = ['chromium', 'chromium-headless-shell', 'fonts-dejavu-core'];

/**
 * Flags for every headless Chromium the project starts (end-to-end tests, Lighthouse): on a closed network,
 * Chromium's own background connections are refused by the dozen and it looks up Google's hosts at start.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** What to tell a developer whose machine has no browser and cannot install one by itself. */
export const INSTALL_HINT = `sudo apt-get install -y ${PACKAGES.join(' ')} (hoặc đặt CHROMIUM_PATH tới trình duyệt Chromium có sẵn)`;

/** A failure the test command reports as one line, without a stack trace: the user has something to install. */
export class MissingBrowserError extends Error {}

/** What the machine offers, injected so that the decision can be tested without touching the real browser. */
export interface BrowserEnvironment {
  /** CHROMIUM_PATH when the user set it. */
  configuredPath: string | undefined;
  path: string;
  exists: (file: string) => boolean;
  isRoot: boolean;
}

export type ChromiumPlan = { action: 'ready' } | { action: 'install' } | { action: 'stop'; message: string };

/** Decides before any test runs: the browser is there, apt-get can install it, or we stop and say what to install. */
export function planChromium(env: BrowserEnvironment): ChromiumPlan {
  if (env.exists(env.path)) return { action: 'ready' };
  if (env.configuredPath)
    return { action: 'stop', message: `Không thấy trình duyệt tại CHROMIUM_PATH=${env.path}. Hãy cài: ${INSTALL_HINT}, rồi chạy lại npm test.` };
  if (!env.isRoot || !env.exists('/usr/bin/apt-get')) {
    return { action: 'stop', message: `Chưa có Chromium cho kiểm thử đầu-cuối. Hãy cài: ${INSTALL_HINT}, rồi chạy lại npm test.` };
  }
  return { action: 'install' };
}

/**
 * Makes sure the browser is there before any test runs: installs Debian's Chromium packages with apt-get when
 * we are root (as on a fresh server or CI), otherwise stops with one line saying exactly what to install.
 */
export async function ensureChromium(
  env: BrowserEnvironment = { configuredPath: process.env.CHROMIUM_PATH, path: TEST_BROWSER_PATH, exists: existsSync, isRoot: process.getuid?.() === 0 },
): Promise<void> {
  const plan = planChromium(env);
  if (plan.action === 'ready') return;
  if (plan.action === 'stop') throw new MissingBrowserError(plan.message);
  const started = step('Cài Chromium của Debian (chromium, chromium-headless-shell) cho kiểm thử đầu-cuối (chỉ lần đầu)…');
  const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    await run('apt-get', ['update', '-qq'], { env: aptEnv });
    await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...PACKAGES], { env: aptEnv });
  } catch {
    // apt-get has printed its own reason above (no network, locked database, …).
    throw new MissingBrowserError(`Không cài được Chromium bằng apt-get. Hãy cài: ${INSTALL_HINT}, rồi chạy lại npm test.`);
  }
  if (!env.exists(env.path)) throw new MissingBrowserError(`apt-get đã chạy nhưng không có ${env.path}. Hãy cài: ${INSTALL_HINT}, rồi chạy lại npm test.`);
  done(started);
}
