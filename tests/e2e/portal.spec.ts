// The end-user portal in a real browser against the real server and the shipped trees.
//
// Answer labels are copied from `trees/*.toml` (they are content, and reading them here
// keeps each walk readable). When a shipped tree changes its wording, change it here.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { ENGLISH, GERMAN, Portal, watchProblems } from './portal.page';

// Contexts start in English unless a test says otherwise, whatever the machine's locale.
test.use({ locale: 'en-US' });

const PRINTER = 'Printer won’t print';

/// Printer tree: the way to a resolved end ("the job went to another printer").
async function walkToResolved(portal: Portal): Promise<void> {
  await portal.open('/');
  await portal.start(PRINTER);
  await expect(portal.stepHeading()).toHaveText('What happens when you print?');
  await portal.choose('Nothing comes out');
  await portal.choose(ENGLISH.helpedNo);
  await portal.choose('A different one than I thought');
}

async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  // Ids and the offending elements say more in a failure than the whole report.
  const found = results.violations.map((v) => ({
    id: v.id,
    nodes: v.nodes.map((n) => n.target.join(' ')),
  }));
  expect(found).toEqual([]);
}

test.describe('landing page', () => {
  test('lists the shipped trees by category in English', async ({ page }) => {
    const portal = new Portal(page);
    await portal.open('/');
    await expect(portal.heading()).toHaveText(ENGLISH.landingTitle);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    for (const [category, title] of [
      ['Printing', PRINTER],
      ['Internet and Wi-Fi', 'No internet or Wi-Fi'],
      ['E-mail', 'E-mail and Outlook'],
      ['Password and sign-in', 'Forgotten password, locked account or MFA problem'],
      ['VPN and working from home', 'VPN and remote access from home'],
      ['Computer and devices', 'Computer slow, freezing or crashing'],
    ]) {
      await expect(portal.category(category)).toBeVisible();
      await expect(portal.topic(title)).toBeVisible();
    }
    await expect(portal.topic(PRINTER)).toHaveAttribute('href', '/walk/printer');
  });

  test('switches to German and remembers the choice', async ({ page }) => {
    const portal = new Portal(page);
    await portal.open('/');
    await expect(portal.topic(PRINTER)).toBeVisible();
    await portal.switchLanguage('Deutsch');
    await expect(portal.heading()).toHaveText(GERMAN.landingTitle);
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await expect(portal.category('Drucken')).toBeVisible();
    await expect(portal.topic('Drucker druckt nicht')).toBeVisible();
    await expect(portal.topic('Kein Internet oder WLAN')).toBeVisible();

    await page.reload();
    await expect(portal.heading()).toHaveText(GERMAN.landingTitle);
    await portal.switchLanguage('English');
    await expect(portal.heading()).toHaveText(ENGLISH.landingTitle);
  });

  test('says clearly when the service cannot be reached, and retries', async ({ page }) => {
    await page.route('**/api/v1/**', (route) => route.abort());
    const portal = new Portal(page);
    await portal.open('/');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText(ENGLISH.unreachable);
    await expect(portal.heading()).toHaveText(ENGLISH.landingTitle);

    await page.unroute('**/api/v1/**');
    await alert.getByRole('button', { name: ENGLISH.retry }).click();
    await expect(portal.topic(PRINTER)).toBeVisible();
    await expect(alert).toHaveCount(0);
  });

  test('has no accessibility violations', async ({ page }) => {
    const portal = new Portal(page);
    await portal.open('/');
    await expect(portal.topic(PRINTER)).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('has no accessibility violations while a search is typed', async ({ page }) => {
    const portal = new Portal(page);
    await portal.open('/');
    await expect(portal.topic(PRINTER)).toBeVisible();
    await portal.searchFor('printer');
    await expect(portal.searchStatus()).toHaveText('1 topic found');
    await expectNoAxeViolations(page);
    await portal.searchFor('xyzzy');
    await expect(portal.noMatch()).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('starts with a skip link to the main content', async ({ page }) => {
    const portal = new Portal(page);
    await portal.open('/');
    await expect(portal.topic(PRINTER)).toBeVisible();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: ENGLISH.skipLink });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('main')).toBeFocused();
  });
});

test.describe('search on the landing page', () => {
  // Each query must find its tree whatever the language of the page: keywords of both
  // languages count.
  const QUERIES: [string, string][] = [
    ['Drucker', 'printer'],
    ['printer', 'printer'],
    ['WLAN', 'no-internet'],
    ['Wi-Fi', 'no-internet'],
    ['Passwort', 'password'],
    ['password', 'password'],
  ];

  for (const language of ['English', 'Deutsch'] as const) {
    test(`finds the right topic for words of either language, in ${language}`, async ({ page }) => {
      const problems = watchProblems(page);
      const portal = new Portal(page);
      await portal.open('/');
      await portal.switchLanguage(language);
      await expect(portal.search()).toBeVisible();
      for (const [query, tree] of QUERIES) {
        await portal.searchFor(query);
        await expect(portal.topics().locator(`a[data-tree="${tree}"]`), query).toBeVisible();
        // A search shows one flat list, without category headings.
        await expect(portal.topics().getByRole('heading')).toHaveCount(0);
        await expect(portal.searchStatus()).toHaveText(/^(1 topic found|\d+ topics found|1 Thema gefunden|\d+ Themen gefunden)$/);
      }
      expect(problems).toEqual([]);
    });
  }

  test('says so when nothing matches, and clearing restores the categories', async ({ page }) => {
    const portal = new Portal(page);
    await portal.open('/');
    const search = portal.search();
    await expect(page.getByText(ENGLISH.search, { exact: true })).toBeVisible();
    await expect(search).toHaveAttribute('type', 'search');
    await portal.searchFor('xyzzy');
    await expect(portal.noMatch()).toContainText(ENGLISH.noMatch);
    await expect(portal.noMatch()).toContainText('Try another word');
    await expect(portal.searchStatus()).toHaveText(ENGLISH.noMatch);
    await expect(portal.searchStatus()).toHaveAttribute('role', 'status');
    await expect(portal.searchStatus()).toHaveAttribute('aria-live', 'polite');
    await expect(portal.topics()).toHaveCount(0);

    await search.fill('');
    await expect(portal.category('Printing')).toBeVisible();
    await expect(portal.topic(PRINTER)).toBeVisible();
    await expect(portal.noMatch()).toHaveCount(0);
    await expect(portal.searchStatus()).toHaveText('');
  });

  test('works by keyboard: typing narrows, Escape clears', async ({ page }) => {
    const portal = new Portal(page);
    await portal.open('/');
    await expect(portal.topic(PRINTER)).toBeVisible();
    await portal.search().focus();
    await page.keyboard.type('drucken');
    await expect(portal.searchStatus()).toHaveText('1 topic found');
    await page.keyboard.press('Tab');
    await expect(portal.topic(PRINTER)).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(portal.search()).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(portal.search()).toHaveValue('');
    await expect(portal.category('Printing')).toBeVisible();
  });

  test('speaks German in a German page', async ({ page }) => {
    const portal = new Portal(page);
    await portal.open('/');
    await portal.switchLanguage('Deutsch');
    await expect(page.getByRole('searchbox', { name: GERMAN.search })).toBeVisible();
    await portal.searchFor('printer');
    await expect(portal.searchStatus()).toHaveText('1 Thema gefunden');
    await expect(portal.topic('Drucker druckt nicht')).toBeVisible();
    await portal.searchFor('qqq');
    await expect(portal.noMatch()).toContainText(GERMAN.noMatch);
  });
});

test.describe('in the dark colour scheme', () => {
  test.use({ colorScheme: 'dark' });

  test('the landing page and a step have no accessibility violations', async ({ page }) => {
    const portal = new Portal(page);
    await portal.open('/');
    await expect(portal.topic(PRINTER)).toBeVisible();
    await expectNoAxeViolations(page);
    await portal.start(PRINTER);
    await portal.choose('Nothing comes out');
    await expectNoAxeViolations(page);
  });
});

test.describe('with a German browser', () => {
  test.use({ locale: 'de-DE' });

  test('starts in German', async ({ page }) => {
    const portal = new Portal(page);
    await portal.open('/');
    await expect(portal.heading()).toHaveText(GERMAN.landingTitle);
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await expect(portal.topic('Drucker druckt nicht')).toBeVisible();
    await portal.start('Drucker druckt nicht');
    await expect(portal.stepHeading()).toHaveText('Was passiert, wenn Sie drucken?');
  });
});

test.describe('walk', () => {
  test('reaches a resolved end, without a single error on the way', async ({ page }) => {
    const problems = watchProblems(page);
    const portal = new Portal(page);
    await walkToResolved(portal);
    await expect(portal.end()).toHaveAttribute('data-end', 'resolved');
    await expect(portal.end()).toContainText(ENGLISH.glad);
    await expect(portal.screen()).toContainText('went to the other printer');
    await expect(page).toHaveTitle(`${PRINTER} – Lotse`);
    expect(problems).toEqual([]);
  });

  test('forgets a finished walk once the person leaves it', async ({ page }) => {
    const problems = watchProblems(page);
    const portal = new Portal(page);
    await walkToResolved(portal);
    await expect(portal.end()).toBeVisible();
    await page.getByRole('link', { name: 'All topics' }).click();
    await expect(portal.heading()).toHaveText(ENGLISH.landingTitle);
    await portal.start(PRINTER);
    await expect(portal.stepHeading()).toHaveText('What happens when you print?');
    await expect(portal.end()).toHaveCount(0);
    expect(problems).toEqual([]);
  });

  test('reaches an escalate end through a form, and shows what is passed on', async ({ page }) => {
    const portal = new Portal(page);
    await portal.open('/walk/printer');
    await portal.choose('Paper jam or a message on the printer’s display');
    // A question after a question: the screen is reused, the focus still moves.
    await expect(portal.stepHeading()).toHaveText('What does the printer’s display show?');
    await expect(portal.stepHeading()).toBeFocused();
    await portal.choose('Paper jam');
    await expect(portal.stepHeading()).toHaveText('Clear the paper jam:');
    await portal.choose(ENGLISH.helpedNo);

    // Nothing filled in: each required field says so, and the first one takes the focus.
    await portal.submit();
    await expect(page.getByText(ENGLISH.required)).toHaveCount(3);
    await expect(portal.field('Printer name')).toBeFocused();
    await expect(portal.field('Printer name')).toHaveAttribute('aria-invalid', 'true');

    await portal.field('Printer name').fill('HP LaserJet 2.OG');
    await portal.field('Printer location').fill('Building B, 2nd floor');
    await portal.field('Asset tag').fill('nope');
    await portal.field('How many people can’t print?').fill('many');
    await portal.submit();
    await expect(page.getByText('This does not have the expected format.')).toBeVisible();
    await expect(page.getByText('Please enter a number, for example 12.')).toBeVisible();

    await portal.field('Asset tag').fill('DR-004711');
    await portal.field('How many people can’t print?').fill('3');
    await portal.submit();

    await expect(portal.end()).toHaveAttribute('data-end', 'escalated');
    await expect(portal.end()).toContainText(ENGLISH.handoff);
    const summary = portal.pathSummary();
    await expect(summary).toContainText('Paper jam');
    await expect(summary).toContainText('Did not help');
    await expect(summary).toContainText('Printer name: HP LaserJet 2.OG');
    await expect(summary).toContainText('Asset tag: DR-004711');
  });

  test('runs automatic checks and shows what they found', async ({ page }) => {
    // The tree probes an outside address; on a closed network it answers from here.
    await page.route('https://www.example.org/**', (route) =>
      route.fulfill({ status: 200, body: 'ok' }),
    );
    const portal = new Portal(page);
    await portal.open('/walk/no-internet');
    await portal.choose('The device I’m reading this on');
    const findings = portal.findings();
    // Findings show once the last check is done; a check may take up to 5 s.
    await expect(findings).toContainText('Your operating system:', { timeout: 8_000 });
    await expect(findings).toContainText('Your device is connected to a network.');
    await expect(findings).toContainText(/The help portal answers (quickly|slowly) \(\d+ ms\)\./);
    await expect(findings).toContainText(/www\.example\.org can(not)? be reached\./);
    await expect(page.getByRole('status').filter({ has: findings })).toHaveAttribute(
      'aria-live',
      'polite',
    );

    // Back skips the checks (they would run again at once) to the last question.
    await page.getByRole('button', { name: ENGLISH.back }).click();
    await expect(portal.stepHeading()).toContainText('Which device has no internet?');
  });

  test('a reach check gets through to the address the tree names', async ({ page }) => {
    // The server's Content-Security-Policy lets the page fetch exactly the origins the
    // trees' `reach` checks name; this proves the probe is not blocked.
    await page.route('https://www.example.org/**', (route) =>
      route.fulfill({ status: 200, body: 'ok' }),
    );
    const portal = new Portal(page);
    await portal.open('/walk/no-internet');
    await portal.choose('The device I’m reading this on');
    await expect(portal.findings()).toContainText('www.example.org can be reached.', {
      timeout: 8_000,
    });
  });

  test('moves the focus to each new step, and goes back and starts over', async ({ page }) => {
    const portal = new Portal(page);
    await portal.open('/');
    await portal.start(PRINTER);
    await expect(portal.stepHeading()).toBeFocused();
    await portal.choose('Nothing comes out');
    await expect(portal.stepHeading()).toHaveText('Check the printer:');
    await expect(portal.stepHeading()).toBeFocused();

    await page.getByRole('button', { name: ENGLISH.back }).click();
    await expect(portal.stepHeading()).toHaveText('What happens when you print?');
    await expect(portal.stepHeading()).toBeFocused();
    await expect(page.getByRole('button', { name: ENGLISH.back })).toHaveCount(0);

    await portal.choose('Nothing comes out');
    await portal.choose(ENGLISH.helpedYes);
    await expect(portal.end()).toHaveAttribute('data-end', 'resolved');
    await page.getByRole('button', { name: ENGLISH.startOver }).click();
    await expect(portal.stepHeading()).toHaveText('What happens when you print?');
  });

  test('continues where it stood after a reload', async ({ page }) => {
    const portal = new Portal(page);
    await portal.open('/walk/printer');
    await portal.choose('Nothing comes out');
    await portal.choose(ENGLISH.helpedNo);
    await expect(portal.stepHeading()).toContainText('Which printer is selected at the top?');
    await page.reload();
    await expect(portal.stepHeading()).toContainText('Which printer is selected at the top?');
  });

  test('follows the language switch in the middle of a walk', async ({ page }) => {
    const portal = new Portal(page);
    await portal.open('/walk/printer');
    await portal.choose('Nothing comes out');
    await portal.switchLanguage('Deutsch');
    await expect(portal.stepHeading()).toHaveText('Schauen Sie am Drucker nach:');
    await expect(page.getByRole('button', { name: 'Nein, geht immer noch nicht' })).toBeVisible();
  });

  test('a command in a step can be copied', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const portal = new Portal(page);
    await portal.open('/walk/no-internet');
    await portal.choose('Another device (I’m reading this on my phone, for example)');
    await page.getByLabel('Windows PC or laptop').check();
    await portal.submit();
    await portal.choose(ENGLISH.helpedNo);
    await portal.choose('I’m connected, but web pages still don’t load');
    await portal.choose(ENGLISH.helpedNo);
    await portal.choose('Only my device – others work normally');
    await expect(portal.stepHeading()).toHaveText('Renew the network address on Windows.');

    await page.getByRole('button', { name: 'Copy' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('ipconfig /renew');
  });

  test('shows the step number and the most steps still ahead', async ({ page }) => {
    const portal = new Portal(page);
    await portal.open('/walk/printer');
    const first = await portal.progress();
    expect(first.step).toBe(1);
    expect(first.ahead).toBeGreaterThan(0);
    await portal.choose('Nothing comes out');
    const second = await portal.progress();
    expect(second.step).toBe(2);
    expect(second.ahead).toBeLessThanOrEqual(first.ahead);
    await portal.choose(ENGLISH.helpedNo);
    const third = await portal.progress();
    expect(third.step).toBe(3);
    expect(third.ahead).toBeLessThanOrEqual(second.ahead);
  });

  test('lists the answers so far, and an entry returns the walk there', async ({ page }) => {
    const portal = new Portal(page);
    await portal.open('/walk/printer');
    await expect(portal.answers()).toHaveCount(0);
    await portal.choose('Nothing comes out');
    await portal.choose(ENGLISH.helpedNo);
    await expect(portal.answers()).toHaveCount(2);
    await expect(portal.answers().nth(0)).toContainText('What happens when you print?');
    await expect(portal.answers().nth(0)).toContainText('Nothing comes out');
    await expect(portal.answers().nth(1)).toContainText('Did not help');

    await portal.returnTo(0);
    await expect(portal.stepHeading()).toHaveText('What happens when you print?');
    await expect(portal.stepHeading()).toBeFocused();
    await expect(portal.answers()).toHaveCount(0);
    expect((await portal.progress()).step).toBe(1);

    // By keyboard: after one answer, the entry takes the focus and Enter returns.
    await portal.choose('Nothing comes out');
    await expect(portal.answers()).toHaveCount(1);
    await portal.answers().nth(0).getByRole('button').focus();
    await page.keyboard.press('Enter');
    await expect(portal.stepHeading()).toHaveText('What happens when you print?');
    await expect(portal.stepHeading()).toBeFocused();
  });

  test('a step with the answers so far has no accessibility violations', async ({ page }) => {
    const portal = new Portal(page);
    await portal.open('/walk/printer');
    await portal.choose('Nothing comes out');
    await portal.choose(ENGLISH.helpedNo);
    await expect(portal.answers()).toHaveCount(2);
    await expectNoAxeViolations(page);
  });

  test('a step with instructions per system follows the detected one and can be switched', async ({ page }) => {
    const problems = watchProblems(page);
    const portal = new Portal(page);
    await portal.open('/walk/printer');
    await portal.choose('Nothing comes out');
    await portal.choose(ENGLISH.helpedNo);
    // `which_printer` has a macOS variant only; headless Chromium here reports Linux,
    // so the general text (Ctrl + P) shows and the switch says so.
    const heading = portal.stepHeading();
    const system = page.getByLabel('Instructions for');
    await expect(system).toHaveValue('other');
    await expect(heading).toContainText('Ctrl + P');
    await expect(system.locator('option')).toHaveText(['macOS', 'Other systems']);
    await expectNoAxeViolations(page);
    await system.selectOption('macos');
    await expect(heading).toContainText('⌘ + P');
    // The choice describes the device being fixed: it outlasts a reload.
    await page.reload();
    await expect(portal.stepHeading()).toContainText('⌘ + P');
    await expect(page.getByLabel('Instructions for')).toHaveValue('macos');
    // The choice carries to the next step with instructions per system.
    await portal.choose('The right printer');
    const next = page.getByLabel('Instructions for');
    await expect(next.locator('option')).toHaveText(['Windows', 'macOS', 'Other systems']);
    await expect(next).toHaveValue('macos');
    await next.selectOption('other');
    await expect(next).toHaveValue('other');
    await portal.choose(ENGLISH.helpedNo);
    expect(problems).toEqual([]);
  });

  test('a step has no accessibility violations', async ({ page }) => {
    const portal = new Portal(page);
    await portal.open('/walk/printer');
    await portal.choose('Nothing comes out');
    await expectNoAxeViolations(page);
  });

  test('a form with messages has no accessibility violations', async ({ page }) => {
    const portal = new Portal(page);
    await portal.open('/walk/no-internet');
    await portal.choose('Another device (I’m reading this on my phone, for example)');
    await portal.submit();
    await expect(page.getByText('Please choose one option.')).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('an unknown topic says so', async ({ page }) => {
    const portal = new Portal(page);
    await portal.open('/walk/no-such-tree');
    await expect(portal.heading()).toHaveText('Topic not found');
    await page.getByRole('link', { name: 'All topics' }).click();
    await expect(portal.heading()).toHaveText(ENGLISH.landingTitle);
  });
});

test.describe('not-found page', () => {
  test('an unknown address shows the not-found page with a way home', async ({ page }) => {
    const portal = new Portal(page);
    await portal.open('/no/such/page');
    await expect(portal.heading()).toHaveText(ENGLISH.notFound);
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: ENGLISH.goHome }).click();
    await expect(portal.heading()).toHaveText(ENGLISH.landingTitle);
    await expect(page).toHaveURL(/\/$/);
  });
});
