// Where SDKs come from: the GOPROXY for downloads and extra GOROOTs offered as toolchains. Edited as
// a draft in the SDK panel; Save stores them on the server, then re-reads the toolchains and the
// release catalogue, which both depend on them.
import { SettingsSchema, type Settings } from '../../shared/settings';
import { describeError } from './errors';
import type { SliceCreator, StoreDeps } from './types';

export type SourcesStatus = 'idle' | 'loading' | 'ready' | 'saving' | 'error';

/** The settings this section edits; the others (the cache budget) are kept as stored. */
export type SourcesDraft = Pick<Settings, 'goproxy' | 'goroots'>;

export interface SourcesSlice {
  /** What the server has stored; null until loaded. */
  sources: Settings | null;
  /** What the user is editing. */
  sourcesDraft: SourcesDraft;
  sourcesStatus: SourcesStatus;
  sourcesError: string | null;
  /** Set after a successful save, until the draft changes again. */
  sourcesSavedAt: number | null;

  loadSources(): Promise<void>;
  setGoproxyDraft(goproxy: string): void;
  /** Adds a GOROOT to the draft; false (and an error) when empty or already listed. */
  addGorootDraft(path: string): boolean;
  removeGorootDraft(path: string): void;
  saveSources(): Promise<boolean>;
}

const EMPTY: SourcesDraft = { goproxy: '', goroots: [] };

/** True when the draft differs from what is stored. */
export function sourcesDirty(s: Pick<SourcesSlice, 'sources' | 'sourcesDraft'>): boolean {
  const saved = s.sources ?? EMPTY;
  const d = s.sourcesDraft;
  return saved.goproxy !== d.goproxy || saved.goroots.length !== d.goroots.length || saved.goroots.some((g, i) => g !== d.goroots[i]);
}

export function createSourcesSlice(deps: StoreDeps): SliceCreator<SourcesSlice> {
  return (set, get) => ({
    sources: null,
    sourcesDraft: EMPTY,
    sourcesStatus: 'idle',
    sourcesError: null,
    sourcesSavedAt: null,

    async loadSources() {
      set({ sourcesStatus: 'loading', sourcesError: null });
      try {
        const sources = await deps.client.call('settings.load', {});
        set({ sources, sourcesDraft: { goproxy: sources.goproxy, goroots: [...sources.goroots] }, sourcesStatus: 'ready' });
      } catch (err) {
        set({ sourcesStatus: 'error', sourcesError: `Could not load the settings: ${describeError(err)}` });
      }
    },

    setGoproxyDraft(goproxy) {
      set((s) => ({ sourcesDraft: { ...s.sourcesDraft, goproxy }, sourcesSavedAt: null }));
    },

    addGorootDraft(path) {
      const clean = path.trim();
      if (!clean) return false;
      if (get().sourcesDraft.goroots.includes(clean)) {
        set({ sourcesError: `${clean} is already in the list.` });
        return false;
      }
      set((s) => ({ sourcesDraft: { ...s.sourcesDraft, goroots: [...s.sourcesDraft.goroots, clean] }, sourcesError: null, sourcesSavedAt: null }));
      return true;
    },

    removeGorootDraft(path) {
      set((s) => ({ sourcesDraft: { ...s.sourcesDraft, goroots: s.sourcesDraft.goroots.filter((g) => g !== path) }, sourcesSavedAt: null }));
    },

    async saveSources() {
      if (get().sourcesStatus === 'saving') return false;
      const draft = get().sourcesDraft;
      set({ sourcesStatus: 'saving', sourcesError: null });
      try {
        // Settings are saved whole: the fields this section does not edit go back as stored.
        const stored = get().sources ?? (await deps.client.call('settings.load', {}));
        const sources = await deps.client.call('settings.save', { ...SettingsSchema.parse(stored), goproxy: draft.goproxy.trim(), goroots: draft.goroots });
        set({ sources, sourcesDraft: { goproxy: sources.goproxy, goroots: [...sources.goroots] }, sourcesStatus: 'ready', sourcesSavedAt: deps.now() });
      } catch (err) {
        set({ sourcesStatus: 'error', sourcesError: `Could not save: ${describeError(err)}` });
        return false;
      }
      // Both depend on the settings: the GOROOTs add toolchains, the GOPROXY lists releases.
      const s = get();
      await Promise.all([s.loadToolchains(true), s.loadCatalog(true)]);
      return true;
    },
  });
}
