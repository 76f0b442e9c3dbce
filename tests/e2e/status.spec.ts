// The ticket status page, "check my ticket", the landing page's tiles, and the walk
// outcomes the portal reports — in a real browser against the real server.
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { ENGLISH, Portal, watchProblems } from './portal.page';
import { Staff, createTicket, outcomes } from './tickets';

test.use({ locale: 'en-US' });

const SCREENS = join(dirname(fileURLToPath(import.meta.url)), 'artifacts', 'screens');

const TEXT = {
  checkLink: 'Check my ticket',
  checkTitle: 'Check your ticket',
  caption: 'Your reference',
  statusNew: 'Received – waiting for our support team',
  solved: 'Solved',
  history: 'History',
  refresh: 'Refresh now',
  send: 'Send',
  sent: 'Thank you. Your information was added.',
  solvedButton: 'I solved it myself',
  solvedYes: 'Yes, it is solved',
  solvedNo: 'No, keep it open',
  solvedDone: 'Thank you. Your ticket is now marked as solved.',
  notFound: 'Ticket not found',
  noCode: 'Code needed',
  badReference: 'Not a ticket reference',
  limits: 'Up to 3 files, each at most 5 MB',
};

async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const found = results.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  expect(found).toEqual([]);
}

/// Full-page screenshots at a phone and a desktop width, kept as artifacts.
async function screens(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS, { recursive: true });
  const before = page.viewportSize();
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await page.screenshot({ path: join(SCREENS, `${name}-${width}.png`), fullPage: true });
  }
  if (before) await page.setViewportSize(before);
}

function statusLine(page: Page) {
  return page.getByTestId('ticket-status');
}

function history(page: Page) {
  return page.getByTestId('history');
}

