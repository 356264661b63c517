// The main window's size, position and maximized / full-screen state, kept across restarts in
// <data dir>/window-state.json. Writes are synchronous and atomic (temp file, then rename): the
// file is a few dozen bytes, and the last write happens while the window closes, just before the
// process may exit, where an async write could be cut off.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { BrowserWindow, Rectangle } from 'electron';
import { z } from 'zod';

export const WINDOW_STATE_FILE = 'window-state.json';
export const DEFAULT_WINDOW_SIZE = { width: 1360, height: 860 } as const;
export const MIN_WINDOW_SIZE = { width: 720, height: 480 } as const;
/** Moves and resizes come in bursts; one write after the burst is enough. */
export const SAVE_DELAY_MS = 400;
/** A restored window must show this much of its top edge on some display, so it can be grabbed. */
const GRAB_AREA = { width: 96, height: 32 } as const;

const savedWindowState = z.object({
  version: z.literal(1),
  bounds: z.object({
    x: z.number().int(),
    y: z.number().int(),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
  }),
  maximized: z.boolean(),
  fullScreen: z.boolean(),
});
export type SavedWindowState = z.infer<typeof savedWindowState>;

/** Where and how big the window opens. No x/y means "let Electron centre it". */
export interface WindowPlacement {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
  fullScreen: boolean;
}

/** The saved state, or null when there is none or it is unreadable (the window then opens at its defaults). */
export function readWindowState(file: string): SavedWindowState | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = savedWindowState.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function writeWindowState(file: string, state: SavedWindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, `${JSON.stringify(state)}\n`, { mode: 0o644 });
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

function clampSize(width: number, height: number, area: Rectangle): { width: number; height: number } {
  return {
    width: Math.max(MIN_WINDOW_SIZE.width, Math.min(width, area.width)),
    height: Math.max(MIN_WINDOW_SIZE.height, Math.min(height, area.height)),
  };
}

/** True when the window's title-bar strip lies on `area` enough to be grabbed with the mouse. */
function grabbableOn(bounds: Rectangle, area: Rectangle): boolean {
  const overlap = Math.min(bounds.x + bounds.width, area.x + area.width) - Math.max(bounds.x, area.x);
  return overlap >= GRAB_AREA.width && bounds.y >= area.y && bounds.y <= area.y + area.height - GRAB_AREA.height;
}

/**
 * Where the window opens, given the saved state and the displays' work areas (primary first). A
 * window saved on a display that is gone, or moved off-screen, opens centred instead; a size larger
 * than the display it lands on shrinks to fit.
 */
export function placeWindow(saved: SavedWindowState | null, workAreas: readonly Rectangle[]): WindowPlacement {
  const primary = workAreas[0] ?? { x: 0, y: 0, ...DEFAULT_WINDOW_SIZE };
  if (!saved) return { ...clampSize(DEFAULT_WINDOW_SIZE.width, DEFAULT_WINDOW_SIZE.height, primary), maximized: false, fullScreen: false };
  const { bounds } = saved;
  const home = workAreas.find((area) => grabbableOn(bounds, area));
  const flags = { maximized: saved.maximized, fullScreen: saved.fullScreen };
  if (!home) return { ...clampSize(bounds.width, bounds.height, primary), ...flags };
  return { x: bounds.x, y: bounds.y, ...clampSize(bounds.width, bounds.height, home), ...flags };
}

export interface WindowStateKeeper {
  readonly placement: WindowPlacement;
  /** Saves the window's state as it changes (debounced) and once more as it closes; nothing without a file. */
  track(win: BrowserWindow): void;
}

export function createWindowStateKeeper({
  file,
  workAreas,
  saveDelayMs = SAVE_DELAY_MS,
  onError = (err) => console.warn(`Gopherlab: could not remember the window's size: ${err instanceof Error ? err.message : String(err)}`),
}: {
  /** null: nothing remembered, the window opens at its defaults. */
  file: string | null;
  workAreas: readonly Rectangle[];
  saveDelayMs?: number;
  onError?: (err: unknown) => void;
}): WindowStateKeeper {
  const placement = placeWindow(file ? readWindowState(file) : null, workAreas);

  return {
    placement,
    track(win) {
      if (!file) return;
      let timer: NodeJS.Timeout | undefined;
      // A minimized window reports itself as not maximized; keep what it was before.
      let maximized = placement.maximized;
      let warned = false;

      const save = () => {
        clearTimeout(timer);
        timer = undefined;
        if (win.isDestroyed()) return;
        if (!win.isMinimized()) maximized = win.isMaximized();
        const { x, y, width, height } = win.getNormalBounds();
        try {
          writeWindowState(file, {
            version: 1,
            bounds: { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) },
            maximized,
            fullScreen: win.isFullScreen(),
          });
        } catch (err) {
          if (!warned) onError(err);
          warned = true;
        }
      };
      const schedule = () => {
        clearTimeout(timer);
        timer = setTimeout(save, saveDelayMs);
      };

      win.on('resize', schedule);
      win.on('move', schedule);
      win.on('maximize', schedule);
      win.on('unmaximize', schedule);
      win.on('enter-full-screen', schedule);
      win.on('leave-full-screen', schedule);
      win.on('close', save);
      win.on('closed', () => clearTimeout(timer));
    },
  };
}
