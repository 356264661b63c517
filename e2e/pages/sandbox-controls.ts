// The sandbox controls: the WASM | Docker switch (with the engine's status dot), the faketime
// switch, the Docker warning, and the faketime replay bar in the output panel.
import { expect, type Locator, type Page } from '@playwright/test';

export type SandboxMode = 'wasm' | 'docker';
export type EngineState = 'available' | 'unavailable';

/** The first Docker status ask connects to the engine and builds the runner image locally. */
export const ENGINE_STATUS_TIMEOUT = 120_000;

export class SandboxControls {
  readonly switch: Locator;
  readonly wasm: Locator;
  readonly docker: Locator;
  readonly engineDot: Locator;
  readonly faketime: Locator;
  readonly faketimeToggle: Locator;
  readonly warning: Locator;
  readonly warningError: Locator;
  readonly checkAgain: Locator;
  readonly replayIndicator: Locator;
  readonly replaySkip: Locator;
  readonly replayDone: Locator;
  readonly faketimePending: Locator;

  constructor(page: Page) {
    this.switch = page.getByTestId('mode');
    this.wasm = page.getByTestId('mode-wasm');
    this.docker = page.getByTestId('mode-docker');
    this.engineDot = page.getByTestId('docker-engine-dot');
    this.faketime = page.getByTestId('faketime');
    this.faketimeToggle = page.locator('label', { has: this.faketime });
    this.warning = page.getByTestId('docker-warning');
    this.warningError = page.getByTestId('docker-error');
    this.checkAgain = page.getByTestId('docker-check-again');
    this.replayIndicator = page.getByTestId('replay-indicator');
    this.replaySkip = page.getByTestId('replay-skip');
    this.replayDone = page.getByTestId('replay-done');
    this.faketimePending = page.getByTestId('faketime-pending');
  }

  /** Puts the active tab in a mode, the way a user clicks the segmented control. */
  async choose(mode: SandboxMode): Promise<void> {
    await (mode === 'wasm' ? this.wasm : this.docker).click();
    await expect(this.switch).toHaveAttribute('data-mode', mode);
    await expect(mode === 'wasm' ? this.wasm : this.docker).toHaveAttribute('aria-checked', 'true');
  }

  async setFaketime(on: boolean): Promise<void> {
    if ((await this.faketime.isChecked()) !== on) await this.faketimeToggle.click();
    if (on) await expect(this.faketime).toBeChecked();
    else await expect(this.faketime).not.toBeChecked();
  }

  /** What the core said about the engine, once it has answered. */
  async engineState(timeout = ENGINE_STATUS_TIMEOUT): Promise<EngineState> {
    await expect(this.engineDot).toHaveAttribute('data-state', /^(available|unavailable)$/, { timeout });
    return (await this.engineDot.getAttribute('data-state')) as EngineState;
  }

  /** Why Docker is unavailable, as the warning shows it. */
  async unavailableReason(): Promise<string> {
    if ((await this.warning.count()) === 0) return (await this.docker.getAttribute('title')) ?? 'no reason given';
    return (await this.warningError.innerText()).trim();
  }
}