test.describe('ticket status page', () => {
  test('shows the reference large, the status in words and the history', async ({ page, request }) => {
    const problems = watchProblems(page);
    const ticket = await createTicket(request);
    const portal = new Portal(page);
    await portal.open(`/status/${ticket.reference}#${ticket.token}`);
    await expect(portal.heading()).toHaveText(`${TEXT.caption}${ticket.reference}`);
    await expect(page.getByTestId('ticket-reference')).toHaveText(ticket.reference);
    await expect(statusLine(page)).toHaveText(TEXT.statusNew);
    await expect(statusLine(page)).toHaveAttribute('data-status', 'new');
    await expect(page.getByRole('heading', { name: TEXT.history })).toBeVisible();
    await expect(history(page).getByRole('listitem')).toHaveCount(1);
    await expect(history(page)).toContainText(`Status: ${TEXT.statusNew}`);
    await expect(page.getByText('checks for news by itself every 30 seconds')).toBeVisible();
    await expect(page).toHaveTitle(`${TEXT.caption} ${ticket.reference} – Lotse`);
    await expectNoAxeViolations(page);
    await screens(page, 'status');
    expect(problems).toEqual([]);
  });

  test('speaks German in a German page', async ({ page, request }) => {
    const ticket = await createTicket(request);
    const portal = new Portal(page);
    await portal.open(`/status/${ticket.reference}#${ticket.token}`);
    await portal.switchLanguage('Deutsch');
    await expect(portal.heading()).toHaveText(`Ihre Vorgangsnummer${ticket.reference}`);
    await expect(statusLine(page)).toHaveText('Eingegangen – wartet auf unser Support-Team');
    await expect(page.getByRole('heading', { name: 'Verlauf' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Ich habe es selbst gelöst' })).toBeVisible();
    await expect(page.getByText('Bis zu 3 Dateien, je höchstens 5 MB')).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('a public reply from staff appears', async ({ page, request, baseURL }) => {
    const ticket = await createTicket(request);
    const portal = new Portal(page);
    await portal.open(`/status/${ticket.reference}#${ticket.token}`);
    await expect(statusLine(page)).toHaveText(TEXT.statusNew);

    const staff = await Staff.signIn(baseURL!);
    await staff.reply(ticket.reference, 'Please open the front cover and send us a photo of the display.');
    await staff.dispose();

    await page.getByRole('button', { name: TEXT.refresh }).click();
    const reply = history(page).locator('[data-kind="staff"]');
    await expect(reply).toContainText('Kim Support from our support team wrote');
    await expect(reply).toContainText('send us a photo of the display');
    await expectNoAxeViolations(page);
  });

  test('adding information, with a file, shows up in the history', async ({ page, request }) => {
    const problems = watchProblems(page);
    const ticket = await createTicket(request);
    const portal = new Portal(page);
    await portal.open(`/status/${ticket.reference}#${ticket.token}`);
    // The limits are there before anything is picked.
    await expect(page.getByText(TEXT.limits)).toBeVisible();

    await page.getByRole('button', { name: TEXT.send }).click();
    await expect(page.getByRole('alert')).toHaveText('Please write something or attach a file.');

    await page.getByLabel('Your message').fill('It started after the toner was changed.\nThe display says E-201.');
    // A refresh (by hand, or the 30-second one) keeps what is typed.
    await page.getByRole('button', { name: TEXT.refresh }).click();
    await expect(page.getByText('Last checked:')).toBeVisible();
    await expect(page.getByLabel('Your message')).toHaveValue(/The display says E-201/);
    await page.getByLabel('Attach files (optional)').setInputFiles({
      name: 'display.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('E-201 paper jam in tray 2\n'),
    });
    await page.getByRole('button', { name: TEXT.send }).click();
    await expect(page.getByRole('status').filter({ hasText: TEXT.sent })).toBeVisible();
    const mine = history(page).locator('[data-kind="user"]');
    await expect(mine).toContainText('You wrote');
    await expect(mine).toContainText('The display says E-201.');
    await expect(mine).toContainText('display.txt');
    await expect(page.getByLabel('Your message')).toHaveValue('');
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
  });

  test('refuses a file over the limit before sending it', async ({ page, request }) => {
    const ticket = await createTicket(request);
    const portal = new Portal(page);
    await portal.open(`/status/${ticket.reference}#${ticket.token}`);
    let sent = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/messages')) sent += 1;
    });
    await page.getByLabel('Attach files (optional)').setInputFiles({
      name: 'huge.png',
      mimeType: 'image/png',
      buffer: Buffer.alloc(5 * 1024 * 1024 + 1, 1),
    });
    await page.getByRole('button', { name: TEXT.send }).click();
    await expect(page.getByRole('alert')).toHaveText('huge.png is larger than 5 MB. Please choose a smaller file.');
    expect(sent).toBe(0);
  });

  test('"solved myself" asks first, then shows the ticket solved', async ({ page, request }) => {
    const ticket = await createTicket(request);
    const portal = new Portal(page);
    await portal.open(`/status/${ticket.reference}#${ticket.token}`);
    await page.getByRole('button', { name: TEXT.solvedButton }).click();
    await expect(page.getByText('Mark this ticket as solved?')).toBeFocused();
    await page.getByRole('button', { name: TEXT.solvedNo }).click();
    await expect(statusLine(page)).toHaveText(TEXT.statusNew);

    await page.getByRole('button', { name: TEXT.solvedButton }).click();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: TEXT.solvedYes }).click();
    await expect(page.getByTestId('solved-done')).toHaveText(TEXT.solvedDone);
    await expect(statusLine(page)).toHaveText(TEXT.solved);
    await expect(history(page)).toContainText(`Status: ${TEXT.solved}`);
    // A solved ticket takes no more information.
    await expect(page.getByRole('button', { name: TEXT.send })).toHaveCount(0);
    await expectNoAxeViolations(page);

    await page.reload();
    await expect(statusLine(page)).toHaveText(TEXT.solved);
    await expect(page.getByText('This ticket is closed.')).toBeVisible();
  });

  test('a wrong or missing code, and a broken reference, each say so clearly', async ({ page, request }) => {
    const ticket = await createTicket(request);
    const portal = new Portal(page);

    await portal.open(`/status/${ticket.reference}#not-the-right-code`);
    await expect(portal.heading()).toHaveText(TEXT.notFound);
    await expect(page.getByText('No ticket matches this reference and code.')).toBeVisible();
    await expect(page.getByLabel('Reference')).toHaveValue(ticket.reference);
    await expectNoAxeViolations(page);
    await screens(page, 'status-not-found');
    // The form right there opens the ticket with the right code.
    await page.getByLabel('Code', { exact: true }).fill(ticket.token);
    await page.getByRole('button', { name: 'Show status' }).click();
    await expect(statusLine(page)).toHaveText(TEXT.statusNew);
    await expect(page).toHaveURL(`/status/${ticket.reference}#${ticket.token}`);

    await portal.open(`/status/${ticket.reference}`);
    await expect(portal.heading()).toHaveText(TEXT.noCode);
    await expect(page.getByLabel('Reference')).toHaveValue(ticket.reference);
    await page.getByRole('button', { name: 'Show status' }).click();
    await expect(page.getByText('Please enter the code from your confirmation.')).toBeVisible();
    await expect(page.getByLabel('Code', { exact: true })).toBeFocused();
    await expect(page.getByLabel('Code', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expectNoAxeViolations(page);

    await portal.open('/status/NOT-A-REF#whatever');
    await expect(portal.heading()).toHaveText(TEXT.badReference);
    await expectNoAxeViolations(page);
  });

  test('says when the service cannot be reached, and tries again', async ({ page, request }) => {
    const ticket = await createTicket(request);
    await page.route('**/api/v1/handoffs/**', (route) => route.abort());
    const portal = new Portal(page);
    await portal.open(`/status/${ticket.reference}#${ticket.token}`);
    await expect(page.getByRole('alert')).toContainText(ENGLISH.unreachable);
    await expectNoAxeViolations(page);
    await page.unroute('**/api/v1/handoffs/**');
    await page.getByRole('button', { name: ENGLISH.retry }).click();
    await expect(statusLine(page)).toHaveText(TEXT.statusNew);
  });
});

test.describe('ticket status page in the dark colour scheme', () => {
  test.use({ colorScheme: 'dark' });

  test('has no accessibility violations', async ({ page, request }) => {
    const ticket = await createTicket(request);
    const portal = new Portal(page);
    await portal.open(`/status/${ticket.reference}#${ticket.token}`);
    await expect(statusLine(page)).toHaveText(TEXT.statusNew);
    await expectNoAxeViolations(page);
    await screens(page, 'status-dark');
  });
});

test.describe('check my ticket', () => {
  test('from the landing page: by reference and code, by pasted link, and remembered tickets', async ({ page, request }) => {
    const problems = watchProblems(page);
    const ticket = await createTicket(request);
    const other = await createTicket(request);
    const portal = new Portal(page);
    await portal.open('/');
    await page.evaluate(
      (t) => localStorage.setItem('lotse.tickets', JSON.stringify([{ reference: t.reference, token: t.token, tree: 'printer', sent_at: Date.now(), walk: '' }])),
      other,
    );
    await page.getByRole('link', { name: TEXT.checkLink }).click();
    await expect(portal.heading()).toHaveText(TEXT.checkTitle);
    await expect(portal.heading()).toBeFocused();
    await expect(page.getByTestId('remembered').getByRole('link', { name: other.reference })).toBeVisible();
    await expectNoAxeViolations(page);
    await screens(page, 'check');

    await page.getByLabel('Reference').fill('nope');
    await page.getByRole('button', { name: 'Show status' }).click();
    await expect(page.getByText('This is not a ticket reference.')).toBeVisible();
    await expect(page.getByLabel('Reference')).toBeFocused();

    // Typed the way people read it out: lower case, with a space.
    await page.getByLabel('Reference').fill(ticket.reference.toLowerCase().replace('-', ' '));
    await page.getByLabel('Code', { exact: true }).fill(ticket.token);
    await page.getByRole('button', { name: 'Show status' }).click();
    await expect(page.getByTestId('ticket-reference')).toHaveText(ticket.reference);
    await expect(page).toHaveURL(`/status/${ticket.reference}#${ticket.token}`);

    await portal.open('/status');
    await page.getByLabel('Or paste your status link').fill(`http://example.org/status/${ticket.reference}#${ticket.token}`);
    await page.getByRole('button', { name: 'Show status' }).click();
    await expect(statusLine(page)).toHaveText(TEXT.statusNew);

    await portal.open('/status');
    await page.getByTestId('remembered').getByRole('link', { name: other.reference }).click();
    await expect(page.getByTestId('ticket-reference')).toHaveText(other.reference);

    await portal.open('/status');
    await page.getByRole('button', { name: `Remove ${other.reference} from this device` }).click();
    await expect(page.getByTestId('remembered')).toHaveCount(0);
    expect(problems).toEqual([]);
  });
});

test.describe('landing page extras', () => {
  test('category tiles jump to their topics', async ({ page }) => {
    const portal = new Portal(page);
    await portal.open('/');
    const tiles = page.getByTestId('tiles');
    await expect(tiles.getByRole('link')).toHaveCount(6);
    await expect(tiles.getByRole('link', { name: /^Printing/ })).toContainText('1 topic');
    await tiles.getByRole('link', { name: /^Printing/ }).click();
    await expect(page).toHaveURL(/#category-printing$/);
    await expect(portal.category('Printing')).toBeFocused();
    await expectNoAxeViolations(page);
    await screens(page, 'landing');
  });

  test('a walk step at phone and desktop widths', async ({ page }) => {
    const portal = new Portal(page);
    await portal.open('/walk/printer');
    await portal.choose('Nothing comes out');
    await expectNoAxeViolations(page);
    await screens(page, 'walk-step');
  });
});

test.describe('walk outcomes', () => {
  /// Waits until the server has counted `expected` outcomes (beacons are asynchronous).
  async function expectCount(request: Parameters<typeof outcomes>[0], tree: string, outcome: Parameters<typeof outcomes>[2], expected: number) {
    await expect.poll(() => outcomes(request, tree, outcome), { timeout: 5_000 }).toBe(expected);
  }

  test('a walk to a resolved end reports "resolved" once, not again on reload', async ({ page, request }) => {
    const problems = watchProblems(page);
    const resolved = await outcomes(request, 'printer', 'resolved');
    const abandoned = await outcomes(request, 'printer', 'abandoned');
    const portal = new Portal(page);
    await portal.open('/walk/printer');
    await portal.choose('Nothing comes out');
    await portal.choose(ENGLISH.helpedNo);
    await portal.choose('A different one than I thought');
    await expect(portal.end()).toHaveAttribute('data-end', 'resolved');
    await expect(portal.end()).toContainText(ENGLISH.glad);
    await expectCount(request, 'printer', 'resolved', resolved + 1);

    await page.reload();
    await expect(portal.end()).toHaveAttribute('data-end', 'resolved');
    // Give a wrong second report time to arrive.
    await page.waitForTimeout(1_000);
    expect(await outcomes(request, 'printer', 'resolved')).toBe(resolved + 1);
    // Leaving a finished walk is not abandoning it.
    await page.getByRole('link', { name: 'All topics' }).click();
    await expect(portal.heading()).toHaveText(ENGLISH.landingTitle);
    await page.waitForTimeout(500);
    expect(await outcomes(request, 'printer', 'abandoned')).toBe(abandoned);
    expect(problems).toEqual([]);
  });

  test('"was this guide helpful?" sends one answer and thanks, with the focus on the thanks', async ({ page, request }) => {
    const problems = watchProblems(page);
    const helpful = await outcomes(request, 'printer', 'helpful');
    const notHelpful = await outcomes(request, 'printer', 'not_helpful');
    const portal = new Portal(page);
    await portal.open('/walk/printer');
    await portal.choose('Nothing comes out');
    await portal.choose(ENGLISH.helpedNo);
    await portal.choose('A different one than I thought');
    const rating = page.getByTestId('rating');
    await expect(rating.getByRole('group', { name: 'Was this guide helpful?' })).toBeVisible();
    await expectNoAxeViolations(page);
    await rating.getByRole('button', { name: 'Yes, it helped' }).click();
    const thanks = rating.getByRole('status');
    await expect(thanks).toHaveText('Thank you! Your answer helps us improve this guide.');
    await expect(thanks).toBeFocused();
    await expect(rating.getByRole('button')).toHaveCount(0);
    await expectCount(request, 'printer', 'helpful', helpful + 1);
    expect(await outcomes(request, 'printer', 'not_helpful')).toBe(notHelpful);
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
  });

  test('leaving a walk unfinished reports "abandoned" once per walk', async ({ page, request }) => {
    // The password tree: no other browser test walks it.
    const before = await outcomes(request, 'password', 'abandoned');
    const portal = new Portal(page);
    await portal.open('/walk/password');
    await expect(portal.stepHeading()).toBeVisible();
    await portal.screen().getByRole('button').first().click();
    await expect(portal.screen()).toHaveAttribute('data-moves', '1');

    // Leaving inside the app.
    await page.getByRole('link', { name: 'All topics' }).click();
    await expect(portal.heading()).toHaveText(ENGLISH.landingTitle);
    await expectCount(request, 'password', 'abandoned', before + 1);

    // Back to the same walk (it resumes), then the tab closes: the walk was counted.
    await page.goBack();
    await expect(portal.screen()).toHaveAttribute('data-moves', '1');
    await page.reload();
    await expect(portal.screen()).toHaveAttribute('data-moves', '1');
    await page.waitForTimeout(1_000);
    expect(await outcomes(request, 'password', 'abandoned')).toBe(before + 1);

    // Start over: a new walk, which is abandoned when the tab closes.
    await page.getByRole('button', { name: ENGLISH.startOver }).click();
    await expect(portal.screen()).toHaveAttribute('data-moves', '0');
    await page.close({ runBeforeUnload: true });
    await expectCount(request, 'password', 'abandoned', before + 2);
  });
});
