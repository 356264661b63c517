// The Go version picker in the toolbar: open it, search, pick, install, remove.
import { expect, type Locator, type Page } from '@playwright/test';

export class VersionPickerPane {
  readonly trigger: Locator;
  readonly popover: Locator;
  readonly search: Locator;
  readonly installedOptions: Locator;
  readonly availableOptions: Locator;
  readonly catalogState: Locator;
  readonly showUnstable: Locator;

  constructor(private readonly page: Page) {
    this.trigger = page.getByTestId('version-picker');
    this.popover = page.getByTestId('version-picker-popover');
    this.search = page.getByTestId('version-search');
    this.installedOptions = this.popover.locator('[role="option"][data-kind="installed"]');
    this.availableOptions = this.popover.locator('[role="option"][data-kind="available"]');
    this.catalogState = page.getByTestId('picker-catalog-state');
    this.showUnstable = page.getByTestId('show-unstable');
  }

  option(version: string): Locator {
    return this.popover.getByTestId(`version-option-${version}`);
  }

  /** The installed toolchain the tab falls back on ("" in the workspace). */
  get defaultOption(): Locator {
    return this.installedOptions.filter({ has: this.page.locator('.badge-default') });
  }

  async open(): Promise<void> {
    if ((await this.popover.count()) === 0) await this.trigger.click();
    await expect(this.popover).toBeVisible();
    await expect(this.search).toBeFocused();
  }

  async close(): Promise<void> {
    if ((await this.popover.count()) === 0) return;
    await this.search.press('Escape');
    await expect(this.popover).toHaveCount(0);
  }

  /** Picks an installed version for the active tab with the mouse; the picker closes. */
  async pick(version: string): Promise<void> {
    await this.open();
    await this.option(version).click();
    await expect(this.popover).toHaveCount(0);
    await expect(this.trigger).toHaveAttribute('data-version', version);
  }

  async pickDefault(): Promise<string> {
    await this.open();
    const option = this.defaultOption.first();
    const version = (await option.getAttribute('data-testid'))?.replace(/^version-option-/, '') ?? '';
    await option.click();
    await expect(this.popover).toHaveCount(0);
    await expect(this.trigger).toHaveAttribute('data-default', 'true');
    return version;
  }

  /** The version shown on the closed picker. */
  async shownVersion(): Promise<string | null> {
    return this.trigger.getAttribute('data-version');
  }
}
