// Measures the live follow of a session handover in the system Chromium: a portal
// user's page with a taken code, and the agent's move (`PUT .../walk`) until the
// user's screen shows the new step; both ways (one step on, one step back), 20 rounds.
//
// Run by `cargo xtask measure` (and alone by `cargo xtask measure --handover`), which
// starts a release server on a fresh data folder, makes an admin (LOTSE_MEASURE_LOGIN,
// LOTSE_MEASURE_PASSWORD; any staff role may take a code) and passes the address:
// `node tests/measure/handover.mjs http://127.0.0.1:PORT`. Prints the figures and
// writes them as JSON to the path in LOTSE_MEASURE_OUT, if set.
//
// What is measured is what the user sees: the agent's request sent (its clock) to the
// first animation frame after the page's screen changed (the page's clock; both are the
// same machine's `Date.now()`). It includes the server's replay and write, the live
// event waking the user's long-poll, the answer, and the app's render.
import { chromium } from '@playwright/test';
import { writeFileSync } from 'node:fs';

const base = process.argv[2];
if (!base) {
  console.error('usage: node tests/measure/handover.mjs http://HOST:PORT');
  process.exit(2);
}
const browserPath = process.env.LOTSE_CHROMIUM || '/usr/bin/chromium';
const login = process.env.LOTSE_MEASURE_LOGIN;
const password = process.env.LOTSE_MEASURE_PASSWORD;
if (!login || !password) {
  console.error('LOTSE_MEASURE_LOGIN and LOTSE_MEASURE_PASSWORD name a staff account');
  process.exit(2);
}
const ROUNDS = 20;

/// A session: the cookie header and the CSRF token.
async function signIn(user, secret) {
  const response = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: user, password: secret }),
  });
  if (!response.ok) throw new Error(`sign-in of ${user}: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('lotse_session='));
  const { csrf } = await response.json();
  return { cookie, csrf };
}

async function call(session, method, path, body) {
  const response = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, text };
}

function summary(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { count: sorted.length, median_ms: +at(0.5).toFixed(1), p95_ms: +at(0.95).toFixed(1) };
}

const agent = await signIn(login, password);
const browser = await chromium.launch({
  executablePath: browserPath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const context = await browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 900 } });
const page = await context.newPage();
await page.goto(`${base}/walk/printer`);
await page.waitForSelector('html[data-app=ready]');
const screen = page.locator('[data-testid=screen]');
const answer = async (index, moves) => {
  await screen.locator('button.answer').nth(index).click();
  await page.waitForSelector(`[data-testid=screen][data-moves="${moves}"]`);
};
await answer(2, 1); // a message on the display
await answer(0, 2); // paper jam
await page.getByRole('button', { name: 'Talk to a person' }).click();
await page.getByTestId('talk-confirm').getByRole('button').first().click();
const code = (await page.getByTestId('handover-code').textContent()).trim();
const taken = await call(agent, 'POST', '/calls/handovers', { code });
if (taken.status !== 200) throw new Error(`taking the code: ${taken.status} ${taken.text}`);
const id = taken.body.id;
await page.waitForSelector('[data-testid=handover][data-phase=connected]');

// Records, in the page, when the screen's move count changes (at the next frame).
await page.evaluate(() => {
  window.__changes = [];
  const screenNode = document.querySelector('[data-testid=screen]');
  new MutationObserver(() => {
    const moves = document.querySelector('[data-testid=screen]')?.getAttribute('data-moves');
    requestAnimationFrame(() => window.__changes.push({ moves, at: Date.now() }));
  }).observe(screenNode.parentElement, { subtree: true, attributes: true, attributeFilter: ['data-moves'] });
});

let state = (await call(agent, 'GET', `/calls/handovers/${id}`)).body;
const twoMoves = state.walk.transcript.slice(0, 2);
const forward = [];
const back = [];
for (let round = 0; round < ROUNDS * 2; round += 1) {
  const on = round % 2 === 0;
  const transcript = on
    ? [...twoMoves, { tree: 'printer', node: 'jam', at: Date.now(), move: 'helped', helped: false }]
    : twoMoves;
  const want = String(transcript.length);
  await page.evaluate(() => (window.__changes = []));
  const sent = Date.now();
  const moved = await call(agent, 'PUT', `/calls/handovers/${id}/walk`, { revision: state.revision, transcript });
  if (moved.status !== 200) throw new Error(`agent's move: ${moved.status} ${moved.text}`);
  state = moved.body;
  const seen = await page.waitForFunction(
    (w) => window.__changes.find((c) => c.moves === w)?.at,
    want,
    { polling: 'raf', timeout: 30_000 },
  );
  (on ? forward : back).push((await seen.jsonValue()) - sent);
  // The user's page may have told the server nothing; still read the revision fresh.
  state = (await call(agent, 'GET', `/calls/handovers/${id}`)).body;
}
await browser.close();

const results = {
  rounds: ROUNDS,
  agent_step_on_to_user_screen: summary(forward),
  agent_step_back_to_user_screen: summary(back),
};
const line = (what, r) => `${what}: median ${r.median_ms} ms, p95 ${r.p95_ms} ms (${r.count} times)`;
console.log('Handover by code, the user\'s page in Chromium following the agent:');
console.log(line('  agent moves one step on (PUT sent) -> the user\'s new step painted', results.agent_step_on_to_user_screen));
console.log(line('  agent goes one step back (PUT sent) -> the user\'s screen painted', results.agent_step_back_to_user_screen));
if (process.env.LOTSE_MEASURE_OUT) {
  writeFileSync(process.env.LOTSE_MEASURE_OUT, JSON.stringify(results, null, 2) + '\n');
}
