// The hand-off at an escalate node, in a real browser against the real server: the
// form, its messages, attachments within the server's limits, the confirmation with
// the reference and the status link, and the outbox that sends a hand-off made
// offline exactly once when the connection returns, also after a reload.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HANDOFF, HandoffScreen, PNG, Staff } from './handoff.page';
import { watchProblems } from './portal.page';

test.use({ locale: 'en-US' });
// Sending waits for the server, offline tests for the retry timer.
test.setTimeout(60_000);

const screens = join(dirname(fileURLToPath(import.meta.url)), 'artifacts', 'screens');

async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const found = results.violations.map((v) => ({
    id: v.id,
    nodes: v.nodes.map((n) => n.target.join(' ')),
  }));
  expect(found).toEqual([]);
}

/// Full-page screenshots at a phone's and a desktop's width, kept with the test's
/// results and in artifacts/screens/.
async function screenshots(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  mkdirSync(screens, { recursive: true });
  const before = page.viewportSize();
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    const path = join(screens, `handoff-${name}-${width}.png`);
    const shot = await page.screenshot({ path, fullPage: true });
    await testInfo.attach(`${name}-${width}`, { body: shot, contentType: 'image/png' });
  }
  if (before) await page.setViewportSize(before);
}

/// A word no other ticket has, to find this test's ticket in the Queue.
function marker(what: string): string {
  return `${what}${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

test.describe('hand-off', () => {
  test('a walk to escalate with an attachment ends with the reference and the status link', async ({ page, baseURL }, testInfo) => {
    const problems = watchProblems(page);
    const screen = new HandoffScreen(page);
    await screen.walkToEscalate();

    // Limits are shown before anything is picked; every value sent is listed.
    await expect(page.getByTestId('attachment-limits')).toHaveText(HANDOFF.limits);
    const panel = page.getByTestId('what-we-send');
    await expect(panel.getByTestId('sent-facts')).toContainText('printer_name');
    await expect(panel.getByTestId('sent-facts')).toContainText('HP LaserJet 2.OG');
    await expect(panel.getByTestId('sent-details')).toContainText('browser.user_agent');
    await expect(panel.getByRole('checkbox', { name: HANDOFF.consent })).not.toBeChecked();
    // The node's defaults are chosen: one person (impact low for this answer path or
    // the node's own) and some urgency; the person may change both.
    await expect(page.getByRole('radio', { checked: true })).toHaveCount(2);
    await expectNoAxeViolations(page);
    await screenshots(page, testInfo, 'form');

    const words = marker('jam');
    await screen.fillIn(`Paper keeps jamming ${words}`);
    await screen.attach('screen.png', PNG);
    await expect(screen.attachments()).toHaveCount(1);
    await expect(screen.attachments().first()).toContainText('screen.png');
    await panel.getByRole('checkbox', { name: HANDOFF.consent }).check();
    await screen.send();

    const { reference, token, link } = await screen.confirmation();
    expect(reference).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(link).toBe(`/status/${reference}#${token}`);
    expect(token.length).toBeGreaterThanOrEqual(43);
    await expect(page.getByRole('heading', { name: HANDOFF.sent })).toBeFocused();
    await expect(screen.sent().getByRole('button', { name: 'Copy reference' })).toBeVisible();
    const stored = await screen.stored();
    expect(stored.outbox).toEqual([]);
    expect(stored.tickets[0]).toMatchObject({ reference, token });
    await expectNoAxeViolations(page);
    await screenshots(page, testInfo, 'confirmation');

    // The user's own view: the ticket exists with the attachment.
    const res = await page.request.get(`/api/v1/handoffs/${reference}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(res.status()).toBe(200);
    const ticket = await res.json();
    expect(ticket.status).toBe('new');
    expect(ticket.attachments).toHaveLength(1);
    expect(ticket.attachments[0]).toMatchObject({ name: 'screen.png', content_type: 'image/png' });

    // Staff see the answers, the description, the contact, the urgency and the details.
    const staff = await Staff.signIn(baseURL!);
    const found = await staff.find(words);
    expect(found.map((t) => t.reference)).toEqual([reference]);
    const detail = await staff.ticket(found[0].id);
    expect(detail.description).toBe(`Paper keeps jamming ${words}`);
    expect(detail.contact).toMatchObject({ name: 'Anna Muster', email: 'anna@example.org' });
    expect(detail.urgency).toBe('high');
    expect(detail.walk.facts.printer_name).toBe('HP LaserJet 2.OG');
    expect(detail.walk.transcript.length).toBeGreaterThanOrEqual(4);
    expect(detail.diagnostics['browser.user_agent']).toContain('Chrome');
    expect(detail.attachments).toHaveLength(1);
    await staff.close();

    // A reload shows the confirmation again, not a second form.
    await page.reload();
    await expect(screen.sent()).toBeVisible();
    await expect(page.getByTestId('reference')).toHaveText(reference);
    expect(problems).toEqual([]);

    // The status link opens the ticket's status page; the token stays in the fragment.
    await screen.sent().getByRole('link', { name: 'See the status of your ticket' }).click();
    await expect(page.getByTestId('ticket-reference')).toHaveText(reference);
    expect(new URL(page.url()).pathname).toBe(`/status/${reference}`);
    expect(new URL(page.url()).search).toBe('');
  });

  test('without consent the browser details stay out', async ({ page, baseURL }) => {
    const screen = new HandoffScreen(page);
    await screen.walkToEscalate();
    const words = marker('noconsent');
    await screen.fillIn(`No details ${words}`);
    await screen.send();
    await screen.confirmation();
    const staff = await Staff.signIn(baseURL!);
    const [found] = await staff.find(words);
    const detail = await staff.ticket(found.id);
    expect(detail.diagnostics).toEqual({});
    await staff.close();
  });

  test('says what is wrong in the form, and focuses the first wrong field', async ({ page }, testInfo) => {
    const screen = new HandoffScreen(page);
    await screen.walkToEscalate();
    await screen.send();
    await expect(page.getByText(HANDOFF.formHasErrors)).toBeVisible();
    await expect(screen.field(HANDOFF.name)).toBeFocused();
    await expect(screen.field(HANDOFF.name)).toHaveAttribute('aria-invalid', 'true');
    // The printer tree's escalation needs an e-mail address; the phone is optional.
    await expect(page.getByText(HANDOFF.required)).toHaveCount(2);
    await screen.field(HANDOFF.name).fill('Anna');
    await screen.field(HANDOFF.email).fill('anna@');
    await screen.send();
    await expect(page.getByText(HANDOFF.notAnEmail)).toBeVisible();
    await expect(screen.field(HANDOFF.email)).toBeFocused();
    await expectNoAxeViolations(page);
    await screenshots(page, testInfo, 'errors');

    // Files the server would refuse are refused here, with the reason, before upload.
    await screen.attach('tool.exe', Buffer.from('4d5a900003000000', 'hex'), 'application/octet-stream');
    await expect(page.getByText('“tool.exe” is not a kind of file we accept.')).toBeVisible();
    await screen.attach('huge.png', Buffer.concat([PNG, Buffer.alloc(6 * 1024 * 1024)]));
    await expect(page.getByText('“huge.png” is 6 MB. A file may be at most 5 MB.')).toBeVisible();
    await expect(screen.attachments()).toHaveCount(0);
    for (const name of ['a.png', 'b.png', 'c.png', 'd.png']) {
      await screen.attach(name, PNG);
    }
    await expect(screen.attachments()).toHaveCount(3);
    await expect(page.getByText('You can attach at most 3 files.')).toBeVisible();
    await expectNoAxeViolations(page);
    await screen.attachments().first().getByRole('button', { name: 'Remove a.png' }).click();
    await expect(screen.attachments()).toHaveCount(2);
  });

  test('speaks German in a German page', async ({ page }) => {
    const screen = new HandoffScreen(page);
    await screen.walkToEscalate();
    await screen.switchLanguage('Deutsch');
    await expect(page.getByText('Bis zu 3 Dateien, je höchstens 5 MB: PNG, JPEG, GIF, WebP, PDF, TXT.')).toBeVisible();
    await page.getByRole('button', { name: 'An den Support senden' }).click();
    await expect(page.getByText('Bitte prüfen Sie die markierten Felder.')).toBeVisible();
    await expect(page.getByRole('radiogroup', { name: 'Können Sie weiterarbeiten?' })).toBeVisible();
  });

  test('can be filled in and sent with the keyboard alone', async ({ page }) => {
    const screen = new HandoffScreen(page);
    await screen.walkToEscalate();
    const words = marker('keyboard');
    await screen.field(HANDOFF.description).focus();
    await page.keyboard.type(`Typed by keyboard ${words}`);
    // Through the urgency and impact groups (arrow keys choose within a group) to the name.
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowUp');
    await expect(page.getByRole('radio', { name: HANDOFF.cannotWork })).toBeChecked();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(screen.field(HANDOFF.name)).toBeFocused();
    await page.keyboard.type('Kim Keyboard');
    await page.keyboard.press('Tab');
    await expect(screen.field(HANDOFF.email)).toBeFocused();
    await page.keyboard.type('kim@example.org');
    // Phone (optional), file picker, consent box, then the send button.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('checkbox', { name: HANDOFF.consent })).toBeFocused();
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: HANDOFF.send })).toBeFocused();
    await page.keyboard.press('Enter');
    await screen.confirmation();
    await expect(page.getByRole('heading', { name: HANDOFF.sent })).toBeFocused();
  });

  test('made offline, it is kept, then sent exactly once when the connection returns', async ({ page, context, baseURL }, testInfo) => {
    const screen = new HandoffScreen(page);
    const created: number[] = [];
    page.on('response', (r) => {
      if (r.url().endsWith('/api/v1/handoffs') && r.request().method() === 'POST') created.push(r.status());
    });
    await screen.walkToEscalate();
    const words = marker('offline');
    await screen.fillIn(`Sent while offline ${words}`);
    await screen.attach('screen.png', PNG);

    await context.setOffline(true);
    await screen.send();
    await expect(screen.saved()).toBeVisible();
    await expect(screen.saved()).toContainText('will be sent automatically when you are online again');
    await expect(page.getByRole('heading', { name: HANDOFF.saved })).toBeFocused();
    const kept = await screen.stored();
    expect(kept.outbox).toHaveLength(1);
    const key = (kept.outbox[0] as { key: string }).key;
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    await expectNoAxeViolations(page);
    await screenshots(page, testInfo, 'saved-offline');

    await context.setOffline(false);
    const { reference } = await screen.confirmation();
    expect((await screen.stored()).outbox).toEqual([]);
    // Nothing more goes out afterwards.
    await page.waitForTimeout(3_000);
    expect(created).toEqual([201]);

    const staff = await Staff.signIn(baseURL!);
    const found = await staff.find(words);
    expect(found.map((t) => t.reference)).toEqual([reference]);
    await staff.close();
  });

  test('kept through a reload while the network fails, then sent once with the same key', async ({ page, context, baseURL }) => {
    const screen = new HandoffScreen(page);
    const keys: string[] = [];
    const created: number[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/v1/handoffs') && r.method() === 'POST') keys.push(r.headers()['idempotency-key']);
    });
    page.on('response', (r) => {
      if (r.url().endsWith('/api/v1/handoffs') && r.request().method() === 'POST') created.push(r.status());
    });
    await screen.walkToEscalate();
    const words = marker('reload');
    await screen.fillIn(`Sent after a reload ${words}`);

    // Offline: saved. Online again, but the service still cannot be reached: still saved.
    await context.setOffline(true);
    await screen.send();
    await expect(screen.saved()).toBeVisible();
    await page.route('**/api/v1/handoffs', (route) => route.abort('connectionrefused'));
    await context.setOffline(false);
    await expect.poll(() => keys.length).toBeGreaterThanOrEqual(1);

    // A reload (the page itself loads; the hand-off still cannot get through).
    await page.reload();
    await expect(screen.saved()).toBeVisible();
    const { outbox } = await screen.stored();
    expect(outbox).toHaveLength(1);
    const key = (outbox[0] as { key: string }).key;

    // The service comes back: the retry timer sends it, once, with the first key.
    await page.unroute('**/api/v1/handoffs');
    const { reference } = await screen.confirmation(40_000);
    await page.waitForTimeout(3_000);
    expect(created).toEqual([201]);
    expect(new Set(keys)).toEqual(new Set([key]));

    const staff = await Staff.signIn(baseURL!);
    const found = await staff.find(words);
    expect(found.map((t) => t.reference)).toEqual([reference]);
    await staff.close();
  });

  test('too large to save in the browser, it is sent from the open page and says so', async ({ page, context }) => {
    const screen = new HandoffScreen(page);
    await screen.walkToEscalate();
    await screen.fillIn(`Large attachment ${marker('large')}`);
    // Nearly 5 MB: as base64 more than `localStorage` holds for a site.
    await screen.attach('big.png', Buffer.concat([PNG, Buffer.alloc(4_900_000)]));
    await expect(screen.attachments()).toHaveCount(1);
    await context.setOffline(true);
    await screen.send();
    await expect(screen.saved()).toContainText('please keep this page open until it has been sent');
    expect((await screen.stored()).outbox).toEqual([]);
    await context.setOffline(false);
    const { reference, token } = await screen.confirmation(40_000);
    const res = await page.request.get(`/api/v1/handoffs/${reference}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect((await res.json()).attachments[0].size).toBe(PNG.length + 4_900_000);
  });

  test('a refusal by the server lands on its field, and nothing stays in the outbox', async ({ page }) => {
    const screen = new HandoffScreen(page);
    await screen.walkToEscalate();
    await screen.fillIn(`Refused ${marker('refused')}`);
    // The server's rule for e-mail addresses could be stricter than the browser's.
    await page.route('**/api/v1/handoffs', (route) =>
      route.fulfill({
        status: 422,
        contentType: 'application/json',
        body: JSON.stringify({ code: 'invalid_field', message: 'not an e-mail address', field: 'contact.email', rule: 'format' }),
      }),
    );
    await screen.send();
    await expect(page.getByRole('heading', { name: 'Your report was not accepted' })).toBeVisible();
    await expect(page.getByText(HANDOFF.notAnEmail)).toBeVisible();
    await expect(screen.field(HANDOFF.email)).toBeFocused();
    // What the person typed is still there, and the outbox holds nothing to resend.
    await expect(screen.field(HANDOFF.name)).toHaveValue('Anna Muster');
    expect((await screen.stored()).outbox).toEqual([]);
    await expectNoAxeViolations(page);

    // A refusal the form has no field for is shown in the server's words.
    await page.unroute('**/api/v1/handoffs');
    await page.route('**/api/v1/handoffs', (route) =>
      route.fulfill({
        status: 409,
        contentType: 'application/json',
        body: JSON.stringify({ code: 'idempotency_key_reused', message: 'this Idempotency-Key was used with another body' }),
      }),
    );
    await screen.field(HANDOFF.email).fill('anna@example.org');
    await screen.send();
    await expect(page.getByText('The service refused the report: this Idempotency-Key was used with another body')).toBeVisible();

    // Fixed and sent again: a new attempt goes through.
    await page.unroute('**/api/v1/handoffs');
    await screen.send();
    await screen.confirmation();
  });

  test('the dark colour scheme has no accessibility violations', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    const screen = new HandoffScreen(page);
    await screen.walkToEscalate();
    await expectNoAxeViolations(page);
  });
});
