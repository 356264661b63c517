// Electron main process: lifecycle, the one window, the app scheme, and the contract over IPC.
// All behaviour lives in electron/core behind `createApi`; this file only wires Electron to it.
import { BrowserWindow, Menu, app, ipcMain, protocol, session } from 'electron';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createApi, type Api } from '../core/api/api';
import { APP_VERSION } from '../core/core';
import { resolveDataDir } from '../core/store/paths';
import { createAppProtocolHandler } from './app-protocol';
import { APP_SCHEME } from './app-scheme';
import { bindIpc, createIpcClient, type IpcClient } from './ipc';
import { buildMenuTemplate } from './menu';
import { hardenSession, hardenWebContents } from './security';
import { SMOKE_PREFIX, probeWindow } from './smoke';
import { createMainWindow } from './window';
import { WINDOW_STATE_FILE } from './window-state';

const APP_NAME = 'Gopherlab';
const DISPOSE_TIMEOUT_MS = 10_000;
const SMOKE_TIMEOUT_MS = 60_000;

// This file is bundled to dist/node/main.cjs; its siblings in dist/ are the renderer and preload.
const distDir = resolve(__dirname, '..');
const rendererDir = join(distDir, 'renderer');
const preloadPath = join(distDir, 'preload', 'preload.cjs');
const devIconPath = join(distDir, '..', 'build', 'icon.png');

const smoke = process.env.GOPHERLAB_SMOKE === '1';
const isDev = !app.isPackaged || process.env.GOPHERLAB_DEV === '1';

// Both must happen before the app is ready.
protocol.registerSchemesAsPrivileged([
  // corsEnabled: the renderer loads app.js as an ES module, which Chromium fetches in CORS mode.
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } },
]);
app.enableSandbox();
app.setName(APP_NAME);

let api: Api | null = null;
let mainWindow: BrowserWindow | null = null;
let client: IpcClient | null = null;

if (!app.requestSingleInstanceLock()) {
  // Another Gopherlab is running; it focuses its window (see 'second-instance').
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin' || smoke) app.quit();
  });
  app.on('activate', () => {
    if (app.isReady() && !mainWindow) openMainWindow();
  });
  app.on('before-quit', onBeforeQuit);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

  app
    .whenReady()
    .then(onReady)
    .catch((err: unknown) => {
      console.error(`Gopherlab could not start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      app.exit(1);
    });
}

function onReady(): void {
  if (process.platform === 'win32') app.setAppUserModelId('dev.gopherlab.app');
  hardenSession(session.defaultSession);
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));
  if (!existsSync(join(rendererDir, 'index.html'))) {
    console.error(`The renderer is not built (${join('dist', 'renderer', 'index.html')} is missing): run npm run build.`);
  }

  app.setAboutPanelOptions({
    applicationName: APP_NAME,
    applicationVersion: APP_VERSION,
    copyright: 'MIT License',
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate({ appName: APP_NAME, isMac: process.platform === 'darwin', isDev })));

  // GOPHERLAB_PREWARM=0 skips compiling the standard library in the background at start.
  const created = createApi({ transport: 'electron', prewarm: !smoke && process.env.GOPHERLAB_PREWARM !== '0' });
  api = created;
  bindIpc({
    ipc: ipcMain,
    api: created,
    client: () => client,
    onForbidden: (channel, reason) => console.warn(`IPC ${channel} refused: ${reason}`),
  });
  openMainWindow();
}

function openMainWindow(): void {
  const win = createMainWindow({
    preloadPath,
    isDev,
    // Beside core's state (GOPHERLAB_HOME or the platform's data folder), so a test's home isolates it too.
    statePath: join(resolveDataDir(), WINDOW_STATE_FILE),
    ...(!app.isPackaged && existsSync(devIconPath) ? { iconPath: devIconPath } : {}),
  });
  const current = createIpcClient(win.webContents);
  mainWindow = win;
  client = current;
  win.on('closed', () => {
    // Runs started from this window have no one left to show their output to.
    api?.cancelAllFor(current.sink);
    if (mainWindow === win) {
      mainWindow = null;
      client = null;
    }
  });
  if (smoke) runSmoke(win);
}

type QuitState = 'running' | 'disposing' | 'disposed';
let quitState: QuitState = 'running';

function onBeforeQuit(event: Electron.Event): void {
  if (quitState === 'disposed' || !api) return;
  // Hold the quit until core has stopped its runs and swept what it started.
  event.preventDefault();
  if (quitState === 'disposing') return;
  quitState = 'disposing';
  const disposing = api.dispose();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolveTimeout) => {
    timer = setTimeout(() => {
      console.warn(`Gopherlab: cleanup took longer than ${DISPOSE_TIMEOUT_MS / 1000} s; quitting anyway.`);
      resolveTimeout();
    }, DISPOSE_TIMEOUT_MS);
  });
  Promise.race([disposing, timeout])
    .catch((err: unknown) => console.error(`Gopherlab: cleanup failed: ${err instanceof Error ? err.message : String(err)}`))
    .finally(() => {
      clearTimeout(timer);
      quitState = 'disposed';
      app.quit();
    });
}

function runSmoke(win: BrowserWindow): void {
  const timer = setTimeout(() => {
    console.error(`${SMOKE_PREFIX}timed out waiting for the page to load`);
    app.exit(1);
  }, SMOKE_TIMEOUT_MS);
  win.webContents.once('did-finish-load', () => {
    probeWindow(win)
      .then((report) => process.stdout.write(`${SMOKE_PREFIX}${JSON.stringify(report)}\n`))
      .catch((err: unknown) => console.error(`${SMOKE_PREFIX}probe failed: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => {
        clearTimeout(timer);
        app.quit();
      });
  });
}
