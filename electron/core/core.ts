// The engine, assembled: toolchains, runs and the workspace store. Plain Node, no electron.
import { SANDBOX_MODES } from '../../shared/run';
import type { AppInfo } from '../../shared/contract';
import type { Toolchain } from '../../shared/toolchain';
import { ToolchainRegistry } from './sdk/registry';
import { RunService } from './pipeline/run-service';
import { WorkspaceStore } from './store/workspace-store';
import { SettingsStore } from './store/settings-store';
import { SdkManager } from './sdk/manager';
import { hostPlatform } from './sdk/proxy';
import { resolveDataDir } from './store/paths';
import { sweepStaleWorkDirs } from './pipeline/workdir';

export interface CoreOptions {
  /** Where state lives; defaults to GOPHERLAB_HOME or the platform's data folder. */
  dataDir?: string;
  /** Where per-toolchain GOCACHE folders live; defaults to <dataDir>/gocache. */
  goCacheRoot?: string;
  /** Warm the default toolchain's standard library for the sandbox targets in the background. */
  prewarm?: boolean;
  /** One-shot use (the CLI): no spare worker, no sweeping, no background work. */
  oneShot?: boolean;
  /** One-shot use: called when a toolchain has no standard-library index yet. */
  onStdIndexMissing?: (toolchain: Toolchain) => void;
}

export interface Core {
  readonly dataDir: string;
  readonly toolchains: ToolchainRegistry;
  readonly runs: RunService;
  readonly workspace: WorkspaceStore;
  readonly sdk: SdkManager;
  readonly settings: SettingsStore;
  /** Readies the default toolchain for fast runs (standard library built and indexed). */
  prewarm(): Promise<void>;
  appInfo(transport: AppInfo['transport']): AppInfo;
  dispose(): Promise<void>;
}

export const APP_VERSION = '0.1.0';

export function createCore(options: CoreOptions = {}): Core {
  const dataDir = resolveDataDir(options.dataDir);
  const settings = new SettingsStore(dataDir);
  const toolchains = new ToolchainRegistry({ dataDir, goCacheRoot: options.goCacheRoot, extraGoroots: () => settings.get().goroots });
  const runs = new RunService({
    toolchains,
    oneShot: options.oneShot === true,
    ...(options.onStdIndexMissing ? { onStdIndexMissing: options.onStdIndexMissing } : {}),
  });
  const workspace = new WorkspaceStore(dataDir);
  if (!options.oneShot) void sweepStaleWorkDirs();
  // A new SDK is made ready for the targets the app builds for: wasip1 (the WASM sandbox) as a
  // step of the install, then the host's linux architecture (Docker builds) at low priority in
  // the background, so the install is done as soon as the default sandbox is ready.
  const linux = { goos: 'linux', goarch: hostPlatform().goarch };
  const prepareSdk = async (tc: Toolchain) => {
    await runs.prepare(tc);
    if (!options.oneShot) void runs.prepare(tc, linux, { background: true }).catch(() => undefined);
  };
  const sdk = new SdkManager({ dataDir, registry: toolchains, prewarm: prepareSdk, goproxy: () => settings.get().goproxy });
  settings.onChange(() => void toolchains.list({ refresh: true }).catch(() => undefined));
  if (!options.oneShot) void sdk.sweep().catch(() => undefined);
  const prewarm = async () => {
    const def = (await toolchains.list().catch(() => [])).find((t) => t.isDefault);
    if (def) await prepareSdk(def);
  };
  if (options.prewarm) void prewarm().catch(() => undefined);
  return {
    sdk,
    settings,
    prewarm,
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
      toolchains.dispose();
      await runs.dispose();
    },
  };
}
