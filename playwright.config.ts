import { defineConfig, devices } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = process.env.E2E_BASE_URL ?? `http://127.0.0.1:${port}`;
/** The dashboard with applying enabled (project `apply`): its own sandbox and data directory. */
const applyPort = Number(process.env.E2E_APPLY_PORT ?? 3101);
const applyBaseURL = process.env.E2E_APPLY_BASE_URL ?? process.env.E2E_BASE_URL ?? `http://127.0.0.1:${applyPort}`;
const chromium = {
  ...devices['Desktop Chrome'],
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  },
};

/**
 * Browser tests run in Debian's Chromium (Playwright's own browser downloads are not
 * possible here) against the dashboard on the sandbox, started by `scripts/demo.mjs`.
 */
export default defineConfig({
  testDir: './e2e',
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL,
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'chromium', testIgnore: /apply\.spec\.ts$/, use: chromium },
    { name: 'apply', testMatch: /apply\.spec\.ts$/, use: { ...chromium, baseURL: applyBaseURL } },
  ],
  webServer: process.env.E2E_BASE_URL
    ? undefined
    : [
        {
          command: 'node scripts/demo.mjs --no-setup',
          url: `${baseURL}/api/healthz`,
          env: { PORT: String(port), SANDBOX_DIR: '.sandbox/e2e' },
          timeout: 120_000,
          reuseExistingServer: false,
          stdout: 'ignore',
          stderr: 'pipe',
        },
        {
          command: 'node scripts/demo.mjs --no-setup',
          url: `${applyBaseURL}/api/healthz`,
          env: { PORT: String(applyPort), SANDBOX_DIR: '.sandbox/e2e-apply', DATA_DIR: '.data/e2e-apply', EGRESS_DOCTOR_FIXES_ENABLED: 'true' },
          timeout: 120_000,
          reuseExistingServer: false,
          stdout: 'ignore',
          stderr: 'pipe',
        },
      ],
});
