// A go test run's results in the output panel: the tests list with its summary, and the
// benchmark table.
import type { Locator, Page } from '@playwright/test';

export class TestResultsPane {
  readonly root: Locator;
  readonly summary: Locator;
  readonly rows: Locator;
  readonly benchTable: Locator;
  readonly benchRows: Locator;

  constructor(page: Page) {
    this.root = page.getByTestId('test-results');
    this.summary = this.root.getByTestId('tests-summary');
    this.rows = this.root.getByTestId('test-row');
    this.benchTable = this.root.getByTestId('bench-table');
    this.benchRows = this.benchTable.getByTestId('bench-row');
  }

  /** The row of one test, by its full name (TestX or TestX/sub). */
  row(name: string): Locator {
    return this.root.locator(`[data-testid="test-row"][data-name="${name}"]`);
  }

  benchRow(name: string): Locator {
    return this.benchTable.locator(`[data-testid="bench-row"][data-name="${name}"]`);
  }
}
