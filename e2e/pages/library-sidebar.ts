// The snippet library sidebar, as a user works it: search, open, rename, duplicate, delete, history.
import { expect, type Locator, type Page } from '@playwright/test';

export class LibrarySidebarPane {
  readonly root: Locator;
  readonly toggle: Locator;
  readonly search: Locator;
  readonly items: Locator;
  readonly titles: Locator;
  readonly activeItem: Locator;
  readonly empty: Locator;
  readonly notice: Locator;
  readonly examples: Locator;
  readonly runs: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('library');
    this.toggle = page.getByTestId('library-toggle');
    this.search = page.getByTestId('library-search');
    this.items = this.root.getByTestId('library-item');
    this.titles = this.root.getByTestId('library-list').getByTestId('library-item-title');
    this.activeItem = this.root.locator('[data-testid="library-item"].is-active');
    this.empty = page.getByTestId('library-empty');
    this.notice = page.getByTestId('library-notice');
    this.examples = page.getByTestId('library-examples');
    this.runs = page.getByTestId('library-runs');
  }

  /** The saved snippet with exactly this name. */
  item(title: string): Locator {
    return this.root.getByTestId('library-list').getByTestId('library-item').filter({ has: this.page.getByTestId('library-item-title').getByText(title, { exact: true }) });
  }

  byId(id: string): Locator {
    return this.root.locator(`[data-testid="library-item"][data-id="${id}"]`);
  }

  async activeId(): Promise<string> {
    await expect(this.activeItem).toHaveCount(1);
    const id = await this.activeItem.getAttribute('data-id');
    if (!id) throw new Error('the active snippet has no id');
    return id;
  }

  /** The id of the one snippet with this name (names may repeat; the tests make theirs unique). */
  async idOf(title: string): Promise<string> {
    await expect(this.item(title)).toHaveCount(1);
    const id = await this.item(title).getAttribute('data-id');
    if (!id) throw new Error(`the snippet ${title} has no id`);
    return id;
  }

  async open(title: string): Promise<void> {
    await this.item(title).getByTestId('library-item-open').click();
  }

  async rename(id: string, to: string): Promise<void> {
    const item = this.byId(id);
    await item.hover();
    await item.getByTestId('library-rename-button').click();
    await item.getByTestId('library-rename').fill(to);
    await item.getByTestId('library-rename').press('Enter');
    await expect(item.getByTestId('library-item-title')).toHaveText(to);
  }

  async duplicate(id: string): Promise<void> {
    const item = this.byId(id);
    await item.hover();
    await item.getByTestId('library-duplicate').click();
  }

  async delete(id: string): Promise<void> {
    const item = this.byId(id);
    await item.hover();
    await item.getByTestId('library-delete').click();
    await item.getByTestId('library-delete-confirm').click();
    await expect(item).toHaveCount(0);
  }

  async showHistory(id: string): Promise<void> {
    const item = this.byId(id);
    await item.hover();
    await item.getByTestId('library-history').click();
    await expect(this.runs).toBeVisible();
  }

  async searchFor(query: string): Promise<void> {
    await this.search.fill(query);
  }
}
