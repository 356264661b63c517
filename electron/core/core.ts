// The engine, assembled: toolchains, runs and the workspace store. Plain Node, no electron.
import { SANDBOX_MODES } from '../../shared/run';
import type { AppInfo } from '../../shared/contract';
import { ToolchainRegistry } from './sdk/registry';
import { RunService } from './pipeline/run-service';
import { WorkspaceStore } from './store/workspace-store';
import { resolveDataDir } from './store/paths';
import { sweepStaleWorkDirs } from './pipeline/workdir';

export interface CoreOptions {
  /** Where state lives; defaults to GOPHERLAB_HOME or the platform's data folder. */
  dataDir?: string;
  /** Where per-toolchain GOCACHE folders live; defaults to <dataDir>/gocache. */
  goCacheRoot?: string;
  /** Warm the default toolchain's standard library for the sandbox targets in the background. */
  prewarm?: boolean;
  /** One-shot use (the CLI): prepare what a long-lived process would prepare in the background. */
  oneShot?: boolean;
}

export interface Core {
  readonly dataDir: string;
  readonly toolchains: ToolchainRegistry;
  readonly runs: RunService;
  readonly workspace: WorkspaceStore;
  appInfo(transport: AppInfo['transport']): AppInfo;
  dispose(): Promise<void>;
}

export const APP_VERSION = '0.1.0';

export function createCore(options: CoreOptions = {}): Core {
  const dataDir = resolveDataDir(options.dataDir);
  const toolchains = new ToolchainRegistry({ dataDir, goCacheRoot: options.goCacheRoot });
  const runs = new RunService({ toolchains, waitForStdIndex: options.oneShot === true });
  const workspace = new WorkspaceStore(dataDir);
  if (!options.oneShot) void sweepStaleWorkDirs();
  if (options.prewarm) void toolchains.prewarmDefault();
  return {
    dataDir,
    toolchains,
    runs,
    workspace,
    appInfo: (transport) => ({
      name: 'Gopherlab',
      version: APP_VERSION,
      platform: process.platform,
      arch: process.arch,
      transport,
      modes: [...SANDBOX_MODES],
    }),
    dispose: async () => {
      await runs.dispose();
    },
  };
}
