// The staff workspace's ticket screen as a page object: the header with its actions,
// the live notices, the walk, the conversation with its composer, and the dialogs.
// Found by role and name where people find them so, by test id where nothing else
// names a part (the notices, the transcript, the facts).
import { expect, type Locator, type Page } from '@playwright/test';

/// A valid 24 x 24 PNG (the hand-off's own PNG is only a header: no preview).
export const SMALL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAABgAAAAYCAIAAABvFaqvAAAAH0lEQVR42mPg9s+hCmIYNWjUoFGDRg0aNWjUoIE3CAD31b2QgeCKGgAAAABJRU5ErkJggg==',
  'base64',
);

export class TicketView {
  constructor(readonly page: Page) {}

  async open(id: number): Promise<void> {
    await this.page.goto(`/staff/tickets/${id}`);
    await expect(this.page.locator('html')).toHaveAttribute('data-app', 'ready');
    await expect(this.reference()).toBeVisible();
  }

  heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  reference(): Locator {
    return this.page.getByTestId('ticket-reference');
  }

  status(): Locator {
    return this.page.getByTestId('ticket-status');
  }

  holder(): Locator {
    return this.page.getByTestId('holder');
  }

  actions(): Locator {
    return this.page.getByTestId('actions');
  }

  action(name: string | RegExp): Locator {
    return this.actions().getByRole('button', { name });
  }

  /// The polite live region: what changed ("Kim claimed this ticket").
  news(): Locator {
    return this.page.getByTestId('ticket-news');
  }

  /// The alert: why an action was not done.
  refusal(): Locator {
    return this.page.getByTestId('ticket-refusal');
  }

  transcript(): Locator {
    return this.page.getByTestId('transcript');
  }

  messages(): Locator {
    return this.page.getByTestId('thread').getByTestId('message');
  }

  composer(): Locator {
    return this.page.getByTestId('composer');
  }

  dialog(id: 'assign-dialog' | 'resolve-dialog' | 'return-dialog' | 'close-dialog'): Locator {
    return this.page.getByTestId(id);
  }

  /// Writes a reply to the user or an internal note and waits until the thread has it.
  async write(kind: RegExp, body: string, send: RegExp): Promise<void> {
    await this.composer().getByRole('radio', { name: kind }).check();
    await this.composer().getByRole('textbox').fill(body);
    await this.composer().getByRole('button', { name: send }).click();
    await expect(this.messages().filter({ hasText: body })).toHaveCount(1);
  }
}
