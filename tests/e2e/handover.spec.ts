// "Talk to a person" (session handover by code), the caller's side in a real browser
// against the real server; the agent's side is driven through the staff API with an
// agent's own session (cookie + CSRF header), as the agent console does.
//
// One story in German: two steps walked, nothing sent before the click, the code with
// the phone number, a reload that keeps it, the agent takes the code (the banner), the
// agent moves (the screen follows), the caller answers (the agent sees it), the agent
// escalates (the reference links to the status page). A second session ended by the
// caller. axe in light and dark at every state; screenshots into artifacts/screens/.
import AxeBuilder from '@axe-core/playwright';
import { expect, request as playwrightRequest, test, type APIRequestContext, type Page, type TestInfo } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Portal, watchProblems } from './portal.page';
import { makeAccount } from './staff.page';

test.use({ locale: 'de-DE' });
test.setTimeout(120_000);

const screens = join(dirname(fileURLToPath(import.meta.url)), 'artifacts', 'screens');

const DE = {
  talk: 'Mit einer Person sprechen',
  getCode: 'Schritte senden und Code erhalten',
  codeTitle: 'Ihr Code',
  valid: /^Noch (30|29) Minuten gültig\.$/,
  end: 'Sitzung beenden',
  endYes: 'Ja, beenden',
  endedByCaller: 'Sie haben die Sitzung beendet.',
  statusLink: 'Stand Ihres Vorgangs ansehen',
};

async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = results.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  expect(found).toEqual([]);
}

/// axe in both schemes, and a screenshot of each at a phone's width.
async function checkState(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  mkdirSync(screens, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectNoAxeViolations(page);
    await page.setViewportSize({ width: 390, height: 1000 });
    const shot = await page.screenshot({ path: join(screens, `handover-${name}-${scheme}.png`), fullPage: true });
    await testInfo.attach(`${name}-${scheme}`, { body: shot, contentType: 'image/png' });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 900 });
}

/// An agent signed in through the API: its own session cookie and CSRF token.
class Agent {
  private constructor(
    readonly api: APIRequestContext,
    private readonly csrf: string,
    readonly name: string,
  ) {}

  static async signIn(baseURL: string): Promise<Agent> {
    const account = await makeAccount(baseURL, 'agent', 'Kim Berger');
    const api = await playwrightRequest.newContext({ baseURL });
    const session = await api.post('/api/v1/session', { data: { login: account.login, password: account.password } });
    expect(session.status(), await session.text()).toBe(200);
    return new Agent(api, (await session.json()).csrf, account.name);
  }

  async call(method: 'GET' | 'POST' | 'PUT', path: string, data?: unknown, headers: Record<string, string> = {}) {
    const response = await this.api.fetch(path, { method, headers: { 'X-CSRF-Token': this.csrf, ...headers }, data });
    const text = await response.text();
    return { status: response.status(), body: text ? JSON.parse(text) : null, text };
  }
}

/// Problems other than the long-poll a reload or leaving the page aborts (as it must).
function realProblems(problems: string[]): string[] {
  return problems.filter((p) => !/^request failed: .*\/api\/v1\/handovers\/\d+\?after=\d+&? \(net::ERR_ABORTED\)$/.test(p));
}

/// Every request the page makes, with its body, to prove what left the browser when.
function recordRequests(page: Page): { url: string; body: string }[] {
  const seen: { url: string; body: string }[] = [];
  page.on('request', (r) => seen.push({ url: r.url(), body: r.postData() ?? '' }));
  return seen;
}

async function answer(portal: Portal, index: number): Promise<void> {
  const moves = await portal.screen().getAttribute('data-moves');
  await portal.screen().locator('button.answer').nth(index).click();
  await expect(portal.screen()).not.toHaveAttribute('data-moves', moves ?? '');
}

