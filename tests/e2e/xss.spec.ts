// An XSS corpus in every free-text field a person or colleague can fill: the hand-off's
// contact, description and typed values, the user's message, a staff member's name,
// a public reply, an internal note and a resolution; and from the agent console, an
// agent's name (shown on the caller's page), the caller's name, the call's notes and
// summary. Every screen that shows them is opened; nothing may run (no dialog, no
// marker set by a payload, no injected element), and the payloads must read as the
// text they are.
import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { Staff, escalatingTranscript, printerVersion } from './tickets';
import { Portal } from './portal.page';
import { makeAccount, signIn } from './staff.page';

test.use({ locale: 'en-US' });

/// Each payload sets `window.__xss` (or opens a dialog) if it ever runs.
const corpus = (tag: string) => [
  `<img src=x onerror="window.__xss='${tag}'">`,
  `"><script>window.__xss='${tag}'</script>`,
  `<svg/onload="window.__xss='${tag}'">`,
  `javascript:window.__xss='${tag}'`,
  `<a href="javascript:alert('${tag}')">click</a>`,
  `<iframe srcdoc="<script>parent.__xss='${tag}'</script>">`,
  `{{constructor.constructor('window.__xss=1')()}}`,
];
const joined = (tag: string, max = 4000) => corpus(tag).join(' ').slice(0, max);

async function watch(page: Page): Promise<string[]> {
  const fired: string[] = [];
  page.on('dialog', async (dialog) => {
    fired.push(`dialog: ${dialog.message()}`);
    await dialog.dismiss();
  });
  return fired;
}

async function expectNothingRan(page: Page, fired: string[], where: string): Promise<void> {
  expect(fired, where).toEqual([]);
  const marker = await page.evaluate(() => (window as unknown as { __xss?: string }).__xss ?? null);
  expect(marker, where).toBeNull();
  const injected = await page.evaluate(() =>
    [
      ...document.querySelectorAll('img[src="x"], iframe, script:not([src]):not([type="module"]), [onerror], [onload], a[href^="javascript:"]'),
    ].map((e) => e.outerHTML.slice(0, 80)),
  );
  // The page's own bootstrap script is the one inline script a page has.
  expect(injected.filter((html) => !html.includes('app-js')), where).toEqual([]);
}

