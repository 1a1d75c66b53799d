import { defineConfig } from '@playwright/test';
import { randomBytes } from 'node:crypto';

// The test command (scripts/test.sh) builds the site, picks a free port and a fresh
// database directory, and passes them here. The server is the real release binary.
const port = Number(process.env.E2E_PORT ?? 3107);
const bin = process.env.E2E_SERVER_BIN ?? '../target/release/server';
const db = process.env.E2E_DATABASE_URL ?? 'mem://';
const siteRoot = process.env.E2E_SITE_ROOT ?? 'target/site';
// the secret that lets the tests move the server's clock (support.ts sends it); the
// test workers inherit it from here
const clockToken = process.env.E2E_TEST_CLOCK ?? randomBytes(16).toString('hex');
process.env.E2E_TEST_CLOCK = clockToken;
// a real mail server (MailDev) beside the marketplace: its SMTP port takes the mail,
// its web inbox (and API) shows what arrived; the specs read E2E_MAIL_WEB
const smtpPort = Number(process.env.E2E_SMTP_PORT ?? port + 1);
const mailWeb = Number(process.env.E2E_MAIL_WEB ?? port + 2);
process.env.E2E_MAIL_WEB = String(mailWeb);

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'off',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--headless=new',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: [
    {
      command: `node_modules/.bin/maildev --smtp ${smtpPort} --web ${mailWeb} --ip 127.0.0.1 --web-ip 127.0.0.1 --silent`,
      cwd: '..',
      url: `http://127.0.0.1:${mailWeb}/api/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `${bin} serve --demo --products 300`,
      cwd: '..',
      url: `http://127.0.0.1:${port}/healthz`,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        SITE_ADDR: `127.0.0.1:${port}`,
        DATABASE_URL: db,
        LEPTOS_SITE_ROOT: siteRoot,
        RUST_LOG: 'warn',
        // lets the notice-and-action and sharing tests move the server's clock past a
        // deadline, for requests carrying this token
        TEST_CLOCK: clockToken,
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      },
    },
  ],
});
