// Measures the portal in the system Chromium: Lighthouse (mobile) on the landing page and
// a walk page, and the time from a click on an answer to the next step on screen.
//
// Run by `cargo xtask measure`, which builds the bundle, starts a release server and
// passes its address: `node tests/measure/portal.mjs http://127.0.0.1:PORT`.
// LOTSE_CHROMIUM names the browser (default /usr/bin/chromium). Prints a table and
// writes the figures as JSON to the path in LOTSE_MEASURE_OUT, if set.
import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const base = process.argv[2];
if (!base) {
  console.error('usage: node tests/measure/portal.mjs http://HOST:PORT');
  process.exit(2);
}
const browser = process.env.LOTSE_CHROMIUM || '/usr/bin/chromium';
const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const quiet = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/// Lighthouse's default (mobile: emulated phone, slow 4G, 4× slower CPU) on one page.
function lighthouse(path) {
  const json = execFileSync(
    join(repo, 'node_modules', '.bin', 'lighthouse'),
    [
      base + path,
      '--only-categories=performance,accessibility,best-practices',
      '--output=json',
      '--output-path=stdout',
      '--quiet',
      `--chrome-flags=${quiet.join(' ')}`,
    ],
    { env: { ...process.env, CHROME_PATH: browser }, maxBuffer: 64 * 1024 * 1024 },
  );
  const report = JSON.parse(json);
  const score = (id) => Math.round(report.categories[id].score * 100);
  const failing = Object.values(report.audits)
    .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative')
    .map((a) => a.id);
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    best_practices: score('best-practices'),
    lcp_ms: Math.round(report.audits['largest-contentful-paint'].numericValue),
    cls: report.audits['cumulative-layout-shift'].numericValue,
    below_90: failing,
  };
}

/// Milliseconds from a click on an answer to the first animation frame after the next
/// step is in the page, `count` times (answer, then the walk's own Back, again).
async function clickToNextStep(count) {
  const chrome = await chromium.launch({ executablePath: browser, args: quiet.slice(1) });
  const page = await chrome.newPage({ locale: 'en-US' });
  await page.goto(base + '/walk/printer');
  await page.waitForSelector('html[data-app="ready"]');
  await page.waitForSelector('[data-testid="step-heading"]');
  const times = [];
  for (let i = 0; i < count; i++) {
    const ms = await page.evaluate(async () => {
      const screen = document.querySelector('[data-testid="screen"]');
      const before = screen.dataset.moves;
      const answer = [...document.querySelectorAll('.screen button')].find(
        (b) => b.textContent.trim() === 'Nothing comes out',
      );
      const start = performance.now();
      answer.click();
      // The step changes within the click or in a microtask after it: notice the change
      // as it happens, then wait for the frame that shows it.
      if (screen.dataset.moves === before) {
        await new Promise((done) => {
          const watch = new MutationObserver(() => {
            if (screen.dataset.moves !== before) {
              watch.disconnect();
              done();
            }
          });
          watch.observe(screen, { attributes: true, attributeFilter: ['data-moves'] });
        });
      }
      await new Promise((done) => requestAnimationFrame(done));
      return performance.now() - start;
    });
    times.push(ms);
    await page.getByRole('button', { name: 'Back' }).click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="screen"]')?.dataset.moves === '0',
    );
  }
  await chrome.close();
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)];
  return { clicks: count, median_ms: +at(0.5).toFixed(1), p95_ms: +at(0.95).toFixed(1) };
}

const results = {
  landing: lighthouse('/'),
  walk: lighthouse('/walk/printer'),
  click_to_next_step: await clickToNextStep(30),
};
for (const [page, r] of Object.entries({ '/': results.landing, '/walk/printer': results.walk })) {
  console.log(
    `Lighthouse (mobile) ${page}: performance ${r.performance}, accessibility ` +
      `${r.accessibility}, best practices ${r.best_practices} (LCP ${r.lcp_ms} ms, CLS ` +
      `${r.cls.toFixed(3)})` +
      (r.below_90.length ? `; audits below 0.9: ${r.below_90.join(', ')}` : ''),
  );
}
const c = results.click_to_next_step;
console.log(
  `click on an answer -> next step painted: median ${c.median_ms} ms, p95 ${c.p95_ms} ms ` +
    `(${c.clicks} clicks, Chromium)`,
);
if (process.env.LOTSE_MEASURE_OUT) {
  writeFileSync(process.env.LOTSE_MEASURE_OUT, JSON.stringify(results, null, 2) + '\n');
}
