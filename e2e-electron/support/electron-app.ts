// Starts the Electron app as a user does (a fresh GOPHERLAB_HOME each time, unless a test restarts
// the same one) and hands the tests its window wrapped in the browser specs' page objects.
import { _electron, expect, test as base, type ElectronApplication, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EditorPane } from '../../e2e/pages/editor-pane';
import { GopherlabPage } from '../../e2e/pages/gopherlab-page';
import { REPO_ROOT, SHARED_GOCACHE } from '../../e2e/support/paths';

/** A packaged app to test instead of dist/ (it must be an e2e build: GOPHERLAB_E2E_BUILD=1 npm run dist). */
const packagedApp = process.env.GOPHERLAB_ELECTRON_APP || undefined;
const MAIN_ENTRY = join(REPO_ROOT, 'dist', 'node', 'main.cjs');

function electronBinary(): string | null {
  if (packagedApp) return existsSync(packagedApp) ? packagedApp : null;
  try {
    const binary: unknown = createRequire(__filename)('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;

/** Why the Electron tests cannot run here, or null when they can. */
export const skipReason: string | null = !binary
  ? packagedApp
    ? `no packaged app at ${packagedApp}`
    : 'no Electron binary on this machine'
  : noDisplay
    ? 'no display (run under xvfb-run)'
    : !packagedApp && !existsSync(MAIN_ENTRY)
      ? 'dist/ is not built (npm run build)'
      : null;
if (skipReason) console.log(`Electron e2e tests skipped: ${skipReason}.`);

/** A test title that carries the skip reason, so a report shows why the test did not run. */
export function titled(title: string): string {
  return skipReason ? `${title} (skipped: ${skipReason})` : title;
}

/**
 * The editor, pasting through Electron's clipboard: the app's session denies the page clipboard
 * permissions (electron/main/security.ts), so the test puts the program there from the main process.
 */
class ElectronEditorPane extends EditorPane {
  constructor(
    private readonly window: Page,
    private readonly electronApp: ElectronApplication,
  ) {
    super(window);
  }

  /** As EditorPane.replaceText: select all, paste, wait for the first line to show. */
  override async replaceText(text: string): Promise<void> {
    await this.electronApp.evaluate(({ clipboard }, t) => clipboard.writeText(t), text);
    await this.focus();
    await this.window.keyboard.press('ControlOrMeta+A');
    await this.window.keyboard.press('ControlOrMeta+V');
    const firstLine = text.split('\n')[0] ?? '';
    await expect.poll(async () => (await this.visibleText()).startsWith(firstLine)).toBe(true);
  }
}

export class ElectronGopherlabPage extends GopherlabPage {
  override readonly editor: ElectronEditorPane;
  constructor(
    page: Page,
    readonly electronApp: ElectronApplication,
  ) {
    super(page);
    this.editor = new ElectronEditorPane(page, electronApp);
  }
}

/** One run of the app on the data folder `home`; a second run on the same folder is a restart. */
export async function launchApp(home: string): Promise<ElectronGopherlabPage> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined) env[name] = value;
  // Set in some shells (and by editors' terminals); it would start Node instead of the app.
  delete env.ELECTRON_RUN_AS_NODE;
  const electronApp = await _electron.launch({
    ...(packagedApp ? { executablePath: packagedApp, args: [] } : { args: [MAIN_ENTRY] }),
    cwd: REPO_ROOT,
    env: { ...env, GOPHERLAB_HOME: home, GOPHERLAB_GOCACHE: SHARED_GOCACHE },
  });
  const app = new ElectronGopherlabPage(await electronApp.firstWindow(), electronApp);
  await app.waitUntilReady();
  return app;
}

export const test = base.extend<{ home: string; app: ElectronGopherlabPage }>({
  // eslint-disable-next-line no-empty-pattern
  home: async ({}, use) => {
    const home = mkdtempSync(join(tmpdir(), 'gopherlab-e2e-electron-'));
    try {
      await use(home);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  },
  app: async ({ home }, use) => {
    const app = await launchApp(home);
    let closed = false;
    // A test that restarts the app closes this run itself.
    app.electronApp.once('close', () => (closed = true));
    try {
      await use(app);
    } finally {
      if (!closed) await app.electronApp.close();
    }
  },
});

export { expect };
