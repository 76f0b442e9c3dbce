// Browser tests: the real `lotse` server with the real bundle, driven in the system Chromium.
//
// `cargo xtask test` runs this after building `dist/` and the release server, and passes
// LOTSE_E2E_PORT (a free port), LOTSE_E2E_DATA (a fresh data folder), LOTSE_E2E_SERVER (the
// server binary, which moves with CARGO_TARGET_DIR) and LOTSE_CHROMIUM.
// Run by hand after `cargo xtask dist && cargo build --release -p server`:
//   node_modules/.bin/playwright test -c tests/e2e/playwright.config.ts
// it falls back to port 8479, target/release/lotse and a new temporary data folder.
// The server runs with a metrics token (LOTSE_E2E_METRICS_TOKEN) so tests can read the
// figures it counts; staff accounts for tests are made with `lotse create-admin` on the
// same data folder (see status.spec.ts).
// Browsers are never downloaded: no `npx playwright install`.
import { defineConfig } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { copyFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const port = Number(process.env.LOTSE_E2E_PORT ?? 8479);
// Workers load this file again; setting the variable here makes them reuse the folder
// made by the main process instead of each making its own. Only its maker removes it.
if (!process.env.LOTSE_E2E_DATA) {
  const made = mkdtempSync(join(tmpdir(), 'lotse-e2e-'));
  process.env.LOTSE_E2E_DATA = made;
  process.on('exit', () => rmSync(made, { recursive: true, force: true }));
}
const data = process.env.LOTSE_E2E_DATA;
// The shipped trees plus one whose every text is an XSS payload (`trees/xss.toml` here,
// for `xss.spec.ts`), copied together into a folder of their own the same way.
if (!process.env.LOTSE_E2E_TREES) {
  const made = mkdtempSync(join(tmpdir(), 'lotse-e2e-trees-'));
  cpSync(join(repo, 'trees'), made, { recursive: true });
  copyFileSync(join(repo, 'tests', 'e2e', 'trees', 'xss.toml'), join(made, 'xss.toml'));
  process.env.LOTSE_E2E_TREES = made;
  process.on('exit', () => rmSync(made, { recursive: true, force: true }));
}
const trees = process.env.LOTSE_E2E_TREES;
// The bearer token of `/metrics`, where tests read the walk outcomes the server counted.
// Made here once, like the data folder, so workers know it too.
if (!process.env.LOTSE_E2E_METRICS_TOKEN) {
  process.env.LOTSE_E2E_METRICS_TOKEN = `e2e-metrics-${randomBytes(12).toString('hex')}`;
}
const metricsToken = process.env.LOTSE_E2E_METRICS_TOKEN;
const chromium = process.env.LOTSE_CHROMIUM || '/usr/bin/chromium';
const server = process.env.LOTSE_E2E_SERVER || 'target/release/lotse';

export default defineConfig({
  testDir: '.',
  outputDir: 'artifacts/test-results',
  // One server, one database: tests run one at a time until they are written to share.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 30_000,
  reporter: 'list',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    headless: true,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium,
      // Keep Chromium quiet on a closed network (see TOOLCHAIN.md).
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: [
      `'${server}'`,
      `--listen 127.0.0.1:${port}`,
      '--assets dist',
      `--trees '${trees}'`,
      `--data '${data}'`,
      `--metrics-token '${metricsToken}'`,
      // The support line the portal shows with a handover code.
      `--support-phone '+49 30 1234 5678'`,
      // Every browser of every test comes from 127.0.0.1: the per-address limits meant
      // for the public would throttle the suite itself (they have server tests).
      '--sign-ins-per-minute 0',
      '--writes-per-minute 0',
      '--reads-per-minute 0',
      '--token-guesses-per-minute 0',
      '--handovers-per-minute 0',
    ].join(' '),
    cwd: repo,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
  },
});
