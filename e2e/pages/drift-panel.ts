// The version drift panel: the matrix (axis, picks, grid, classes, the diff of two classes), the
// bisect (ends, expectation, log, report) and the examples gallery.
import { expect, type Locator, type Page } from '@playwright/test';

export class DriftPanelPane {
  readonly toggle: Locator;
  readonly root: Locator;
  readonly wide: Locator;
  // matrix
  readonly axisToolchain: Locator;
  readonly axisLanguage: Locator;
  readonly fixedToolchain: Locator;
  readonly pickInstalled: Locator;
  readonly pickClear: Locator;
  readonly installMissing: Locator;
  readonly runMatrix: Locator;
  readonly cancelMatrix: Locator;
  readonly summary: Locator;
  readonly classCount: Locator;
  readonly grid: Locator;
  readonly gridRows: Locator;
  readonly classes: Locator;
  readonly classRows: Locator;
  readonly diff: Locator;
  readonly diffChange: Locator;
  readonly diffOriginal: Locator;
  readonly diffModified: Locator;
  // bisect
  readonly good: Locator;
  readonly bad: Locator;
  readonly expectKind: Locator;
  readonly expectValue: Locator;
  readonly stableOnly: Locator;
  readonly minor: Locator;
  readonly plan: Locator;
  readonly startBisect: Locator;
  readonly steps: Locator;
  readonly stepRows: Locator;
  readonly report: Locator;
  readonly reportFirst: Locator;
  readonly reportLast: Locator;
  readonly reportBuilds: Locator;
  readonly reportNotes: Locator;
  readonly reportError: Locator;

  constructor(private readonly page: Page) {
    this.toggle = page.getByTestId('open-drift');
    this.root = page.getByTestId('drift-panel');
    this.wide = page.getByTestId('drift-wide');
    this.axisToolchain = page.getByTestId('matrix-axis-toolchain');
    this.axisLanguage = page.getByTestId('matrix-axis-language');
    this.fixedToolchain = page.getByTestId('matrix-fixed-toolchain');
    this.pickInstalled = page.getByTestId('pick-installed');
    this.pickClear = page.getByTestId('pick-clear');
    this.installMissing = page.getByTestId('matrix-install');
    this.runMatrix = page.getByTestId('matrix-run');
    this.cancelMatrix = page.getByTestId('matrix-cancel');
    this.summary = page.getByTestId('matrix-summary');
    this.classCount = page.getByTestId('matrix-class-count');
    this.grid = page.getByTestId('matrix-grid');
    this.gridRows = this.grid.locator('tbody tr');
    this.classes = page.getByTestId('class-list');
    this.classRows = this.classes.locator('.class-row');
    this.diff = page.getByTestId('class-diff');
    this.diffChange = page.getByTestId('class-diff-change');
    this.diffOriginal = this.diff.locator('.editor.original .view-lines');
    this.diffModified = this.diff.locator('.editor.modified .view-lines');
    this.good = page.getByTestId('bisect-good');
    this.bad = page.getByTestId('bisect-bad');
    this.expectKind = page.getByTestId('expect-kind');
    this.expectValue = page.getByTestId('expect-value');
    this.stableOnly = page.getByTestId('bisect-stable-only');
    this.minor = page.getByTestId('bisect-minor');
    this.plan = page.getByTestId('bisect-plan');
    this.startBisect = page.getByTestId('bisect-start');
    this.steps = page.getByTestId('bisect-steps');
    this.stepRows = this.steps.locator('tbody tr[data-verdict]');
    this.report = page.getByTestId('bisect-report');
    this.reportFirst = page.getByTestId('bisect-first');
    this.reportLast = page.getByTestId('bisect-last');
    this.reportBuilds = page.getByTestId('bisect-builds');
    this.reportNotes = page.getByTestId('bisect-notes');
    this.reportError = page.getByTestId('bisect-error');
  }

  async open(): Promise<void> {
    if ((await this.root.count()) === 0) await this.toggle.click();
    await expect(this.root).toBeVisible();
  }

  async section(name: 'matrix' | 'bisect' | 'examples' | 'bench'): Promise<void> {
    await this.page.getByTestId(`drift-section-${name}`).click();
    await expect(this.root).toHaveAttribute('data-section', name);
  }

  /** Opens a curated example from the gallery: a new tab, the matrix and bisect set up. */
  async openExample(id: string): Promise<void> {
    await this.open();
    await this.section('examples');
    const card = this.page.getByTestId(`drift-example-${id}`);
    await expect(card).toBeVisible();
    await card.getByTestId(`drift-example-open-${id}`).click();
    await expect(this.root).toHaveAttribute('data-section', 'matrix');
  }

  line(line: string): Locator {
    return this.page.getByTestId(`matrix-line-${line}`);
  }

  /** Picks exactly these go lines on the language axis. */
  async chooseLines(lines: string[]): Promise<void> {
    await this.axisLanguage.click();
    const chips = this.page.locator('[data-testid^="matrix-line-"]');
    const count = await chips.count();
    for (let i = 0; i < count; i++) {
      const chip = chips.nth(i);
      const line = ((await chip.getAttribute('data-testid')) ?? '').replace('matrix-line-', '');
      const on = (await chip.getAttribute('aria-pressed')) === 'true';
      if (on !== lines.includes(line)) await chip.click();
    }
    for (const l of lines) await expect(this.line(l)).toHaveAttribute('aria-pressed', 'true');
  }

  cell(value: string): Locator {
    return this.grid.getByTestId(`matrix-cell-${value}`);
  }

  classRow(id: string): Locator {
    return this.page.getByTestId(`class-${id}`);
  }

  /** Runs the matrix and waits for its classes. */
  async run(timeout: number): Promise<void> {
    await this.runMatrix.click();
    await expect(this.summary).toHaveAttribute('data-state', 'running');
    await expect(this.summary).toHaveAttribute('data-state', 'done', { timeout });
  }

  /** The text a side of the diff editor shows, with Monaco's non-breaking spaces as spaces. */
  async diffText(side: 'original' | 'modified'): Promise<string> {
    const text = await (side === 'original' ? this.diffOriginal : this.diffModified).innerText();
    return text.replace(/\u00a0/g, ' ');
  }
}
