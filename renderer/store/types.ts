// The store's shape: one store made of slices, each in its own file.
import type { StateCreator } from 'zustand';
import type { RendererClient } from '../contract/connection';
import type { BenchSlice } from './bench-slice';
import type { ConnectionSlice } from './connection-slice';
import type { DriftSlice } from './drift-slice';
import type { LatencySlice } from './latency-slice';
import type { LibrarySlice } from '../library/library-slice';
import type { RunSlice } from './run-slice';
import type { SandboxSlice } from './sandbox-slice';
import type { SdkSlice } from './sdk-slice';
import type { SettingsSlice } from './settings-slice';
import type { SourcesSlice } from './sources-slice';
import type { ToolchainSlice } from './toolchain-slice';
import type { WorkspaceSlice } from './workspace-slice';
import type { LspSlice } from '../lsp/lsp-slice';
import type { FilesSlice } from '../files/files-slice';
import type { ChecksSlice } from '../format/checks-slice';
import type { AppearanceSlice } from '../theme/appearance-slice';

export type AppState = WorkspaceSlice & RunSlice & ToolchainSlice & SdkSlice & SettingsSlice & SandboxSlice & ConnectionSlice & DriftSlice & SourcesSlice & BenchSlice & LatencySlice & LibrarySlice & LspSlice & AppearanceSlice & FilesSlice & ChecksSlice;

/** What a slice's actions may use besides the store itself. */
export interface StoreDeps {
  client: RendererClient;
  /** Where settings that are not part of the workspace (font size) are kept. */
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
  now: () => number;
}

export type SliceCreator<T> = StateCreator<AppState, [['zustand/subscribeWithSelector', never]], [], T>;
