// The one store: slices combined, with subscribeWithSelector so contract events and autosave can
// feed and watch it from outside React.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { subscribeWithSelector } from 'zustand/middleware';
import { createConnectionSlice } from './connection-slice';
import { createBenchSlice } from './bench-slice';
import { createDriftSlice } from './drift-slice';
import { createLspSlice } from '../lsp/lsp-slice';
import { createLatencySlice } from './latency-slice';
import { createLibrarySlice } from '../library/library-slice';
import { createRunSlice } from './run-slice';
import { createSandboxSlice } from './sandbox-slice';
import { createSdkSlice } from './sdk-slice';
import { createSettingsSlice } from './settings-slice';
import { createSourcesSlice } from './sources-slice';
import { createAppearanceSlice } from '../theme/appearance-slice';
import { createToolchainSlice } from './toolchain-slice';
import { createFilesSlice } from '../files/files-slice';
import { createChecksSlice } from '../format/checks-slice';
import type { AppState, StoreDeps } from './types';
import { createWorkspaceSlice } from './workspace-slice';

export type AppStore = Omit<StoreApi<AppState>, 'subscribe'> & {
  subscribe: {
    (listener: (state: AppState, prev: AppState) => void): () => void;
    <U>(
      selector: (state: AppState) => U,
      listener: (selected: U, prev: U) => void,
      options?: { equalityFn?: (a: U, b: U) => boolean; fireImmediately?: boolean },
    ): () => void;
  };
};

export function createAppStore(deps: StoreDeps): AppStore {
  return createStore<AppState>()(
    subscribeWithSelector((...a) => ({
      ...createWorkspaceSlice(deps)(...a),
      ...createRunSlice(deps)(...a),
      ...createToolchainSlice(deps)(...a),
      ...createSdkSlice(deps)(...a),
      ...createSettingsSlice(deps)(...a),
      ...createSourcesSlice(deps)(...a),
      ...createSandboxSlice(deps)(...a),
      ...createConnectionSlice(deps)(...a),
      ...createDriftSlice(deps)(...a),
      ...createBenchSlice(deps)(...a),
      ...createLspSlice(deps)(...a),
      ...createLatencySlice(deps)(...a),
      ...createLibrarySlice(deps)(...a),
      ...createFilesSlice()(...a),
      ...createChecksSlice(deps)(...a),
      ...createAppearanceSlice(deps)(...a),
    })),
  );
}
