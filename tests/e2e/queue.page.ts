// The staff Queue in the browser (page object), and hand-offs of a chosen priority made
// through the real API, as the portal makes them.
import { randomBytes } from 'node:crypto';
import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { escalatingTranscript, printerVersion } from './tickets';

export const QUEUE = {
  title: 'Queue',
  claimNext: 'Claim next',
  keys: 'Keyboard shortcuts',
  notify: 'Desktop notifications for new P1 and P2',
  search: 'Search',
  status: 'Status',
  queue: 'Queue',
  priority: 'Priority',
  holder: 'Holder',
  order: 'Sort by',
  reset: 'Reset filters',
  noMatch: 'No tickets match these filters.',
};

/// ITIL impact × urgency giving priorities 1 to 5 with the default matrix.
export const LEVELS: Record<number, { impact: string; urgency: string }> = {
  1: { impact: 'high', urgency: 'high' },
  2: { impact: 'high', urgency: 'medium' },
  3: { impact: 'medium', urgency: 'medium' },
  4: { impact: 'medium', urgency: 'low' },
  5: { impact: 'low', urgency: 'low' },
};

/// A printer hand-off (queue `workplace`) of `priority` whose description holds
/// `words`; answers its reference.
export async function handOff(request: APIRequestContext, priority: number, words: string): Promise<string> {
  const version = await printerVersion(request);
  const response = await request.post('/api/v1/handoffs', {
    headers: { 'Idempotency-Key': `e2e-queue-${randomBytes(12).toString('hex')}` },
    data: {
      tree: 'printer',
      versions: { printer: version },
      transcript: escalatingTranscript(Date.now(), {
        printer_name: 'HP LaserJet 2.OG',
        location: 'Building B',
        affected_users: '1',
      }),
      contact: { name: 'Erika Muster', email: 'erika@example.org' },
      description: `The printer jams. ${words}`,
      ...LEVELS[priority],
      language: 'en',
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()).reference;
}

/// A word no other test's ticket holds, to find one's own tickets in a shared Queue.
export function uniqueWord(prefix: string): string {
  return `${prefix}${randomBytes(4).toString('hex')}`;
}

export class QueueScreen {
  constructor(readonly page: Page) {}

  table(): Locator {
    return this.page.getByTestId('queue');
  }

  rows(): Locator {
    return this.table().locator('tbody tr');
  }

  /// The row of the ticket with `reference`.
  row(reference: string): Locator {
    return this.rows().filter({ has: this.page.getByRole('link', { name: reference, exact: true }) });
  }

  /// The references shown, top to bottom.
  async references(): Promise<string[]> {
    return this.rows().locator('th a').allTextContents();
  }

  link(reference: string): Locator {
    return this.row(reference).getByRole('link', { name: reference, exact: true });
  }

  async search(words: string): Promise<void> {
    await this.page.getByRole('searchbox', { name: QUEUE.search }).fill(words);
  }

  async choose(label: string, value: string): Promise<void> {
    await this.page.getByLabel(label, { exact: true }).selectOption(value);
  }

  empty(): Locator {
    return this.page.getByTestId('queue-empty');
  }

  done(): Locator {
    return this.page.getByTestId('queue-done');
  }

  failed(): Locator {
    return this.page.getByTestId('queue-failed');
  }

  help(): Locator {
    return this.page.getByRole('dialog');
  }

  /// Presses a key on the page (not in a field).
  async key(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }
}
