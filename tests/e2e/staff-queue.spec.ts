// The staff Queue: live updates in two specialists' browsers from a hand-off made in the
// portal, claiming by key with the loser told who won, filters, search and order kept
// in the address, the keys and their help dialog, desktop notifications, German, and
// axe in both colour schemes on every state.
//
// Tickets of other tests share the server: every test finds its own by a unique word in
// the description (the Queue's search), never by assuming an empty Queue.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { HandoffScreen } from './handoff.page';
import { QUEUE, QueueScreen, handOff, uniqueWord } from './queue.page';
import { Desk, expectNoAxeViolations, makeAccount, watchStaffProblems } from './staff.page';
import { Staff } from './tickets';

const SCREENS = join(dirname(fileURLToPath(import.meta.url)), 'artifacts', 'screens');
mkdirSync(SCREENS, { recursive: true });

/// axe and a screenshot in the light and the dark scheme.
async function checkBothSchemes(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectNoAxeViolations(page);
    await page.screenshot({ path: join(SCREENS, `${name}-${scheme}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/// Marks the page so a later check can tell it was never reloaded.
async function markPage(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
}

async function stillSamePage(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
}

test('a hand-off from the portal appears in two queues live; A claims with c, B sees it at once and cannot claim it', async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const alex = await makeAccount(baseURL!, 'specialist', 'Alex Alpha', ['workplace']);
  const bea = await makeAccount(baseURL!, 'specialist', 'Bea Beta', ['workplace']);
  const a = await Desk.open(browser, baseURL!, alex);
  const b = await Desk.open(browser, baseURL!, bea);
  const problemsA = watchStaffProblems(a.page);
  const problemsB = watchStaffProblems(b.page);
  const word = uniqueWord('portal');
  const queues = [new QueueScreen(a.page), new QueueScreen(b.page)];
  for (const [desk, queue] of [[a, queues[0]], [b, queues[1]]] as const) {
    await expect(desk.page.getByRole('heading', { level: 1 })).toHaveText(QUEUE.title);
    await expect(desk.page.getByTestId('live')).toHaveText('Live');
    await queue.search(word);
    await expect(queue.empty()).toContainText(QUEUE.noMatch);
    // Esc leaves the search field: the keys are the list's again.
    await desk.page.getByRole('searchbox', { name: QUEUE.search }).press('Escape');
    await expect(desk.page.getByRole('searchbox', { name: QUEUE.search })).not.toBeFocused();
    await expect(desk.page.getByRole('searchbox', { name: QUEUE.search })).toHaveValue(word);
    await markPage(desk.page);
  }

  // An end user hands the case off in the portal, in a browser of their own.
  const user = await browser.newContext({ baseURL, locale: 'en-US' });
  const portal = new HandoffScreen(await user.newPage());
  await portal.walkToEscalate();
  await portal.fillIn(`The printer in B2 jams ${word}`);
  await portal.send();
  const { reference } = await portal.confirmation();
  await user.close();

  // Both queues show it without a reload, and say so politely.
  for (const [desk, queue] of [[a, queues[0]], [b, queues[1]]] as const) {
    await expect(queue.row(reference)).toBeVisible({ timeout: 10_000 });
    await expect(queue.row(reference)).toContainText('Printer won’t print');
    await expect(queue.row(reference)).toContainText('Workplace and printers');
    await expect(queue.row(reference)).toContainText('Nobody');
    await expect(desk.page.getByTestId('arrivals')).toContainText(`New hand-off: ${reference}`);
    await stillSamePage(desk.page);
  }

  // A selects the row with j (focus on its link, marked current) and claims with c.
  await queues[0].key('j');
  await expect(queues[0].link(reference)).toBeFocused();
  await expect(queues[0].link(reference)).toHaveAttribute('aria-current', 'true');
  await queues[0].key('c');
  await expect(queues[0].done()).toHaveText(`You are working on ${reference} now.`);
  await expect(queues[0].row(reference)).toContainText('In work by you');

  // B sees who holds it at once, and B's own claim fails naming A.
  await expect(queues[1].row(reference)).toContainText('In work by Alex Alpha', { timeout: 3_000 });
  await expect(queues[1].row(reference)).toContainText('In work');
  await queues[1].key('j');
  await queues[1].key('c');
  await expect(queues[1].failed()).toHaveText(`${reference} is already in work by Alex Alpha.`);
  await stillSamePage(b.page);
  await checkBothSchemes(b.page, 'staff-queue-claimed-by-colleague');

  expect(problemsA).toEqual([]);
  // B's refused claim is a 409 by design; nothing else went wrong.
  expect(problemsB.filter((p) => !p.includes(`/claim`))).toEqual([]);
  await a.close();
  await b.close();
});

test('filters, search and both orders narrow the list and survive a reload and Back', async ({ browser, baseURL }) => {
  test.setTimeout(60_000);
  const me = await makeAccount(baseURL!, 'specialist', 'Fia Filter', ['workplace']);
  const word = uniqueWord('filter');
  // Handed off oldest first: P5, then P1, then P3.
  const request = (await browser.newContext({ baseURL })).request;
  const p5 = await handOff(request, 5, word);
  const p1 = await handOff(request, 1, word);
  const p3 = await handOff(request, 3, word);

  const desk = await Desk.open(browser, baseURL!, me);
  const page = desk.page;
  const problems = watchStaffProblems(page);
  const queue = new QueueScreen(page);
  await queue.search(word);
  await expect.poll(() => queue.references()).toEqual([p1, p3, p5]);
  await expect(page).toHaveURL(new RegExp(`/staff\\?q=${word}$`));
  await expect(queue.row(p1).locator('.priority')).toHaveText('P1 critical');
  await checkBothSchemes(page, 'staff-queue');

  // Oldest first.
  await queue.choose(QUEUE.order, 'age');
  await expect.poll(() => queue.references()).toEqual([p5, p1, p3]);
  await expect(page.getByTestId('queue')).toContainText('Tickets, oldest first');
  await expect(page).toHaveURL(new RegExp(`/staff\\?q=${word}&order=age$`));

  // A reload keeps filters and order.
  await page.reload();
  await expect.poll(() => queue.references()).toEqual([p5, p1, p3]);
  await expect(page.getByRole('searchbox', { name: QUEUE.search })).toHaveValue(word);
  await expect(page.getByLabel(QUEUE.order, { exact: true })).toHaveValue('age');

  // Priority, status and holder.
  await queue.choose(QUEUE.priority, '1');
  await expect.poll(() => queue.references()).toEqual([p1]);
  await queue.choose(QUEUE.priority, '');
  const admin = await Staff.signIn(baseURL!);
  const p3Id = await admin.ticketId(p3);
  expect((await admin.call('POST', `/api/v1/tickets/${p3Id}/claim`)).status).toBe(200);
  await expect(queue.row(p3)).toContainText('In work by Kim Support');
  await queue.choose(QUEUE.status, 'claimed');
  await expect.poll(() => queue.references()).toEqual([p3]);
  await queue.choose(QUEUE.status, '');
  await queue.choose(QUEUE.holder, 'none');
  await expect.poll(() => queue.references()).toEqual([p5, p1]);
  await queue.choose(QUEUE.holder, 'me');
  await expect(queue.empty()).toContainText(QUEUE.noMatch);
  await checkBothSchemes(page, 'staff-queue-empty');
  await queue.choose(QUEUE.holder, '');
  await expect.poll(() => queue.references()).toEqual([p5, p1, p3]);

  // Open a ticket with Enter, come back with Back: the same filters.
  await page.getByRole('searchbox', { name: QUEUE.search }).blur();
  await queue.key('j');
  await queue.key('j');
  await expect(queue.link(p1)).toBeFocused();
  await page.evaluate(() => (document.activeElement as HTMLElement).blur());
  await queue.key('Enter');
  await expect(page).toHaveURL(new RegExp(`/staff/tickets/${await admin.ticketId(p1)}$`));
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/staff\\?q=${word}&order=age$`));
  await expect.poll(() => queue.references()).toEqual([p5, p1, p3]);

  // The header's link to the Queue keeps them too; "Reset filters" goes back to the
  // defaults.
  await page.getByRole('navigation').getByRole('link', { name: 'Queue' }).click();
  await expect(page).toHaveURL(new RegExp(`/staff\\?q=${word}&order=age$`));
  await page.getByRole('button', { name: QUEUE.reset }).click();
  await expect(page).toHaveURL(/\/staff$/);
  await expect(page.getByRole('searchbox', { name: QUEUE.search })).toHaveValue('');
  await expect(page.getByLabel(QUEUE.order, { exact: true })).toHaveValue('priority');
  await admin.dispose();
  expect(problems).toEqual([]);
  await desk.close();
});

