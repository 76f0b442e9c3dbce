// Measures the staff Queue with 10,000 open tickets in the system Chromium: the first
// render of /staff, a filter change, "Show more", a new urgent hand-off arriving live,
// and a colleague's claim showing in its row.
//
// Run by `cargo xtask measure` (and `cargo xtask measure --queue`), which starts a
// release server with its rate limits off on a fresh data folder, makes an admin
// (LOTSE_MEASURE_LOGIN, LOTSE_MEASURE_PASSWORD) and passes the server's address:
// `node tests/measure/queue.mjs http://127.0.0.1:PORT`. LOTSE_QUEUE_TICKETS changes
// the count (default 10000). Prints the figures and writes them as JSON to the path in
// LOTSE_MEASURE_OUT, if set.
//
// The tickets are real hand-offs through `POST /api/v1/handoffs` (a legal printer walk,
// queue `workplace`), priorities 2 to 5 mixed; the measured arrivals are priority 1, so
// each lands on the first page of the default order, where a specialist looks.
import { chromium } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';

const base = process.argv[2];
if (!base) {
  console.error('usage: node tests/measure/queue.mjs http://HOST:PORT');
  process.exit(2);
}
const browserPath = process.env.LOTSE_CHROMIUM || '/usr/bin/chromium';
const tickets = Number(process.env.LOTSE_QUEUE_TICKETS || 10_000);
const login = process.env.LOTSE_MEASURE_LOGIN;
const password = process.env.LOTSE_MEASURE_PASSWORD;
if (!login || !password) {
  console.error('LOTSE_MEASURE_LOGIN and LOTSE_MEASURE_PASSWORD name an admin');
  process.exit(2);
}
const ROUNDS = 10;
const LEVELS = {
  1: { impact: 'high', urgency: 'high' },
  2: { impact: 'high', urgency: 'medium' },
  3: { impact: 'medium', urgency: 'medium' },
  4: { impact: 'medium', urgency: 'low' },
  5: { impact: 'low', urgency: 'low' },
};

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
  return { cookie, csrf, value: cookie.split('=')[1] };
}

async function call(session, method, path, body) {
  const response = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? null : response.json();
}

/// A specialist of `workplace` with a password of their own.
async function specialist(admin) {
  const name = `measure-${randomBytes(3).toString('hex')}`;
  const first = `first-${randomBytes(12).toString('hex')}`;
  const own = `own-${randomBytes(12).toString('hex')}`;
  await call(admin, 'POST', '/staff', { login: name, name: 'Mira Measure', role: 'specialist', queues: ['workplace'], password: first });
  const session = await signIn(name, first);
  await call(session, 'POST', '/session/password', { current: first, new: own });
  return signIn(name, own);
}

