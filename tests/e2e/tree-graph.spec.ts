// The trees screens with their figures: a known set of walks (anonymous outcome events
// with paths, a hand-off) sent through the API, the figures asserted as differences
// (other specs walk the printer tree on the same server), the list, the graph's node
// figures, the hot spots marked without colour alone, a ticket's path from the ticket
// screen's link; axe in light and dark; German and English.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { Staff, createTicket, printerVersion } from './tickets';
import { Desk, expectNoAxeViolations, makeAccount, watchStaffProblems } from './staff.page';

const SCREENS = join(dirname(fileURLToPath(import.meta.url)), 'artifacts', 'screens');
mkdirSync(SCREENS, { recursive: true });

interface Totals { started: number; resolved: number; escalated: number; abandoned: number; finished: number; deflection: number | null }
interface NodeFigures { node: string; reached: number; resolved: number; escalated: number; abandoned: number }
interface Figures { totals: Totals; nodes: NodeFigures[]; hot_spots: string[] }

async function figures(admin: Staff): Promise<Figures> {
  const answer = await admin.call('GET', '/api/v1/trees/printer/analytics?days=30');
  expect(answer.status, answer.text).toBe(200);
  return JSON.parse(answer.text);
}

function node(f: Figures, id: string): NodeFigures {
  return f.nodes.find((n) => n.node === id) ?? { node: id, reached: 0, resolved: 0, escalated: 0, abandoned: 0 };
}

async function send(request: APIRequestContext, version: string, node: string, outcome: string, path: string[]) {
  const response = await request.post('/api/v1/outcomes', { data: { tree: 'printer', version, node, outcome, path } });
  expect(response.status(), await response.text()).toBe(204);
}

