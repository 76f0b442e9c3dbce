// Addresses and history: the address bar follows the walk (`?step=` moves made), the
// browser's back and forward buttons move the walk, and a reload or a reopened tab
// resumes it. Also: moves in a walk load no page, and a walk can be done with the
// keyboard alone.
import { expect, test, type Page } from '@playwright/test';
import { ENGLISH, Portal, watchProblems } from './portal.page';

test.use({ locale: 'en-US' });

const PRINTER = 'Printer won’t print';
const FIRST = 'What happens when you print?';
const SECOND = 'Check the printer:';
const THIRD = 'Which printer is selected at the top?';

function at(step: number): RegExp {
  return new RegExp(`/walk/printer\\?step=${step}$`);
}

/// Walks the printer tree two moves in, from the landing page.
async function twoMovesIn(portal: Portal): Promise<void> {
  await portal.open('/');
  await portal.start(PRINTER);
  await expect(portal.page).toHaveURL(at(0));
  await portal.choose('Nothing comes out');
  await expect(portal.page).toHaveURL(at(1));
  await portal.choose(ENGLISH.helpedNo);
  await expect(portal.page).toHaveURL(at(2));
  await expect(portal.stepHeading()).toContainText(THIRD);
}

/// Presses Tab until the focused element matches, as a keyboard user would.
async function tabTo(page: Page, name: string | RegExp): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const e = document.activeElement as HTMLElement | null;
      return (e?.getAttribute('aria-label') ?? e?.innerText ?? '').trim();
    });
    if (typeof name === 'string' ? focused.startsWith(name) : name.test(focused)) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

