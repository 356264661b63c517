// The engine, assembled: toolchains, runs and the workspace store. Plain Node, no electron.
import { join } from 'node:path';
import { SANDBOX_MODES } from '../../shared/run';
import type { AppInfo } from '../../shared/contract';
import type { Toolchain } from '../../shared/toolchain';
import { ToolchainRegistry } from './sdk/registry';
import { RunService } from './pipeline/run-service';
import { WorkspaceStore } from './store/workspace-store';
import { SettingsStore } from './store/settings-store';
import { SnippetStore } from './store/snippet-store';
import { PlayClient } from './share/play-client';
import { SdkManager } from './sdk/manager';
import { LspService } from './lsp/lsp-service';
import { hostPlatform, resolveProxy } from './sdk/proxy';
import type { FormatParams, FormatResult } from '../../shared/format';
import { formatSnippet } from './tools/gofmt';
import { resolveDataDir } from './store/paths';
import { sweepStaleWorkDirs } from './pipeline/workdir';
import { CompileCache } from './cache/compile-cache';
import { HistoryStore } from './store/history-store';

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
  /** gopls for the editor: one server per toolchain, started on demand. */
  readonly lsp: LspService;
  /** The snippet library: every tab's snippet, kept after the tab is closed, with its last runs. */
  readonly snippets: SnippetStore;
  /** go.dev/play sharing (GOPHERLAB_PLAY_URL points it elsewhere). */
  readonly play: PlayClient;
  /** Built artifacts by their inputs, shared with the CLI; the budget is a setting. */
  readonly cache: CompileCache;
  /** The latency history: one entry per finished run. */
  readonly history: HistoryStore;
  /** Readies the default toolchain for fast runs (standard library built and indexed). */
  prewarm(): Promise<void>;
  /** gofmt with the snippet's Go. */
  format(params: FormatParams): Promise<FormatResult>;
  appInfo(transport: AppInfo['transport']): AppInfo;
  dispose(): Promise<void>;
}

export const APP_VERSION = '0.1.0';

export function createCore(options: CoreOptions = {}): Core {
  const dataDir = resolveDataDir(options.dataDir);
  const settings = new SettingsStore(dataDir);
  const toolchains = new ToolchainRegistry({ dataDir, goCacheRoot: options.goCacheRoot, extraGoroots: () => settings.get().goroots });
  const cache = new CompileCache({ dir: join(dataDir, 'cache'), budgetBytes: () => settings.get().cacheBudgetBytes });
  const history = new HistoryStore(dataDir);
  // The proxy for module downloads: the setting, else GOPROXY or `go env` (asked once per setting).
  let proxy: { setting: string; url: string | null } | null = null;
  const modules = () => {
    const s = settings.get();
    if (!s.moduleDownloads) return null;
    if (proxy?.setting !== s.goproxy) proxy = { setting: s.goproxy, url: resolveProxy(process.env, s.goproxy || undefined) };
    return { proxy: proxy.url };
  };
  const runs = new RunService({
    toolchains,
    cache,
    modules,
    oneShot: options.oneShot === true,
    ...(options.onStdIndexMissing ? { onStdIndexMissing: options.onStdIndexMissing } : {}),
  });
  const workspace = new WorkspaceStore(dataDir);
  // The open tabs on disk are snippets too: a library read for the first time (or after a crash
  // between the two writes) takes them in.
  const snippets = new SnippetStore(dataDir, { seed: async () => (await workspace.load())?.tabs ?? [] });
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
  // A smaller cache budget frees the space now, not at the next store.
  settings.onChange(() => cache.trim());
  if (!options.oneShot) void sdk.sweep().catch(() => undefined);
  const lsp = new LspService({ dataDir, toolchains, goproxy: () => settings.get().goproxy });
  if (!options.oneShot) void lsp.sweep();
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
    lsp,
    snippets,
    play: new PlayClient(),
    format: async (p) => formatSnippet(p.source, { goroot: (await toolchains.resolve(p.go || undefined)).goroot }),
    cache,
    history,
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
      await lsp.dispose();
      await runs.dispose();
      await Promise.all([cache.dispose(), history.settled()]);
    },
  };
}
