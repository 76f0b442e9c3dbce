// The staff workspace's frame: signing in and out, the forced password change, the
// navigation each role gets, both languages, axe on each of these screens.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { Staff } from './tickets';
import { expectNoAxeViolations, makeAccount, signIn, watchStaffProblems } from './staff.page';

const SCREENS = join(dirname(fileURLToPath(import.meta.url)), 'artifacts', 'screens');
mkdirSync(SCREENS, { recursive: true });

test.use({ locale: 'en-US' });

test('a specialist signs in, sees the workspace for their role, and signs out', async ({ page, baseURL }) => {
  const problems = watchStaffProblems(page);
  const me = await makeAccount(baseURL!, 'specialist', 'Sam Specialist', ['workplace']);
  await page.goto('/staff/team');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: join(SCREENS, 'staff-login.png') });

  // A wrong password is refused with words, and the password field is emptied.
  await page.locator('#login').fill(me.login);
  await page.locator('#password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText(/Login or password is wrong/);
  await expect(page.locator('#password')).toHaveValue('');
  problems.splice(0); // the 401 of the wrong password was the point

  await signIn(page, me);
  // The address asked for comes back after signing in.
  await expect(page).toHaveURL(/\/staff\/team$/);
  const nav = page.getByRole('navigation', { name: 'Workspace' });
  await expect(nav.getByRole('link')).toHaveText(['Queue', 'Calls', 'Team', 'Trees', 'Tree gaps', 'Password']);
  await expect(page.getByTestId('live')).toHaveText('Live');

  // A reload keeps the session (the cookie), and German is one click away.
  await page.reload();
  await expect(page.getByTestId('signed-in-as')).toContainText('Sam Specialist');
  await page.getByRole('button', { name: 'Deutsch' }).click();
  await expect(page.getByRole('navigation', { name: 'Arbeitsplatz' }).getByRole('link')).toHaveText(['Warteschlange', 'Anrufe', 'Team', 'Bäume', 'Baumlücken', 'Passwort']);
  await page.getByRole('button', { name: 'English' }).click();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  expect(problems).toEqual([]);
});

test('an admin sees the administration; a page of the workspace that does not exist says so', async ({ page, baseURL }) => {
  const me = await makeAccount(baseURL!, 'admin', 'Ada Admin');
  await page.goto('/staff/no/such/screen');
  await signIn(page, me);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Not found');
  const nav = page.getByRole('navigation', { name: 'Workspace' });
  await expect(nav.getByRole('link')).toHaveText(['Queue', 'Calls', 'Team', 'Trees', 'Tree gaps', 'Administration', 'Password']);
  await expectNoAxeViolations(page);
});

test('someone whose password an admin set must choose their own before anything else', async ({ page, baseURL }) => {
  const me = await makeAccount(baseURL!, 'specialist', 'Rita Reset');
  const admin = await Staff.signIn(baseURL!);
  const temporary = 'temporary-password-1';
  const reset = await admin.call('PATCH', `/api/v1/staff/${me.id}`, { reset_password: temporary });
  expect(reset.status, reset.text).toBe(200);
  await admin.dispose();

  await page.goto('/staff');
  await signIn(page, { ...me, password: temporary });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Change password');
  await expect(page.getByText('Someone else set your password')).toBeVisible();
  await expectNoAxeViolations(page);

  await page.locator('#current-password').fill(temporary);
  await page.locator('#new-password').fill('short');
  await page.locator('#repeat-password').fill('short');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.locator('#new-password-error')).toHaveText(/At least 12 characters/);
  await expect(page.locator('#new-password')).toHaveAttribute('aria-invalid', 'true');

  await page.locator('#new-password').fill('my-own-password-42');
  await page.locator('#repeat-password').fill('my-own-password-43');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.locator('#repeat-password-error')).toHaveText(/differ/);

  await page.locator('#repeat-password').fill('my-own-password-42');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Queue');
});
