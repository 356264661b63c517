// The whole window: toolbar, editor, output (or the drift panel), status bar; the steps a user takes.
import { expect, type Locator, type Page } from '@playwright/test';
import { DriftPanelPane } from './drift-panel';
import { EditorPane } from './editor-pane';
import { OutputPane } from './output-pane';
import { SandboxControls } from './sandbox-controls';
import { SdkPanelPane } from './sdk-panel';
import { VersionPickerPane } from './version-picker';

/** Long enough for the first wasip1 build on a cold cache, which compiles the standard library. */
export const FIRST_BUILD_TIMEOUT = 180_000;

export class GopherlabPage {
  readonly editor: EditorPane;
  readonly drift: DriftPanelPane;
  readonly output: OutputPane;
  readonly runButton: Locator;
  readonly stopButton: Locator;
  readonly versions: VersionPickerPane;
  readonly sdkPanel: SdkPanelPane;
  readonly sandbox: SandboxControls;
  readonly timeoutInput: Locator;
  readonly statusGo: Locator;
  readonly statusMode: Locator;
  readonly connection: Locator;
  readonly saveState: Locator;
  readonly tabs: Locator;
  readonly addTabButton: Locator;
  readonly runTime: Locator;

  constructor(readonly page: Page) {
    this.editor = new EditorPane(page);
    this.drift = new DriftPanelPane(page);
    this.output = new OutputPane(page);
    this.runButton = page.getByTestId('run');
    this.stopButton = page.getByTestId('stop');
    this.versions = new VersionPickerPane(page);
    this.sdkPanel = new SdkPanelPane(page);
    this.sandbox = new SandboxControls(page);
    this.timeoutInput = page.getByTestId('timeout-seconds');
    this.statusGo = page.getByTestId('status-go');
    this.statusMode = page.getByTestId('status-mode');
    this.connection = page.getByTestId('status-connection');
    this.saveState = page.getByTestId('save-state');
    this.tabs = page.getByTestId('tab');
    this.addTabButton = page.getByTestId('add-tab');
    this.runTime = page.getByTestId('run-time');
  }

  /** Opens the app and waits until it is connected and the saved workspace is in the editor. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.waitUntilReady();
  }

  async reload(): Promise<void> {
    await this.page.reload();
    await this.waitUntilReady();
  }

  async waitUntilReady(): Promise<void> {
    await expect(this.connection).toHaveText('Connected');
    await expect(this.editor.lines).toBeVisible();
    // Run is enabled once workspace.load has answered.
    await expect(this.runButton).toBeEnabled();
  }

  /** Adds a snippet tab; it comes to the front. */
  async addTab(): Promise<void> {
    const before = await this.tabs.count();
    await this.addTabButton.click();
    await expect(this.tabs).toHaveCount(before + 1);
    await expect(this.tabs.nth(before)).toHaveAttribute('data-active', 'true');
  }

  async setTimeoutSeconds(seconds: number): Promise<void> {
    await this.timeoutInput.fill(String(seconds));
    await expect(this.timeoutInput).toHaveValue(String(seconds));
  }

  /** Types the program, runs it with Ctrl/Cmd+Enter and waits for the run to end. */
  async runProgram(source: string, how: 'shortcut' | 'button' = 'shortcut', timeout = FIRST_BUILD_TIMEOUT): Promise<void> {
    await this.editor.replaceText(source);
    await this.runAndWait(how, timeout);
  }

  async runAndWait(how: 'shortcut' | 'button' = 'shortcut', timeout = FIRST_BUILD_TIMEOUT): Promise<void> {
    await this.startRun(how);
    await this.waitForRunEnd(timeout);
  }

  private previousRunId: string | null = null;

  /** Starts a run and waits until the panel shows it (a new run id). */
  async startRun(how: 'shortcut' | 'button' = 'shortcut'): Promise<void> {
    this.previousRunId = await this.output.runId();
    if (how === 'shortcut') await this.editor.pressRunShortcut();
    else await this.runButton.click();
    const previous = this.previousRunId;
    await expect
      .poll(async () => {
        const id = await this.output.runId();
        return id !== null && id !== previous;
      })
      .toBe(true);
  }

  async waitForRunEnd(timeout = FIRST_BUILD_TIMEOUT): Promise<void> {
    await expect(this.output.status).not.toHaveAttribute('data-status', 'running', { timeout });
  }

  /** Waits for autosave to write everything typed so far. */
  async waitForSaved(): Promise<void> {
    await expect(this.saveState).toHaveAttribute('data-state', 'saved');
  }
}
