// The output panel: status, exit code, message, problems, latency, program output.
import type { Locator, Page } from '@playwright/test';
import type { BrowserGlobals } from './browser-globals';

export class OutputPane {
  readonly status: Locator;
  readonly exitCode: Locator;
  readonly message: Locator;
  readonly problems: Locator;
  readonly problemItems: Locator;
  readonly output: Locator;
  readonly stdout: Locator;
  readonly stderr: Locator;
  readonly latencyBar: Locator;
  readonly latencySegments: Locator;
  readonly latencyTotal: Locator;

  constructor(page: Page) {
    this.status = page.getByTestId('run-status');
    this.exitCode = page.getByTestId('exit-code');
    this.message = page.getByTestId('run-message');
    this.problems = page.getByTestId('problems');
    this.problemItems = this.problems.getByTestId('problem');
    this.output = page.getByTestId('output');
    this.stdout = this.output.locator('[data-stream="stdout"]');
    this.stderr = this.output.locator('[data-stream="stderr"]');
    this.latencyBar = page.getByTestId('latency-bar');
    this.latencySegments = this.latencyBar.getByTestId('latency-segment');
    this.latencyTotal = page.getByTestId('latency-total');
  }

  /** The id of the run the panel shows, or null before the first run. */
  async runId(): Promise<string | null> {
    if ((await this.status.count()) === 0) return null;
    return this.status.getAttribute('data-run-id');
  }

  async problemAt(text: string): Promise<Locator> {
    return this.problemItems.filter({ hasText: text }).first();
  }
}

/** The colour the browser actually paints an element's text in. */
export async function textColor(locator: Locator): Promise<string> {
  return locator.evaluate((el) => (globalThis as unknown as BrowserGlobals).getComputedStyle(el).color);
}