test.describe('addresses and history', () => {
  test('back and forward move through the walk and back to the topics', async ({ page }) => {
    const problems = watchProblems(page);
    const portal = new Portal(page);
    await twoMovesIn(portal);

    await page.goBack();
    await expect(page).toHaveURL(at(1));
    await expect(portal.stepHeading()).toHaveText(SECOND);
    await expect(portal.stepHeading()).toBeFocused();
    await page.goBack();
    await expect(page).toHaveURL(at(0));
    await expect(portal.stepHeading()).toHaveText(FIRST);

    await page.goForward();
    await expect(page).toHaveURL(at(1));
    await expect(portal.stepHeading()).toHaveText(SECOND);
    await page.goForward();
    await expect(page).toHaveURL(at(2));
    await expect(portal.stepHeading()).toContainText(THIRD);
    await expect(portal.answers()).toHaveCount(2);

    await page.goBack();
    await page.goBack();
    await page.goBack();
    await expect(page).toHaveURL(/\/$/);
    await expect(portal.heading()).toHaveText(ENGLISH.landingTitle);
    await page.goForward();
    await expect(portal.stepHeading()).toHaveText(FIRST);
    expect(problems).toEqual([]);
  });

  test('the walk’s own back button is a step the browser’s back button undoes', async ({ page }) => {
    const portal = new Portal(page);
    await twoMovesIn(portal);
    await page.getByRole('button', { name: ENGLISH.back }).click();
    await expect(page).toHaveURL(at(1));
    await expect(portal.stepHeading()).toHaveText(SECOND);
    await page.goBack();
    await expect(page).toHaveURL(at(2));
    await expect(portal.stepHeading()).toContainText(THIRD);
  });

  test('a new answer after going back replaces the moves taken back', async ({ page }) => {
    const portal = new Portal(page);
    await twoMovesIn(portal);
    await page.goBack();
    await page.goBack();
    await expect(portal.stepHeading()).toHaveText(FIRST);
    await portal.choose('Paper jam or a message on the printer’s display');
    await expect(page).toHaveURL(at(1));
    await expect(portal.stepHeading()).toHaveText('What does the printer’s display show?');
    // The old way forward is gone: asking for it lands on the furthest step there is.
    await portal.open('/walk/printer?step=2');
    await expect(page).toHaveURL(at(1));
    await expect(portal.stepHeading()).toHaveText('What does the printer’s display show?');
  });

  test('a reload in the middle of a walk resumes it', async ({ page }) => {
    const portal = new Portal(page);
    await twoMovesIn(portal);
    await page.goBack();
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-app', 'ready');
    await expect(page).toHaveURL(at(1));
    await expect(portal.stepHeading()).toHaveText(SECOND);
    // The moves taken back are still there to go forward to.
    await page.getByRole('button', { name: ENGLISH.helpedNo }).waitFor();
    await portal.open('/walk/printer?step=2');
    await expect(portal.stepHeading()).toContainText(THIRD);
  });

  test('a closed and reopened tab resumes the walk', async ({ page, context }) => {
    const portal = new Portal(page);
    await twoMovesIn(portal);
    const address = page.url();
    await page.close();

    const again = new Portal(await context.newPage());
    await again.open(address);
    await expect(again.stepHeading()).toContainText(THIRD);
    await expect(again.answers()).toHaveCount(2);
    // From the topic list as well: the walk continues where it stood.
    await again.open('/');
    await again.start(PRINTER);
    await expect(again.page).toHaveURL(at(2));
    await expect(again.stepHeading()).toContainText(THIRD);
  });

  test('a kept walk expires two hours after its last answer, and is then removed', async ({
    page,
  }) => {
    const portal = new Portal(page);
    await twoMovesIn(portal);
    // As if two hours had gone by: the walk's time limit lies in the past.
    await page.evaluate(() => {
      const key = 'lotse.walk.printer';
      const kept = JSON.parse(localStorage.getItem(key) ?? '{}');
      kept.until = Date.now() - 1;
      localStorage.setItem(key, JSON.stringify(kept));
    });
    await portal.open('/');
    expect(await page.evaluate(() => localStorage.getItem('lotse.walk.printer'))).toBeNull();
    await portal.start(PRINTER);
    await expect(page).toHaveURL(at(0));
    await expect(portal.answers()).toHaveCount(0);
  });

  test('a step beyond the walk, or no number, lands on the furthest step', async ({ page }) => {
    const portal = new Portal(page);
    await portal.open('/walk/printer?step=7');
    await expect(page).toHaveURL(at(0));
    await expect(portal.stepHeading()).toHaveText(FIRST);
    await portal.choose('Nothing comes out');
    await portal.open('/walk/printer?step=nonsense');
    await expect(page).toHaveURL(at(1));
    await expect(portal.stepHeading()).toHaveText(SECOND);
    // The correction rewrote the entry: back leads to the step before, not to `nonsense`.
    await page.goBack();
    await expect(page).toHaveURL(at(1));
  });

  test('moves and back and forward in a walk load no page', async ({ page }) => {
    // (Links between the landing page and the walk are page loads: they are different
    // entry bundles, see entries.spec.ts.)
    const portal = new Portal(page);
    await portal.open('/walk/printer');
    await page.evaluate(() => ((window as unknown as { still: boolean }).still = true));
    await portal.choose('Nothing comes out');
    await expect(page).toHaveURL(at(1));
    await page.goBack();
    await expect(page).toHaveURL(at(0));
    await page.goForward();
    await expect(portal.stepHeading()).toHaveText(SECOND);
    expect(await page.evaluate(() => (window as unknown as { still?: boolean }).still)).toBe(true);
  });

  test('a walk from the topics to a resolved end by keyboard alone', async ({ page }) => {
    const problems = watchProblems(page);
    const portal = new Portal(page);
    await portal.open('/');
    await tabTo(page, ENGLISH.skipLink);
    await page.keyboard.press('Enter');
    await expect(page.locator('main')).toBeFocused();
    await tabTo(page, PRINTER);
    await page.keyboard.press('Enter');
    await expect(portal.stepHeading()).toHaveText(FIRST);
    await expect(portal.stepHeading()).toBeFocused();
    for (const [answer, next] of [
      ['Nothing comes out', SECOND],
      [ENGLISH.helpedNo, THIRD],
      ['A different one than I thought', null],
    ] as const) {
      await tabTo(page, answer);
      await page.keyboard.press(answer === ENGLISH.helpedNo ? 'Space' : 'Enter');
      if (next) {
        await expect(portal.stepHeading()).toContainText(next);
        await expect(portal.stepHeading()).toBeFocused();
      }
    }
    await expect(portal.end()).toHaveAttribute('data-end', 'resolved');
    await expect(page).toHaveURL(at(3));
    expect(problems).toEqual([]);
  });
});
