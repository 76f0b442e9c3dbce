// The hand-off screen at an escalate node, and a staff member's view of what arrived.
//
// Extends the portal's page object with the hand-off form, its states and the
// confirmation; `Staff` signs in through the API (an admin made with the server's own
// `create-admin` command on the test's data folder) to check what a ticket holds.
import { expect, request, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENGLISH, Portal } from './portal.page';

export const HANDOFF = {
  description: 'What is wrong? (in your own words)',
  name: 'Your name',
  email: 'E-mail address',
  phone: 'Phone number',
  files: 'Attach files (optional), such as a screenshot',
  limits: 'Up to 3 files, each at most 5 MB: PNG, JPEG, GIF, WebP, PDF, TXT.',
  consent: 'Also send the details about my browser and device',
  send: 'Send to support',
  cannotWork: 'No, I cannot work at all',
  onlyMe: 'Only me',
  saved: 'Saved on this device',
  sent: 'Your case is with support',
  required: 'Please fill in this field.',
  notAnEmail: 'Please enter an e-mail address like name@example.org.',
  formHasErrors: 'Please check the marked fields.',
};

/// The smallest PNG signature the server accepts as an image.
export const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');

export class HandoffScreen extends Portal {
  constructor(page: Page) {
    super(page);
  }

  /// Printer tree: a paper jam that clearing did not fix, with the printer's details:
  /// ends at an escalate node whose contact needs an e-mail address.
  async walkToEscalate(): Promise<void> {
    await this.open('/walk/printer');
    await this.choose('Paper jam or a message on the printer’s display');
    await this.choose('Paper jam');
    await this.choose(ENGLISH.helpedNo);
    await this.field('Printer name').fill('HP LaserJet 2.OG');
    await this.field('Printer location').fill('Building B, 2nd floor');
    await this.field('Asset tag').fill('DR-004711');
    await this.field('How many people can’t print?').fill('1');
    await this.submit();
    await expect(this.end()).toHaveAttribute('data-end', 'escalated');
    await expect(this.form()).toBeVisible();
  }

  form(): Locator {
    return this.page.getByTestId('handoff-form');
  }

  /// Fills what the printer tree's escalation needs; `words` goes into the description
  /// and finds the ticket in the Queue later.
  async fillIn(words: string): Promise<void> {
    await this.field(HANDOFF.description).fill(words);
    await this.page.getByRole('radio', { name: HANDOFF.cannotWork }).check();
    await this.field(HANDOFF.name).fill('Anna Muster');
    await this.field(HANDOFF.email).fill('anna@example.org');
  }

  async attach(name: string, buffer: Buffer, mimeType = 'image/png'): Promise<void> {
    await this.field(HANDOFF.files).setInputFiles({ name, mimeType, buffer });
  }

  attachments(): Locator {
    return this.page.getByTestId('attachments').getByRole('listitem');
  }

  async send(): Promise<void> {
    await this.page.getByRole('button', { name: HANDOFF.send }).click();
  }

  saved(): Locator {
    return this.page.getByTestId('handoff-saved');
  }

  sent(): Locator {
    return this.page.getByTestId('handoff-sent');
  }

  /// The reference and the token of the confirmation, read from the page.
  async confirmation(timeout = 20_000): Promise<{ reference: string; token: string; link: string }> {
    await expect(this.sent()).toBeVisible({ timeout });
    const reference = ((await this.page.getByTestId('reference').textContent()) ?? '').trim();
    const link = (await this.page.getByTestId('status-link').getAttribute('href')) ?? '';
    const token = link.split('#')[1] ?? '';
    return { reference, token, link };
  }

  /// What the browser keeps: the outbox (waiting hand-offs) and "my tickets".
  async stored(): Promise<{ outbox: unknown[]; tickets: { reference: string; token: string }[] }> {
    return this.page.evaluate(() => ({
      outbox: JSON.parse(localStorage.getItem('lotse.outbox') ?? '[]'),
      tickets: JSON.parse(localStorage.getItem('lotse.tickets') ?? '[]'),
    }));
  }
}

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/// A staff member (admin) signed in through the API.
export class Staff {
  private constructor(readonly api: APIRequestContext) {}

  static async signIn(baseURL: string): Promise<Staff> {
    const login = 'e2e-handoff';
    const password = 'handoff-e2e-password-1';
    const server = process.env.LOTSE_E2E_SERVER || 'target/release/lotse';
    execFileSync(
      server,
      ['--data', process.env.LOTSE_E2E_DATA ?? '', 'create-admin', '--login', login, '--password-env', 'LOTSE_E2E_STAFF_PASSWORD', '--reset'],
      { cwd: repo, env: { ...process.env, LOTSE_E2E_STAFF_PASSWORD: password }, stdio: 'pipe' },
    );
    const api = await request.newContext({ baseURL });
    const res = await api.post('/api/v1/session', { data: { login, password } });
    expect(res.status(), await res.text()).toBe(200);
    return new Staff(api);
  }

  /// Tickets of every queue and status whose text holds `words`.
  async find(words: string): Promise<{ id: number; reference: string }[]> {
    const q = encodeURIComponent(words);
    const res = await this.api.get(`/api/v1/queue?q=${q}&queue=*&status=new,claimed,waiting_for_user,returned,resolved,closed`);
    expect(res.status(), await res.text()).toBe(200);
    return (await res.json()).items;
  }

  async ticket(id: number): Promise<any> {
    const res = await this.api.get(`/api/v1/tickets/${id}`);
    expect(res.status()).toBe(200);
    return res.json();
  }

  async close(): Promise<void> {
    await this.api.dispose();
  }
}
