// The staff workspace's ticket screen with two specialists and the user who handed the
// case off: the walk as a transcript, the image attached, Claim seen live by a
// colleague, an action on a stale view refused in words, a public reply the user reads,
// an internal note the user never sees, and a resolution with the node that should have
// helped; the dialogs, German, the states of a ticket that cannot be shown; axe in the
// light and the dark scheme.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { HandoffScreen } from './handoff.page';
import { Desk, expectNoAxeViolations, makeAccount, watchStaffProblems } from './staff.page';
import { SMALL_PNG, TicketView } from './ticket.page';
import { Staff, createTicket } from './tickets';

const SCREENS = join(dirname(fileURLToPath(import.meta.url)), 'artifacts', 'screens');
mkdirSync(SCREENS, { recursive: true });

test.use({ locale: 'en-US' });

/// axe and a full-page screenshot, in the light scheme and then the dark one.
async function checkBothSchemes(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectNoAxeViolations(page);
    await page.screenshot({ path: join(SCREENS, `staff-ticket-${name}-${scheme}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/// The user's status page, read again (it would check by itself every 30 seconds).
async function userSees(page: Page): Promise<void> {
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-app', 'ready');
  await expect(page.getByTestId('history')).toBeVisible();
}

function words(what: string): string {
  return `${what} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

test('two specialists and the user: claim seen live, a stale claim refused, reply, note and resolution', async ({ browser, page, baseURL }) => {
  test.setTimeout(150_000);
  const alex = await makeAccount(baseURL!, 'specialist', 'Alex Adler', ['workplace']);
  const bo = await makeAccount(baseURL!, 'specialist', 'Bo Berger', ['workplace']);

  // The user hands the case off in the portal, with a photo, and keeps the status page.
  const user = new HandoffScreen(page);
  await user.walkToEscalate();
  const description = words('The paper jam is back');
  await user.fillIn(description);
  await user.attach('display.png', SMALL_PNG);
  await user.send();
  const { reference } = await user.confirmation();
  await user.sent().getByRole('link', { name: 'See the status of your ticket' }).click();
  await expect(page.getByTestId('ticket-reference')).toHaveText(reference);
  const admin = await Staff.signIn(baseURL!);
  const id = await admin.ticketId(reference);
  await admin.dispose();

  // A and B open the ticket by its address; B has it open twice, once in a tab whose
  // live stream is cut (a stale view).
  const a = await Desk.open(browser, baseURL!, alex);
  const b = await Desk.open(browser, baseURL!, bo);
  const problemsA = watchStaffProblems(a.page);
  const problemsB = watchStaffProblems(b.page);
  const viewA = new TicketView(a.page);
  const viewB = new TicketView(b.page);
  await viewA.open(id);
  await viewB.open(id);
  const stalePage = await b.context.newPage();
  await stalePage.route('**/api/v1/events', (route) => route.abort());
  const stale = new TicketView(stalePage);
  await stale.open(id);

  // The header and the walk as the user made it.
  await expect(viewA.reference()).toHaveText(reference);
  await expect(viewA.heading()).toHaveText(`Ticket ${reference}`);
  await expect(a.page).toHaveTitle(`Ticket ${reference} – Lotse`);
  await expect(viewA.status()).toHaveText('New');
  await expect(viewA.holder()).toHaveText('Nobody yet');
  await expect(a.page.getByTestId('sla')).toContainText(/Due in|Due soon/);
  await expect(viewA.action(/^(Claim|Close…)$/)).toHaveCount(2);
  const transcript = viewA.transcript();
  await expect(transcript.locator('.transcript-step')).toHaveCount(4);
  const first = transcript.locator('.transcript-step').first();
  await expect(first).toContainText('Question');
  await expect(first).toContainText('What happens when you print?');
  await expect(first).toContainText('Paper jam or a message on the printer’s display');
  await expect(transcript).toContainText('Clear the paper jam');
  await expect(transcript).toContainText('Tried, did not help');
  await expect(transcript).toContainText('Printer name HP LaserJet 2.OG');
  await expect(transcript).toContainText('Asset tag DR-004711');
  await expect(transcript.locator('.step-time').first()).toHaveText(/\d{1,2}:\d{2}:\d{2}/);
  const escalated = a.page.getByTestId('escalated-at');
  await expect(escalated).toContainText('Handed off here:');
  await expect(escalated).toHaveAttribute('data-node', /^printer\/escalate_/);
  await expect(a.page.getByTestId('description')).toHaveText(description);
  await expect(a.page.getByTestId('facts')).toContainText('HP LaserJet 2.OG');

  // The photo is shown in the page and offered as a download.
  const attachment = a.page.getByTestId('attachments').getByTestId('attachment');
  const image = attachment.getByRole('img', { name: 'Attached image display.png' });
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(24);
  await expect(attachment.getByRole('link', { name: 'Download display.png' })).toHaveAttribute('download', 'display.png');
  await checkBothSchemes(a.page, 'new');

  // A claims; B sees it at once, without reloading, and says so politely.
  await viewA.action('Claim').click();
  await expect(viewA.news()).toHaveText('You claimed this ticket; you hold it now.');
  await expect(viewA.holder()).toHaveText('Alex Adler (you)');
  await expect(viewA.status()).toHaveText('In work');
  await expect(viewB.news()).toHaveText('Alex Adler claimed this ticket.', { timeout: 5_000 });
  await expect(viewB.news()).toHaveAttribute('aria-live', 'polite');
  await expect(viewB.holder()).toHaveText('Alex Adler');
  await expect(viewB.action('Claim')).toHaveCount(0);

  // B's stale tab still offers Claim; the claim is refused in words, and the tab shows
  // the ticket as it is now.
  await expect(stale.holder()).toHaveText('Nobody yet');
  await stale.action('Claim').click();
  await expect(stale.refusal()).toHaveText(
    'Not done: this ticket changed since you opened it. Alex Adler holds it now. Its status is now: In work. It is shown as it is now: check it and decide again.',
  );
  await expect(stale.refusal()).toHaveAttribute('role', 'alert');
  await expect(stale.holder()).toHaveText('Alex Adler');
  await expect(stale.action('Claim')).toHaveCount(0);
  await stalePage.close();

  // A replies to the user, who reads it on the status page.
  const reply = words('Please open the front cover and send us a photo of the display.');
  await viewA.write(/^Reply to user/, reply, /Send reply to user/);
  await expect(viewA.news()).toHaveText('Your reply is sent; the user sees it on their status page.');
  await expect(viewA.messages().filter({ hasText: reply })).toHaveAttribute('data-kind', 'public');
  await expect(viewA.messages().filter({ hasText: reply })).toContainText('Reply to user');
  await userSees(page);
  await expect(page.getByTestId('history').locator('[data-kind="staff"]')).toContainText(reply);

  // An internal note looks different (label, dashed border, ✎) and never reaches
  // the user; B hears of it live.
  const note = words('Fuser unit probably worn; spare is in room 2.14.');
  await viewA.write(/^Internal note/, note, /Add internal note/);
  const noted = viewA.messages().filter({ hasText: note });
  await expect(noted).toHaveAttribute('data-kind', 'internal');
  await expect(noted).toContainText('Internal note');
  await expect(viewB.news()).toHaveText('Alex Adler added an internal note.', { timeout: 5_000 });
  await expect(viewB.messages().filter({ hasText: note })).toHaveCount(1);
  await userSees(page);
  await expect(page.getByTestId('history')).toContainText(reply);
  await expect(page.getByTestId('history')).not.toContainText(note);

  // The user adds a message with a photo while A is writing: A hears of it, sees it,
  // and keeps what was typed.
  await viewA.composer().getByRole('textbox').fill('Draft that must survive');
  const info = words('The display now says E-201.');
  await page.getByLabel('Your message').fill(info);
  await page.getByLabel('Attach files (optional)').setInputFiles({ name: 'e201.png', mimeType: 'image/png', buffer: SMALL_PNG });
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByText('Thank you. Your information was added.')).toBeVisible();
  await expect(viewA.news()).toHaveText('The user added a message.', { timeout: 5_000 });
  const fromUser = viewA.messages().filter({ hasText: info });
  await expect(fromUser).toHaveAttribute('data-kind', 'user');
  await expect(fromUser.getByRole('img', { name: 'Attached image e201.png' })).toBeVisible();
  await expect(viewA.composer().getByRole('textbox')).toHaveValue('Draft that must survive');
  await viewA.composer().getByRole('textbox').fill('');
  await checkBothSchemes(a.page, 'claimed');

  // Resolving asks for the resolution (required) and the node that should have helped.
  await viewA.action('Resolve…').click();
  const dialog = viewA.dialog('resolve-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading', { name: 'Resolve this ticket' })).toBeVisible();
  await expect(dialog.getByLabel('Resolution')).toBeFocused();
  await checkBothSchemes(a.page, 'resolve-dialog');
  await a.page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(viewA.action('Resolve…')).toBeFocused();
  await viewA.action('Resolve…').click();
  await dialog.getByRole('button', { name: 'Resolve', exact: true }).click();
  await expect(dialog.getByText('Write what solved the problem.')).toBeVisible();
  await expect(dialog.getByLabel('Resolution')).toBeFocused();
  await expect(dialog.getByLabel('Resolution')).toHaveAttribute('aria-invalid', 'true');
  const resolution = words('Replaced the fuser unit; the printer prints again.');
  await dialog.getByLabel('Resolution').fill(resolution);
  await dialog.getByLabel(/Where should the guide have helped/).selectOption({ label: 'Clear the paper jam:' });
  await dialog.getByRole('button', { name: 'Resolve', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(viewA.news()).toHaveText('The ticket is resolved; the user\'s status page says so.');
  await expect(viewA.status()).toHaveText('Resolved');
  await expect(a.page.getByTestId('resolution')).toHaveText(resolution);
  await expect(a.page.getByText('printer/jam')).toBeVisible();
  await expect(a.page.getByTestId('sla')).toHaveText('Stopped: the ticket is done');
  await expect(viewA.heading()).toBeFocused();
  await expect(viewB.news()).toHaveText('Alex Adler resolved this ticket.', { timeout: 5_000 });
  const audit = a.page.getByTestId('audit');
  await expect(audit).toContainText('Handed off');
  await expect(audit).toContainText('Alex AdlerClaimedNew → In work');
  await expect(audit).toContainText('Replied to the user');
  await expect(audit).toContainText('Added an internal note');
  await expect(audit).toContainText('ResolvedIn work → Resolved');
  await userSees(page);
  await expect(page.getByTestId('ticket-status')).toHaveAttribute('data-status', 'resolved');
  await checkBothSchemes(a.page, 'resolved');

  expect(problemsA).toEqual([]);
  expect(problemsB).toEqual([]);
  await a.close();
  await b.close();
});

test('in German, with the dialogs to assign, return to the 1st level and close', async ({ browser, baseURL, request }) => {
  test.setTimeout(90_000);
  const kim = await makeAccount(baseURL!, 'specialist', 'Kim Kranich', ['workplace']);
  await makeAccount(baseURL!, 'specialist', 'Lou Lerche', ['workplace']);
  const { reference } = await createTicket(request);
  const admin = await Staff.signIn(baseURL!);
  const id = await admin.ticketId(reference);
  await admin.dispose();
  const desk = await Desk.open(browser, baseURL!, kim, 'de-DE');
  const problems = watchStaffProblems(desk.page);
  const view = new TicketView(desk.page);
  await view.open(id);
  await expect(view.status()).toHaveText('Neu');
  await expect(view.holder()).toHaveText('Noch niemand');
  await expect(view.transcript()).toContainText('Versucht, hat nicht geholfen');
  await expect(view.transcript()).toContainText('Was passiert, wenn Sie drucken?');
  await expect(desk.page.getByText('In Ihrer Sprache angezeigt; der Nutzer hat es auf Englisch gelesen.')).toBeVisible();

  // Close asks first; the safe choice has the focus, Escape leaves all as it was.
  await view.action('Schließen…').click();
  const close = view.dialog('close-dialog');
  await expect(close.getByRole('button', { name: 'Abbrechen' })).toBeFocused();
  await checkBothSchemes(desk.page, 'close-dialog');
  await desk.page.keyboard.press('Escape');
  await expect(close).toBeHidden();
  await expect(view.action('Schließen…')).toBeFocused();

  await view.action('Übernehmen').click();
  await expect(view.holder()).toHaveText('Kim Kranich (Sie)');
  await expect(view.action(/./)).toHaveText(['Zuweisen…', 'Freigeben', 'Auf Rückmeldung warten', 'Lösen…', 'An 1st Level zurückgeben…']);

  // Assign lists the queue's colleagues, never the holder.
  await view.action('Zuweisen…').click();
  const assign = view.dialog('assign-dialog');
  const who = assign.getByLabel('Kollegin oder Kollege');
  await expect(who.locator('option', { hasText: 'Lou Lerche' })).toHaveCount(1);
  await expect(who.locator('option', { hasText: 'Kim Kranich' })).toHaveCount(0);
  await checkBothSchemes(desk.page, 'assign-dialog');
  await assign.getByRole('button', { name: 'Abbrechen' }).click();
  await expect(assign).toBeHidden();
  await expect(view.action('Zuweisen…')).toBeFocused();

  // Returning needs instructions; they become an internal note.
  await view.action('An 1st Level zurückgeben…').click();
  const giveBack = view.dialog('return-dialog');
  await checkBothSchemes(desk.page, 'return-dialog');
  const instructions = words('Bitte den Anrufer bitten, den Drucker neu zu starten.');
  await giveBack.getByLabel('Hinweise für den 1st Level').fill(instructions);
  await giveBack.getByRole('button', { name: 'Zurückgeben' }).click();
  await expect(giveBack).toBeHidden();
  await expect(view.status()).toHaveText('Zurück an 1st Level');
  await expect(view.news()).toHaveText('Das Ticket ist mit Ihren Hinweisen zurück beim 1st Level.');
  const note = view.messages().filter({ hasText: instructions });
  await expect(note).toHaveAttribute('data-kind', 'internal');
  await expect(note).toContainText('Interne Notiz');
  await expect(desk.page.getByTestId('audit')).toContainText('An den 1st Level zurückgegeben');
  await checkBothSchemes(desk.page, 'returned-de');
  expect(problems).toEqual([]);
  await desk.close();
});

test('a ticket that cannot be shown says why: loading, not found, forbidden, unreachable', async ({ browser, baseURL, request }) => {
  test.setTimeout(60_000);
  const sam = await makeAccount(baseURL!, 'specialist', 'Sam Sperling', ['workplace']);
  const al = await makeAccount(baseURL!, 'agent', 'Al Amsel');
  const { reference } = await createTicket(request);
  const admin = await Staff.signIn(baseURL!);
  const id = await admin.ticketId(reference);
  await admin.dispose();

  const desk = await Desk.open(browser, baseURL!, sam);
  const page = desk.page;
  const heading = page.getByRole('heading', { level: 1 });

  // Slow answer: a loading line first.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(`**/api/v1/tickets/${id}`, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`/staff/tickets/${id}`);
  await expect(page.getByRole('status').filter({ hasText: 'Loading the ticket…' })).toBeVisible();
  release();
  await expect(page.getByTestId('ticket-reference')).toHaveText(reference);
  await page.unroute(`**/api/v1/tickets/${id}`);

  // No such ticket.
  await page.goto('/staff/tickets/999999999');
  await expect(heading).toHaveText('Ticket not found');
  await expect(page.getByRole('link', { name: '← Back to the queue' })).toBeVisible();
  await checkBothSchemes(page, 'not-found');

  // Unreachable, then reachable again.
  await page.route(`**/api/v1/tickets/${id}`, (route) => route.abort());
  await page.goto(`/staff/tickets/${id}`);
  await expect(heading).toHaveText('The ticket could not be loaded');
  await expect(page.getByText('The server cannot be reached.')).toBeVisible();
  await checkBothSchemes(page, 'unreachable');
  await page.unroute(`**/api/v1/tickets/${id}`);
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByTestId('ticket-reference')).toHaveText(reference);
  await desk.close();

  // The 1st level opens returned tickets and its own only.
  const agent = await Desk.open(browser, baseURL!, al);
  await agent.goto(`/staff/tickets/${id}`);
  await expect(agent.page.getByRole('heading', { level: 1 })).toHaveText('You may not open this ticket');
  await checkBothSchemes(agent.page, 'forbidden');
  await agent.close();
});
