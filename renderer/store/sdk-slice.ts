// The SDK manager: the release catalogue, installs and their progress, remove, import and export.
// The server may not offer these channels yet (an older Gopherlab): each action then says so
// instead of failing obscurely, and installed toolchains keep working.
import { ContractError } from '../../shared/contract';
import type { Catalog, InstallProgress, Toolchain } from '../../shared/toolchain';
import { normalizeGoVersion } from '../versions/go-version';
import { describeError } from './errors';
import { isActive, queuedInstall, reduceInstall, type InstallView } from './install-progress';
import type { SliceCreator, StoreDeps } from './types';

export type CatalogStatus = 'idle' | 'loading' | 'ready' | 'unavailable' | 'error';

export interface Operation<T> {
  status: 'idle' | 'working' | 'done' | 'error';
  result: T | null;
  error: string | null;
}

export interface ImportResult {
  path: string;
  toolchains: Toolchain[];
}

export interface ExportResult {
  path: string;
  bytes: number;
  versions: string[];
}

export interface Removal {
  status: 'removing' | 'error';
  error: string | null;
}

export interface SdkSlice {
  catalog: Catalog | null;
  catalogStatus: CatalogStatus;
  catalogError: string | null;
  /** Keyed by version ("go1.22.3"); kept after the end until dismissed, so the outcome is seen. */
  installs: Record<string, InstallView>;
  removals: Record<string, Removal>;
  lastRemoval: { version: string; freedBytes: number } | null;
  importOp: Operation<ImportResult>;
  exportOp: Operation<ExportResult>;
  sdkPanelOpen: boolean;

  loadCatalog(refresh?: boolean): Promise<void>;
  /** Installs a release; with a tab id, that tab switches to it once it is installed. */
  installSdk(version: string, useInTab?: string): Promise<Toolchain | null>;
  cancelInstall(version: string): Promise<void>;
  receiveProgress(progress: InstallProgress): void;
  dismissInstall(version: string): void;
  removeSdk(version: string): Promise<boolean>;
  importSdk(path: string): Promise<void>;
  exportKit(versions: string[], out: string): Promise<void>;
  setSdkPanelOpen(open: boolean): void;
}

const idle = <T>(): Operation<T> => ({ status: 'idle', result: null, error: null });

/**
 * True when the server has no handler for the channel: an `unknown-channel` answer, or (from a
 * server whose contract already lists the channel but whose handler is missing) the TypeError of
 * calling it.
 */
export function isUnavailable(err: unknown): boolean {
  if (!(err instanceof ContractError)) return false;
  return err.code === 'unknown-channel' || (err.code === 'internal' && /\bhandler is not a function\b/.test(err.message));
}

const UNAVAILABLE = {
  catalog: 'This Gopherlab cannot list Go releases yet: update Gopherlab. Installed toolchains keep working.',
  install: 'This Gopherlab cannot install Go releases yet: update Gopherlab, or put a Go SDK in ~/sdk and look for toolchains again.',
  cancel: 'This Gopherlab cannot cancel installs.',
  remove: 'This Gopherlab cannot remove SDKs yet: update Gopherlab.',
  import: 'This Gopherlab cannot import SDKs yet: update Gopherlab, or unpack the archive into ~/sdk and look for toolchains again.',
  export: 'This Gopherlab cannot export kits yet: update Gopherlab.',
} as const;

function sdkError(err: unknown, what: keyof typeof UNAVAILABLE, prefix: string): string {
  if (isUnavailable(err)) return UNAVAILABLE[what];
  if (what === 'install' && err instanceof ContractError && err.code === 'disconnected') {
    return 'Lost the connection to Gopherlab during the install. It may still finish there: its progress shows here again once reconnected.';
  }
  return `${prefix}${describeError(err)}`;
}

