// The window remembers its size, position and maximized state: the real window.ts and
// window-state.ts against the fake `electron` (testing/fake-electron.ts), with real files.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserWindow as ElectronBrowserWindow } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BrowserWindow, fakeElectron, type FakeDisplay } from './testing/fake-electron';
import { createMainWindow } from './window';
import {
  DEFAULT_WINDOW_SIZE,
  MIN_WINDOW_SIZE,
  createWindowStateKeeper,
  placeWindow,
  readWindowState,
  type SavedWindowState,
} from './window-state';

vi.mock('electron', () => import('./testing/fake-electron'));

const PRIMARY: FakeDisplay = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1050 } };
const SECOND: FakeDisplay = { id: 2, bounds: { x: 1920, y: 0, width: 2560, height: 1440 }, workArea: { x: 1920, y: 0, width: 2560, height: 1410 } };

let dir: string;
let statePath: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gopherlab-window-state-'));
  statePath = join(dir, 'home', 'window-state.json');
  fakeElectron().displays = [PRIMARY];
});

afterEach(async () => {
  fakeElectron().displays = [PRIMARY];
  await rm(dir, { recursive: true, force: true });
});

/** Starts the app's window as main.ts does; the fake stands in for Electron's BrowserWindow. */
function openWindow(): BrowserWindow {
  return createMainWindow({ preloadPath: join(dir, 'preload.cjs'), isDev: false, statePath }) as unknown as BrowserWindow;
}

const saved = (bounds: SavedWindowState['bounds'], flags: Partial<SavedWindowState> = {}): SavedWindowState => ({
  version: 1,
  bounds,
  maximized: false,
  fullScreen: false,
  ...flags,
});

describe('placeWindow', () => {
  const areas = [PRIMARY.workArea, SECOND.workArea];

  it('opens at the default size, centred, the first time', () => {
    expect(placeWindow(null, areas)).toEqual({ ...DEFAULT_WINDOW_SIZE, maximized: false, fullScreen: false });
  });

  it('opens where it was, on whichever display that was', () => {
    expect(placeWindow(saved({ x: 2100, y: 40, width: 1500, height: 900 }, { maximized: true }), areas)).toEqual({
      x: 2100,
      y: 40,
      width: 1500,
      height: 900,
      maximized: true,
      fullScreen: false,
    });
  });

  it('opens centred on the primary display when its display is gone or it was dragged off-screen', () => {
    const onSecond = saved({ x: 2100, y: 40, width: 2400, height: 1300 });
    expect(placeWindow(onSecond, [PRIMARY.workArea])).toEqual({ width: 1920, height: 1050, maximized: false, fullScreen: false });
    // Only 40 px of its title bar left on screen: too little to grab.
    expect(placeWindow(saved({ x: -1300, y: 10, width: 1340, height: 800 }), areas)).not.toHaveProperty('x');
    expect(placeWindow(saved({ x: 100, y: 1040, width: 1000, height: 700 }), areas)).not.toHaveProperty('y');
  });

  it('shrinks to the display it lands on, and never below the minimum size', () => {
    expect(placeWindow(saved({ x: 10, y: 10, width: 3000, height: 2000 }), areas)).toMatchObject({ x: 10, y: 10, width: 1920, height: 1050 });
    expect(placeWindow(saved({ x: 10, y: 10, width: 200, height: 100 }), areas)).toMatchObject(MIN_WINDOW_SIZE);
  });
});

describe('readWindowState', () => {
  it('treats a missing, corrupt or foreign file as no state', async () => {
    expect(readWindowState(join(dir, 'missing.json'))).toBeNull();
    const file = join(dir, 'state.json');
    for (const text of ['', '{"version":1', '{"version":2,"bounds":{"x":0,"y":0,"width":10,"height":10},"maximized":false,"fullScreen":false}', '{"version":1,"bounds":{"x":0,"y":0,"width":-5,"height":10},"maximized":false,"fullScreen":false}']) {
      await writeFile(file, text);
      expect(readWindowState(file), text).toBeNull();
    }
  });
});

