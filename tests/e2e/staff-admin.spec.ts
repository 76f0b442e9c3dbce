// Administration and the team view in the browser: an admin creates, changes, resets
// and deactivates an account through the screen and the person feels each change; the
// SLA targets; the administration log; the team's charts, updated live. axe on each.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { Staff, createTicket } from './tickets';
import { Desk, expectNoAxeViolations, makeAccount, signIn, watchStaffProblems } from './staff.page';

const SCREENS = join(dirname(fileURLToPath(import.meta.url)), 'artifacts', 'screens');
mkdirSync(SCREENS, { recursive: true });

test.use({ locale: 'en-US' });

async function openAdmin(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Administration' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Administration');
  await expect(page.getByTestId('accounts')).toBeVisible();
}

test('an admin creates, changes, resets and deactivates an account, and the person feels each change', async ({ browser, baseURL, page }) => {
  const problems = watchStaffProblems(page);
  const admin = await makeAccount(baseURL!, 'admin', 'Ada Admin');
  await page.goto('/staff');
  await signIn(page, admin);
  await openAdmin(page);
  await expectNoAxeViolations(page);

  // A new account, with a generated first password.
  await page.getByTestId('new-account').click();
  const editor = page.getByTestId('account-editor');
  await expect(editor.getByRole('heading', { name: 'New account' })).toBeFocused();
  const login = `nora-${Date.now().toString(36)}`;
  await editor.getByLabel('Login').fill(login);
  await editor.getByLabel('Name').fill('Nora Neu');
  await editor.getByLabel('Role').selectOption('specialist');
  await editor.getByLabel('Workplace and printers').check();
  await editor.getByRole('button', { name: 'Generate' }).click();
  const first = await editor.getByLabel('First password').inputValue();
  expect(first).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: join(SCREENS, 'staff-admin-new-account.png'), fullPage: true });
  await editor.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByTestId('admin-notice')).toContainText(`Nora Neu can sign in now with the password ${first}`);
  const row = page.getByTestId('accounts').getByRole('row', { name: /Nora Neu/ });
  await expect(row).toContainText('2nd level');
  await expect(row).toContainText('Workplace and printers');
  await expect(row).toContainText('must set own password');
  await expect(row).toContainText('never');
  await expect(page.getByTestId('queues').getByRole('row', { name: /Workplace and printers/ })).toContainText('Nora Neu');
  await expect(page.getByTestId('admin-log').getByRole('row').nth(1)).toContainText('Created the account Nora Neu');
  await expect(page.getByTestId('admin-log').getByRole('row').nth(1)).toContainText('Ada Admin');

  // The same login again is refused at the login field.
  await page.getByTestId('new-account').click();
  await editor.getByLabel('Login').fill(login.toUpperCase());
  await editor.getByLabel('Name').fill('Nora Zwei');
  await editor.getByLabel('First password').fill('short');
  await editor.getByRole('button', { name: 'Create account' }).click();
  await expect(editor.locator('#account-password-error')).toContainText('at least 12 characters');
  await editor.getByLabel('First password').fill('long enough password');
  await editor.getByRole('button', { name: 'Create account' }).click();
  await expect(editor.locator('#account-login-error')).toHaveText(/This login is taken/);
  await expect(editor.getByLabel('Login')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page);
  await editor.getByRole('button', { name: 'Cancel' }).click();
  await expect(editor).toHaveCount(0);

  // Nora signs in with the first password and must choose her own.
  const nora = await browser.newContext({ baseURL, locale: 'en-US' });
  const noraPage = await nora.newPage();
  await noraPage.goto('/staff');
  await signIn(noraPage, { login, password: first, name: 'Nora Neu', role: 'specialist', id: 0 });
  await expect(noraPage.getByRole('heading', { level: 1 })).toHaveText('Change password');
  const own = 'noras-own-password-1';
  await noraPage.locator('#current-password').fill(first);
  await noraPage.locator('#new-password').fill(own);
  await noraPage.locator('#repeat-password').fill(own);
  await noraPage.getByRole('button', { name: 'Change password' }).click();
  await expect(noraPage.getByRole('heading', { level: 1 })).toHaveText('Queue');

  // The admin sees her active now, makes her an admin of two queues.
  await page.reload();
  await expect(row).toContainText('Active now');
  await row.getByRole('button', { name: 'Edit Nora Neu' }).click();
  await expect(editor.getByRole('heading', { name: 'Edit Nora Neu' })).toBeFocused();
  await editor.getByLabel('Role').selectOption('admin');
  await editor.getByLabel('Network').check();
  await editor.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByTestId('admin-notice')).toHaveText('Changes to Nora Neu saved.');
  await expect(row).toContainText('Admin');
  await expect(row).toContainText('Workplace and printers, Network');
  await expect(page.getByTestId('admin-log').getByRole('row').nth(1)).toContainText('Changed the account Nora Neu');
  // Nora's navigation follows her new role after a reload.
  await noraPage.reload();
  await expect(noraPage.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Administration' })).toBeVisible();

  // A reset signs her out; the temporary password is shown once.
  await row.getByRole('button', { name: 'Edit Nora Neu' }).click();
  await editor.getByTestId('reset-password').click();
  const notice = page.getByTestId('admin-notice');
  await expect(notice).toContainText("Nora Neu's temporary password is");
  const temporary = (await notice.locator('p').first().textContent())!.split(' is ')[1].trim();
  await expect(page.getByTestId('admin-log').getByRole('row').nth(1)).toContainText('Reset the password of Nora Neu');
  await noraPage.reload();
  await expect(noraPage.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await signIn(noraPage, { login, password: temporary, name: 'Nora Neu', role: 'admin', id: 0 });
  await expect(noraPage.getByRole('heading', { level: 1 })).toHaveText('Change password');

  // Deactivated, she is signed out and cannot sign in.
  await row.getByRole('button', { name: 'Edit Nora Neu' }).click();
  await editor.getByTestId('toggle-active').click();
  await expect(page.getByTestId('admin-notice')).toHaveText('Nora Neu is deactivated and signed out everywhere.');
  await expect(row).toContainText('Deactivated');
  await expect(page.getByTestId('admin-log').getByRole('row').nth(1)).toContainText('Deactivated Nora Neu');
  await noraPage.reload();
  await noraPage.locator('#login').fill(login);
  await noraPage.locator('#password').fill(temporary);
  await noraPage.getByRole('button', { name: 'Sign in' }).click();
  await expect(noraPage.getByRole('alert')).toHaveText(/Login or password is wrong/);
  await nora.close();

  await page.screenshot({ path: join(SCREENS, 'staff-admin.png'), fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoAxeViolations(page);
  await page.screenshot({ path: join(SCREENS, 'staff-admin-dark.png'), fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });

  // German.
  await page.getByRole('button', { name: 'Deutsch' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Verwaltung');
  await expect(row).toContainText('Deaktiviert');
  await expect(page.getByTestId('admin-log').getByRole('row').nth(1)).toContainText('Hat Nora Neu deaktiviert');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'English' }).click();
  // The refusals provoked above, and nothing else.
  expect(problems).toEqual([`HTTP 422: ${baseURL}/api/v1/staff`, `HTTP 409: ${baseURL}/api/v1/staff`]);
});

test('an admin sets the SLA targets; new hand-offs are due by them; the change is logged', async ({ page, baseURL, request }) => {
  const admin = await makeAccount(baseURL!, 'admin', 'Sla Admin');
  const api = await Staff.signIn(baseURL!);
  const before = JSON.parse((await api.call('GET', '/api/v1/settings/sla')).text).hours as number[];
  try {
    await page.goto('/staff/admin');
    await signIn(page, admin);
    const form = page.getByTestId('sla-form');
    for (let p = 1; p <= 5; p++) {
      await expect(form.getByLabel(new RegExp(`^Priority ${p} `))).toHaveValue(String(before[p - 1]));
    }
    // A more urgent priority may not take longer: said at the field.
    await form.getByLabel(/^Priority 2 /).fill(String(before[2] + 1));
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form.locator('#sla-2-error')).toHaveText(/cannot have a longer target/);
    await expect(form.getByLabel(/^Priority 2 /)).toHaveAttribute('aria-invalid', 'true');
    await expectNoAxeViolations(page);

    await form.getByLabel(/^Priority 2 /).fill(String(before[1]));
    // Priority 4 (a printer hand-off with low impact, medium urgency) gets 30 hours.
    const p4 = Math.max(before[2], Math.min(30, before[4]));
    await form.getByLabel(/^Priority 4 /).fill(String(p4));
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form.getByRole('status')).toHaveText(/SLA targets saved/);
    const after = [...before];
    after[3] = p4;
    await expect(page.getByTestId('admin-log').getByRole('row').nth(1)).toContainText(
      `Changed the SLA targets from ${before.join('/')} to ${after.join('/')} hours`,
    );

    const created = await createTicket(request);
    const id = await api.ticketId(created.reference);
    const ticket = JSON.parse((await api.call('GET', `/api/v1/tickets/${id}`)).text);
    expect(ticket.priority).toBe(4);
    expect(ticket.due_at - ticket.created_at).toBe(p4 * 3600 * 1000);
  } finally {
    const restored = await api.call('PUT', '/api/v1/settings/sla', { hours: before });
    expect(restored.status).toBe(200);
    await api.dispose();
  }
});