/// Walks two steps of the printer tree (a message on the display, a paper jam) and
/// asks for a code; answers the code as shown.
async function askForCode(page: Page, portal: Portal, seen: { url: string; body: string }[]): Promise<string> {
  await portal.open('/walk/printer');
  await answer(portal, 2);
  await answer(portal, 0);
  await expect(portal.screen()).toHaveAttribute('data-moves', '2');
  await page.getByRole('button', { name: DE.talk }).click();
  const confirm = page.getByTestId('talk-confirm');
  await expect(confirm.getByRole('heading', { name: DE.talk })).toBeFocused();
  // Nothing about the walk has left the browser yet: no handover, no transcript.
  const leaked = seen.filter((r) => r.url.includes('/handovers') || r.body.includes('device_message'));
  expect(leaked).toEqual([]);
  await confirm.getByRole('button', { name: DE.getCode }).click();
  const code = page.getByTestId('handover-code');
  await expect(code).toHaveText(/^\d{3} \d{3} \d{4}$/);
  return (await code.textContent()) ?? '';
}

test('a caller gets a code, an agent takes over, moves, and escalates', async ({ page, baseURL }, testInfo) => {
  const problems = watchProblems(page);
  const seen = recordRequests(page);
  const portal = new Portal(page);
  const shown = await askForCode(page, portal, seen);

  // The code, read digit by digit; the phone number to call; the minutes left.
  const digits = shown.replace(/ /g, '').split('');
  const spoken = `${digits.slice(0, 3).join(' ')}, ${digits.slice(3, 6).join(' ')}, ${digits.slice(6).join(' ')}`;
  await expect(page.getByTestId('handover-code-spoken')).toHaveText(`Ziffer für Ziffer: ${spoken}`);
  await expect(page.getByRole('heading', { name: DE.codeTitle })).toBeFocused();
  await expect(page.getByTestId('handover-phone')).toHaveAttribute('href', 'tel:+493012345678');
  await expect(page.getByTestId('handover-phone')).toHaveText('+49 30 1234 5678');
  await expect(page.getByTestId('handover-left')).toHaveText(DE.valid);
  const posted = seen.filter((r) => r.url.endsWith('/api/v1/handovers'));
  expect(posted).toHaveLength(1);
  const request = JSON.parse(posted[0].body);
  expect(request.transcript).toHaveLength(2);
  expect(request.language).toBe('de');
  expect(request.diagnostics, 'no browser details without consent').toEqual({});
  await checkState(page, testInfo, 'waiting');

  // A reload keeps the session.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-app', 'ready');
  await expect(page.getByTestId('handover-code')).toHaveText(shown);

  // The agent takes the code: the caller's page says so, once, in a status line.
  const agent = await Agent.signIn(baseURL!);
  const claimed = await agent.call('POST', '/api/v1/calls/handovers', { code: shown });
  expect(claimed.status, claimed.text).toBe(200);
  const id = claimed.body.id;
  const line = page.getByTestId('handover-line');
  await expect(line).toHaveText('Kim Berger ist verbunden und sieht Ihre Schritte.');
  await expect(line).toHaveAttribute('role', 'status');
  await expect(page.getByTestId('handover')).toHaveAttribute('data-phase', 'connected');
  await checkState(page, testInfo, 'connected');

  // The agent moves on (clearing the jam did not help): the caller's screen follows.
  const state = (await agent.call('GET', `/api/v1/calls/handovers/${id}`)).body;
  expect(state.walk.transcript).toHaveLength(2);
  const moved = await agent.call('PUT', `/api/v1/calls/handovers/${id}/walk`, {
    revision: state.revision,
    transcript: [...state.walk.transcript, { tree: 'printer', node: 'jam', at: Date.now(), move: 'helped', helped: false }],
  });
  expect(moved.status, moved.text).toBe(200);
  await expect(portal.screen()).toHaveAttribute('data-moves', '3');
  await expect(page).toHaveURL(/\?step=3$/);
  await expect(page.getByTestId('handover-moved')).toHaveText('Kim Berger hat Ihren Weg weitergeführt.');

  // The caller answers the details form; the agent's reading shows it.
  await portal.field('Name des Druckers').fill('HP LaserJet 2.OG');
  await portal.field('Standort des Druckers').fill('Gebäude B, 2. Stock');
  await portal.field('Wie viele Personen können nicht drucken?').fill('1');
  await page.getByRole('button', { name: 'Weiter' }).click();
  await expect(portal.screen()).toHaveAttribute('data-moves', '4');
  await expect
    .poll(async () => (await agent.call('GET', `/api/v1/calls/handovers/${id}`)).body.walk.transcript.length)
    .toBe(4);
  const now = (await agent.call('GET', `/api/v1/calls/handovers/${id}`)).body;
  expect(now.walk.transcript[3].node).toBe('details');
  expect(now.walk.end).toBe('escalated');

  // The agent escalates for the caller: the page names the ticket and links to it.
  const ticket = await agent.call(
    'POST',
    '/api/v1/calls/handoffs',
    {
      tree: 'printer',
      versions: now.walk.versions,
      transcript: now.walk.transcript,
      caller: { name: 'Carla Anruferin', email: 'carla@example.org', phone: '+49 30 555 0101' },
      notes: [{ step: 4, text: 'Papierstau bleibt nach dem Entfernen.' }],
      description: 'Papierstau, der nicht verschwindet.',
      impact: 'low',
      urgency: 'medium',
      language: 'de',
      handover: id,
    },
    { 'Idempotency-Key': `e2e-${randomBytes(12).toString('hex')}` },
  );
  expect(ticket.status, ticket.text).toBe(201);
  const reference = ticket.body.reference;
  await expect(line).toHaveText(`Kim Berger hat für Sie den Vorgang ${reference} angelegt.`);
  const link = page.getByTestId('handover-ticket-link');
  await expect(link).toHaveText(DE.statusLink);
  await checkState(page, testInfo, 'escalated');
  const remembered = await page.evaluate(() => JSON.parse(localStorage.getItem('lotse.tickets') ?? '[]'));
  expect(remembered.map((t: { reference: string }) => t.reference)).toContain(reference);
  expect(await page.evaluate(() => localStorage.getItem('lotse.handover'))).toBeNull();
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/status/${reference}#`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(reference);
  expect(realProblems(problems)).toEqual([]);
  await agent.api.dispose();
});

