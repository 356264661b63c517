// A stand-in for the `electron` module, for testing main.ts's wiring under plain Node where the
// Electron binary is missing. The wiring test bundles main.ts with `electron` aliased to this file
// and drives the app through `fakeElectron()`; it records what main.ts asked Electron to do.
import { EventEmitter } from 'node:events';

type Handler = (...args: unknown[]) => unknown;

export interface FakeFrame {
  processId: number;
  routingId: number;
  url: string;
}

export class FakeEvent {
  defaultPrevented = false;
  constructor(readonly url = '') {}
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

let nextProcessId = 10;

export class FakeWebContents extends EventEmitter {
  destroyed = false;
  readonly sent: Array<[string, unknown[]]> = [];
  readonly mainFrame: FakeFrame = { processId: nextProcessId++, routingId: 1, url: '' };
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push([channel, args]);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

export interface FakeRectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FakeDisplay {
  id: number;
  bounds: FakeRectangle;
  workArea: FakeRectangle;
}

export class BrowserWindow extends EventEmitter {
  static readonly created: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  visible = false;
  destroyed = false;
  /** The normal (unmaximized) bounds; like Electron, a window without x/y is centred on the primary display. */
  bounds: FakeRectangle;
  maximized = false;
  minimized = false;
  fullScreen: boolean;
  constructor(readonly options: Record<string, unknown>) {
    super();
    const area = (state.displays[0] ?? { workArea: { x: 0, y: 0, width: 1920, height: 1080 } }).workArea;
    const width = typeof options.width === 'number' ? options.width : 800;
    const height = typeof options.height === 'number' ? options.height : 600;
    this.bounds = {
      x: typeof options.x === 'number' ? options.x : area.x + Math.round((area.width - width) / 2),
      y: typeof options.y === 'number' ? options.y : area.y + Math.round((area.height - height) / 2),
      width,
      height,
    };
    this.fullScreen = options.fullscreen === true;
    BrowserWindow.created.push(this);
    state.app.emit('web-contents-created', new FakeEvent(), this.webContents);
  }
  getNormalBounds(): FakeRectangle {
    return { ...this.bounds };
  }
  setBounds(bounds: Partial<FakeRectangle>): void {
    this.bounds = { ...this.bounds, ...bounds };
    this.emit('move');
    this.emit('resize');
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  /** Like Electron: maximizing also shows a hidden window. */
  maximize(): void {
    this.maximized = true;
    this.visible = true;
    this.emit('maximize');
  }
  unmaximize(): void {
    this.maximized = false;
    this.emit('unmaximize');
  }
  /** As on Windows, a minimized window no longer reports itself maximized. */
  minimize(): void {
    this.minimized = true;
    this.maximized = false;
    this.emit('minimize');
  }
  isFullScreen(): boolean {
    return this.fullScreen;
  }
  setFullScreen(flag: boolean): void {
    this.fullScreen = flag;
    this.emit(flag ? 'enter-full-screen' : 'leave-full-screen');
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  show(): void {
    this.visible = true;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  focus(): void {}
  /** What closing the window does in Electron: 'close', 'closed', then the app hears all windows are gone. */
  close(): void {
    this.emit('close', new FakeEvent());
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
    if (BrowserWindow.created.every((w) => w.destroyed)) state.app.emit('window-all-closed');
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  ready = false;
  quitRequests = 0;
  quitCompleted = false;
  exitCode: number | null = null;
  sandboxEnabled = false;
  name = 'Electron';
  aboutOptions: Record<string, unknown> | null = null;
  private resolveReady: () => void = () => undefined;
  private readonly readyPromise = new Promise<void>((resolve) => (this.resolveReady = resolve));

  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  becomeReady(): void {
    this.ready = true;
    this.resolveReady();
  }
  isReady(): boolean {
    return this.ready;
  }
  requestSingleInstanceLock(): boolean {
    return state.singleInstanceLock;
  }
  enableSandbox(): void {
    if (this.ready) throw new Error('enableSandbox must be called before the app is ready');
    this.sandboxEnabled = true;
  }
  setName(name: string): void {
    this.name = name;
  }
  setAppUserModelId(): void {}
  setAboutPanelOptions(options: Record<string, unknown>): void {
    this.aboutOptions = options;
  }
  /** Like Electron: 'before-quit' first; if nobody prevents it, the app quits. */
  quit(): void {
    this.quitRequests += 1;
    const event = new FakeEvent();
    this.emit('before-quit', event);
    if (!event.defaultPrevented) this.quitCompleted = true;
  }
  exit(code = 0): void {
    this.exitCode = code;
  }
}

const state = {
  app: new FakeApp(),
  singleInstanceLock: true,
  privilegedSchemes: [] as unknown[],
  registeredBeforeReady: false,
  protocolHandlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
  ipcHandlers: new Map<string, Handler>(),
  permissionRequestHandler: null as Handler | null,
  permissionCheckHandler: null as Handler | null,
  beforeRequest: null as { filter: { urls: string[] }; listener: Handler } | null,
  menuTemplate: null as unknown,
  openedExternally: [] as string[],
  /** The displays `screen` reports, primary first. */
  displays: [{ id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1050 } }] as FakeDisplay[],
};

export type FakeElectronState = typeof state;

/** The recorded state; shared through globalThis so the test sees the copy bundled into main.cjs. */
export function fakeElectron(): FakeElectronState {
  return state;
}
(globalThis as { __gopherlabFakeElectron?: FakeElectronState }).__gopherlabFakeElectron = state;
(globalThis as { __gopherlabFakeBrowserWindow?: typeof BrowserWindow }).__gopherlabFakeBrowserWindow = BrowserWindow;

export const app = state.app;

export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    state.privilegedSchemes.push(...schemes);
    state.registeredBeforeReady = !state.app.ready;
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response> | Response): void {
    if (!state.app.ready) throw new Error('protocol.handle before the app is ready');
    state.protocolHandlers.set(scheme, handler);
  },
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler(handler: Handler): void {
      state.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: Handler): void {
      state.permissionCheckHandler = handler;
    },
    webRequest: {
      onBeforeRequest(filter: { urls: string[] }, listener: Handler): void {
        state.beforeRequest = { filter, listener };
      },
    },
  },
};

export const ipcMain = {
  handle(channel: string, handler: Handler): void {
    if (state.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    state.ipcHandlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    state.ipcHandlers.delete(channel);
  },
};

export const Menu = {
  buildFromTemplate(template: unknown): unknown {
    return { template };
  },
  setApplicationMenu(menu: { template: unknown } | null): void {
    state.menuTemplate = menu?.template ?? null;
  },
};

export const shell = {
  openExternal(url: string): Promise<void> {
    state.openedExternally.push(url);
    return Promise.resolve();
  },
};

export const screen = {
  getPrimaryDisplay(): FakeDisplay {
    const primary = state.displays[0];
    if (!primary) throw new Error('the fake screen has no display');
    return primary;
  },
  getAllDisplays(): FakeDisplay[] {
    return [...state.displays];
  },
};
