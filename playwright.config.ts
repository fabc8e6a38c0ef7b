import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, TEST_BROWSER_PATH } from './scripts/lib/chromium.ts';

// The portal under test is started by `npm test` (tests/helpers/test-stack.ts) and described in PORTAL_TEST.
const stack = process.env.PORTAL_TEST ? (JSON.parse(process.env.PORTAL_TEST) as { siteUrl: string }) : undefined;

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.e2e.ts',
  fullyParallel: true,
  // One browser at a time: on two cores, parallel admin sessions starve the CMS and time out.
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  outputDir: 'test-results/e2e-artifacts',
  reporter: [['list'], ['json']],
  globalSetup: './tests/helpers/global-setup.ts',
  use: {
    baseURL: stack?.siteUrl,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    // Recording a trace of every test costs about a tenth of the suite's time on two cores, and CI keeps
    // no artefacts: ask for one when needed (`npm test -- <file> --trace=retain-on-failure`).
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      // Debian's Chromium (its headless shell); Playwright never downloads a browser here.
      executablePath: TEST_BROWSER_PATH,
      args: CHROMIUM_ARGS,
    },
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], channel: undefined } },
    { name: 'phone', use: { ...devices['Pixel 7'], channel: undefined } },
  ],
});
