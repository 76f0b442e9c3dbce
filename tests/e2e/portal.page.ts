// Page object of the end-user portal: what a person sees and does, named as they would.
//
// Tests find things the way people (and screen readers) do: by role and visible name.
// Only a few elements carry a `data-testid`, where no role or name identifies them
// (the topic list, the walk's end panel, the findings of automatic checks).
import { expect, type Locator, type Page } from '@playwright/test';

export const ENGLISH = {
  skipLink: 'Skip to main content',
  landingTitle: 'How can we help?',
  unreachable:
    'The service cannot be reached right now. Check your connection and try again.',
  retry: 'Try again',
  notFound: 'Page not found',
  goHome: 'Go to the start page',
  helpedYes: 'Yes, that helped',
  helpedNo: 'No, still not working',
  continue: 'Continue',
  back: 'Back',
  startOver: 'Start over',
  glad: 'Glad it worked!',
  handoff: 'Your case will be handed to our support team',
  required: 'Please fill in this field.',
  search: 'Search topics',
  noMatch: 'No topic matches your search.',
  progress: /^Step (\d+) · at most (\d+) more$/,
  answers: 'Your answers',
};

export const GERMAN = {
  landingTitle: 'Wie können wir helfen?',
  search: 'Themen durchsuchen',
  noMatch: 'Kein Thema passt zu Ihrer Suche.',
};

/// Problems a page reports while a test runs: console errors, uncaught exceptions,
/// HTTP errors and failed requests. Collect them from the start, check them at the end.
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on('requestfailed', (request) =>
    problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`),
  );
  return problems;
}

export class Portal {
  constructor(readonly page: Page) {}

  /// Opens an address of the app and waits until the app has started.
  async open(path = '/'): Promise<void> {
    await this.page.goto(path);
    await expect(this.page.locator('html')).toHaveAttribute('data-app', 'ready');
  }

  heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  /// The list of topics on the landing page.
  topics(): Locator {
    return this.page.getByTestId('topics');
  }

  /// A topic's link; its name starts with the tree's title.
  topic(title: string): Locator {
    return this.topics().getByRole('link', { name: title });
  }

  category(name: string): Locator {
    return this.topics().getByRole('heading', { level: 2, name });
  }

  /// The search box above the topics, found by its label in either language.
  search(): Locator {
    return this.page.getByRole('searchbox', { name: /^(Search topics|Themen durchsuchen)$/ });
  }

  /// Types a query into the search box, the way a person does: key by key.
  async searchFor(query: string): Promise<void> {
    await this.search().fill('');
    await this.search().pressSequentially(query);
  }

  /// The live status of a search ("3 topics found"); empty while there is no search.
  searchStatus(): Locator {
    return this.page.getByTestId('search-status');
  }

  /// What the landing page says when no topic matches a search.
  noMatch(): Locator {
    return this.page.getByTestId('no-match');
  }

  async switchLanguage(name: 'Deutsch' | 'English'): Promise<void> {
    await this.page.getByRole('group', { name: /Language|Sprache/ }).getByRole('button', { name }).click();
  }

  /// Starts a topic from the landing page.
  async start(title: string): Promise<void> {
    await this.topic(title).click();
    await expect(this.stepHeading()).toBeVisible();
  }

  /// The heading of the current step of a walk.
  stepHeading(): Locator {
    return this.page.getByTestId('step-heading');
  }

  /// Picks an answer, or a "did it help?" button, by its label.
  async choose(label: string | RegExp): Promise<void> {
    const moves = await this.screen().getAttribute('data-moves');
    await this.page
      .getByRole('button', { name: label, exact: typeof label === 'string' })
      .click();
    // Screens of the same kind reuse their elements, and the next screen may have a
    // button of the same name: the move count tells that the walk moved on.
    await expect(this.screen()).not.toHaveAttribute('data-moves', moves ?? '');
  }

  /// The current step of a walk (question, step, form, check or end).
  screen(): Locator {
    return this.page.getByTestId('screen');
  }

  field(label: string | RegExp): Locator {
    return this.page.getByLabel(label);
  }

  async submit(): Promise<void> {
    await this.page.getByRole('button', { name: ENGLISH.continue }).click();
  }

  /// The panel at the end of a walk; `data-end` says how it ended.
  end(): Locator {
    return this.page.getByTestId('walk-end');
  }

  findings(): Locator {
    return this.page.getByTestId('findings');
  }

  pathSummary(): Locator {
    return this.page.getByTestId('path-summary');
  }

  /// The progress line above a step ("Step 2 · at most 5 more").
  progressLine(): Locator {
    return this.page.getByTestId('progress');
  }

  /// The step number and the most steps still ahead, read from the progress line.
  async progress(): Promise<{ step: number; ahead: number }> {
    await expect(this.progressLine()).toHaveText(ENGLISH.progress);
    const text = (await this.progressLine().textContent()) ?? '';
    const [, step, ahead] = text.match(ENGLISH.progress) ?? [];
    return { step: Number(step), ahead: Number(ahead) };
  }

  /// The answers so far, found by their heading; each entry is a button back to its step.
  answers(): Locator {
    return this.page.getByRole('region', { name: ENGLISH.answers }).getByRole('listitem');
  }

  /// Returns the walk to the step of the answers list's entry at `index` (from 0).
  async returnTo(index: number): Promise<void> {
    await this.answers().nth(index).getByRole('button').click();
  }
}
