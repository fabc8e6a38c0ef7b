import { existsSync } from 'node:fs';
import { done, run, step } from './run.ts';

/** The browser the end-to-end tests, the monitor's checks and Lighthouse drive: Debian's, never a download. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Makes sure the browser is there before the end-to-end tests run: installs Debian's `chromium` with
 * apt-get when we are root (as on a fresh server or CI), otherwise says exactly what to run.
 */
export async function ensureChromium(): Promise<void> {
  if (existsSync(CHROMIUM_PATH)) return;
  if (process.env.CHROMIUM_PATH) throw new Error(`Không thấy trình duyệt tại CHROMIUM_PATH=${CHROMIUM_PATH}.`);
  if (process.getuid?.() !== 0) {
    throw new Error('Chưa có Chromium cho kiểm thử đầu-cuối. Hãy chạy: sudo apt-get install -y chromium fonts-dejavu-core (hoặc đặt CHROMIUM_PATH), rồi chạy lại npm test.');
  }
  const started = step('Cài Chromium của Debian cho kiểm thử đầu-cuối (chỉ lần đầu)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update', '-qq'], { env });
  await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-dejavu-core'], { env });
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`apt-get đã chạy nhưng không có ${CHROMIUM_PATH}.`);
  done(started);
}