export function createSdkSlice(deps: StoreDeps): SliceCreator<SdkSlice> {
  return (set, get) => {
    let catalogSeq = 0;

    const patchInstall = (version: string, patch: Partial<InstallView>) =>
      set((s) => {
        const cur = s.installs[version];
        return cur ? { installs: { ...s.installs, [version]: { ...cur, ...patch } } } : {};
      });

    /** What the server knows changed: re-read the toolchains, and the catalogue if it is shown. */
    const refreshAfterChange = async () => {
      const s = get();
      await Promise.all([s.loadToolchains(true), s.catalogStatus === 'idle' || s.catalogStatus === 'unavailable' ? undefined : s.loadCatalog()]);
    };

    return {
      catalog: null,
      catalogStatus: 'idle',
      catalogError: null,
      installs: {},
      removals: {},
      lastRemoval: null,
      importOp: idle(),
      exportOp: idle(),
      sdkPanelOpen: false,

      async loadCatalog(refresh) {
        const seq = ++catalogSeq;
        set({ catalogStatus: 'loading', catalogError: null });
        try {
          const catalog = await deps.client.call('sdk.catalog', refresh ? { refresh: true } : {});
          if (seq === catalogSeq) set({ catalog, catalogStatus: 'ready' });
        } catch (err) {
          if (seq !== catalogSeq) return;
          set({
            catalogStatus: isUnavailable(err) ? 'unavailable' : 'error',
            catalogError: sdkError(err, 'catalog', 'Could not load the list of Go releases: '),
          });
        }
      },

      async installSdk(version, useInTab) {
        const v = normalizeGoVersion(version);
        // A second request for a running install joins it (the server shares one per version).
        if (!isActive(get().installs[v])) set((s) => ({ installs: { ...s.installs, [v]: queuedInstall(v, deps.now()) } }));
        try {
          const toolchain = await deps.client.call('sdk.install', { version: v });
          get().receiveProgress({ version: v, phase: 'done', bytes: 0, total: null, rate: null, etaMs: null });
          // The list may not have been re-read yet: add it now so the tab's choice resolves at once.
          set((s) => (s.toolchains.some((t) => t.goroot === toolchain.goroot) ? {} : { toolchains: [...s.toolchains, toolchain] }));
          if (useInTab && get().tabs.some((t) => t.id === useInTab)) get().setTabGo(useInTab, toolchain.isDefault ? '' : toolchain.id);
          return toolchain;
        } catch (err) {
          const cur = get().installs[v];
          const canceled = cur?.phase === 'canceled' || cur?.cancelRequested === true;
          get().receiveProgress({
            version: v,
            phase: canceled ? 'canceled' : 'failed',
            bytes: cur?.bytes ?? 0,
            total: cur?.total ?? null,
            rate: null,
            etaMs: null,
            message: canceled ? undefined : sdkError(err, 'install', ''),
          });
          return null;
        }
      },

      async cancelInstall(version) {
        const v = normalizeGoVersion(version);
        if (!isActive(get().installs[v])) return;
        patchInstall(v, { cancelRequested: true, cancelError: null });
        try {
          const { canceled } = await deps.client.call('sdk.cancelInstall', { version: v });
          if (!canceled && isActive(get().installs[v])) {
            patchInstall(v, { cancelRequested: false, cancelError: 'Could not cancel: the install is past the point where it can stop.' });
          }
        } catch (err) {
          patchInstall(v, { cancelRequested: false, cancelError: sdkError(err, 'cancel', 'Could not cancel: ') });
        }
      },

      receiveProgress(progress) {
        const v = normalizeGoVersion(progress.version);
        const prev = get().installs[v];
        const next = reduceInstall(prev, progress, deps.now());
        if (next === prev) return;
        set((s) => ({ installs: { ...s.installs, [v]: next } }));
        if (next.phase === 'done' && prev?.phase !== 'done') void refreshAfterChange();
      },

      dismissInstall(version) {
        const v = normalizeGoVersion(version);
        set((s) => {
          if (!s.installs[v] || isActive(s.installs[v])) return {};
          const { [v]: _dismissed, ...rest } = s.installs;
          return { installs: rest };
        });
      },

      async removeSdk(version) {
        const v = normalizeGoVersion(version);
        if (get().removals[v]?.status === 'removing') return false;
        set((s) => ({ removals: { ...s.removals, [v]: { status: 'removing', error: null } } }));
        try {
          const { removed, freedBytes } = await deps.client.call('sdk.remove', { version: v });
          set((s) => {
            const { [v]: _done, ...removals } = s.removals;
            const { [v]: _installed, ...installs } = s.installs;
            return removed
              ? { removals, installs, lastRemoval: { version: v, freedBytes } }
              : { removals: { ...removals, [v]: { status: 'error', error: `${v} was not removed: Gopherlab only removes SDKs it installed itself.` } } };
          });
          await refreshAfterChange();
          return removed;
        } catch (err) {
          set((s) => ({ removals: { ...s.removals, [v]: { status: 'error', error: sdkError(err, 'remove', `Could not remove ${v}: `) } } }));
          return false;
        }
      },

      async importSdk(path) {
        const clean = path.trim();
        if (!clean || get().importOp.status === 'working') return;
        set({ importOp: { status: 'working', result: null, error: null } });
        try {
          const toolchains = await deps.client.call('sdk.import', { path: clean });
          set({ importOp: { status: 'done', result: { path: clean, toolchains }, error: null } });
          await refreshAfterChange();
        } catch (err) {
          set({ importOp: { status: 'error', result: null, error: sdkError(err, 'import', 'Could not import: ') } });
        }
      },

      async exportKit(versions, out) {
        const clean = out.trim();
        if (!clean || versions.length === 0 || get().exportOp.status === 'working') return;
        set({ exportOp: { status: 'working', result: null, error: null } });
        try {
          const result = await deps.client.call('sdk.exportKit', { versions: versions.map(normalizeGoVersion), out: clean });
          set({ exportOp: { status: 'done', result, error: null } });
        } catch (err) {
          set({ exportOp: { status: 'error', result: null, error: sdkError(err, 'export', 'Could not write the kit: ') } });
        }
      },

      setSdkPanelOpen(open) {
        set({ sdkPanelOpen: open });
      },
    };
  };
}