test('the team view draws open work and speed, and follows new hand-offs live', async ({ browser, baseURL, request }) => {
  const lead = await makeAccount(baseURL!, 'specialist', 'Lea Lead', ['workplace']);
  const desk = await Desk.open(browser, baseURL!, lead);
  const problems = watchStaffProblems(desk.page);
  const api = await Staff.signIn(baseURL!);
  // One ticket claimed by Lea, so she shows among the holders.
  const claimed = await createTicket(request);
  const claimedId = await api.ticketId(claimed.reference);
  await api.dispose();
  const leaApi = await (await import('@playwright/test')).request.newContext({ baseURL });
  const session = await leaApi.post('/api/v1/session', { data: { login: lead.login, password: lead.password } });
  const csrf = (await session.json()).csrf;
  expect((await leaApi.post(`/api/v1/tickets/${claimedId}/claim`, { headers: { 'X-CSRF-Token': csrf } })).status()).toBe(200);

  await desk.page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Team' }).click();
  await expect(desk.page.getByRole('heading', { level: 1 })).toHaveText('Team');
  const byPriority = desk.page.getByTestId('open-by-priority');
  await expect(byPriority.locator('svg')).toBeVisible();
  const p4Figure = async () => {
    const label = await byPriority.locator('svg').getAttribute('aria-label');
    return Number(/P4 low: (\d+)/.exec(label ?? '')![1]);
  };
  const figures = JSON.parse((await leaApi.get('/api/v1/team').then((r) => r.text())));
  const p4 = figures.open.filter((o: { priority: number }) => o.priority === 4).reduce((n: number, o: { count: number }) => n + o.count, 0);
  expect(await p4Figure()).toBe(p4);
  await expect(desk.page.getByTestId('per-holder').locator('svg')).toHaveAttribute('aria-label', /Lea Lead: 1/);
  await expect(desk.page.getByTestId('speed').locator('svg')).toHaveAttribute('aria-label', /to claim, last 7 days: \d/);
  await expect(desk.page.getByTestId('speed')).toContainText(/last 30 days: \d+ handed off, \d+ claimed, \d+ resolved/);
  await expectNoAxeViolations(desk.page);
  await desk.page.screenshot({ path: join(SCREENS, 'staff-team.png'), fullPage: true });

  // A new hand-off: the figure grows without a reload.
  await createTicket(request);
  await expect.poll(p4Figure, { timeout: 10_000 }).toBe(p4 + 1);
  await expect(desk.page.getByTestId('oldest-waiting')).toBeVisible();

  await desk.page.emulateMedia({ colorScheme: 'dark' });
  await expectNoAxeViolations(desk.page);
  await desk.page.screenshot({ path: join(SCREENS, 'staff-team-dark.png'), fullPage: true });
  await desk.page.getByRole('button', { name: 'Deutsch' }).click();
  await expect(byPriority).toContainText('Offene Tickets nach Priorität');
  await expect(byPriority.locator('svg')).toHaveAttribute('aria-label', /P4 niedrig: \d+/);
  await expectNoAxeViolations(desk.page);
  await leaApi.dispose();
  await desk.close();
  expect(problems).toEqual([]);
});

