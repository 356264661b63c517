// The files of the shown snippet (one tab each, add / rename / delete), Format and the run checks
// menu above the editor, and the sandbox pre-check bar under them.
import { expect, type Locator, type Page } from '@playwright/test';

export type CheckName = 'formatOnRun' | 'vetOnRun' | 'vetBlocks' | 'moduleDownloads';

export class FileStripPane {
  readonly root: Locator;
  readonly tabs: Locator;
  readonly activeTab: Locator;
  readonly addButton: Locator;
  readonly nameInput: Locator;
  readonly nameError: Locator;
  readonly renameButton: Locator;
  readonly deleteButton: Locator;
  readonly confirmDelete: Locator;
  readonly formatButton: Locator;
  readonly formatNote: Locator;
  readonly checksButton: Locator;
  readonly checksMenu: Locator;
  readonly precheckWarnings: Locator;
  readonly precheckSwitch: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('file-strip');
    this.tabs = this.root.getByTestId('file-tab');
    this.activeTab = this.root.locator('[data-testid="file-tab"][data-active="true"]');
    this.addButton = page.getByTestId('add-file');
    this.nameInput = page.getByTestId('file-name-input');
    this.nameError = page.getByTestId('file-name-error');
    this.renameButton = page.getByTestId('rename-file');
    this.deleteButton = page.getByTestId('delete-file');
    this.confirmDelete = page.getByTestId('confirm-delete');
    this.formatButton = page.getByTestId('format');
    this.formatNote = page.getByTestId('format-note');
    this.checksButton = page.getByTestId('checks-button');
    this.checksMenu = page.getByTestId('checks-menu');
    this.precheckWarnings = page.getByTestId('precheck-warning');
    this.precheckSwitch = page.getByTestId('precheck-switch');
  }

  tab(name: string): Locator {
    return this.root.locator(`[data-testid="file-tab"][data-file="${name}"]`);
  }

  async names(): Promise<string[]> {
    return this.tabs.evaluateAll((els) => els.map((e) => e.getAttribute('data-file') ?? ''));
  }

  async activeName(): Promise<string | null> {
    return (await this.activeTab.count()) === 0 ? null : this.activeTab.getAttribute('data-file');
  }

  async show(name: string): Promise<void> {
    await this.tab(name).click();
    await expect(this.tab(name)).toHaveAttribute('data-active', 'true');
  }

  /** + then the name and Enter; the new file is shown. */
  async add(name: string): Promise<void> {
    await this.addButton.click();
    await this.nameInput.fill(name);
    await this.nameInput.press('Enter');
    await expect(this.tab(name)).toHaveAttribute('data-active', 'true');
  }

  /** Types a name that is refused: the reason shows and the input stays. */
  async addRefused(name: string): Promise<string> {
    await this.addButton.click();
    await this.nameInput.fill(name);
    await this.nameInput.press('Enter');
    await expect(this.nameError).toBeVisible();
    await expect(this.nameInput).toBeVisible();
    const why = (await this.nameError.innerText()).trim();
    await this.nameInput.press('Escape');
    await expect(this.nameInput).toHaveCount(0);
    return why;
  }

  async rename(from: string, to: string): Promise<void> {
    await this.show(from);
    await this.renameButton.click();
    await this.nameInput.fill(to);
    await this.nameInput.press('Enter');
    await expect(this.tab(to)).toHaveAttribute('data-active', 'true');
    await expect(this.tab(from)).toHaveCount(0);
  }

  async delete(name: string): Promise<void> {
    await this.show(name);
    await this.deleteButton.click();
    await this.confirmDelete.click();
    await expect(this.tab(name)).toHaveCount(0);
  }

  /** Turns one run check on or off in the checks menu (an app setting: it stays for later tests). */
  async setCheck(name: CheckName, on: boolean): Promise<void> {
    await this.checksButton.click();
    await expect(this.checksMenu).toBeVisible();
    const box = this.page.getByTestId(`check-${name}`);
    await expect(box).toBeEnabled();
    if ((await box.isChecked()) !== on) await box.click();
    if (on) await expect(box).toBeChecked();
    else await expect(box).not.toBeChecked();
    // Saved: the menu takes the next change again.
    await expect(box).toBeEnabled();
    await this.page.keyboard.press('Escape');
    await expect(this.checksMenu).toBeHidden();
  }
}
