// The main window: sandboxed, isolated, dark from the first frame, showing the app scheme's index,
// and opening where and as large as it was last closed (window-state.ts).
import { BrowserWindow, screen } from 'electron';
import { APP_ENTRY_URL } from './app-scheme';
import { MIN_WINDOW_SIZE, createWindowStateKeeper } from './window-state';

// The renderer's --bg (renderer/app/app.css), so the window is dark before the first paint.
export const WINDOW_BACKGROUND = '#121419';

export interface MainWindowOptions {
  preloadPath: string;
  isDev: boolean;
  iconPath?: string;
  /** Where the window's size and position are remembered; without it the window opens at its defaults each time. */
  statePath?: string;
}

export function createMainWindow({ preloadPath, isDev, iconPath, statePath }: MainWindowOptions): BrowserWindow {
  const display = screen.getPrimaryDisplay();
  const workAreas = [display, ...screen.getAllDisplays().filter((d) => d.id !== display.id)].map((d) => d.workArea);
  const keeper = createWindowStateKeeper({ file: statePath ?? null, workAreas });
  const { maximized, fullScreen, ...bounds } = keeper.placement;
  const win = new BrowserWindow({
    title: 'Gopherlab',
    ...bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    ...(fullScreen ? { fullscreen: true } : {}),
    show: false,
    backgroundColor: WINDOW_BACKGROUND,
    ...(iconPath ? { icon: iconPath } : {}),
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: isDev,
    },
  });
  keeper.track(win);
  // maximize() also shows the window, so a maximized window never flashes at its normal size.
  win.once('ready-to-show', () => (maximized && !fullScreen ? win.maximize() : win.show()));
  // Without this a failed load would leave an invisible window and a running process.
  win.webContents.once('did-fail-load', () => {
    if (!win.isDestroyed() && !win.isVisible()) win.show();
  });
  void win.loadURL(APP_ENTRY_URL).catch((err: unknown) => {
    console.error(`could not load the app: ${err instanceof Error ? err.message : String(err)}`);
  });
  return win;
}
