// Comfort: the theme and presentation mode as the page shows them, the Settings page and the
// keyboard shortcuts panel.
import { expect, type Locator, type Page } from '@playwright/test';

/** What these page objects read inside page.evaluate (the Node tsconfig has no DOM lib). */
interface StyleGlobals {
  document: { documentElement: { dataset: Record<string, string | undefined> } };
  getComputedStyle(element: unknown): { backgroundColor: string; fontSize: string; getPropertyValue(name: string): string };
}

export class Appearance {
  constructor(private readonly page: Page) {}

  /** data-theme on <html>: 'light' or 'dark'. */
  theme(): Promise<string | undefined> {
    return this.page.evaluate(() => (globalThis as unknown as StyleGlobals).document.documentElement.dataset.theme);
  }

  presenting(): Promise<boolean> {
    return this.page.evaluate(() => (globalThis as unknown as StyleGlobals).document.documentElement.dataset.presentation !== undefined);
  }

  backgroundOf(locator: Locator): Promise<string> {
    return locator.evaluate((el) => (globalThis as unknown as StyleGlobals).getComputedStyle(el).backgroundColor);
  }

  /** A computed font size in px. */
  async fontSizeOf(locator: Locator): Promise<number> {
    return Number.parseFloat(await locator.evaluate((el) => (globalThis as unknown as StyleGlobals).getComputedStyle(el).fontSize));
  }

  /** The output's font size, as the page sets it for the console. */
  async outputFontSize(): Promise<number> {
    const value = await this.page.evaluate(() => {
      const g = globalThis as unknown as StyleGlobals;
      return g.getComputedStyle(g.document.documentElement).getPropertyValue('--output-font-size');
    });
    return Number.parseFloat(value);
  }
}

export class SettingsPagePane {
  readonly root: Locator;
  readonly gear: Locator;
  readonly close: Locator;
  readonly timeout: Locator;
  readonly timeoutInvalid: Locator;
  readonly fontSize: Locator;
  readonly presentation: Locator;
  readonly appearanceState: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('settings-page');
    this.gear = page.getByTestId('open-settings');
    this.close = page.getByTestId('close-settings');
    this.timeout = this.root.getByTestId('timeout-seconds');
    this.timeoutInvalid = this.root.getByTestId('timeout-seconds-invalid');
    this.fontSize = this.root.getByTestId('settings-font-size');
    this.presentation = this.root.getByTestId('settings-presentation');
    this.appearanceState = this.root.getByTestId('appearance-state');
  }

  async open(): Promise<void> {
    await this.gear.click();
    await expect(this.root).toBeVisible();
  }

  async chooseTheme(theme: 'system' | 'light' | 'dark'): Promise<void> {
    await this.root.getByTestId(`settings-theme-${theme}`).click();
    await expect(this.root.getByTestId('settings-theme')).toHaveAttribute('data-value', theme);
  }

  /** Waits until the appearance reached the settings file. */
  async waitForSaved(): Promise<void> {
    await expect(this.appearanceState).toHaveAttribute('data-state', 'saved');
  }

  async dismiss(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.root).toBeHidden();
  }
}

export class HelpPanelPane {
  readonly root: Locator;
  readonly button: Locator;
  readonly rows: Locator;

  constructor(page: Page) {
    this.root = page.getByTestId('help-panel');
    this.button = page.getByTestId('open-help');
    this.rows = this.root.getByTestId('shortcut-row');
  }

  row(description: string): Locator {
    return this.rows.filter({ has: this.root.page().getByRole('rowheader', { name: description, exact: true }) });
  }

  keysOf(description: string): Locator {
    return this.row(description).getByTestId('shortcut-keys');
  }
}