describe('the main window across restarts', () => {
  it('opens at the default size the first time, then where and as large as it was closed', async () => {
    const first = openWindow();
    expect(first.options).toMatchObject(DEFAULT_WINDOW_SIZE);
    expect(first.options).not.toHaveProperty('x');
    first.emit('ready-to-show');
    expect(first.isVisible()).toBe(true);

    first.setBounds({ x: 140, y: 90, width: 1111, height: 777 });
    first.close();
    expect(JSON.parse(await readFile(statePath, 'utf8'))).toEqual(saved({ x: 140, y: 90, width: 1111, height: 777 }));

    const second = openWindow();
    expect(second.options).toMatchObject({ x: 140, y: 90, width: 1111, height: 777 });
    second.emit('ready-to-show');
    expect(second.isVisible()).toBe(true);
    expect(second.isMaximized()).toBe(false);
    second.close();
  });

  it('reopens maximized, keeping the size it restores to', async () => {
    const first = openWindow();
    first.emit('ready-to-show');
    first.setBounds({ x: 300, y: 200, width: 900, height: 600 });
    first.maximize();
    first.close();

    const second = openWindow();
    expect(second.options).toMatchObject({ x: 300, y: 200, width: 900, height: 600 });
    expect(second.isVisible()).toBe(false);
    second.emit('ready-to-show');
    // maximize() shows the window; it is never shown at its normal size first.
    expect(second.isMaximized()).toBe(true);
    expect(second.isVisible()).toBe(true);

    // Closed while minimized: it was maximized before, so it stays so.
    second.minimize();
    second.close();
    expect(readWindowState(statePath)).toMatchObject({ maximized: true, bounds: { x: 300, y: 200, width: 900, height: 600 } });
  });

  it('reopens full screen', () => {
    const first = openWindow();
    first.setFullScreen(true);
    first.close();
    expect(openWindow().options).toMatchObject({ fullscreen: true });
  });

  it('opens on the primary display when the display it was on is unplugged', () => {
    fakeElectron().displays = [PRIMARY, SECOND];
    const first = openWindow();
    first.setBounds({ x: 2200, y: 100, width: 1600, height: 1000 });
    first.close();
    expect(openWindow().options).toMatchObject({ x: 2200, y: 100 });

    fakeElectron().displays = [PRIMARY];
    const third = openWindow();
    expect(third.options).not.toHaveProperty('x');
    expect(third.getNormalBounds()).toEqual({ x: 160, y: 25, width: 1600, height: 1000 });
  });

  it('remembers nothing without a state path', () => {
    const win = createMainWindow({ preloadPath: join(dir, 'preload.cjs'), isDev: false }) as unknown as BrowserWindow;
    win.setBounds({ x: 5, y: 5 });
    win.close();
    expect(readWindowState(statePath)).toBeNull();
  });
});

describe('createWindowStateKeeper', () => {
  const win = () => new BrowserWindow({ width: 1000, height: 700 });

  it('saves a burst of moves once, shortly after it ends, so a crash loses little', async () => {
    const keeper = createWindowStateKeeper({ file: statePath, workAreas: [PRIMARY.workArea], saveDelayMs: 20 });
    const w = win();
    keeper.track(w as unknown as ElectronBrowserWindow);
    for (let x = 0; x < 50; x += 10) w.setBounds({ x, y: x });
    expect(readWindowState(statePath)).toBeNull();
    await vi.waitFor(() => expect(readWindowState(statePath)).toMatchObject({ bounds: { x: 40, y: 40, width: 1000, height: 700 } }));
  });

  it('reports a state file it cannot write once, and never throws', async () => {
    await writeFile(join(dir, 'not-a-folder'), '');
    const errors: unknown[] = [];
    const keeper = createWindowStateKeeper({
      file: join(dir, 'not-a-folder', 'window-state.json'),
      workAreas: [PRIMARY.workArea],
      saveDelayMs: 1,
      onError: (err) => errors.push(err),
    });
    const w = win();
    keeper.track(w as unknown as ElectronBrowserWindow);
    w.setBounds({ x: 1 });
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    expect(() => w.close()).not.toThrow();
    expect(errors).toHaveLength(1);
  });
});