test('the keys: j/k, / and ? with a help dialog that keeps and returns the focus; none fire while typing', async ({ browser, baseURL }) => {
  const me = await makeAccount(baseURL!, 'specialist', 'Kai Keys', ['workplace']);
  const word = uniqueWord('keys');
  const request = (await browser.newContext({ baseURL })).request;
  const first = await handOff(request, 2, word);
  const second = await handOff(request, 2, word);
  const desk = await Desk.open(browser, baseURL!, me);
  const page = desk.page;
  const problems = watchStaffProblems(page);
  const queue = new QueueScreen(page);
  await queue.search(word);
  await expect.poll(() => queue.references()).toEqual([first, second]);

  // Typing in the search is typing: j goes into the field.
  const search = page.getByRole('searchbox', { name: QUEUE.search });
  await search.press('End');
  await search.press('j');
  await expect(search).toHaveValue(`${word}j`);
  await search.press('Backspace');
  await expect.poll(() => queue.references()).toEqual([first, second]);
  await page.getByRole('heading', { level: 1 }).click();

  await queue.key('j');
  await expect(queue.link(first)).toBeFocused();
  await queue.key('j');
  await expect(queue.link(second)).toBeFocused();
  await expect(queue.row(second)).toHaveClass(/queue-row-selected/);
  await expect(queue.link(first)).not.toHaveAttribute('aria-current', 'true');
  await queue.key('k');
  await expect(queue.link(first)).toBeFocused();

  // `/` goes to the search without typing the slash.
  await queue.key('/');
  await expect(search).toBeFocused();
  await expect(search).toHaveValue(word);

  // `?` opens the list of keys as a modal dialog; Tab stays inside; Esc closes it and
  // the focus returns to the row.
  await queue.link(first).focus();
  await queue.key('?');
  const help = queue.help();
  await expect(help).toBeVisible();
  await expect(help.getByRole('heading', { name: QUEUE.keys })).toBeVisible();
  await expect(help).toContainText('Claim the selected ticket');
  const close = help.getByRole('button', { name: 'Close' });
  await expect(close).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(close).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(close).toBeFocused();
  // Keys of the Queue do nothing behind the dialog.
  await page.keyboard.press('j');
  await expect(queue.link(first)).toHaveAttribute('aria-current', 'true');
  await checkBothSchemes(page, 'staff-queue-keys');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await expect(queue.link(first)).toBeFocused();

  // The button opens it too, and the focus returns to the button.
  const button = page.getByRole('button', { name: QUEUE.keys });
  await button.click();
  await expect(help).toBeVisible();
  await close.click();
  await expect(help).toBeHidden();
  await expect(button).toBeFocused();

  // Unassigned only: the selected ticket, claimed by a colleague, leaves the list, and
  // the selection and the focus go to the row that took its place.
  await queue.choose(QUEUE.holder, 'none');
  await expect.poll(() => queue.references()).toEqual([first, second]);
  await queue.link(first).focus();
  await expect(queue.link(first)).toHaveAttribute('aria-current', 'true');
  const admin = await Staff.signIn(baseURL!);
  expect((await admin.call('POST', `/api/v1/tickets/${await admin.ticketId(first)}/claim`)).status).toBe(200);
  await admin.dispose();
  await expect.poll(() => queue.references()).toEqual([second]);
  await expect(queue.link(second)).toBeFocused();
  await expect(queue.link(second)).toHaveAttribute('aria-current', 'true');
  expect(problems).toEqual([]);
  await desk.close();
});

