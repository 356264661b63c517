// The latency panel (the last run's stages, p50/p95 per stage and mode, the recent runs chart,
// the compile cache) and the run's cache verdict in the output header.
import type { Locator, Page } from '@playwright/test';

export class LatencyPanelPane {
  readonly tab: Locator;
  readonly outputTab: Locator;
  readonly root: Locator;
  readonly statsTables: Locator;
  readonly statsRows: Locator;
  readonly chart: Locator;
  readonly hitRate: Locator;
  readonly historyCount: Locator;
  readonly clearHistory: Locator;
  readonly cacheUsage: Locator;
  readonly cacheBudget: Locator;
  readonly cacheBudgetSave: Locator;
  readonly cacheClear: Locator;
  readonly cacheNote: Locator;
  /** The last run's verdict ("cache hit" / "cache miss"), in the output header. */
  readonly runCache: Locator;
  readonly runCacheInputs: Locator;

  constructor(page: Page) {
    this.tab = page.getByTestId('panel-latency');
    this.outputTab = page.getByTestId('panel-output');
    this.root = page.getByTestId('latency-panel');
    this.statsTables = this.root.getByTestId('latency-stats');
    this.statsRows = this.root.getByTestId('latency-stats-row');
    this.chart = this.root.getByTestId('latency-chart');
    this.hitRate = this.root.getByTestId('cache-hit-rate');
    this.historyCount = this.root.getByTestId('history-count');
    this.clearHistory = this.root.getByTestId('history-clear');
    this.cacheUsage = this.root.getByTestId('cache-usage');
    this.cacheBudget = this.root.getByTestId('cache-budget');
    this.cacheBudgetSave = this.root.getByTestId('cache-budget-save');
    this.cacheClear = this.root.getByTestId('cache-clear');
    this.cacheNote = this.root.getByTestId('cache-note');
    this.runCache = page.getByTestId('run-cache').first();
    this.runCacheInputs = page.getByTestId('run-cache-input');
  }

  async open(): Promise<void> {
    await this.tab.click();
  }

  /** The p50/p95 row of a stage in one mode's table ("total" is the whole run). */
  row(mode: 'wasm' | 'docker', stage: string): Locator {
    return this.root.locator(`[data-testid="latency-stats"][data-mode="${mode}"] [data-testid="latency-stats-row"][data-stage="${stage}"]`);
  }
}