test('tree figures: the list, the graph with hot spots, a ticket path; English and German, light and dark', async ({ browser, request, baseURL }) => {
  const admin = await Staff.signIn(baseURL!);
  const before = await figures(admin);
  const version = await printerVersion(request);
  // The known set: three walks start; one is solved at `wrong_printer`, two are left at
  // `basics`; one is handed off (the printer escalation of tickets.ts).
  for (let i = 0; i < 3; i++) await send(request, version, 'start', 'started', ['start']);
  await send(request, version, 'wrong_printer', 'resolved', ['start', 'basics', 'which_printer', 'wrong_printer']);
  for (let i = 0; i < 2; i++) await send(request, version, 'basics', 'abandoned', ['start', 'basics']);
  const ticket = await createTicket(request);
  const after = await figures(admin);
  expect(after.totals.started - before.totals.started).toBe(3);
  expect(after.totals.resolved - before.totals.resolved).toBe(1);
  expect(after.totals.escalated - before.totals.escalated).toBe(1);
  expect(after.totals.abandoned - before.totals.abandoned).toBe(2);
  expect(node(after, 'basics').abandoned - node(before, 'basics').abandoned).toBe(2);
  expect(node(after, 'basics').reached - node(before, 'basics').reached).toBe(3);
  expect(node(after, 'wrong_printer').resolved - node(before, 'wrong_printer').resolved).toBe(1);
  expect(node(after, 'start').reached - node(before, 'start').reached).toBe(4);

  const specialist = await makeAccount(baseURL!, 'specialist', 'Tilda Trees');
  const desk = await Desk.open(browser, baseURL!, specialist, 'en-US');
  const page = desk.page;
  const problems = watchStaffProblems(page);

  // The list: the printer row shows the figures of the API.
  await desk.goto('/staff/trees');
  await expect(page.getByRole('heading', { level: 1, name: 'Trees and their figures' })).toBeVisible();
  const row = page.getByTestId('trees-figures').locator('tr[data-tree="printer"]');
  await expect(row.locator('[data-figure="started"]')).toHaveText(String(after.totals.started));
  await expect(row.locator('[data-figure="finished"]')).toHaveText(String(after.totals.finished));
  await expect(row.locator('[data-figure="escalated"]')).toHaveText(String(after.totals.escalated));
  await expect(row.locator('[data-figure="abandoned"]')).toHaveText(String(after.totals.abandoned));
  const rate = after.totals.deflection === null ? '–' : `${Math.round(after.totals.deflection * 100)}%`;
  await expect(row.locator('[data-figure="deflection"]')).toHaveText(rate);
  await expect(row.getByRole('link', { name: 'Versions' })).toHaveAttribute('href', '/staff/trees/printer/versions');
  await page.locator('button[data-days="7"]').click();
  await expect(page.locator('button[data-days="7"]')).toHaveAttribute('aria-pressed', 'true');
  await expect(row.locator('[data-figure="started"]')).toHaveText(String(after.totals.started));
  await expectNoAxeViolations(page);
  await page.screenshot({ path: join(SCREENS, 'trees-list.png'), fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoAxeViolations(page);
  await page.screenshot({ path: join(SCREENS, 'trees-list-dark.png'), fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });

  // The graph: node figures, hot spots marked by class, ⚠ and words.
  await row.getByRole('link', { name: /Printer|printer/i }).first().click();
  await expect(page).toHaveURL(/\/staff\/trees\/printer$/);
  const graph = page.getByTestId('tree-graph');
  const basics = graph.locator('g[data-node="basics"]');
  const b = node(after, 'basics');
  await expect(basics.locator('[data-figures="reached-resolved"]')).toHaveText(`Reached ${b.reached} · Resolved ${b.resolved}`);
  await expect(basics.locator('[data-figures="escalated-abandoned"]')).toHaveText(`Escalated ${b.escalated} · Abandoned ${b.abandoned}`);
  await expect(page.getByTestId('tree-totals').locator('[data-figure="started"]')).toHaveText(String(after.totals.started));
  for (const hot of after.hot_spots) {
    const g = graph.locator(`g[data-node="${hot}"]`);
    await expect(g).toHaveClass(/tg-hot/);
    await expect(g).toHaveAttribute('aria-label', /Hot spot/);
    await expect(g.locator('.tg-title')).toHaveText(/^⚠ /);
    await expect(page.getByTestId('hot-spots').locator(`li[data-node="${hot}"]`)).toBeVisible();
    await expect(page.getByTestId('node-figures').locator(`tr[data-node="${hot}"]`)).toContainText('Hot spot');
  }
  const cold = after.nodes.find((n) => !after.hot_spots.includes(n.node) && n.node === 'wrong_printer');
  if (cold) await expect(graph.locator('g[data-node="wrong_printer"]')).not.toHaveClass(/tg-hot/);
  const table = page.getByTestId('node-figures').locator('tr[data-node="basics"]');
  await expect(table.locator('[data-figure="abandoned"]')).toHaveText(String(b.abandoned));
  // A node's details on focus.
  await basics.focus();
  await expect(page.getByTestId('node-details')).toContainText(`Abandoned ${b.abandoned}`);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: join(SCREENS, 'tree-graph.png'), fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoAxeViolations(page);
  await page.screenshot({ path: join(SCREENS, 'tree-graph-dark.png'), fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });

  // The ticket's path, from the ticket screen's link.
  const id = await admin.ticketId(ticket.reference);
  await desk.goto(`/staff/tickets/${id}`);
  await page.getByTestId('show-path').click();
  await expect(page).toHaveURL(new RegExp(`/staff/trees/printer\\?ticket=${id}$`));
  const path = page.getByTestId('ticket-path');
  await expect(path.getByRole('heading', { name: `Path of ticket ${ticket.reference}` })).toBeVisible();
  for (const passed of ['start', 'device_message', 'jam', 'details']) {
    await expect(path.locator(`li[data-node="${passed}"]`)).toBeVisible();
    await expect(graph.locator(`g[data-node="${passed}"]`)).toHaveClass(/tg-on-path/);
  }
  await expect(graph.locator('g[data-node="jam"] .tg-step-number')).toHaveText('3');
  await expect(graph.locator('.tg-edge-path')).not.toHaveCount(0);
  await expect(graph.locator('g[data-node="wrong_printer"]')).not.toHaveClass(/tg-on-path/);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: join(SCREENS, 'tree-graph-ticket.png'), fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoAxeViolations(page);
  await page.screenshot({ path: join(SCREENS, 'tree-graph-ticket-dark.png'), fullPage: true });
  expect(problems).toEqual([]);
  await desk.close();

  // German.
  const de = await Desk.open(browser, baseURL!, specialist, 'de-DE');
  await de.goto('/staff/trees');
  await expect(de.page.getByRole('heading', { level: 1, name: 'Bäume und ihre Zahlen' })).toBeVisible();
  await expect(de.page.getByRole('columnheader', { name: 'Selbsthilfequote' })).toBeVisible();
  const deRate = after.totals.deflection === null ? '–' : `${Math.round(after.totals.deflection * 100)} %`;
  await expect(de.page.locator('tr[data-tree="printer"] [data-figure="deflection"]')).toHaveText(deRate);
  await expectNoAxeViolations(de.page);
  await de.goto('/staff/trees/printer');
  await expect(de.page.locator('g[data-node="basics"] [data-figures="escalated-abandoned"]')).toHaveText(`Eskaliert ${b.escalated} · Abgebrochen ${b.abandoned}`);
  await expect(de.page.getByRole('heading', { name: /Brennpunkte/ })).toBeVisible();
  await expectNoAxeViolations(de.page);
  await de.page.emulateMedia({ colorScheme: 'dark' });
  await expectNoAxeViolations(de.page);
  await de.page.screenshot({ path: join(SCREENS, 'tree-graph-de-dark.png'), fullPage: true });
  await de.close();
  await admin.dispose();
});

test('an agent has no trees screen and no path link', async ({ browser, baseURL, request }) => {
  const ticket = await createTicket(request);
  const admin = await Staff.signIn(baseURL!);
  const id = await admin.ticketId(ticket.reference);
  await admin.dispose();
  const agent = await makeAccount(baseURL!, 'agent', 'Alex Agent', ['workplace']);
  const desk = await Desk.open(browser, baseURL!, agent, 'en-US');
  await desk.goto(`/staff/tickets/${id}`);
  await expect(desk.page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(desk.page.getByTestId('show-path')).toHaveCount(0);
  await desk.close();
});
