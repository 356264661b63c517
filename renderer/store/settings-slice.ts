// Settings: the run limits (saved with the workspace), faketime and the editor's font size (kept
// locally: the workspace has no field for them).
import { DEFAULT_LIMITS, MAX_LIMITS, type RunLimits, type SandboxMode } from '../../shared/run';
import type { AppState, SliceCreator, StoreDeps } from './types';
import { touched } from './workspace-slice';

export interface SettingsSlice {
  limits: Partial<RunLimits>;
  fontSize: number;
  /** Docker runs are built with -tags=faketime and their output is replayed with its timing. */
  faketime: boolean;
  setTimeoutSeconds(seconds: number): void;
  setMemoryMiB(mib: number): void;
  setOutputKiB(kib: number): void;
  setCpus(cpus: number): void;
  setPids(pids: number): void;
  setFaketime(on: boolean): void;
  setFontSize(px: number): void;
}

const MIB = 1024 * 1024;

export const MIN_TIMEOUT_S = 1;
export const MAX_TIMEOUT_S = MAX_LIMITS.timeoutMs / 1000;
/** The contract's memory bounds (16 MiB … 4 GiB − 64 KiB), in whole MiB. */
export const MIN_MEMORY_MIB = 16;
export const MAX_MEMORY_MIB = Math.floor(MAX_LIMITS.memoryBytes / MIB);
export const DEFAULT_MEMORY_MIB = DEFAULT_LIMITS.memoryBytes / MIB;
/** The contract's output bounds (1 KiB … 64 MiB), in whole KiB. */
export const MIN_OUTPUT_KIB = 1;
export const MAX_OUTPUT_KIB = MAX_LIMITS.outputBytes / 1024;
export const DEFAULT_OUTPUT_KIB = DEFAULT_LIMITS.outputBytes / 1024;
/** The contract's Docker bounds; the defaults are the ones the core applies when none is sent. */
export const MIN_CPUS = 0.1;
export const MAX_CPUS = 16;
export const DEFAULT_CPUS = 1;
export const MIN_PIDS = 8;
export const MAX_PIDS = 4096;
export const DEFAULT_PIDS = 64;
export const DEFAULT_FONT_SIZE = 16;
const FONT_KEY = 'gopherlab.fontSize';
const FAKETIME_KEY = 'gopherlab.faketime';

const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v));

export function createSettingsSlice(deps: StoreDeps): SliceCreator<SettingsSlice> {
  const stored = Number(safeGet(deps.storage, FONT_KEY));
  /** Sets one limit, marking the workspace for a save only when it changed. */
  const setLimit =
    <K extends keyof RunLimits>(key: K, value: RunLimits[K]) =>
    (s: AppState): Partial<AppState> =>
      s.limits[key] === value ? {} : { limits: { ...s.limits, [key]: value }, ...touched(s) };

  return (set) => ({
    limits: {},
    fontSize: Number.isFinite(stored) && stored >= 10 && stored <= 32 ? stored : DEFAULT_FONT_SIZE,
    faketime: safeGet(deps.storage, FAKETIME_KEY) === 'on',

    setTimeoutSeconds(seconds) {
      if (!Number.isFinite(seconds)) return;
      set(setLimit('timeoutMs', Math.round(clamp(seconds, MIN_TIMEOUT_S, MAX_TIMEOUT_S) * 1000)));
    },

    setMemoryMiB(mib) {
      if (!Number.isFinite(mib)) return;
      set(setLimit('memoryBytes', Math.round(clamp(mib, MIN_MEMORY_MIB, MAX_MEMORY_MIB)) * MIB));
    },

    setOutputKiB(kib) {
      if (!Number.isFinite(kib)) return;
      set(setLimit('outputBytes', Math.round(clamp(kib, MIN_OUTPUT_KIB, MAX_OUTPUT_KIB)) * 1024));
    },

    setCpus(cpus) {
      if (!Number.isFinite(cpus)) return;
      // Tenths of a CPU: what a user means, and what Docker's NanoCpus holds exactly.
      set(setLimit('cpus', Math.round(clamp(cpus, MIN_CPUS, MAX_CPUS) * 10) / 10));
    },

    setPids(pids) {
      if (!Number.isFinite(pids)) return;
      set(setLimit('pids', Math.round(clamp(pids, MIN_PIDS, MAX_PIDS))));
    },

    setFaketime(on) {
      safeSet(deps.storage, FAKETIME_KEY, on ? 'on' : 'off');
      set({ faketime: on });
    },

    setFontSize(px) {
      const size = Math.min(32, Math.max(10, Math.round(px)));
      safeSet(deps.storage, FONT_KEY, String(size));
      set({ fontSize: size });
    },
  });
}

export const selectTimeoutMs = (s: Pick<SettingsSlice, 'limits'>): number => s.limits.timeoutMs ?? DEFAULT_LIMITS.timeoutMs;
export const selectMemoryMiB = (s: Pick<SettingsSlice, 'limits'>): number => (s.limits.memoryBytes ?? DEFAULT_LIMITS.memoryBytes) / MIB;
export const selectOutputKiB = (s: Pick<SettingsSlice, 'limits'>): number => (s.limits.outputBytes ?? DEFAULT_LIMITS.outputBytes) / 1024;
export const selectCpus = (s: Pick<SettingsSlice, 'limits'>): number => s.limits.cpus ?? DEFAULT_CPUS;
export const selectPids = (s: Pick<SettingsSlice, 'limits'>): number => s.limits.pids ?? DEFAULT_PIDS;

/**
 * The limits a run asks for: the timeout always, the others when the user set them, and the
 * Docker-only ones (CPUs, PIDs) only for a Docker run.
 */
export function runLimits(s: Pick<SettingsSlice, 'limits'>, mode: SandboxMode): Partial<RunLimits> {
  const { cpus, pids, ...common } = s.limits;
  return {
    ...common,
    timeoutMs: selectTimeoutMs(s),
    ...(mode === 'docker' && cpus !== undefined ? { cpus } : {}),
    ...(mode === 'docker' && pids !== undefined ? { pids } : {}),
  };
}

function safeGet(storage: StoreDeps['storage'], key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function safeSet(storage: StoreDeps['storage'], key: string, value: string): void {
  try {
    storage?.setItem(key, value);
  } catch {
    // Not being able to remember a local preference is not worth bothering the user about.
  }
}
