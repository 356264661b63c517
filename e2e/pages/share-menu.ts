// The toolbar's Share menu: .txtar files, go.dev/play links, Markdown.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

export class ShareMenuPane {
  readonly button: Locator;
  readonly menu: Locator;
  readonly note: Locator;
  readonly error: Locator;
  readonly url: Locator;

  constructor(private readonly page: Page) {
    this.button = page.getByTestId('share-button');
    this.menu = page.getByTestId('share-menu');
    this.note = page.getByTestId('share-note');
    this.error = page.getByTestId('share-error');
    this.url = page.getByTestId('share-url');
  }

  private async choose(item: string): Promise<void> {
    if (!(await this.menu.isVisible()) || (await this.menu.getByTestId(item).count()) === 0) {
      if (await this.menu.isVisible()) await this.button.click();
      await this.button.click();
    }
    await this.menu.getByTestId(item).click();
  }

  /** Exports the active snippet and saves the download in `dir` under the name it came with. */
  async exportTxtar(dir: string): Promise<{ name: string; path: string; bytes: Buffer }> {
    const download = this.page.waitForEvent('download');
    await this.choose('share-export-txtar');
    const file = await download;
    const name = file.suggestedFilename();
    const path = join(dir, name);
    await file.saveAs(path);
    return { name, path, bytes: await readFile(path) };
  }

  /** Imports a file through the file chooser, as a user picks one. */
  async importTxtar(path: string): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.choose('share-import-txtar');
    await (await chooser).setFiles(path);
  }

  async importPlayLink(link: string): Promise<void> {
    await this.choose('share-import-play');
    await this.page.getByTestId('share-link-input').fill(link);
    await this.page.getByTestId('share-link-import').click();
  }

  /** Asks to share the active snippet and confirms. */
  async startShareToPlay(): Promise<void> {
    await this.choose('share-to-play');
    await this.page.getByTestId('share-confirm').click();
  }

  /** Shares the active snippet; the link it shows. */
  async shareToPlay(): Promise<string> {
    await this.startShareToPlay();
    await expect(this.url).toBeVisible();
    return this.url.inputValue();
  }

  async copyMarkdown(): Promise<void> {
    await this.choose('share-copy-markdown');
    await expect(this.note).toHaveText('Copied as Markdown.');
  }

  async close(): Promise<void> {
    if (await this.menu.isVisible()) await this.page.keyboard.press('Escape');
    await expect(this.menu).toBeHidden();
  }
}
