// Runs the real main.ts (bundled as for dist/) against a fake `electron` module, so its wiring is
// tested where the Electron binary is missing: the scheme is privileged before ready, the window is
// locked down, IPC is bound to the contract with sender checks, and quitting waits for cleanup.
import { build } from 'esbuild';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_NAMES } from '../../shared/contract';
import { CONTENT_SECURITY_POLICY } from './app-scheme';
import type { BrowserWindow as FakeBrowserWindow, FakeElectronState } from './testing/fake-electron';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let dir: string;
let fake: FakeElectronState;
let windows: typeof FakeBrowserWindow;
const previousEnv = { home: process.env.GOPHERLAB_HOME, prewarm: process.env.GOPHERLAB_PREWARM };

function restoreEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gopherlab-main-wiring-'));
  process.env.GOPHERLAB_HOME = join(dir, 'home');
  process.env.GOPHERLAB_PREWARM = '0';
  // The same layout as dist/: node/main.cjs beside renderer/ and preload/.
  await mkdir(join(dir, 'dist', 'renderer'), { recursive: true });
  await mkdir(join(dir, 'dist', 'preload'), { recursive: true });
  await writeFile(join(dir, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Gopherlab</title>');
  await writeFile(join(dir, 'dist', 'preload', 'preload.cjs'), '');
  await build({
    absWorkingDir: root,
    entryPoints: ['electron/main/main.ts'],
    outfile: join(dir, 'dist', 'node', 'main.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    alias: { electron: './electron/main/testing/fake-electron.ts' },
    // As in scripts/build.mjs: ssh2's optional native helper is not bundled.
    external: ['cpu-features', '*.node'],
    logLevel: 'silent',
  });
  createRequire(import.meta.url)(join(dir, 'dist', 'node', 'main.cjs'));
  const shared = globalThis as { __gopherlabFakeElectron?: FakeElectronState; __gopherlabFakeBrowserWindow?: typeof FakeBrowserWindow };
  if (!shared.__gopherlabFakeElectron || !shared.__gopherlabFakeBrowserWindow) throw new Error('the fake electron module did not load');
  fake = shared.__gopherlabFakeElectron;
  windows = shared.__gopherlabFakeBrowserWindow;
});

afterAll(async () => {
  restoreEnv('GOPHERLAB_HOME', previousEnv.home);
  restoreEnv('GOPHERLAB_PREWARM', previousEnv.prewarm);
  await rm(dir, { recursive: true, force: true });
});

describe('main.ts, before the app is ready', () => {
  it('registers the app scheme as privileged, enables the sandbox and names the app', () => {
    expect(fake.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    expect(fake.registeredBeforeReady).toBe(true);
    expect(fake.app.sandboxEnabled).toBe(true);
    expect(fake.app.name).toBe('Gopherlab');
    expect(windows.created).toHaveLength(0);
  });
});

describe('main.ts, once ready', () => {
  beforeAll(async () => {
    fake.app.becomeReady();
    await settle();
  });

  it('serves the renderer over app:// with the CSP', async () => {
    const handler = fake.protocolHandlers.get('app');
    expect(handler).toBeDefined();
    const res = await handler!(new Request('app://gopherlab/index.html'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect((await handler!(new Request('app://gopherlab/..%2F..%2Fpackage.json'))).status).toBe(403);
  });

  it('opens one locked-down window on app://gopherlab/index.html', () => {
    expect(windows.created).toHaveLength(1);
    const win = windows.created[0]!;
    expect(win.loadedUrl).toBe('app://gopherlab/index.html');
    expect(win.options).toMatchObject({ title: 'Gopherlab', show: false, backgroundColor: expect.stringMatching(/^#/) });
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      preload: join(dir, 'dist', 'preload', 'preload.cjs'),
    });
    win.emit('ready-to-show');
    expect(win.isVisible()).toBe(true);
  });

  it('denies every permission and blocks the network for the renderer', async () => {
    const decisions: boolean[] = [];
    fake.permissionRequestHandler?.(null, 'media', (granted: boolean) => decisions.push(granted));
    fake.permissionRequestHandler?.(null, 'clipboard-read', (granted: boolean) => decisions.push(granted));
    expect(decisions).toEqual([false, false]);
    expect(fake.permissionCheckHandler?.(null, 'notifications')).toBe(false);
    expect(fake.beforeRequest?.filter.urls).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*', 'ws://*/*']));
    const cancel = await new Promise((resolve) => fake.beforeRequest?.listener({ url: 'https://example.com' }, resolve));
    expect(cancel).toEqual({ cancel: true });
  });

  it('guards window.open, navigation, redirects and webviews', async () => {
    const contents = windows.created[0]!.webContents;
    expect(contents.windowOpenHandler?.({ url: 'https://go.dev/doc' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    await settle();
    expect(fake.openedExternally).toEqual(['https://go.dev/doc']);

    /** Emits a navigation event as Electron does; true when main.ts prevented it. */
    const navigate = (event: string, url: string): boolean => {
      let prevented = false;
      contents.emit(event, { url, preventDefault: () => (prevented = true) });
      return prevented;
    };
    expect(navigate('will-navigate', 'app://gopherlab/index.html')).toBe(false);
    expect(navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigate('will-redirect', 'https://evil.example/')).toBe(true);
    expect(navigate('will-redirect', 'app://gopherlab/other.html')).toBe(false);
    expect(navigate('will-attach-webview', 'app://gopherlab/')).toBe(true);
    await settle();
    expect(fake.openedExternally).toEqual(['https://go.dev/doc', 'https://evil.example/']);
  });

  it('sets a menu with Quit and the edit roles', () => {
    const text = JSON.stringify(fake.menuTemplate);
    for (const role of ['quit', 'copy', 'paste', 'togglefullscreen', 'about']) expect(text).toContain(`"role":"${role}"`);
    // The page zooms its own text with Ctrl/Cmd+=/-/0; a zoom role would take those keys first.
    expect(text).not.toContain('"role":"zoomIn"');
    // npm start runs unpackaged, which is development: reload and devtools are there.
    expect(text).toContain('"role":"toggleDevTools"');
  });

  it('binds every contract channel, answering only the main frame', async () => {
    expect([...fake.ipcHandlers.keys()].sort()).toEqual([...REQUEST_NAMES].sort());
    const contents = windows.created[0]!.webContents;
    const invoke = (channel: string, senderFrame: unknown, params: unknown) => fake.ipcHandlers.get(channel)!({ senderFrame }, params);

    expect(await invoke('app.info', { ...contents.mainFrame }, {})).toMatchObject({
      ok: true,
      value: { name: 'Gopherlab', transport: 'electron' },
    });
    expect(await invoke('app.info', { ...contents.mainFrame, routingId: 99 }, {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await invoke('run.cancel', { ...contents.mainFrame }, { runId: 'not valid!' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-params' },
    });
  });

  it('refuses IPC after the window closes, and quitting waits for cleanup', async () => {
    const win = windows.created[0]!;
    const frame = { ...win.webContents.mainFrame };
    win.close();
    expect(await fake.ipcHandlers.get('app.info')!({ senderFrame: frame }, {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    // window-all-closed asked to quit; before-quit held it for api.dispose(), then quit again.
    expect(fake.app.quitRequests).toBeGreaterThanOrEqual(1);
    for (let i = 0; i < 100 && !fake.app.quitCompleted; i += 1) await settle();
    expect(fake.app.quitCompleted).toBe(true);
    expect(fake.app.quitRequests).toBe(2);
    expect(fake.app.exitCode).toBeNull();
  });
});
