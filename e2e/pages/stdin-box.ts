// The tab's stdin box at the foot of the output panel: folded by default, opened to type input.
import { expect, type Locator, type Page } from '@playwright/test';

export class StdinBoxPane {
  readonly root: Locator;
  readonly toggle: Locator;
  readonly input: Locator;
  readonly summary: Locator;

  constructor(page: Page) {
    this.root = page.getByTestId('stdin-box');
    this.toggle = this.root.getByTestId('stdin-toggle');
    this.input = this.root.getByTestId('stdin-input');
    this.summary = this.root.getByTestId('stdin-summary');
  }

  async open(): Promise<void> {
    if ((await this.toggle.getAttribute('aria-expanded')) !== 'true') await this.toggle.click();
    await expect(this.input).toBeVisible();
  }

  /** Types the text as a user does, key by key (newlines with Enter). */
  async type(text: string): Promise<void> {
    await this.open();
    await this.input.click();
    await this.input.pressSequentially(text);
    await expect(this.input).toHaveValue(text);
  }
}
