// The trace timeline panel: Run traced, lanes, zoom, the selected goroutine, the exports.
import { expect, type Locator, type Page } from '@playwright/test';
import { FIRST_BUILD_TIMEOUT } from './gopherlab-page';

export class TracePanelPane {
  readonly tab: Locator;
  readonly root: Locator;
  readonly runTraced: Locator;
  readonly lanes: Locator;
  readonly procLanes: Locator;
  readonly goroutineLanes: Locator;
  readonly pipelineLane: Locator;
  readonly canvas: Locator;
  readonly range: Locator;
  readonly zoomIn: Locator;
  readonly zoomOut: Locator;
  readonly fit: Locator;
  readonly goroutinesToggle: Locator;
  readonly summary: Locator;
  readonly error: Locator;
  readonly tooltip: Locator;
  readonly goroutineBox: Locator;
  readonly goroutineName: Locator;
  readonly creationStack: Locator;
  readonly noStack: Locator;
  readonly exportChrome: Locator;
  readonly downloadGo: Locator;

  constructor(private readonly page: Page) {
    this.tab = page.getByTestId('panel-trace');
    this.root = page.getByTestId('trace-panel');
    this.runTraced = page.getByTestId('run-traced');
    this.lanes = this.root.getByTestId('trace-lane');
    this.procLanes = this.root.locator('[data-testid="trace-lane"][data-kind="proc"]');
    this.goroutineLanes = this.root.locator('[data-testid="trace-lane"][data-kind="goroutine"]');
    this.pipelineLane = this.root.locator('[data-testid="trace-lane"][data-kind="pipeline"]');
    this.canvas = this.root.getByTestId('trace-canvas');
    this.range = this.root.getByTestId('trace-range');
    this.zoomIn = this.root.getByTestId('trace-zoom-in');
    this.zoomOut = this.root.getByTestId('trace-zoom-out');
    this.fit = this.root.getByTestId('trace-fit');
    this.goroutinesToggle = this.root.getByTestId('trace-goroutines');
    this.summary = this.root.getByTestId('trace-summary');
    this.error = this.root.getByTestId('trace-error');
    this.tooltip = this.root.getByTestId('trace-tooltip');
    this.goroutineBox = this.root.getByTestId('trace-goroutine');
    this.goroutineName = this.root.getByTestId('trace-goroutine-name');
    this.creationStack = this.root.getByTestId('trace-creation-stack');
    this.noStack = this.root.getByTestId('trace-no-stack');
    this.exportChrome = this.root.getByTestId('trace-export-chrome');
    this.downloadGo = this.root.getByTestId('trace-download-go');
  }

  async open(): Promise<void> {
    await this.tab.click();
    await expect(this.root).toBeVisible();
  }

  /** Presses Run traced with the panel open and waits for that run to end and its trace to be read. */
  async runTracedAndWait(timeout = FIRST_BUILD_TIMEOUT): Promise<void> {
    await this.open();
    const previous = await this.root.getAttribute('data-run-id');
    await this.runTraced.click();
    await expect.poll(async () => {
      const id = await this.root.getAttribute('data-run-id');
      return id !== null && id !== previous;
    }).toBe(true);
    await expect(this.root).toHaveAttribute('data-phase', 'done', { timeout });
    await expect(this.root).not.toHaveAttribute('data-trace', 'loading', { timeout });
  }

  /** Turns the wheel over the middle of the timeline (negative: zoom in). */
  async wheelOverTimeline(deltaY: number): Promise<void> {
    const box = await this.canvas.boundingBox();
    if (!box) throw new Error('the timeline canvas is not visible');
    await this.page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 12));
    await this.page.mouse.wheel(0, deltaY);
  }
}
