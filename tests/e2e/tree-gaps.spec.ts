// Tree gaps (`/staff/gaps`): real tickets resolved with the step where the tree should
// have helped — two through the API, one through the real resolve dialog with the step
// chosen by keyboard — then the gaps screen groups them by step with their texts,
// counts and links, in English and German, light and dark, with axe.
// Other specs resolve tickets too: resolution texts carry a word of this run, and
// counts are compared with the server's count before this test's resolutions.
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Desk, expectNoAxeViolations, makeAccount, watchStaffProblems } from './staff.page';
import { TicketView } from './ticket.page';
import { createTicket, Staff } from './tickets';

const SCREENS = join(dirname(fileURLToPath(import.meta.url)), 'artifacts', 'screens');

interface Group {
  tree: string;
  node: string;
  count: number;
}

async function counts(admin: Staff, query = '?days=7'): Promise<Map<string, number>> {
  const answer = await admin.call('GET', `/api/v1/gaps${query}`);
  expect(answer.status, answer.text).toBe(200);
  const groups: Group[] = JSON.parse(answer.text).groups;
  return new Map(groups.map((g) => [`${g.tree}/${g.node}`, g.count]));
}

async function checkBothSchemes(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectNoAxeViolations(page);
    await page.screenshot({ path: join(SCREENS, `tree-gaps-${name}-${scheme}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/// A printer ticket resolved through the API by the e2e admin; its reference and id.
async function resolvedByApi(request: APIRequestContext, admin: Staff, text: string, gap: string | null) {
  const { reference } = await createTicket(request);
  const id = await admin.ticketId(reference);
  const claimed = await admin.call('POST', `/api/v1/tickets/${id}/claim`);
  expect(claimed.status, claimed.text).toBe(200);
  const data: Record<string, string> = { action: 'resolve', text };
  if (gap) data.gap_node = gap;
  const resolved = await admin.call('POST', `/api/v1/tickets/${id}/transition`, data);
  expect(resolved.status, resolved.text).toBe(200);
  return { reference, id };
}

test('tree gaps group resolutions by step, with their texts, counts and links', async ({ browser, baseURL, request }) => {
  const word = `gapword${randomBytes(4).toString('hex')}`;
  const admin = await Staff.signIn(baseURL!);
  const before = await counts(admin);
  const greta = await makeAccount(baseURL!, 'specialist', 'Greta Gap');

  // Two resolutions name the toner step (not on the walk), one names nothing.
  const tonerA = await resolvedByApi(request, admin, `Toner ${word} cartridge was the wrong model`, 'toner');
  const tonerB = await resolvedByApi(request, admin, `Toner ${word} seal was still on`, 'printer/toner');
  await resolvedByApi(request, admin, `Unrelated ${word} fix without a step`, null);

  // One through the real resolve dialog: Greta holds the ticket and picks the paper
  // jam step (the walk's third) with the keyboard.
  const { reference: dialogRef } = await createTicket(request);
  const dialogId = await admin.ticketId(dialogRef);
  const assigned = await admin.call('POST', `/api/v1/tickets/${dialogId}/transition`, { action: 'assign', assignee: greta.id });
  expect(assigned.status, assigned.text).toBe(200);
  const desk = await Desk.open(browser, baseURL!, greta);
  const problems = watchStaffProblems(desk.page);
  const view = new TicketView(desk.page);
  await view.open(dialogId);
  await view.action('Resolve…').click();
  const dialog = view.dialog('resolve-dialog');
  await expect(dialog.getByLabel('Resolution')).toBeFocused();
  const jamText = `Jam ${word}: a torn label was stuck behind the rear cover`;
  await desk.page.keyboard.type(jamText);
  const picker = dialog.getByLabel(/Where should the guide have helped/);
  await expect(picker).toHaveAccessibleDescription(/listed under “Tree gaps”/);
  await desk.page.keyboard.press('Tab');
  await expect(picker).toBeFocused();
  for (let i = 0; i < 8 && (await picker.inputValue()) !== 'printer/jam'; i++) {
    await desk.page.keyboard.press('ArrowDown');
  }
  await expect(picker).toHaveValue('printer/jam');
  await dialog.getByRole('button', { name: 'Resolve', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(view.status()).toHaveText('Resolved');

  // The gaps screen, from the header's navigation.
  await desk.page.getByRole('link', { name: 'Tree gaps' }).click();
  await expect(desk.page.getByRole('heading', { level: 1, name: 'Tree gaps' })).toBeFocused();
  const summary = desk.page.getByTestId('gaps-summary');
  await expect(summary).toContainText('Period: the last 90 days.');
  await desk.page.getByLabel('Tree', { exact: true }).selectOption({ label: 'Printer won’t print' });
  await desk.page.getByLabel('Period').selectOption({ label: 'Last 7 days' });
  await expect(desk.page).toHaveURL(/\/staff\/gaps\?tree=printer&days=7$/);
  await expect(summary).toContainText('Period: the last 7 days.');

  const toner = desk.page.locator('[data-testid=gap][data-node="printer/toner"]');
  const tonerCount = (before.get('printer/toner') ?? 0) + 2;
  await expect(toner.getByRole('heading', { level: 2 })).toContainText('Replace the toner or ink');
  await expect(toner.getByTestId('gap-count')).toHaveText(`Named ${tonerCount} times`);
  await expect(toner).toContainText('Printer won’t print · Step id: toner');
  // Newest first.
  const tonerTexts = toner.locator('blockquote').filter({ hasText: word });
  await expect(tonerTexts).toHaveText([`Toner ${word} seal was still on`, `Toner ${word} cartridge was the wrong model`]);
  for (const t of [tonerA, tonerB]) {
    const link = toner.getByRole('link', { name: `Ticket ${t.reference}` });
    await expect(link).toHaveAttribute('href', `/staff/tickets/${t.id}`);
  }
  await expect(toner.getByRole('link', { name: 'Graph of “Printer won’t print”' })).toHaveAttribute('href', '/staff/trees/printer');
  await expect(toner.getByRole('link', { name: 'Versions of “Printer won’t print”' })).toHaveAttribute('href', '/staff/trees/printer/versions');
  await expect(toner.locator('li').filter({ hasText: `Toner ${word} seal` })).toContainText('by Kim Support · Resolved');

  const jam = desk.page.locator('[data-testid=gap][data-node="printer/jam"]');
  await expect(jam.getByTestId('gap-count')).toHaveText(
    (before.get('printer/jam') ?? 0) + 1 === 1 ? 'Named once' : `Named ${(before.get('printer/jam') ?? 0) + 1} times`,
  );
  await expect(jam.locator('blockquote').filter({ hasText: word })).toHaveText([jamText]);
  await expect(jam.locator('li').filter({ hasText: jamText })).toContainText('by Greta Gap');
  await expect(desk.page.getByText(`Unrelated ${word}`)).toHaveCount(0);
  // The summary counts what the server counts.
  const after = await counts(admin, '?days=7&tree=printer');
  await expect(summary).toHaveText(
    `Steps named: ${after.size}. Resolutions: ${[...after.values()].reduce((a, b) => a + b, 0)}. Period: the last 7 days.`,
  );
  await checkBothSchemes(desk.page, 'printer');

  // A resolution's link opens its ticket; Back returns to the same filters.
  await toner.getByRole('link', { name: `Ticket ${tonerA.reference}` }).click();
  await expect(view.reference()).toHaveText(tonerA.reference);
  await desk.page.goBack();
  await expect(desk.page).toHaveURL(/\/staff\/gaps\?tree=printer&days=7$/);
  await expect(desk.page.getByLabel('Period')).toHaveValue('7');
  await expect(toner.getByTestId('gap-count')).toHaveText(`Named ${tonerCount} times`);

  // An address names the filters: a tree nobody named a step of shows the empty state.
  const lists = JSON.parse((await admin.call('GET', '/api/v1/trees')).text).trees as { id: string; title: { en: string } }[];
  const everyGap = await counts(admin, '?days=7');
  const quiet = lists.find((t) => ![...everyGap.keys()].some((k) => k.startsWith(`${t.id}/`)))!;
  await desk.goto(`/staff/gaps?tree=${quiet.id}&days=7`);
  await expect(summary).toHaveText(
    `No resolution in the last 7 days named a step of “${quiet.title.en}” where it should have helped.`,
  );
  await expect(desk.page.getByTestId('gap')).toHaveCount(0);
  await checkBothSchemes(desk.page, 'empty');

  // A failed reading says so and offers to try again.
  await desk.page.route('**/api/v1/gaps?*', (route) => route.fulfill({ status: 503, contentType: 'application/json', body: '{"code":"unavailable","message":"down for a moment"}' }));
  await desk.page.getByLabel('Period').selectOption({ label: 'Last 30 days' });
  const alert = desk.page.getByRole('alert');
  await expect(alert).toContainText('The server cannot be reached.');
  // What was shown answered other filters: it goes.
  await expect(summary).toHaveText('');
  await checkBothSchemes(desk.page, 'error');
  await desk.page.unroute('**/api/v1/gaps?*');
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(alert).toHaveCount(0);
  await expect(summary).toContainText('No resolution in the last 30 days');

  expect(problems.filter((p) => !p.includes('HTTP 503'))).toEqual([]);
  await desk.close();

  // In German: the same groups in German words.
  const deutsch = await Desk.open(browser, baseURL!, greta, 'de-DE');
  await deutsch.goto('/staff/gaps?tree=printer&days=7');
  await expect(deutsch.page.getByRole('heading', { level: 1, name: 'Baumlücken' })).toBeVisible();
  const tonerDe = deutsch.page.locator('[data-testid=gap][data-node="printer/toner"]');
  await expect(tonerDe.getByTestId('gap-count')).toHaveText(`${tonerCount}-mal genannt`);
  await expect(tonerDe.getByRole('heading', { level: 2 })).toContainText('Toner oder Tinte wechseln');
  await expect(tonerDe).toContainText('Drucker druckt nicht · Schritt-ID: toner');
  await expect(tonerDe.getByRole('link', { name: 'Graph von „Drucker druckt nicht“' })).toBeVisible();
  await expect(tonerDe.locator('li').filter({ hasText: `Toner ${word} seal` })).toContainText('von Kim Support · Gelöst');
  await expect(deutsch.page.getByTestId('gaps-summary')).toContainText('Zeitraum: die letzten 7 Tage.');
  await expect(deutsch.page.getByLabel('Zeitraum')).toHaveValue('7');
  await checkBothSchemes(deutsch.page, 'printer-de');
  await deutsch.close();
  await admin.dispose();
});
