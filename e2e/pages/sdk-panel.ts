// The SDK manager panel: installed SDKs, the release catalogue, import and export.
import { expect, type Locator, type Page } from '@playwright/test';

export class SdkPanelPane {
  readonly openButton: Locator;
  readonly root: Locator;
  readonly closeButton: Locator;
  readonly table: Locator;
  readonly catalogState: Locator;
  readonly catalogProxy: Locator;
  readonly catalogRefresh: Locator;
  readonly importPath: Locator;
  readonly importSubmit: Locator;
  readonly importResult: Locator;
  readonly importError: Locator;
  readonly exportPath: Locator;
  readonly exportSubmit: Locator;
  readonly exportResult: Locator;
  readonly exportError: Locator;

  constructor(page: Page) {
    this.openButton = page.getByTestId('open-sdk-panel');
    this.root = page.getByTestId('sdk-panel');
    this.closeButton = page.getByTestId('close-sdk-panel');
    this.table = this.root.getByTestId('sdk-table');
    this.catalogState = this.root.getByTestId('catalog-state');
    this.catalogProxy = this.root.getByTestId('catalog-proxy');
    this.catalogRefresh = this.root.getByTestId('catalog-refresh');
    this.importPath = this.root.getByTestId('import-path');
    this.importSubmit = this.root.getByTestId('import-submit');
    this.importResult = this.root.getByTestId('import-result');
    this.importError = this.root.getByTestId('import-error');
    this.exportPath = this.root.getByTestId('export-path');
    this.exportSubmit = this.root.getByTestId('export-submit');
    this.exportResult = this.root.getByTestId('export-result');
    this.exportError = this.root.getByTestId('export-error');
  }

  row(version: string): Locator {
    return this.table.getByTestId(`sdk-row-${version}`);
  }

  async open(): Promise<void> {
    await this.openButton.click();
    await expect(this.root).toBeVisible();
  }

  async close(): Promise<void> {
    await this.closeButton.click();
    await expect(this.root).toHaveCount(0);
  }

  async importFrom(path: string): Promise<void> {
    await this.importPath.fill(path);
    await this.importSubmit.click();
  }
}