test('desktop notifications: off until switched on, then one per new P1/P2 hand-off of my queues', async ({ browser, baseURL }) => {
  const me = await makeAccount(baseURL!, 'specialist', 'Nora Notify', ['workplace']);
  const desk = await Desk.open(browser, baseURL!, me);
  const page = desk.page;
  // Every notification the page makes is recorded (the real one is made too).
  await desk.context.grantPermissions(['notifications']);
  await desk.context.addInitScript(() => {
    const Real = window.Notification;
    const made: { title: string; body?: string; tag?: string }[] = [];
    (window as unknown as { notifications: typeof made }).notifications = made;
    class Recorded extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        made.push({ title, body: options?.body, tag: options?.tag });
      }
    }
    window.Notification = Recorded as typeof Notification;
  });
  await desk.goto('/staff');
  const problems = watchStaffProblems(page);
  const made = () => page.evaluate(() => (window as unknown as { notifications: { title: string; body?: string }[] }).notifications);
  const request = (await browser.newContext({ baseURL })).request;
  const word = uniqueWord('notify');

  const toggle = page.getByRole('button', { name: QUEUE.notify });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await handOff(request, 1, word);
  await page.waitForTimeout(1500);
  expect(await made()).toEqual([]);

  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  expect(await page.evaluate(() => localStorage.getItem('lotse.staff.notify'))).toBe('on');
  const urgent = await handOff(request, 1, word);
  await expect.poll(made).toEqual([
    expect.objectContaining({ title: 'New hand-off: P1 critical', body: `${urgent} · Printer won’t print` }),
  ]);
  // Not for priority 4.
  const calm = await handOff(request, 4, word);
  const high = await handOff(request, 2, word);
  await expect.poll(async () => (await made()).length).toBe(2);
  expect((await made())[1].title).toBe('New hand-off: P2 high');
  expect(JSON.stringify(await made())).not.toContain(calm);
  expect((await made())[1].body).toContain(high);

  // Remembered after a reload; off again with one click.
  await desk.goto('/staff');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await checkBothSchemes(page, 'staff-queue-notify');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await handOff(request, 1, word);
  await page.waitForTimeout(1500);
  expect(await made()).toEqual([]);
  expect(problems).toEqual([]);
  await desk.close();
});