test('no payload runs on the status page, the Queue, the ticket, the administration or the team view', async ({ browser, baseURL, request }) => {
  test.setTimeout(60_000);
  const tag = randomBytes(3).toString('hex');
  // A hand-off whose every free-text field carries the corpus.
  const version = await printerVersion(request);
  const res = await request.post('/api/v1/handoffs', {
    headers: { 'Idempotency-Key': `xss-corpus-${tag}-${randomBytes(8).toString('hex')}` },
    data: {
      tree: 'printer',
      versions: { printer: version },
      transcript: escalatingTranscript(Date.now(), {
        printer_name: joined(tag, 80),
        location: joined(tag, 120),
        affected_users: '1',
      }),
      contact: { name: joined(tag, 100), email: 'xss@example.org' },
      description: joined(tag),
      impact: 'low',
      urgency: 'medium',
      language: 'en',
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  const created = await res.json();
  const message = await request.post(`/api/v1/handoffs/${created.reference}/messages`, {
    headers: { Authorization: `Bearer ${created.token}` },
    data: { body: joined(tag) },
  });
  expect(message.status(), await message.text()).toBe(201);

  // A colleague whose name is the corpus claims, replies, notes and resolves.
  const colleague = await makeAccount(baseURL!, 'admin', joined(tag, 100));
  const admin = await Staff.signIn(baseURL!);
  const id = await admin.ticketId(created.reference);
  await admin.dispose();
  const api = await (await import('@playwright/test')).request.newContext({ baseURL });
  const session = await api.post('/api/v1/session', { data: { login: colleague.login, password: colleague.password } });
  const csrf = (await session.json()).csrf;
  const headers = { 'X-CSRF-Token': csrf };
  expect((await api.post(`/api/v1/tickets/${id}/claim`, { headers })).status()).toBe(200);
  for (const visibility of ['public', 'internal']) {
    const sent = await api.post(`/api/v1/tickets/${id}/messages`, { headers, data: { body: joined(tag), visibility } });
    expect(sent.status(), await sent.text()).toBe(201);
  }
  const resolved = await api.post(`/api/v1/tickets/${id}/transition`, {
    headers,
    data: { action: 'resolve', text: joined(tag), gap_node: 'jam' },
  });
  expect(resolved.status(), await resolved.text()).toBe(200);
  await api.dispose();

  // The user's status page.
  const user = await browser.newContext({ baseURL, locale: 'en-US' });
  const status = await user.newPage();
  const statusFired = await watch(status);
  await status.goto(`/status/${created.reference}#${created.token}`);
  await expect(status.getByText(`<img src=x onerror="window.__xss='${tag}'">`, { exact: false }).first()).toBeVisible();
  await expectNothingRan(status, statusFired, 'status page');
  await user.close();

  // The staff screens, as the colleague.
  const staff = await browser.newContext({ baseURL, locale: 'en-US' });
  const page = await staff.newPage();
  const fired = await watch(page);
  await page.goto(`/staff/tickets/${id}`);
  await signIn(page, colleague);
  await expect(page.getByTestId('ticket-reference')).toHaveText(created.reference);
  await expect(page.getByText(`"><script>window.__xss='${tag}'</script>`, { exact: false }).first()).toBeVisible();
  await expectNothingRan(page, fired, 'ticket');
  await page.goto('/staff/admin');
  await expect(page.getByTestId('accounts')).toBeVisible();
  await expectNothingRan(page, fired, 'administration');
  await page.goto('/staff/team');
  await expect(page.getByTestId('open-by-priority')).toBeVisible();
  await expectNothingRan(page, fired, 'team');
  await page.goto('/staff?status=resolved');
  await expect(page.getByText(created.reference).first()).toBeVisible();
  await expectNothingRan(page, fired, 'queue');
  await staff.close();
});

test('no payload runs from a call: on the caller\'s page, the ticket and the console', async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const tag = randomBytes(3).toString('hex');
  // The caller asks for a code in the portal.
  const caller = await browser.newContext({ baseURL, locale: 'en-US' });
  const callerPage = await caller.newPage();
  const callerFired = await watch(callerPage);
  const portal = new Portal(callerPage);
  await portal.open('/walk/printer');
  for (const [index, moves] of [[2, '1'], [0, '2']] as const) {
    await portal.screen().locator('button.answer').nth(index).click();
    await expect(portal.screen()).toHaveAttribute('data-moves', moves);
  }
  await callerPage.getByRole('button', { name: 'Talk to a person' }).click();
  await callerPage.getByTestId('talk-confirm').getByRole('button').first().click();
  const code = (await callerPage.getByTestId('handover-code').textContent())!.trim();

  // An agent whose name is the corpus takes it, moves the walk on and escalates with
  // the corpus as the caller's name, the notes and the summary.
  const agent = await makeAccount(baseURL!, 'agent', joined(tag, 100));
  const api = await (await import('@playwright/test')).request.newContext({ baseURL });
  const session = await api.post('/api/v1/session', { data: { login: agent.login, password: agent.password } });
  const headers = { 'X-CSRF-Token': (await session.json()).csrf };
  const taken = await api.post('/api/v1/calls/handovers', { headers, data: { code } });
  expect(taken.status(), await taken.text()).toBe(200);
  const state = await taken.json();
  await expect(callerPage.getByTestId('handover')).toHaveAttribute('data-phase', 'connected');
  await expect(callerPage.getByTestId('handover-line')).toContainText(`<img src=x onerror="window.__xss='${tag}'">`);
  await expectNothingRan(callerPage, callerFired, "caller's page, connected");
  const values = { printer_name: joined(tag, 80), location: joined(tag, 120), affected_users: '1' };
  const moved = await api.put(`/api/v1/calls/handovers/${state.id}/walk`, {
    headers,
    data: { revision: state.revision, transcript: escalatingTranscript(Date.now(), values) },
  });
  expect(moved.status(), await moved.text()).toBe(200);
  const walk = (await moved.json()).walk;
  const email = `xss-${tag}@example.org`;
  const ticket = await api.post('/api/v1/calls/handoffs', {
    headers: { ...headers, 'Idempotency-Key': `xss-call-${tag}-${randomBytes(8).toString('hex')}` },
    data: {
      tree: 'printer',
      versions: walk.versions,
      transcript: walk.transcript,
      caller: { name: joined(tag, 100), email, phone: '+49 30 555 0199' },
      notes: [0, 2, 4].map((step) => ({ step, text: joined(tag, 1000) })),
      description: joined(tag),
      impact: 'low',
      urgency: 'medium',
      language: 'en',
      handover: state.id,
    },
  });
  expect(ticket.status(), await ticket.text()).toBe(201);
  const { id, reference } = await ticket.json();
  await api.dispose();
  await expect(callerPage.getByTestId('handover-line')).toContainText(reference);
  await expectNothingRan(callerPage, callerFired, "caller's page, escalated");
  await caller.close();

  // A colleague opens the ticket (caller, notes, agent, typed values) and the console,
  // where the caller's lookup lists it.
  const colleague = await makeAccount(baseURL!, 'admin', 'Xena Safe');
  const staff = await browser.newContext({ baseURL, locale: 'en-US' });
  const page = await staff.newPage();
  const fired = await watch(page);
  await page.goto(`/staff/tickets/${id}`);
  await signIn(page, colleague);
  await expect(page.getByTestId('ticket-reference')).toHaveText(reference);
  await expect(page.getByTestId('transcript').getByTestId('call-notes').first()).toContainText(`"><script>window.__xss='${tag}'</script>`);
  await expect(page.getByTestId('call-agent')).toContainText(`<img src=x onerror="window.__xss='${tag}'">`);
  await expectNothingRan(page, fired, 'ticket from a call');
  await page.goto('/staff/calls');
  await page.locator('#lookup-q').fill(email);
  await page.locator('#lookup-q').press('Enter');
  await expect(page.getByTestId('lookup-results')).toContainText(reference);
  await expectNothingRan(page, fired, "console's lookup");
  await staff.close();
});

test('no payload runs from tree texts: landing page, search, walk, the agent console', async ({ browser, baseURL }) => {
  test.setTimeout(60_000);
  // The tree `xss` (tests/e2e/trees/xss.toml): every title, text, script and label a
  // payload; the browser tests' server serves it beside the shipped trees.
  const user = await browser.newContext({ baseURL, locale: 'en-US' });
  const page = await user.newPage();
  const fired = await watch(page);
  const portal = new Portal(page);
  await portal.open('/');
  await expect(page.getByText(`<img src=x onerror="window.__xss='title'">Xsscorpus`).first()).toBeVisible();
  await expectNothingRan(page, fired, 'landing page');
  await portal.searchFor('xsscorpus');
  await expect(page.getByText(`"><script>window.__xss='description'</script>`).first()).toBeVisible();
  await expectNothingRan(page, fired, 'search');

  await portal.open('/walk/xss');
  // Markdown still applies (`__` is emphasis), so only the tags are compared.
  await expect(portal.screen()).toContainText('<svg/onload="window.');
  await expect(portal.screen()).toContainText('<img src=x onerror="window.');
  await expect(portal.screen()).toContainText(`<iframe srcdoc="<script>parent.__xss='list'</script>">`);
  await expectNothingRan(page, fired, 'walk: question');
  await portal.screen().locator('button.answer').first().click();
  await expect(portal.screen()).toHaveAttribute('data-moves', '1');
  await expect(portal.screen()).toContainText(`<img src=x onerror="window.__xss='code'">`);
  await expectNothingRan(page, fired, 'walk: step');
  await page.getByRole('button', { name: 'No, still not working' }).click();
  await expect(portal.screen()).toHaveAttribute('data-moves', '2');
  await expect(portal.screen()).toContainText('<a href="javascript:window.');
  await expectNothingRan(page, fired, 'walk: end');
  await user.close();

  // The agent console shows the agent's script and the answers.
  const agent = await makeAccount(baseURL!, 'agent', 'Tara Trees');
  const staff = await browser.newContext({ baseURL, locale: 'en-US' });
  const desk = await staff.newPage();
  const deskFired = await watch(desk);
  await desk.goto('/staff/calls');
  await signIn(desk, agent);
  await desk.locator('#call-name').fill('Quinn Caller');
  await desk.locator('#topic-search').fill('xsscorpus');
  await expect(desk.getByTestId('topic-result').first()).toContainText('Xsscorpus');
  await desk.getByTestId('topic-result').first().click();
  await desk.getByTestId('start-call').click();
  await expect(desk.getByTestId('call-script')).toContainText(`<script>window.__xss='script'</script>`);
  await expect(desk.getByTestId('call-answer').first()).toContainText(`<img src=x onerror="window.__xss='answer'">`);
  await expectNothingRan(desk, deskFired, 'agent console');
  await staff.close();
});