test('an admin sets how long finished tickets keep personal data', async ({ page, baseURL }) => {
  const admin = await makeAccount(baseURL!, 'admin', 'Rita Retention');
  const api = await Staff.signIn(baseURL!);
  try {
    await page.goto('/staff/admin');
    await signIn(page, admin);
    const form = page.getByTestId('retention-form');
    await expect(form.getByRole('radio', { name: 'Keep personal data' })).toBeChecked();
    await expect(form.locator('#retention-days')).toBeDisabled();
    await form.getByRole('radio', { name: 'Erase personal data after' }).check();
    await form.locator('#retention-days').fill('0');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form.locator('#retention-error')).toHaveText(/from 1 to 3650/);
    await expectNoAxeViolations(page);
    await form.locator('#retention-days').fill('90');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form.getByRole('status')).toHaveText(/Saved/);
    await expect(page.getByTestId('admin-log').getByRole('row').nth(1)).toContainText('Set the retention of personal data to 90 days');
    expect(JSON.parse((await api.call('GET', '/api/v1/settings/retention')).text)).toEqual({ days: 90 });
    await page.reload();
    await expect(form.getByRole('radio', { name: 'Erase personal data after' })).toBeChecked();
    await expect(form.locator('#retention-days')).toHaveValue('90');
  } finally {
    const restored = await api.call('PUT', '/api/v1/settings/retention', { days: null });
    expect(restored.status).toBe(200);
    await api.dispose();
  }
});
