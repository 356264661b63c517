// App-wide settings the user can change; stored next to the SDKs so the CLI honours them too.
import { z } from 'zod';
import { SANDBOX_MODES } from './run';

export const THEME_PREFS = ['system', 'light', 'dark'] as const;
export type ThemePref = (typeof THEME_PREFS)[number];
export const NEW_TAB_MODES = ['same', ...SANDBOX_MODES] as const;
export type NewTabMode = (typeof NEW_TAB_MODES)[number];
export const MIN_FONT_SIZE = 10;
export const MAX_FONT_SIZE = 32;
export const DEFAULT_FONT_SIZE = 16;

/**
 * The window's preferences. The CLI ignores them. Each field falls back to its default on its own,
 * so a value this version does not know (a newer app's theme) never costs the file its GOPROXY.
 */
export const UiPrefsSchema = z.object({
  theme: z.enum(THEME_PREFS).catch('system'),
  /** The editor's font size in px; the output follows it. */
  fontSize: z.number().int().min(MIN_FONT_SIZE).max(MAX_FONT_SIZE).catch(DEFAULT_FONT_SIZE),
  /** Presentation mode: larger type, less chrome, more contrast. */
  presentation: z.boolean().catch(false),
  /** The sandbox a new tab starts in; 'same' keeps the current tab's. */
  newTabMode: z.enum(NEW_TAB_MODES).catch('same'),
});
export type UiPrefs = z.infer<typeof UiPrefsSchema>;

export const SettingsSchema = z.object({
  /** A GOPROXY list for SDK downloads; empty means the environment's GOPROXY (or go env). */
  goproxy: z.string().max(2048).default(''),
  /** Extra GOROOTs to offer as toolchains (e.g. a Go built from source). */
  goroots: z.array(z.string().min(1).max(4096)).max(50).default([]),
  /** Byte budget of the compile cache; least recently used artifacts are evicted beyond it. */
  cacheBudgetBytes: z
    .number()
    .int()
    .min(16 * 1024 * 1024)
    .max(64 * 1024 * 1024 * 1024)
    .default(512 * 1024 * 1024),
  /** Run gofmt on the snippet's Go files before each run (the editor then shows the formatted text). */
  formatOnRun: z.boolean().default(false).catch(false),
  /** Run `go vet` before each run; its findings are warnings unless vetBlocks. */
  vetOnRun: z.boolean().default(false).catch(false),
  /** With vetOnRun: a vet finding stops the run (status vet-error) instead of warning. */
  vetBlocks: z.boolean().default(false).catch(false),
  /**
   * Builds may download the modules a snippet's go.mod needs, through the GOPROXY above (or the
   * default proxy), into a module cache kept for offline use. Off: GOPROXY=off, standard library only.
   */
  moduleDownloads: z.boolean().default(false).catch(false),
  /** Absent until the window saves them (files from before they existed have none). */
  ui: UiPrefsSchema.optional().catch(undefined),
});
export const DEFAULT_CACHE_BUDGET_BYTES = 512 * 1024 * 1024;
export type Settings = z.infer<typeof SettingsSchema>;
/** What may be saved: fields left out take their defaults. */
export type SettingsInput = z.input<typeof SettingsSchema>;
