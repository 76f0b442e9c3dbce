// An XSS corpus in every free-text field a person or colleague can fill: the hand-off's
// contact, description and typed values, the user's message, a staff member's name,
// a public reply, an internal note and a resolution. Every screen that shows them is
// opened; nothing may run (no dialog, no marker set by a payload, no injected element),
// and the payloads must read as the text they are.
import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { Staff, escalatingTranscript, printerVersion } from './tickets';
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
