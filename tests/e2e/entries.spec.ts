// Entry bundles: the landing page `/` is its own small bundle (`home`); the walk, the
// ticket pages and the not-found page are the `portal` bundle. The landing page must not
// download the portal, a topic leads into the portal by an ordinary page load, and the
// way back (a link or the browser's back button) leads to the landing page again. A
// hand-off kept in the browser is sent by the landing page too.
import { expect, test, type Page } from '@playwright/test';
import { HandoffScreen } from './handoff.page';
import { ENGLISH, Portal, watchProblems } from './portal.page';

test.use({ locale: 'en-US' });

const PRINTER = 'Printer won’t print';
const FIRST = 'What happens when you print?';

/// The app files (`*.js`, `*.wasm`, `*.css`) the page requests, by name.
function appFiles(page: Page): string[] {
  const files: string[] = [];
  page.on('request', (request) => {
    const name = new URL(request.url()).pathname.slice(1);
    if (/\.(js|wasm|css)$/.test(name)) files.push(name);
  });
  return files;
}

test.describe('entry bundles', () => {
  test('the landing page loads only the home entry’s files', async ({ page }) => {
    const problems = watchProblems(page);
    const files = appFiles(page);
    const portal = new Portal(page);
    await portal.open('/');
    await expect(portal.topic(PRINTER)).toBeVisible();
    expect(files.filter((f) => f.startsWith('home-') && f.endsWith('.wasm'))).toHaveLength(1);
    expect(files.filter((f) => f.startsWith('home-') && f.endsWith('.js'))).toHaveLength(1);
    expect(files.filter((f) => f.startsWith('portal-') || f.startsWith('staff'))).toEqual([]);
    expect(problems).toEqual([]);
  });

  test('a topic opens the walk in the portal entry; the link and back lead to the landing page', async ({ page }) => {
    const problems = watchProblems(page);
    const files = appFiles(page);
    const portal = new Portal(page);
    await portal.open('/');
    await portal.start(PRINTER);
    await expect(page).toHaveURL(/\/walk\/printer\?step=0$/);
    await expect(portal.stepHeading()).toHaveText(FIRST);
    // A click on a topic is the person's move: the first step takes the focus.
    await expect(portal.stepHeading()).toBeFocused();
    expect(files.some((f) => f.startsWith('portal-') && f.endsWith('.wasm'))).toBe(true);

    // Inside the portal, moves need no page load.
    await page.evaluate(() => ((window as unknown as { still: boolean }).still = true));
    await portal.choose('Nothing comes out');
    await expect(page).toHaveURL(/step=1$/);
    await page.goBack();
    await expect(page).toHaveURL(/step=0$/);
    await expect(portal.stepHeading()).toHaveText(FIRST);
    expect(await page.evaluate(() => (window as unknown as { still?: boolean }).still)).toBe(true);

    // The browser's back button returns to the landing page (the home entry).
    await page.goBack();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.locator('html')).toHaveAttribute('data-app', 'ready');
    await expect(portal.heading()).toHaveText(ENGLISH.landingTitle);
    await page.goForward();
    await expect(page.locator('html')).toHaveAttribute('data-app', 'ready');
    await expect(portal.stepHeading()).toHaveText(FIRST);

    // So does the "All topics" link, and the heading takes the focus there.
    await page.getByRole('link', { name: 'All topics' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(portal.heading()).toHaveText(ENGLISH.landingTitle);
    await expect(portal.heading()).toBeFocused();
    expect(problems).toEqual([]);
  });

  test('unknown addresses and the ticket pages are the portal’s', async ({ page }) => {
    const files = appFiles(page);
    const portal = new Portal(page);
    await portal.open('/no/such/page');
    await expect(page.getByTestId('not-found')).toBeVisible();
    await portal.open('/status');
    await expect(portal.heading()).toBeVisible();
    expect(files.filter((f) => f.endsWith('.wasm')).every((f) => f.startsWith('portal-'))).toBe(true);
  });

  test('a hand-off kept in the browser is sent from the landing page, once', async ({ page, context }) => {
    test.setTimeout(60_000);
    const screen = new HandoffScreen(page);
    const keys: string[] = [];
    const created: number[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/v1/handoffs') && r.method() === 'POST') keys.push(r.headers()['idempotency-key']);
    });
    page.on('response', (r) => {
      if (r.url().endsWith('/api/v1/handoffs') && r.request().method() === 'POST') created.push(r.status());
    });
    await screen.walkToEscalate();
    await screen.fillIn('Kept, then sent from the topics');
    await context.setOffline(true);
    await screen.send();
    await expect(screen.saved()).toBeVisible();
    const { outbox } = await screen.stored();
    const key = (outbox[0] as { key: string }).key;

    // Back online but the service still unreachable; the person goes to the topics.
    await page.route('**/api/v1/handoffs', (route) => route.abort('connectionrefused'));
    await context.setOffline(false);
    const files = appFiles(page);
    await new Portal(page).open('/');
    await page.unroute('**/api/v1/handoffs');

    // The landing page's own start sends it (its retry timer, after the refused try).
    await expect.poll(async () => (await screen.stored()).outbox.length, { timeout: 40_000 }).toBe(0);
    expect(created).toEqual([201]);
    expect(new Set(keys)).toEqual(new Set([key]));
    expect((await screen.stored()).tickets).toHaveLength(1);
    expect(page.url()).toMatch(/\/$/);
    expect(files.filter((f) => f.startsWith('portal-'))).toEqual([]);
  });
});
