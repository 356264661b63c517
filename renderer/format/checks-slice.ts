// gofmt on demand and the checks around a run (format on run, vet, module downloads). The checks
// are app settings (stored with GOPROXY, so the CLI honours module downloads too); they are read
// from and saved into the settings the store already holds, so no other section's fields are lost.
import type { FormatResult } from '../../shared/format';
import type { RunRequest } from '../../shared/run';
import { SettingsSchema, type Settings } from '../../shared/settings';
import { describeError } from '../store/errors';
import type { SliceCreator, StoreDeps } from '../store/types';

export type CheckSettings = Pick<Settings, 'formatOnRun' | 'vetOnRun' | 'vetBlocks' | 'moduleDownloads'>;

/** gofmt's last word on a tab, for the file strip: syntax errors, or why it could not run. */
export interface FormatNote {
  tabId: string;
  message: string;
}

export interface FetchedFormat {
  /** The text that was formatted: the result holds only while the tab still has it. */
  sent: string;
  result: FormatResult;
}

export interface ChecksSlice {
  checksSaving: boolean;
  checksError: string | null;
  /** A format of this tab is under way. */
  formattingTabId: string | null;
  formatNote: FormatNote | null;
  /** The editor formats a tab it shows itself (the cursor stays, one undo step); set while it is mounted. */
  tabFormatter: ((tabId: string) => Promise<void>) | null;
  setTabFormatter(f: ((tabId: string) => Promise<void>) | null): void;
  /** Reads the stored settings if no section has yet (the checks menu shows them). */
  loadChecks(): Promise<void>;
  /** Saves some of the checks; false (and checksError) when that failed. */
  saveChecks(patch: Partial<CheckSettings>): Promise<boolean>;
  /** gofmt for the tab's text as it is now; null (and a note) when it could not run. */
  fetchFormat(tabId: string): Promise<FetchedFormat | null>;
  /** Formats the tab's Go files. */
  formatTab(tabId: string): Promise<void>;
  /**
   * What a run does first (format) and adds to its request (vet), from the settings as loaded (at
   * start, by the checks menu); not loaded yet: neither.
   */
  runChecks(): Pick<RunRequest, 'vet'> & { format: boolean };
}

export const selectChecks = (s: { sources: Settings | null }): CheckSettings => ({
  formatOnRun: s.sources?.formatOnRun ?? false,
  vetOnRun: s.sources?.vetOnRun ?? false,
  vetBlocks: s.sources?.vetBlocks ?? false,
  moduleDownloads: s.sources?.moduleDownloads ?? false,
});

/** The note for gofmt's syntax errors: the first, with where it is. */
export function formatNoteText(result: FormatResult): string | null {
  const first = result.diagnostics[0];
  if (!first) return null;
  const more = result.diagnostics.length > 1 ? ` (and ${result.diagnostics.length - 1} more)` : '';
  return `gofmt stopped at ${first.file}:${first.line}:${first.column}: ${first.message}${more}. Fix the syntax, then format again${result.changed ? '; the other files were formatted' : ''}.`;
}

export function createChecksSlice(deps: StoreDeps): SliceCreator<ChecksSlice> {
  return (set, get) => {
    /** The stored settings, read once if no section has yet. */
    const settings = async (): Promise<Settings> => {
      const held = get().sources;
      if (held) return held;
      const loaded = await deps.client.call('settings.load', {});
      set((s) => (s.sources ? {} : { sources: loaded }));
      return get().sources ?? loaded;
    };

    return {
      checksSaving: false,
      checksError: null,
      formattingTabId: null,
      formatNote: null,
      tabFormatter: null,

      setTabFormatter(f) {
        set({ tabFormatter: f });
      },

      async loadChecks() {
        try {
          await settings();
        } catch (err) {
          set({ checksError: `Could not read the settings: ${describeError(err)}. They show as off; try again.` });
        }
      },

      async saveChecks(patch) {
        set({ checksSaving: true, checksError: null });
        try {
          // Settings are saved whole: start from what is stored, so GOPROXY, GOROOTs and the rest stay.
          const stored = await settings();
          const saved = await deps.client.call('settings.save', { ...SettingsSchema.parse(stored), ...patch });
          set({ sources: saved });
          return true;
        } catch (err) {
          set({ checksError: `Could not save the setting: ${describeError(err)}. Nothing changed; try again.` });
          return false;
        } finally {
          set({ checksSaving: false });
        }
      },

      async fetchFormat(tabId) {
        const tab = get().tabs.find((t) => t.id === tabId);
        if (!tab) return null;
        set((s) => ({ formattingTabId: tabId, formatNote: s.formatNote?.tabId === tabId ? null : s.formatNote }));
        try {
          const result = await deps.client.call('format.run', { source: tab.source, ...(tab.go ? { go: tab.go } : {}) });
          const note = formatNoteText(result);
          if (note) set({ formatNote: { tabId, message: note } });
          return { sent: tab.source, result };
        } catch (err) {
          set({ formatNote: { tabId, message: `Could not format: ${describeError(err)}` } });
          return null;
        } finally {
          set((s) => (s.formattingTabId === tabId ? { formattingTabId: null } : {}));
        }
      },

      async formatTab(tabId) {
        const formatter = get().tabFormatter;
        if (formatter) return formatter(tabId);
        const fetched = await get().fetchFormat(tabId);
        // Typed meanwhile: that text was not formatted; a format is cheap to ask for again.
        const now = get().tabs.find((t) => t.id === tabId)?.source;
        if (fetched?.result.changed && now === fetched.sent) get().setSource(tabId, fetched.result.source);
      },

      runChecks() {
        const checks = selectChecks(get());
        return { format: checks.formatOnRun, ...(checks.vetOnRun ? { vet: checks.vetBlocks ? 'block' : 'warn' } : {}) };
      },
    };
  };
}