let version;
async function handOff(priority, words) {
  const at = Date.now();
  const response = await fetch(`${base}/api/v1/handoffs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': `measure-${randomBytes(12).toString('hex')}` },
    body: JSON.stringify({
      tree: 'printer',
      versions: { printer: version },
      transcript: [
        { tree: 'printer', node: 'start', at, move: 'answer', index: 2 },
        { tree: 'printer', node: 'device_message', at, move: 'answer', index: 0 },
        { tree: 'printer', node: 'jam', at, move: 'helped', helped: false },
        { tree: 'printer', node: 'details', at, move: 'values', values: { printer_name: 'HP 4', location: 'B2', affected_users: '1' } },
      ],
      contact: { name: 'Erika Muster', email: 'erika@example.org' },
      description: `The printer jams. ${words}`,
      ...LEVELS[priority],
      language: 'en',
    }),
  });
  if (response.status !== 201) throw new Error(`hand-off: ${response.status} ${await response.text()}`);
  return response.json();
}

/// `count` hand-offs of priorities 2 to 5, `clients` at a time.
async function seed(count, clients) {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const n = next++;
      await handOff(2 + (n % 4), `seeded ${n}`);
    }
  };
  await Promise.all(Array.from({ length: clients }, worker));
}

function summary(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { count: sorted.length, median_ms: +at(0.5).toFixed(1), p95_ms: +at(0.95).toFixed(1) };
}

/// Resolves at the first animation frame at which `ready()` holds (checked every frame).
const untilPainted = `(ready) => new Promise((done) => {
  const check = () => (ready() ? requestAnimationFrame(() => done()) : requestAnimationFrame(check));
  check();
})`;

const bundle = await (await fetch(`${base}/api/v1/trees/printer`)).json();
version = bundle.trees.find((t) => t.tree.id === 'printer').version;
const admin = await signIn(login, password);
const seeding = performance.now();
await seed(tickets, 32);
const seedSeconds = (performance.now() - seeding) / 1000;
console.log(`seeded ${tickets} open tickets through POST /api/v1/handoffs in ${seedSeconds.toFixed(1)} s`);
const me = await specialist(admin);

const browser = await chromium.launch({
  executablePath: browserPath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1400, height: 900 } });
const url = new URL(base);
await context.addCookies([{ name: 'lotse_session', value: me.value, domain: url.hostname, path: '/', httpOnly: true, sameSite: 'Strict' }]);
// When each hand-off's live event reaches the page (a listener ahead of the app's).
await context.addInitScript(() => {
  const Real = window.EventSource;
  window.eventAt = {};
  window.EventSource = class extends Real {
    constructor(...args) {
      super(...args);
      this.addEventListener('ticket_created', (e) => {
        const reference = JSON.parse(e.data).payload.reference;
        window.eventAt[reference] = performance.timeOrigin + performance.now();
      });
    }
  };
});
const page = await context.newPage();

// 1. First render: navigation start to the first frame with the Queue's rows.
const firstRender = [];
for (let i = 0; i < ROUNDS; i++) {
  await page.goto(`${base}/staff`);
  await page.waitForSelector('[data-testid="queue"] tbody tr');
  firstRender.push(
    await page.evaluate(async (untilPainted) => {
      await eval(untilPainted)(() => document.querySelectorAll('[data-testid="queue"] tbody tr').length > 0);
      return performance.now();
    }, untilPainted),
  );
}
const firstPage = await page.evaluate(() =>
  performance.getEntriesByType('resource').find((e) => e.name.includes('/api/v1/queue?'))?.duration ?? null,
);

// 2. A filter change: the priority list, between 2 and 3, to the frame showing the new rows.
const filterChange = [];
for (let i = 0; i < 2 * ROUNDS; i++) {
  const priority = i % 2 === 0 ? '2' : '3';
  filterChange.push(
    await page.evaluate(
      async ({ priority, untilPainted }) => {
        const table = document.querySelector('[data-testid="queue"]');
        const select = document.getElementById('queue-priority');
        const start = performance.now();
        select.value = priority;
        select.dispatchEvent(new Event('change', { bubbles: true }));
        await eval(untilPainted)(() => {
          const badges = table.querySelectorAll('tbody tr .priority');
          return table.getAttribute('aria-busy') === 'false' && badges.length === 50 && [...badges].every((b) => b.textContent.startsWith(`P${priority}`));
        });
        return performance.now() - start;
      },
      { priority, untilPainted },
    ),
  );
}
await page.selectOption('#queue-priority', '');
await page.waitForFunction(() => document.querySelector('[data-testid="queue"] tbody tr .priority')?.textContent.startsWith('P2'));

// 3. "Show more": 50 rows more, ten times.
const showMore = [];
for (let i = 0; i < ROUNDS; i++) {
  showMore.push(
    await page.evaluate(async (untilPainted) => {
      const before = document.querySelectorAll('[data-testid="queue"] tbody tr').length;
      const start = performance.now();
      document.querySelector('[data-testid="more"]').click();
      await eval(untilPainted)(() => document.querySelectorAll('[data-testid="queue"] tbody tr').length >= before + 50);
      return performance.now() - start;
    }, untilPainted),
  );
}
const rowsShown = await page.locator('[data-testid="queue"] tbody tr').count();
await page.goto(`${base}/staff`);
await page.waitForSelector('[data-testid="queue"] tbody tr');

// 4. A new P1 hand-off (the POST's start) to the frame with its row; and the event's
// arrival in the page to that frame.
const arrivals = [];
const eventToPaint = [];
for (let i = 0; i < ROUNDS; i++) {
  const watching = page.evaluate(async (untilPainted) => {
    const shown = new Set([...document.querySelectorAll('[data-testid="queue"] tbody th a')].map((a) => a.textContent));
    let found = null;
    await eval(untilPainted)(() => {
      found = [...document.querySelectorAll('[data-testid="queue"] tbody th a')].map((a) => a.textContent).find((r) => !shown.has(r));
      return Boolean(found);
    });
    return { reference: found, at: performance.timeOrigin + performance.now(), event: window.eventAt[found] };
  }, untilPainted);
  await page.waitForTimeout(300);
  const start = Date.now();
  const created = await handOff(1, `arrival ${i}`);
  const painted = await watching;
  if (painted.reference !== created.reference) throw new Error(`expected ${created.reference}, saw ${painted.reference}`);
  arrivals.push(painted.at - start);
  eventToPaint.push(painted.at - painted.event);
  await page.waitForTimeout(700);
}

// 5. A colleague (the admin) claims the first unclaimed row: the POST's start to the
// frame showing "In work by".
const claims = [];
for (let i = 0; i < ROUNDS; i++) {
  const id = await page.evaluate(() => {
    const row = [...document.querySelectorAll('[data-testid="queue"] tbody tr')].find((r) => r.textContent.includes('Nobody'));
    return Number(row.dataset.id);
  });
  const watching = page.evaluate(
    async ({ id, untilPainted }) => {
      await eval(untilPainted)(() => document.querySelector(`tr[data-id="${id}"]`)?.textContent.includes('In work by'));
      return performance.timeOrigin + performance.now();
    },
    { id, untilPainted },
  );
  const start = Date.now();
  await call(admin, 'POST', `/tickets/${id}/claim`);
  claims.push((await watching) - start);
  await page.waitForTimeout(700);
}
await browser.close();

const results = {
  tickets,
  seed_seconds: +seedSeconds.toFixed(1),
  first_render: { ...summary(firstRender), cold_ms: +firstRender[0].toFixed(1) },
  first_page_request_ms: firstPage === null ? null : +firstPage.toFixed(1),
  filter_change: summary(filterChange),
  show_more: { ...summary(showMore), rows_at_end: rowsShown },
  live_arrival: summary(arrivals),
  live_event_to_paint: summary(eventToPaint),
  live_claim: summary(claims),
};
const line = (what, r) => `${what}: median ${r.median_ms} ms, p95 ${r.p95_ms} ms (${r.count} times)`;
console.log(`Queue with ${tickets} open tickets, a specialist of their queue, Chromium:`);
console.log(
  line('  first render of /staff (navigation -> rows painted)', results.first_render) +
    `; the first, with nothing cached: ${results.first_render.cold_ms} ms; the page's GET /queue took ${results.first_page_request_ms} ms`,
);
console.log(line('  filter change (priority) -> new rows painted', results.filter_change));
console.log(line('  "Show more" -> 50 more rows painted', results.show_more) + `; ${rowsShown} rows at the end`);
console.log(line('  new P1 hand-off (POST sent) -> its row painted, live', results.live_arrival));
console.log(line('    of which: its event in the page -> its row painted', results.live_event_to_paint));
console.log(line('  colleague\'s claim (POST sent) -> "In work by" painted, live', results.live_claim));
if (process.env.LOTSE_MEASURE_OUT) {
  writeFileSync(process.env.LOTSE_MEASURE_OUT, JSON.stringify(results, null, 2) + '\n');
}
