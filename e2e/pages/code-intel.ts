// What gopls adds to the editor, as a user meets it: the suggestion list, the hover card, the
// notice when gopls is missing.
import type { Locator, Page } from '@playwright/test';

export class CodeIntelPane {
  readonly suggestions: Locator;
  readonly hover: Locator;
  readonly notice: Locator;
  readonly installButton: Locator;
  readonly dismissButton: Locator;

  constructor(private readonly page: Page) {
    this.suggestions = page.locator('.suggest-widget.visible .monaco-list-row');
    this.hover = page.locator('.monaco-hover:not(.hidden)');
    this.notice = page.getByTestId('gopls-notice');
    this.installButton = this.notice.getByRole('button', { name: /install gopls/i });
    this.dismissButton = this.notice.getByRole('button', { name: 'Dismiss the gopls notice' });
  }

  suggestion(label: string): Locator {
    return this.suggestions.filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) });
  }

  /** A word as the editor draws it (one token), on the line that contains `onLine`. */
  token(text: string, onLine: string): Locator {
    return this.page
      .getByTestId('editor')
      .locator('.view-lines .view-line')
      .filter({ hasText: onLine })
      .locator('span > span', { hasText: new RegExp(`^${text}$`) })
      .first();
  }
}
