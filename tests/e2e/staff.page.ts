// The staff workspace in the browser: accounts made through the real API (by the e2e
// admin of `tickets.ts`), signing in through the real form, and the checks every staff
// screen shares (axe, problems on the console and the network).
import AxeBuilder from '@axe-core/playwright';
import { randomBytes } from 'node:crypto';
import { expect, request as playwrightRequest, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { Staff } from './tickets';

export type Role = 'agent' | 'specialist' | 'admin';

export interface Account {
  login: string;
  name: string;
  password: string;
  role: Role;
  id: number;
}

/// A staff account with a password of its own (the first password an admin sets must
/// be changed at first sign-in; this does that through the API, as the person would).
export async function makeAccount(
  baseURL: string,
  role: Role,
  name: string,
  queues: string[] = [],
): Promise<Account> {
  const admin = await Staff.signIn(baseURL);
  const login = `${role}-${randomBytes(4).toString('hex')}`;
  const first = `first-${randomBytes(12).toString('hex')}`;
  const created = await admin.call('POST', '/api/v1/staff', { login, name, role, queues, password: first });
  expect(created.status, created.text).toBe(201);
  const id = JSON.parse(created.text).id;
  await admin.dispose();
  const password = `own-${randomBytes(12).toString('hex')}`;
  const api = await playwrightRequest.newContext({ baseURL });
  const session = await api.post('/api/v1/session', { data: { login, password: first } });
  expect(session.status(), await session.text()).toBe(200);
  const csrf = (await session.json()).csrf;
  const changed = await api.post('/api/v1/session/password', {
    headers: { 'X-CSRF-Token': csrf },
    data: { current: first, new: password },
  });
  expect(changed.status(), await changed.text()).toBe(200);
  await api.dispose();
  return { login, name, password, role, id };
}

/// Problems on the page: console errors, page errors, failed requests and error
/// answers, except the 401 of the session check before anyone signed in.
export function watchStaffProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    // Chromium logs every 4xx answer of fetch as a console error; the answers are
    // judged below instead.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(`console: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    const url = new URL(response.url());
    const expected = response.status() === 401 && url.pathname === '/api/v1/session' && response.request().method() === 'GET';
    if (response.status() >= 400 && !expected) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return problems;
}

/// One staff member's browser: a context of its own (own cookies), signed in through
/// the form.
export class Desk {
  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly account: Account,
  ) {}

  static async open(browser: Browser, baseURL: string, account: Account, locale = 'en-US'): Promise<Desk> {
    const context = await browser.newContext({ baseURL, locale });
    const page = await context.newPage();
    const desk = new Desk(context, page, account);
    await desk.goto('/staff');
    await signIn(page, account);
    return desk;
  }

  async goto(path: string): Promise<void> {
    await this.page.goto(path);
    await expect(this.page.locator('html')).toHaveAttribute('data-app', 'ready');
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}

/// Fills and sends the sign-in form, and waits until the workspace shows the person.
export async function signIn(page: Page, account: Account): Promise<void> {
  const form = page.getByTestId('login-form');
  await form.locator('#login').fill(account.login);
  await form.locator('#password').fill(account.password);
  await form.locator('button[type=submit]').click();
  await expect(page.getByTestId('signed-in-as')).toContainText(account.name);
}

/// axe with the WCAG 2.1 A and AA rules: no violations.
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = results.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  expect(found).toEqual([]);
}
