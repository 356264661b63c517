// Appearance: the theme, presentation mode, the sandbox of new tabs, and which of the Settings and
// Help panels is open. The text size itself is the settings slice's fontSize (the editor reads it).
//
// The preferences are kept in the settings file (settings.save), so the desktop app and browser
// mode, on whatever port, share them. A copy in localStorage gives the first paint the right theme
// before settings.load answers; it also says whether the last change reached the file.
import { SettingsSchema, UiPrefsSchema, type NewTabMode, type ThemePref, type UiPrefs } from '../../shared/settings';
import { describeError } from '../store/errors';
import type { AppState, SliceCreator, StoreDeps } from '../store/types';
import { clampFontSize, editorFontSize, monacoThemeFor, outputFontSize, resolveTheme, zoomedFontSize, type ResolvedTheme } from './theme';

export interface AppearanceSlice {
  themePref: ThemePref;
  /** What the system asks for (prefers-color-scheme: dark), for the 'system' theme. */
  systemDark: boolean;
  presentation: boolean;
  newTabMode: NewTabMode;
  settingsOpen: boolean;
  helpOpen: boolean;
  /** A preference changed here that the settings file does not have yet. */
  uiPending: boolean;
  uiSaving: boolean;
  uiError: string | null;

  setThemePref(theme: ThemePref): void;
  setSystemDark(dark: boolean): void;
  setPresentation(on: boolean): void;
  togglePresentation(): void;
  /** +1 / -1 px, or 0 for the default size. */
  zoomFont(step: 1 | -1 | 0): void;
  setUiFontSize(px: number): void;
  setNewTabMode(mode: NewTabMode): void;
  setSettingsOpen(open: boolean): void;
  setHelpOpen(open: boolean): void;
  /** Takes the preferences read from the settings file (not a change of the user's: nothing to save). */
  applyStoredUi(ui: UiPrefs): void;
  /** Writes the current preferences into the settings file, keeping its other fields. */
  saveUiPrefs(): Promise<boolean>;
}

export const APPEARANCE_KEY = 'gopherlab.appearance';

interface LocalCopy {
  theme: ThemePref;
  presentation: boolean;
  newTabMode: NewTabMode;
  /** False while a change has not reached the settings file: it is newer than the file then. */
  synced: boolean;
}

function readLocal(storage: StoreDeps['storage']): LocalCopy | null {
  try {
    const raw = storage?.getItem(APPEARANCE_KEY);
    if (!raw) return null;
    const data = JSON.parse(raw) as Record<string, unknown>;
    const ui = UiPrefsSchema.parse(data);
    return { theme: ui.theme, presentation: ui.presentation, newTabMode: ui.newTabMode, synced: data.synced !== false };
  } catch {
    return null;
  }
}

function writeLocal(storage: StoreDeps['storage'], s: Pick<AppState, 'themePref' | 'presentation' | 'newTabMode' | 'uiPending'>): void {
  try {
    const copy: LocalCopy = { theme: s.themePref, presentation: s.presentation, newTabMode: s.newTabMode, synced: !s.uiPending };
    storage?.setItem(APPEARANCE_KEY, JSON.stringify(copy));
  } catch {
    // A preference that is not remembered locally is still in the settings file.
  }
}

export const selectUiPrefs = (s: Pick<AppState, 'themePref' | 'fontSize' | 'presentation' | 'newTabMode'>): UiPrefs => ({
  theme: s.themePref,
  fontSize: clampFontSize(s.fontSize),
  presentation: s.presentation,
  newTabMode: s.newTabMode,
});

export const sameUiPrefs = (a: UiPrefs, b: UiPrefs): boolean =>
  a.theme === b.theme && a.fontSize === b.fontSize && a.presentation === b.presentation && a.newTabMode === b.newTabMode;

export const selectResolvedTheme = (s: Pick<AppState, 'themePref' | 'systemDark'>): ResolvedTheme => resolveTheme(s.themePref, s.systemDark);
export const selectMonacoTheme = (s: Pick<AppState, 'themePref' | 'systemDark' | 'presentation'>): string => monacoThemeFor(selectResolvedTheme(s), s.presentation);
export const selectEditorFontSize = (s: Pick<AppState, 'fontSize' | 'presentation'>): number => editorFontSize(s.fontSize, s.presentation);
export const selectOutputFontSize = (s: Pick<AppState, 'fontSize' | 'presentation'>): number => outputFontSize(s.fontSize, s.presentation);

export function createAppearanceSlice(deps: StoreDeps): SliceCreator<AppearanceSlice> {
  const local = readLocal(deps.storage);
  return (set, get) => {
    /** A change of the user's: applied at once, remembered locally, saved to the file soon after. */
    const change = (patch: Partial<AppearanceSlice>) => {
      set({ ...patch, uiPending: true });
      writeLocal(deps.storage, get());
    };
    return {
      themePref: local?.theme ?? 'system',
      // Dark until the document binding asks the system: the look the app has always had.
      systemDark: true,
      presentation: local?.presentation ?? false,
      newTabMode: local?.newTabMode ?? 'same',
      settingsOpen: false,
      helpOpen: false,
      uiPending: local ? !local.synced : false,
      uiSaving: false,
      uiError: null,

      setThemePref(theme) {
        if (get().themePref !== theme) change({ themePref: theme });
      },

      setSystemDark(dark) {
        if (get().systemDark !== dark) set({ systemDark: dark });
      },

      setPresentation(on) {
        if (get().presentation !== on) change({ presentation: on });
      },

      togglePresentation() {
        change({ presentation: !get().presentation });
      },

      zoomFont(step) {
        get().setUiFontSize(zoomedFontSize(get().fontSize, step));
      },

      setUiFontSize(px) {
        const size = clampFontSize(px);
        if (size === get().fontSize) return;
        get().setFontSize(size);
        change({});
      },

      setNewTabMode(mode) {
        if (get().newTabMode !== mode) change({ newTabMode: mode });
      },

      setSettingsOpen(open) {
        set(open ? { settingsOpen: true, helpOpen: false } : { settingsOpen: false });
      },

      setHelpOpen(open) {
        set(open ? { helpOpen: true, settingsOpen: false } : { helpOpen: false });
      },

      applyStoredUi(ui) {
        set({ themePref: ui.theme, presentation: ui.presentation, newTabMode: ui.newTabMode, uiPending: false });
        if (get().fontSize !== ui.fontSize) get().setFontSize(ui.fontSize);
        writeLocal(deps.storage, get());
      },

      async saveUiPrefs() {
        if (get().uiSaving) return false;
        const ui = selectUiPrefs(get());
        set({ uiSaving: true });
        try {
          // Settings are saved whole: GOPROXY, GOROOTs and the cache budget go back as stored.
          const stored = get().sources ?? (await deps.client.call('settings.load', {}));
          const saved = await deps.client.call('settings.save', { ...SettingsSchema.parse(stored), ui });
          // A change made while this save was under way still needs one of its own.
          set({ sources: saved, uiSaving: false, uiError: null, uiPending: !sameUiPrefs(selectUiPrefs(get()), ui) });
          writeLocal(deps.storage, get());
          return true;
        } catch (err) {
          set({ uiSaving: false, uiError: `Could not save the appearance settings: ${describeError(err)}. They apply in this window; the next change tries again.` });
          return false;
        }
      },
    };
  };
}
