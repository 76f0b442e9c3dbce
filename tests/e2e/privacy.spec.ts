// A ticket's personal data from its page: the export download holds everything, and an
// admin erases them on request after a confirmation; the user's link still opens the
// emptied ticket. axe with the dialog open.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { Staff, createTicket } from './tickets';
import { expectNoAxeViolations, makeAccount, signIn } from './staff.page';
import { TicketView } from './ticket.page';

test.use({ locale: 'en-US' });

test('an admin exports a ticket and erases its personal data on request', async ({ page, baseURL, request }) => {
  const admin = await makeAccount(baseURL!, 'admin', 'Dana Datenschutz');
  const created = await createTicket(request);
  const api = await Staff.signIn(baseURL!);
  const id = await api.ticketId(created.reference);
  await api.dispose();

  await page.goto(`/staff/tickets/${id}`);
  await signIn(page, admin);
  const view = new TicketView(page);
  await expect(view.reference()).toHaveText(created.reference);
  const section = page.getByRole('region', { name: 'Personal data' });
  await expect(section).toBeVisible();

  // The export is a download of everything, the description included.
  const [download] = await Promise.all([page.waitForEvent('download'), section.getByTestId('export').click()]);
  expect(download.suggestedFilename()).toBe(`lotse-${created.reference}.json`);
  const exported = JSON.parse(readFileSync((await download.path())!, 'utf8'));
  expect(exported.ticket.reference).toBe(created.reference);
  expect(exported.ticket.contact.name).toBe('Erika Muster');
  expect(exported.ticket.description).toContain('paper jam');

  // Erasing asks first; Cancel keeps everything.
  await section.getByTestId('erase').click();
  const dialog = page.getByTestId('erase-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expectNoAxeViolations(page);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Erika Muster').first()).toBeVisible();

  await section.getByTestId('erase').click();
  await dialog.getByRole('button', { name: 'Erase personal data' }).click();
  await expect(section.getByTestId('erased')).toContainText('Personal data erased on');
  await expect(page.getByText('Erika Muster')).toHaveCount(0);
  await expect(page.getByText('The printer shows a paper jam that will not go away.')).toHaveCount(0);
  await expect(page.getByRole('row', { name: /Erased the personal data on request/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /Exported the ticket's data/ })).toBeVisible();
  await expectNoAxeViolations(page);

  // The user's status link still opens the ticket.
  const user = await page.context().browser()!.newContext({ baseURL, locale: 'en-US' });
  const status = await user.newPage();
  await status.goto(`/status/${created.reference}#${created.token}`);
  await expect(status.getByText(created.reference).first()).toBeVisible();
  await user.close();
});