test('German, the empty Queue, "claim next" with nothing waiting, and the loading error with retry', async ({ browser, baseURL }) => {
  // No tree hands off to the service desk's queue: it is empty whatever other tests do.
  const me = await makeAccount(baseURL!, 'specialist', 'Dora Deutsch', ['service-desk']);
  const desk = await Desk.open(browser, baseURL!, me, 'de-DE');
  const page = desk.page;
  const queue = new QueueScreen(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Warteschlange');
  await expect(page.getByLabel('Sortieren nach', { exact: true })).toHaveValue('priority');
  await expect(page.getByLabel('Warteschlange', { exact: true })).toHaveValue('');
  await expect(queue.empty()).toHaveText('In Ihren Warteschlangen wartet nichts. Neue Meldungen erscheinen hier von selbst.');
  await expect(page.getByText('Tasten: j und k bewegen')).toBeVisible();

  await page.getByRole('button', { name: 'Nächsten übernehmen' }).click();
  await expect(queue.done()).toHaveText('In Ihren Warteschlangen wartet gerade nichts.');
  await checkBothSchemes(page, 'staff-queue-empty-de');

  // Other queues by name, from the catalog.
  await queue.choose('Warteschlange', 'workplace');
  await expect(page.getByLabel('Warteschlange', { exact: true }).locator('option:checked')).toHaveText('Arbeitsplatz und Drucker');
  await expect(page.getByTestId('queue')).toContainText('Vorgangsnummer');
  await expect(page.getByTestId('queue')).toContainText('Tickets, dringendste zuerst');

  // Server unreachable: the error in words, and a retry that works.
  await page.route('**/api/v1/queue?*', (route) => route.abort());
  await queue.choose('Warteschlange', '');
  await expect(page.getByTestId('queue-problem')).toContainText('Der Server ist nicht erreichbar');
  await expectNoAxeViolations(page);
  await page.screenshot({ path: join(SCREENS, 'staff-queue-unreachable-de.png') });
  await page.unroute('**/api/v1/queue?*');
  await page.getByRole('button', { name: 'Erneut versuchen' }).click();
  await expect(page.getByTestId('queue-problem')).toBeHidden();
  await expect(queue.empty()).toBeVisible();
  await desk.close();
});

test('"claim next" takes the most urgent waiting ticket and opens it', async ({ browser, baseURL }) => {
  const me = await makeAccount(baseURL!, 'specialist', 'Nico Next', ['workplace']);
  const request = (await browser.newContext({ baseURL })).request;
  await handOff(request, 1, uniqueWord('next'));
  const desk = await Desk.open(browser, baseURL!, me);
  const problems = watchStaffProblems(desk.page);
  await desk.page.getByRole('button', { name: QUEUE.claimNext }).click();
  await expect(desk.page).toHaveURL(/\/staff\/tickets\/\d+$/);
  const id = Number(desk.page.url().split('/').pop());
  const admin = await Staff.signIn(baseURL!);
  const ticket = JSON.parse((await admin.call('GET', `/api/v1/tickets/${id}`)).text);
  expect(ticket.holder.name).toBe('Nico Next');
  expect(ticket.priority).toBe(1);
  await admin.dispose();
  expect(problems).toEqual([]);
  await desk.close();
});
