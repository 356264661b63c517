// Settings: the run limits (saved with the workspace) and the editor's font size (kept locally).
import { DEFAULT_LIMITS, MAX_LIMITS, type RunLimits } from '../../shared/run';
import type { SliceCreator, StoreDeps } from './types';
import { touched } from './workspace-slice';

export interface SettingsSlice {
  limits: Partial<RunLimits>;
  fontSize: number;
  setTimeoutSeconds(seconds: number): void;
  setFontSize(px: number): void;
}

export const MIN_TIMEOUT_S = 1;
export const MAX_TIMEOUT_S = MAX_LIMITS.timeoutMs / 1000;
export const DEFAULT_FONT_SIZE = 16;
const FONT_KEY = 'gopherlab.fontSize';

export function createSettingsSlice(deps: StoreDeps): SliceCreator<SettingsSlice> {
  const stored = Number(safeGet(deps.storage, FONT_KEY));
  return (set) => ({
    limits: {},
    fontSize: Number.isFinite(stored) && stored >= 10 && stored <= 32 ? stored : DEFAULT_FONT_SIZE,

    setTimeoutSeconds(seconds) {
      if (!Number.isFinite(seconds)) return;
      const clamped = Math.min(MAX_TIMEOUT_S, Math.max(MIN_TIMEOUT_S, seconds));
      const timeoutMs = Math.round(clamped * 1000);
      set((s) => (s.limits.timeoutMs === timeoutMs ? {} : { limits: { ...s.limits, timeoutMs }, ...touched(s) }));
    },

    setFontSize(px) {
      const size = Math.min(32, Math.max(10, Math.round(px)));
      try {
        deps.storage?.setItem(FONT_KEY, String(size));
      } catch {
        // Not being able to remember the font size is not worth bothering the user about.
      }
      set({ fontSize: size });
    },
  });
}

export const selectTimeoutMs = (s: Pick<SettingsSlice, 'limits'>): number => s.limits.timeoutMs ?? DEFAULT_LIMITS.timeoutMs;

function safeGet(storage: StoreDeps['storage'], key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}
