// The main window: sandboxed, isolated, dark from the first frame, showing the app scheme's index.
import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './app-scheme';

// The renderer's --bg (renderer/app/app.css), so the window is dark before the first paint.
export const WINDOW_BACKGROUND = '#121419';

export interface MainWindowOptions {
  preloadPath: string;
  isDev: boolean;
  iconPath?: string;
}

export function createMainWindow({ preloadPath, isDev, iconPath }: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    title: 'Gopherlab',
    width: 1360,
    height: 860,
    minWidth: 720,
    minHeight: 480,
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
  win.once('ready-to-show', () => win.show());
  // Without this a failed load would leave an invisible window and a running process.
  win.webContents.once('did-fail-load', () => {
    if (!win.isDestroyed() && !win.isVisible()) win.show();
  });
  void win.loadURL(APP_ENTRY_URL).catch((err: unknown) => {
    console.error(`could not load the app: ${err instanceof Error ? err.message : String(err)}`);
  });
  return win;
}
