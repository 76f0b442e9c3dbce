// The whole handover by code through the real screens on both ends (issue 6's story):
// a portal user walks two steps and asks for a code; an agent types it into the
// console and sees the user's answers; the user answers once more and the agent's
// screen follows; the agent continues one step and the user's screen follows; the agent
// writes a note and escalates for the user; the user's page names the ticket; a
// specialist finds it in the Queue with channel, agent and note. English on the
// portal, German in the console: each side in its own language.
import { expect, test, type Page } from '@playwright/test';
import { Portal, watchProblems } from './portal.page';
import { Desk, makeAccount, watchStaffProblems } from './staff.page';

test.setTimeout(150_000);

/// The long-poll a page aborts when it goes away is expected, not a problem.
function realProblems(problems: string[]): string[] {
  return problems.filter((p) => !/\/api\/v1\/handovers\/\d+\?after=\d+&? \(net::ERR_ABORTED\)/.test(p));
}

async function answer(portal: Portal, index: number): Promise<void> {
  const moves = await portal.screen().getAttribute('data-moves');
  await portal.screen().locator('button.answer').nth(index).click();
  await expect(portal.screen()).not.toHaveAttribute('data-moves', moves ?? '');
}

/// Focus where Tab would put it, then type: the console is used from the keyboard.
async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(selector).focus();
  await page.keyboard.type(text);
}

test('a portal walk handed over by code: live both ways, escalated by the agent, in the 2nd-level queue', async ({ browser, baseURL }) => {
  // The user, in English, on a phone-sized screen.
  const userContext = await browser.newContext({ locale: 'en-GB', viewport: { width: 390, height: 900 } });
  const user = await userContext.newPage();
  const userProblems = watchProblems(user);
  const portal = new Portal(user);
  await portal.open('/walk/printer');
  await answer(portal, 2); // a message on the display
  await answer(portal, 0); // paper jam
  await user.getByRole('button', { name: 'Talk to a person' }).click();
  await user.getByTestId('talk-confirm').getByRole('button').first().click();
  const code = (await user.getByTestId('handover-code').textContent())!.trim();
  expect(code).toMatch(/^\d{3} \d{3} \d{4}$/);
  await expect(user.getByTestId('handover-phone')).toHaveAttribute('href', 'tel:+493012345678');

  // The agent types the code as read out on the phone.
  const agentAccount = await makeAccount(baseURL!, 'agent', 'Jonas Anruf');
  const agent = await Desk.open(browser, baseURL!, agentAccount, 'de-DE');
  const agentProblems = watchStaffProblems(agent.page);
  const console_ = agent.page;
  await agent.goto('/staff/calls');
  await typeInto(console_, '#handover-code', code);
  await console_.keyboard.press('Enter');
  await expect(console_.getByTestId('handover-banner')).toContainText('verbunden');
  const said = console_.getByTestId('call-said');
  await expect(said).toContainText('Papierstau oder eine Meldung im Display des Druckers');
  await expect(said).toContainText('Papierstau');

  // The user sees who is connected.
  await expect(user.getByTestId('handover')).toHaveAttribute('data-phase', 'connected');
  await expect(user.getByTestId('handover-line')).toContainText('Jonas Anruf');

  // The user answers the step (clearing the jam did not help): the console follows.
  await expect(portal.screen()).toHaveAttribute('data-moves', '2');
  await user.getByRole('button', { name: 'No, still not working' }).click();
  await expect(portal.screen()).toHaveAttribute('data-moves', '3');
  await expect(console_.getByTestId('call-fields')).toBeVisible({ timeout: 25_000 });
  await expect(said).toContainText('Versucht, hat nicht geholfen');

  // The agent notes and fills the details form for the user: the user's screen follows.
  await typeInto(console_, '#call-note', 'Stau kommt nach jedem Entfernen wieder');
  await console_.keyboard.press('Tab');
  await typeInto(console_, '#field-printer_name', 'HP LaserJet 2.OG');
  await typeInto(console_, '#field-location', 'Haus B, 2. Stock');
  await typeInto(console_, '#field-affected_users', '3');
  await console_.keyboard.press('Enter');
  await expect(console_.getByTestId('escalate')).toBeVisible();
  await expect(portal.screen()).toHaveAttribute('data-moves', '4', { timeout: 25_000 });
  await expect(user).toHaveURL(/\?step=4$/);

  // The agent escalates for the user (name and e-mail asked on the phone).
  await console_.getByTestId('escalate').focus();
  await console_.keyboard.press('Enter');
  await typeInto(console_, '#esc-name', 'Uma User');
  await typeInto(console_, '#esc-email', 'uma@example.org');
  await console_.getByTestId('escalate-submit').focus();
  await console_.keyboard.press('Enter');
  const done = console_.getByTestId('call-done');
  await expect(done).toBeVisible();
  const reference = /([A-Z0-9]{4}-[A-Z0-9]{4})/.exec((await done.textContent()) ?? '')![1];
  const href = await console_.getByTestId('call-ticket-link').getAttribute('href');
  const id = Number(href!.split('/').pop());

  // The user's page names the ticket, and its link opens the status page.
  await expect(user.getByTestId('handover-line')).toContainText(reference, { timeout: 25_000 });
  await user.getByTestId('handover-ticket-link').click();
  await expect(user).toHaveURL(new RegExp(`/status/${reference}#`));
  await expect(user.getByRole('heading', { level: 1 })).toContainText(reference);

  // The 2nd level: in the Queue as a phone ticket, with the agent and the note.
  const specialistAccount = await makeAccount(baseURL!, 'specialist', 'Sara Second', ['workplace']);
  const specialist = await Desk.open(browser, baseURL!, specialistAccount, 'de-DE');
  await specialist.goto('/staff');
  await expect(specialist.page.getByRole('link', { name: reference })).toBeVisible();
  await specialist.goto(`/staff/tickets/${id}`);
  await expect(specialist.page.getByTestId('ticket-channel')).toContainText('Telefon');
  await expect(specialist.page.getByTestId('call-agent')).toHaveText('Angenommen von Jonas Anruf');
  await expect(specialist.page.getByTestId('transcript').getByTestId('call-notes')).toContainText([
    'Stau kommt nach jedem Entfernen wieder',
  ]);
  // The walk the user started is the ticket's transcript.
  await expect(specialist.page.getByTestId('transcript')).toContainText('HP LaserJet 2.OG');

  expect(realProblems(userProblems)).toEqual([]);
  expect(realProblems(agentProblems)).toEqual([]);
  await specialist.close();
  await agent.close();
  await userContext.close();
});
