// The agent console (/staff/calls) in German, keyboard only inside the call: a guided
// call escalated with notes (and what the 2nd level then sees), a call solved on the
// phone with a closed ticket for the record, a portal walk taken over by code and
// followed live, refused codes, returned tickets and the caller lookup.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { Desk, expectNoAxeViolations, makeAccount, watchStaffProblems } from './staff.page';
import { escalatingTranscript, printerVersion, Staff } from './tickets';

const SCREENS = join(dirname(fileURLToPath(import.meta.url)), 'artifacts', 'screens');
mkdirSync(SCREENS, { recursive: true });

async function checkBothSchemes(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectNoAxeViolations(page);
    await page.screenshot({ path: join(SCREENS, `staff-calls-${name}-${scheme}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/// Types into the field with `selector` from the keyboard (the focus is put there the
/// way Tab would; no mouse).
async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(selector).focus();
  await page.keyboard.type(text);
}

/// Presses Enter on the element: how a keyboard user activates a button.
async function activate(page: Page, selector: string): Promise<void> {
  await page.locator(selector).focus();
  await page.keyboard.press('Enter');
}

/// Fills the new-call form and starts the call on the printer topic.
async function startPrinterCall(page: Page, name: string, phone = '', email = ''): Promise<void> {
  await expect(page.getByTestId('new-call-form')).toBeVisible();
  await typeInto(page, '#call-name', name);
  if (phone) await typeInto(page, '#call-phone', phone);
  if (email) await typeInto(page, '#call-email', email);
  await typeInto(page, '#topic-search', 'Drucker');
  await expect(page.getByTestId('topic-result').first()).toContainText('Drucker druckt nicht');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('topic-result').first()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('.topic-chosen')).toContainText('Drucker druckt nicht');
  // Picking moves focus to "Change" a frame later; wait for it, or that move could land
  // between our focus on the name and the Enter, which would then press "Change".
  await expect(page.locator('#topic-chosen')).toBeFocused();
  await activate(page, '#call-name');
  await expect(page.getByTestId('call')).toBeVisible();
  await expect(page.getByTestId('call-timer')).toHaveText(/^\d\d:\d\d$/);
}

/// Writes a note at the current step, then leaves the field (Tab) so number keys pick
/// answers again.
async function note(page: Page, text: string): Promise<void> {
  await typeInto(page, '#call-note', text);
  await page.keyboard.press('Tab');
}

/// The printer tree's details form, from the keyboard; Enter in a field sends it.
async function fillDetails(page: Page): Promise<void> {
  await expect(page.getByTestId('call-fields')).toBeVisible();
  await typeInto(page, '#field-printer_name', 'HP LaserJet 2.OG');
  await typeInto(page, '#field-location', 'Haus B, 2. Stock');
  await typeInto(page, '#field-affected_users', '1');
  await page.keyboard.press('Enter');
}

/// The ticket reference in the "ticket created" confirmation.
async function createdReference(page: Page): Promise<{ reference: string; id: number }> {
  const done = page.getByTestId('call-done');
  await expect(done).toBeVisible();
  const text = await done.textContent();
  const reference = /([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(text ?? '')?.[1];
  expect(reference, text ?? '').toBeTruthy();
  const href = await page.getByTestId('call-ticket-link').getAttribute('href');
  return { reference: reference!, id: Number(href!.split('/').pop()) };
}

interface Handover {
  id: number;
  code: string;
  token: string;
}

/// A portal user asks to talk to a person after two answers of the printer tree (paper
/// jam, at the "clear the jam" step), as the portal does.
async function portalHandover(request: APIRequestContext, moves = 2): Promise<Handover> {
  const version = await printerVersion(request);
  const response = await request.post('/api/v1/handovers', {
    data: {
      tree: 'printer',
      versions: { printer: version },
      transcript: escalatingTranscript(Date.now()).slice(0, moves),
      diagnostics: { browser: 'Firefox 128', os: 'Windows 11' },
      language: 'de',
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  const created = await response.json();
  return { id: created.id, code: created.code, token: created.token };
}

test('a guided call: topic by search, number keys, notes, escalate; the 2nd level sees phone, agent and notes', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const agentAccount = await makeAccount(baseURL!, 'agent', 'Anna Anruf');
  const specialistAccount = await makeAccount(baseURL!, 'specialist', 'Sven Second', ['workplace']);
  const agent = await Desk.open(browser, baseURL!, agentAccount, 'de-DE');
  const problems = watchStaffProblems(agent.page);
  const page = agent.page;
  // Calls come first in an agent's navigation.
  await expect(page.getByRole('navigation').getByRole('link').first()).toHaveText('Anrufe');
  await agent.goto('/staff/calls');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Anrufe');
  await checkBothSchemes(page, 'form');

  // Starting without a name or topic says what is missing, at the fields.
  await activate(page, '[data-testid=start-call]');
  await expect(page.locator('#call-name')).toBeFocused();
  await expect(page.getByText('Geben Sie den Namen des Anrufers ein.')).toBeVisible();
  await expect(page.getByText('Wählen Sie das Thema des Anrufs.')).toBeVisible();

  await startPrinterCall(page, 'Erika Muster', '+49 30 555 0101', 'erika@example.org');
  const script = page.getByTestId('call-script');
  await expect(script).toContainText('Gesprächsleitfaden');
  await expect(script).toContainText('Fragen Sie den Anrufer, was genau passiert');
  await checkBothSchemes(page, 'walk');
  await note(page, 'Drucker zeigt eine Meldung');
  await page.keyboard.press('3');
  await expect(page.getByTestId('call-step')).toHaveText('Was zeigt das Display des Druckers?');
  await page.keyboard.press('1');
  await expect(page.getByTestId('call-answer')).toHaveText(['1Das hat geholfen', '2Das hat nicht geholfen']);
  await note(page, 'Papier entfernt, Stau bleibt');
  // Back one step and forward again: the note is kept.
  await activate(page, '[data-testid=call-back]');
  await expect(page.getByTestId('call-note')).toHaveValue('');
  await page.keyboard.press('1');
  await expect(page.getByTestId('call-note')).toHaveValue('Papier entfernt, Stau bleibt');
  // Number keys do nothing while typing in the note.
  await page.locator('#call-note').focus();
  await page.keyboard.press('2');
  await expect(page.getByTestId('call-note')).toHaveValue('Papier entfernt, Stau bleibt2');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Tab');
  await page.keyboard.press('2');
  await fillDetails(page);
  await expect(page.getByTestId('escalate')).toBeVisible();
  const said = page.getByTestId('call-said');
  await expect(said).toContainText('Papierstau oder eine Meldung im Display des Druckers');
  await expect(said).toContainText('Papier entfernt, Stau bleibt');
  await expect(said).toContainText('HP LaserJet 2.OG');
  await note(page, 'Anruferin braucht den Drucker heute');

  await activate(page, '[data-testid=escalate]');
  const dialog = page.getByTestId('escalate-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('#esc-name')).toHaveValue('Erika Muster');
  await expect(dialog.locator('#esc-phone')).toHaveValue('+49 30 555 0101');
  await expect(dialog.locator('#esc-summary')).toHaveValue(/Papier entfernt, Stau bleibt/);
  await checkBothSchemes(page, 'escalate-dialog');
  await activate(page, '[data-testid=escalate-submit]');
  const { reference, id } = await createdReference(page);
  await expect(page.getByTestId('call-done')).toContainText(`Ticket ${reference} angelegt: Lesen Sie dem Anrufer die Nummer vor.`);
  await checkBothSchemes(page, 'escalated');
  expect(problems).toEqual([]);

  // The 2nd level: the ticket in the Queue, and on its screen phone, agent and notes.
  const specialist = await Desk.open(browser, baseURL!, specialistAccount, 'de-DE');
  await specialist.goto('/staff');
  await expect(specialist.page.getByRole('link', { name: reference })).toBeVisible();
  await specialist.goto(`/staff/tickets/${id}`);
  await expect(specialist.page.getByTestId('ticket-channel')).toContainText('Telefon');
  await expect(specialist.page.getByTestId('call-agent')).toHaveText('Angenommen von Anna Anruf');
  const notes = specialist.page.getByTestId('transcript').getByTestId('call-notes');
  await expect(notes).toContainText(['Drucker zeigt eine Meldung', 'Papier entfernt, Stau bleibt', 'Anruferin braucht den Drucker heute']);
  await specialist.page.emulateMedia({ colorScheme: 'dark' });
  await expectNoAxeViolations(specialist.page);
  await specialist.page.screenshot({ path: join(SCREENS, 'staff-calls-ticket-dark.png'), fullPage: true });
  await specialist.close();

  // A reload keeps nothing of a finished call but its confirmation; "New call" starts over.
  await page.reload();
  await expect(page.getByTestId('call-done')).toContainText(reference);
  await activate(page, '[data-testid=new-call]');
  await expect(page.getByTestId('new-call-form')).toBeVisible();
  await agent.close();
});

test('solved on the call, with a closed ticket for the record; a call survives a reload', async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const account = await makeAccount(baseURL!, 'agent', 'Ben Beller');
  const agent = await Desk.open(browser, baseURL!, account, 'de-DE');
  const page = agent.page;
  await agent.goto('/staff/calls');
  await startPrinterCall(page, 'Olga Offline');
  await page.keyboard.press('1');
  await expect(page.getByTestId('call-answer')).toHaveCount(2);
  await note(page, 'Druckauftrag hing in der Warteschlange');
  // A reload finds the call where it was, with its note.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-app', 'ready');
  await expect(page.getByTestId('call-note')).toHaveValue('Druckauftrag hing in der Warteschlange');
  await expect(page.getByTestId('call-answer')).toHaveCount(2);

  await activate(page, '[data-testid=solved]');
  const dialog = page.getByTestId('solved-dialog');
  await expect(dialog).toBeVisible();
  await page.locator('#solved-record').focus();
  await page.keyboard.press('Space');
  // Keeping a record needs what solved it.
  await activate(page, '[data-testid=solved-submit]');
  await expect(dialog.getByText('Schreiben Sie, was geholfen hat')).toBeVisible();
  await expect(page.locator('#solved-summary')).toBeFocused();
  await page.keyboard.type('Hängenden Auftrag gelöscht, Testseite kommt.');
  await checkBothSchemes(page, 'solved-dialog');
  await activate(page, '[data-testid=solved-submit]');
  const { reference, id } = await createdReference(page);
  await expect(page.getByTestId('call-done')).toContainText('Als gelöst erfasst');
  const admin = await Staff.signIn(baseURL!);
  const ticket = await admin.call('GET', `/api/v1/tickets/${id}`);
  expect(ticket.status, ticket.text).toBe(200);
  const detail = JSON.parse(ticket.text);
  expect(detail.reference).toBe(reference);
  expect(detail.status).toBe('closed');
  expect(detail.channel).toBe('phone');
  expect(detail.call.agent.name).toBe('Ben Beller');
  await admin.dispose();
  await agent.close();
});

test('taking over a portal walk by code: live in both directions, then escalated for the caller', async ({ browser, baseURL, request }) => {
  test.setTimeout(120_000);
  const account = await makeAccount(baseURL!, 'agent', 'Carla Code');
  const agent = await Desk.open(browser, baseURL!, account, 'de-DE');
  const problems = watchStaffProblems(agent.page);
  const page = agent.page;
  await agent.goto('/staff/calls');
  const handover = await portalHandover(request);

  // The code as the caller reads it, with spaces.
  await typeInto(page, '#handover-code', handover.code);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('handover-banner')).toHaveText(/Mit dem Ablauf des Anrufers verbunden/);
  const said = page.getByTestId('call-said');
  await expect(said).toContainText('Papierstau oder eine Meldung im Display des Druckers');
  await expect(page.getByTestId('call-diagnostics')).toContainText('Firefox 128');
  await expect(page.getByTestId('call-step')).toContainText('Papierstau');
  await checkBothSchemes(page, 'handover');

  // The caller moves (did not help): the agent's screen follows.
  const caller = { Authorization: `Bearer ${handover.token}` };
  const before = await (await request.get(`/api/v1/handovers/${handover.id}`, { headers: caller })).json();
  expect(before.status).toBe('connected');
  const moved = await request.put(`/api/v1/handovers/${handover.id}/walk`, {
    headers: caller,
    data: { revision: before.revision, transcript: escalatingTranscript(Date.now()).slice(0, 3) },
  });
  expect(moved.status(), await moved.text()).toBe(200);
  await expect(page.getByTestId('call-fields')).toBeVisible({ timeout: 25_000 });
  await expect(said).toContainText('Versucht, hat nicht geholfen');

  // The agent continues one step; the caller's walk follows.
  await fillDetails(page);
  await expect(page.getByTestId('escalate')).toBeVisible();
  await expect
    .poll(async () => (await (await request.get(`/api/v1/handovers/${handover.id}`, { headers: caller })).json()).walk.transcript.length)
    .toBe(4);

  // Escalate on the caller's behalf: the name is asked in the dialog.
  await activate(page, '[data-testid=escalate]');
  await expect(page.locator('#esc-name')).toHaveValue('');
  await activate(page, '[data-testid=escalate-submit]');
  await expect(page.locator('#esc-name')).toBeFocused();
  await page.keyboard.type('Dora Digital');
  // This escalation needs an e-mail address: said at the field.
  await page.keyboard.press('Enter');
  await expect(page.locator('#esc-email')).toBeFocused();
  await expect(page.locator('#esc-email')).toHaveAttribute('aria-invalid', 'true');
  await page.keyboard.type('dora@example.org');
  await page.keyboard.press('Enter');
  const { reference } = await createdReference(page);
  const after = await (await request.get(`/api/v1/handovers/${handover.id}`, { headers: caller })).json();
  expect(after.status).toBe('escalated');
  expect(after.ticket.reference).toBe(reference);
  expect(problems).toEqual([]);
  await agent.close();
});

test('wrong, malformed and expired codes are refused in words; a caller who ends is said so', async ({ browser, baseURL, request }) => {
  test.setTimeout(90_000);
  const account = await makeAccount(baseURL!, 'agent', 'Dirk Dreher');
  const agent = await Desk.open(browser, baseURL!, account, 'de-DE');
  const page = agent.page;
  await agent.goto('/staff/calls');
  const refusal = page.getByTestId('code-refusal');

  await typeInto(page, '#handover-code', '482 193');
  await page.keyboard.press('Enter');
  await expect(refusal).toHaveText('Ein Code hat zehn Ziffern. Bitten Sie den Anrufer, ihn noch einmal vorzulesen.');
  await expect(page.locator('#handover-code')).toHaveAttribute('aria-invalid', 'true');

  await page.locator('#handover-code').fill('');
  await page.keyboard.type(`000-${randomBytes(2).readUInt16BE() % 900 + 100}-0000`);
  await page.keyboard.press('Enter');
  await expect(refusal).toHaveText('Kein wartender Ablauf hat diesen Code. Bitten Sie den Anrufer, ihn noch einmal vorzulesen.');
  await checkBothSchemes(page, 'code-refused');

  // Expired: the code's time set into the past in the server's database.
  const old = await portalHandover(request);
  execFileSync('python3', [
    '-c',
    'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("UPDATE handovers SET expires_at = 1000 WHERE id = ?", (int(sys.argv[2]),)); c.commit()',
    join(process.env.LOTSE_E2E_DATA!, 'lotse.db'),
    String(old.id),
  ]);
  await page.locator('#handover-code').fill('');
  await page.keyboard.type(old.code.replace(/ /g, ''));
  await page.keyboard.press('Enter');
  await expect(refusal).toHaveText('Dieser Code ist abgelaufen (nach 30 Minuten). Bitten Sie den Anrufer um einen neuen Code.');

  // A live session the caller ends.
  const live = await portalHandover(request);
  await page.locator('#handover-code').fill('');
  await page.keyboard.type(live.code);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('handover-banner')).toHaveText(/verbunden/);
  const ended = await request.delete(`/api/v1/handovers/${live.id}`, { headers: { Authorization: `Bearer ${live.token}` } });
  expect(ended.status(), await ended.text()).toBe(200);
  await expect(page.getByTestId('handover-banner')).toHaveText(/Der Anrufer hat die Sitzung beendet/, { timeout: 25_000 });
  await expect(page.getByTestId('call-answer')).toHaveCount(0);
  await agent.close();
});

test('returned tickets: instructions, call back, claim, reply and close; the lookup finds the caller by phone', async ({ browser, baseURL, request }) => {
  test.setTimeout(120_000);
  const account = await makeAccount(baseURL!, 'agent', 'Emil Echo');
  const phone = `+49 30 ${randomBytes(3).readUIntBE(0, 3) % 9000000 + 1000000}`;
  const version = await printerVersion(request);
  const handoff = await request.post('/api/v1/handoffs', {
    headers: { 'Idempotency-Key': `e2e-${randomBytes(12).toString('hex')}` },
    data: {
      tree: 'printer',
      versions: { printer: version },
      transcript: escalatingTranscript(Date.now()),
      contact: { name: 'Fritz Faxgerät', email: 'fritz@example.org', phone },
      description: 'Papierstau geht nicht weg.',
      impact: 'low',
      urgency: 'medium',
      language: 'de',
    },
  });
  expect(handoff.status(), await handoff.text()).toBe(201);
  const reference = (await handoff.json()).reference;
  const admin = await Staff.signIn(baseURL!);
  const id = await admin.ticketId(reference);
  const claimed = await admin.call('POST', `/api/v1/tickets/${id}/claim`);
  expect(claimed.status, claimed.text).toBe(200);
  const instructions = 'Bitte Herrn Faxgerät fragen, ob das Gerät eine Fehlernummer zeigt.';
  const back = await admin.call('POST', `/api/v1/tickets/${id}/transition`, { action: 'return_to_first_level', text: instructions });
  expect(back.status, back.text).toBe(200);
  await admin.dispose();

  const agent = await Desk.open(browser, baseURL!, account, 'de-DE');
  const page = agent.page;
  await agent.goto('/staff/calls');
  const item = page.getByTestId('returned-item').filter({ hasText: reference });
  await expect(item.getByTestId('returned-instructions')).toHaveText(instructions);
  await expect(item.getByTestId('call-back')).toHaveAttribute('href', `tel:${phone.replace(/ /g, '')}`);
  await expect(item.getByRole('link', { name: 'fritz@example.org' })).toHaveAttribute('href', 'mailto:fritz@example.org');

  // The lookup by phone (written differently) finds the open ticket.
  await typeInto(page, '#lookup-q', phone.replace('+49 30 ', '+49 (30) '));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('lookup-results')).toContainText(reference);
  await checkBothSchemes(page, 'returned');
  await page.locator('#lookup-q').fill('');
  await page.keyboard.type('kein gültiger Suchbegriff');
  await page.keyboard.press('Enter');
  await expect(page.locator('#lookup-error')).toHaveText('Das ist weder eine Ticketnummer (K7M4-QX9P) noch eine E-Mail-Adresse oder Telefonnummer.');

  await item.getByTestId('returned-claim').focus();
  await page.keyboard.press('Enter');
  await expect(item).toContainText('Übernommen von Emil Echo');
  await item.getByRole('link', { name: reference }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('ticket-reference')).toHaveText(reference);
  const composer = page.getByTestId('composer');
  await composer.getByRole('textbox').fill('Wir haben telefoniert: Fehlernummer E42, Techniker kommt.');
  await composer.getByRole('button', { name: 'Antwort an Nutzer senden' }).click();
  await expect(page.getByTestId('thread')).toContainText('Fehlernummer E42');
  // The holder resolves with what the call found, then closes.
  await page.getByTestId('actions').getByRole('button', { name: 'Lösen…' }).click();
  const resolve = page.getByTestId('resolve-dialog');
  await resolve.getByLabel('Lösung').fill('Fehlernummer E42 telefonisch geklärt, Techniker beauftragt.');
  await resolve.getByRole('button', { name: 'Lösen', exact: true }).click();
  await expect(page.getByTestId('ticket-status')).toHaveText('Gelöst');
  await page.getByTestId('actions').getByRole('button', { name: 'Schließen…' }).click();
  await page.getByTestId('close-dialog').getByRole('button', { name: 'Ticket schließen' }).click();
  await expect(page.getByTestId('ticket-status')).toHaveText('Geschlossen');
  await agent.close();
});

test('in English: the form, the script, number keys, solved on the call without a record', async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const account = await makeAccount(baseURL!, 'agent', 'Edda Ernst');
  const agent = await Desk.open(browser, baseURL!, account, 'en-GB');
  const problems = watchStaffProblems(agent.page);
  const page = agent.page;
  await agent.goto('/staff/calls');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Calls');
  await activate(page, '[data-testid=start-call]');
  await expect(page.getByText("Enter the caller's name.")).toBeVisible();
  await expect(page.getByText('Choose the topic of the call.')).toBeVisible();
  await checkBothSchemes(page, 'form-en');

  await typeInto(page, '#call-name', 'Paul Printer');
  await typeInto(page, '#topic-search', 'printer');
  await expect(page.getByTestId('topic-result').first()).toContainText('Printer won’t print');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.locator('#topic-chosen')).toBeFocused();
  await activate(page, '#call-name');
  await expect(page.getByTestId('call')).toBeVisible();
  await expect(page.getByTestId('call-script')).toContainText('Script');
  await expect(page.getByTestId('call-step')).toHaveText('What happens when you print?');
  await page.keyboard.press('3');
  await expect(page.getByTestId('call-step')).toHaveText('What does the printer’s display show?');
  await checkBothSchemes(page, 'walk-en');

  await activate(page, '[data-testid=solved]');
  const dialog = page.getByTestId('solved-dialog');
  await expect(dialog.getByRole('heading')).toHaveText('Solved on the call');
  await page.locator('#solved-summary').focus();
  await page.keyboard.type('Restarted the printer together.');
  await checkBothSchemes(page, 'solved-dialog-en');
  await activate(page, '[data-testid=solved-submit]');
  await expect(page.getByTestId('call-done')).toContainText('Solved on the call');
  await expect(page.getByTestId('call-ticket-link')).toHaveCount(0);
  expect(problems).toEqual([]);
  await agent.close();
});
