import { defineConfig, devices } from '@playwright/test'
import { E2E_ADMIN, E2E_CRON_SECRET, E2E_NEXTAUTH_SECRET } from './e2e/constants'

/**
 * End-to-end tests in Debian's Chromium against the production build (`npm run build` first), served by
 * `npm start` exactly as a user runs it. Two servers: the main one (on PostgreSQL when TEST_DATABASE_URL
 * is set, as in CI, otherwise on its own embedded database) and one with a 6-second idle timeout.
 */
// E2E_PORT moves both servers (and their data directories), so several runs can share a machine.
const MAIN_PORT = Number(process.env.E2E_PORT ?? 3100)
const IDLE_PORT = MAIN_PORT + 1
// A run on another port keeps its results apart too.
const RESULTS = process.env.E2E_PORT ? `test-results/e2e-${MAIN_PORT}` : 'test-results'

const common = {
  WARDROOM_SKIP_BUILD: '1',
  // The demo's weekly and monthly windows would mute the escalations journeys wait for, in those hours.
  WARDROOM_DEMO_MAINTENANCE: 'false',
  WARDROOM_ADMIN_EMAIL: E2E_ADMIN.email,
  WARDROOM_ADMIN_PASSWORD: E2E_ADMIN.password,
  CRON_SECRET: E2E_CRON_SECRET,
  NEXTAUTH_SECRET: E2E_NEXTAUTH_SECRET,
  LOG_LEVEL: 'warn',
}
const pg = process.env.TEST_DATABASE_URL

export default defineConfig({
  testDir: 'e2e',
  // One worker by default: on two cores the server, PostgreSQL and Chromium already use both (measured in CI:
  // two workers took 12.8 min against 13.7 with one, at load average 12–15, with a journey retried for
  // time). Journeys make their own records with unique names, so E2E_WORKERS=2 works on a bigger machine.
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS ?? 1),
  retries: process.env.CI ? 1 : 0,
  forbidOnly: true,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list'], ['json', { outputFile: `${RESULTS}/playwright.json` }]],
  outputDir: `${RESULTS}/playwright-artifacts`,
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: /idle\.spec\.ts/,
      use: { ...devices['Desktop Chrome'], baseURL: `http://localhost:${MAIN_PORT}` },
    },
    {
      name: 'idle-timeout',
      testMatch: /idle\.spec\.ts/,
      use: { ...devices['Desktop Chrome'], baseURL: `http://localhost:${IDLE_PORT}` },
    },
  ],
  webServer: [
    {
      command: `rm -rf .data/e2e-main-${MAIN_PORT} && npm start`,
      url: `http://localhost:${MAIN_PORT}/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      env: {
        ...common,
        PORT: String(MAIN_PORT),
        WARDROOM_DATA_DIR: `.data/e2e-main-${MAIN_PORT}`,
        // e2e/channels.spec.ts delivers to a receiver it runs on this machine.
        WARDROOM_OUTBOUND_ALLOW: '127.0.0.1',
        ...(pg ? { DATABASE_URL: pg, WARDROOM_SEED: 'always' } : {}),
      },
    },
    {
      command: `rm -rf .data/e2e-idle-${IDLE_PORT} && npm start`,
      url: `http://localhost:${IDLE_PORT}/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      env: { ...common, PORT: String(IDLE_PORT), WARDROOM_DATA_DIR: `.data/e2e-idle-${IDLE_PORT}`, SESSION_IDLE_TIMEOUT: '6', WARDROOM_SEED: 'never' },
    },
  ],
})