test('the caller ends a session, and the agent reads that the caller ended it', async ({ page, baseURL }, testInfo) => {
  const problems = watchProblems(page);
  const seen = recordRequests(page);
  const portal = new Portal(page);
  // A fresh walk: the story above may have left one behind in another context only.
  const shown = await askForCode(page, portal, seen);
  const agent = await Agent.signIn(baseURL!);
  const claimed = await agent.call('POST', '/api/v1/calls/handovers', { code: shown });
  expect(claimed.status, claimed.text).toBe(200);
  await expect(page.getByTestId('handover')).toHaveAttribute('data-phase', 'connected');

  // Ending asks again in words first.
  await page.getByRole('button', { name: DE.end }).click();
  await expect(page.getByText('Sitzung wirklich beenden? Kim Berger sieht Ihre Schritte dann nicht mehr.', { exact: false })).toBeFocused();
  await page.getByRole('button', { name: DE.endYes }).click();
  await expect(page.getByTestId('handover-line')).toHaveText(DE.endedByCaller);
  await checkState(page, testInfo, 'ended');
  const read = await agent.call('GET', `/api/v1/calls/handovers/${claimed.body.id}`);
  expect(read.body.status).toBe('ended');
  expect(read.body.ended_by).toBe('caller');
  expect(await page.evaluate(() => localStorage.getItem('lotse.handover'))).toBeNull();

  // Closed: the quiet action is back, and a reload shows no session.
  await page.getByTestId('handover-close').click();
  await expect(page.getByRole('button', { name: DE.talk })).toBeVisible();
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-app', 'ready');
  await expect(page.getByTestId('handover-code')).toHaveCount(0);
  expect(realProblems(problems)).toEqual([]);
  await agent.api.dispose();
});
