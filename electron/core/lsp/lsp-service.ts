// gopls for the editor: finds or installs it, runs one server per Go toolchain on demand, keeps
// each tab's snippet in sync as files, answers the editor's requests and forwards diagnostics.
// Idle servers are stopped; a crashed one is started again on the next request, its tabs reopened.
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CancellationTokenSource, type Location, type LocationLink, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import type {
  GoplsProgress,
  GoplsStatus,
  LspDiagnosticsEvent,
  LspLocation,
  LspRequestParams,
  LspSyncResult,
} from '../../../shared/lsp';
import type { Toolchain } from '../../../shared/toolchain';
import { RejectedInputError } from '../pipeline/guards';
import { buildEnv } from '../sdk/go-env';
import { hostPlatform, resolveProxy } from '../sdk/proxy';
import type { ToolchainRegistry } from '../sdk/registry';
import { isAlive } from '../util/process';
import { compareGoVersions, parseGoVersion } from '../sdk/version';
import { GoplsInstallError, installGopls } from './gopls-installer';
import { locateGopls, type FoundGopls } from './gopls-locator';
import { OLDEST_BUILDER, planGoplsInstall } from './gopls-release';
import { GoplsServer } from './gopls-server';
import { languageIdOf, snippetFiles, tabDir, TabWorkspace, type WorkspaceFile } from './tab-workspace';

export interface LspServiceOptions {
  dataDir: string;
  toolchains: ToolchainRegistry;
  /** The app's GOPROXY setting for downloads (empty: the environment's); installs go through it. */
  goproxy: () => string;
  env?: NodeJS.ProcessEnv;
  /** A server nobody asked anything for this long is stopped (default 10 minutes). */
  idleMs?: number;
  /** A request gopls has not answered by then fails (default 20 s; the first load can be slow). */
  requestTimeoutMs?: number;
}

/** gopls is not there, or cannot serve this tab: the message says what to do. */
export class LspUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LspUnavailableError';
  }
}

interface ServerEntry {
  goroot: string;
  server: GoplsServer | null;
  starting: Promise<GoplsServer> | null;
  lastUsed: number;
  /** Crashes in the last minute: a server that keeps dying is not restarted forever. */
  crashes: number[];
  lastCrash: string | null;
}

interface TabState {
  tabId: string;
  workspace: TabWorkspace;
  toolchain: Toolchain;
  /** The server its documents are open in, or null when they must be opened again. */
  openIn: GoplsServer | null;
  versions: Map<string, number>;
  pending: Map<string, CancellationTokenSource>;
}

const MAX_CRASHES_PER_MINUTE = 3;
/** The oldest Go whose `go list` gopls can drive (it passes -buildvcs, new in 1.18). */
export const OLDEST_WORKSPACE_GO = 'go1.18';

export class LspService {
  private readonly servers = new Map<string, ServerEntry>();
  private readonly tabs = new Map<string, TabState>();
  /** Syncs and requests of one tab run in order: a request sees the text synced before it. */
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly diagnosticListeners = new Set<(e: LspDiagnosticsEvent) => void>();
  private readonly progressListeners = new Set<(p: GoplsProgress) => void>();
  private found: Promise<FoundGopls | null> | null = null;
  private installing: Promise<GoplsStatus> | null = null;
  private readonly root: string;
  private readonly idleMs: number;
  private readonly requestTimeoutMs: number;
  private idleTimer: ReturnType<typeof setInterval> | null = null;
  private disposed = false;

  constructor(private readonly o: LspServiceOptions) {
    // Per process: a later start can tell a dead process's folders apart and sweep them.
    this.root = join(o.dataDir, 'lsp', String(process.pid));
    this.idleMs = o.idleMs ?? 10 * 60_000;
    this.requestTimeoutMs = o.requestTimeoutMs ?? 20_000;
  }

  onDiagnostics(listener: (e: LspDiagnosticsEvent) => void): () => void {
    this.diagnosticListeners.add(listener);
    return () => this.diagnosticListeners.delete(listener);
  }

  onProgress(listener: (p: GoplsProgress) => void): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  private readonly proxies = new Map<string, string | null>();
  /** Resolved once per setting value: `go env GOPROXY` is a process start. */
  private proxy(): string | null {
    const setting = this.o.goproxy();
    if (!this.proxies.has(setting)) this.proxies.set(setting, resolveProxy(this.o.env ?? process.env, setting || undefined));
    return this.proxies.get(setting) ?? null;
  }

  private locate(refresh = false): Promise<FoundGopls | null> {
    if (!this.found || refresh) this.found = locateGopls(this.o.dataDir, this.o.env ?? process.env);
    return this.found;
  }

  async status(refresh = false): Promise<GoplsStatus> {
    const found = await this.locate(refresh);
    const plan = planGoplsInstall(await this.o.toolchains.list().catch(() => []));
    const installable = plan ? { version: plan.version, go: plan.toolchain.version } : null;
    if (found) {
      return { available: true, version: found.version, path: found.path, source: found.source, installing: this.installing !== null, installable };
    }
    return {
      available: false,
      version: null,
      path: null,
      source: null,
      installing: this.installing !== null,
      installable,
      message: installable
        ? `Completion, hover and diagnostics need gopls: install gopls ${installable.version} (built with ${installable.go}), or put gopls on PATH`
        : `Completion, hover and diagnostics need gopls: building it needs ${OLDEST_BUILDER} or newer; install that SDK first, or put gopls on PATH`,
    };
  }

  /** Installs the newest gopls an installed Go can build; concurrent calls share one install. */
  install(): Promise<GoplsStatus> {
    this.installing ??= (async () => {
      try {
        const plan = planGoplsInstall(await this.o.toolchains.list());
        if (!plan) {
          throw new GoplsInstallError(`building gopls needs ${OLDEST_BUILDER} or newer: install that SDK first, or put gopls on PATH`, 'no-go');
        }
        await installGopls({
          dataDir: this.o.dataDir,
          version: plan.version,
          toolchain: plan.toolchain,
          proxy: this.proxy(),
          goCache: this.o.toolchains.goCacheFor(plan.toolchain),
          onProgress: (p) => this.progressListeners.forEach((l) => l(p)),
          ...(this.o.env ? { env: this.o.env } : {}),
        });
      } finally {
        this.installing = null;
      }
      return this.status(true);
    })();
    return this.installing;
  }

  /** Hands a tab's text to gopls (for the tab's toolchain). Bad file names come back as a message. */
  sync(params: { tabId: string; go: string; source: string }): Promise<LspSyncResult> {
    return this.inTab(params.tabId, async () => {
      let toolchain: Toolchain;
      let files: WorkspaceFile[];
      try {
        toolchain = await this.o.toolchains.resolve(params.go || undefined);
        files = snippetFiles(params.source, toolchain.version);
      } catch (err) {
        if (err instanceof RejectedInputError || (err instanceof Error && err.name === 'SdkMissingError')) {
          return { synced: false, files: [], message: err.message };
        }
        throw err;
      }
      let tab = this.tabs.get(params.tabId);
      if (compareGoVersions(toolchain.version, OLDEST_WORKSPACE_GO) < 0 && parseGoVersion(toolchain.version)) {
        // gopls' package loading needs flags of `go list` that older releases do not have.
        if (tab) {
          this.closeDocuments(tab);
          this.tabs.delete(params.tabId);
          await tab.workspace.remove();
        }
        return {
          synced: false,
          files: [],
          message: `gopls cannot load packages with ${toolchain.version}: completion, hover and diagnostics need ${OLDEST_WORKSPACE_GO} or newer for this tab (runs still work)`,
        };
      }
      if (tab && tab.toolchain.goroot !== toolchain.goroot) {
        // The tab switched releases: its documents move to that release's server.
        this.closeDocuments(tab);
        tab.toolchain = toolchain;
      }
      if (!tab) {
        tab = {
          tabId: params.tabId,
          workspace: new TabWorkspace(tabDir(this.root, params.tabId)),
          toolchain,
          openIn: null,
          versions: new Map(),
          pending: new Map(),
        };
        this.tabs.set(params.tabId, tab);
      }
      let server: GoplsServer;
      try {
        server = await this.serverFor(toolchain);
      } catch (err) {
        if (err instanceof LspUnavailableError) return { synced: false, files: [], message: err.message };
        throw err;
      }
      const delta = await tab.workspace.write(files);
      if (tab.openIn !== server) {
        this.openAll(tab, server);
      } else {
        for (const f of delta.closed) this.closeDocument(tab, server, f.name);
        for (const f of delta.opened) this.openDocument(tab, server, f);
        for (const f of delta.changed) {
          const version = (tab.versions.get(f.name) ?? 1) + 1;
          tab.versions.set(f.name, version);
          server.notify('textDocument/didChange', { textDocument: { uri: this.uri(tab, f.name), version }, contentChanges: [{ text: f.content }] });
        }
        if (delta.touched.length > 0) {
          server.notify('workspace/didChangeWatchedFiles', {
            changes: delta.touched.map((name) => ({ uri: this.uri(tab, name), type: tab.workspace.current.has(name) ? 2 : 3 })),
          });
        }
      }
      return { synced: true, files: files.map((f) => f.name) };
    });
  }

  /** One LSP request at a position of a synced tab's file; a newer request of the same kind cancels it. */
  request(params: LspRequestParams): Promise<unknown> {
    return this.inTab(params.tabId, async () => {
      const tab = this.tabs.get(params.tabId);
      if (!tab) throw new LspUnavailableError(`tab ${params.tabId} has not been synced with gopls yet`);
      const file = tab.workspace.current.get(params.file);
      if (!file?.document || !params.file.endsWith('.go')) throw new LspUnavailableError(`${params.file} is not a Go file of this snippet`);
      const server = await this.serverFor(tab.toolchain);
      if (tab.openIn !== server) this.openAll(tab, server);
      const key = params.method;
      tab.pending.get(key)?.cancel();
      const cancel = new CancellationTokenSource();
      tab.pending.set(key, cancel);
      const lspParams: Record<string, unknown> = { textDocument: { uri: this.uri(tab, params.file) }, position: params.position };
      if (params.method === 'textDocument/signatureHelp') {
        lspParams.context = params.triggerCharacter
          ? { triggerKind: 2, triggerCharacter: params.triggerCharacter, isRetrigger: false }
          : { triggerKind: 1, isRetrigger: false };
      }
      if (params.method === 'textDocument/completion') {
        lspParams.context = params.triggerCharacter ? { triggerKind: 2, triggerCharacter: params.triggerCharacter } : { triggerKind: 1 };
      }
      // Sent now, answered later: the tab's queue moves on so a newer request can cancel this one.
      const answer = server.request<unknown>(params.method, lspParams, cancel.token);
      return {
        answer: (async () => {
          const timer = setTimeout(() => cancel.cancel(), this.requestTimeoutMs);
          try {
            const result = await answer;
            return params.method === 'textDocument/definition' ? this.locations(tab, result) : result;
          } catch (err) {
            if (cancel.token.isCancellationRequested) return null;
            throw new Error(`gopls could not answer ${params.method}: ${err instanceof Error ? err.message : String(err)}`);
          } finally {
            clearTimeout(timer);
            if (tab.pending.get(key) === cancel) tab.pending.delete(key);
            cancel.dispose();
          }
        })(),
      };
    }).then((r) => r.answer);
  }

  /** For measurements: the process ids of the running servers. */
  serverPids(): number[] {
    return [...this.servers.values()].map((e) => e.server?.pid).filter((p): p is number => p !== undefined);
  }

  /** For tests of the crash path: the server a tab's documents are open in. */
  serverOf(tabId: string): GoplsServer | null {
    return this.tabs.get(tabId)?.openIn ?? null;
  }

  /** Stops every server and removes this process's tab folders (and those of dead processes). */
  async dispose(): Promise<void> {
    this.disposed = true;
    if (this.idleTimer) clearInterval(this.idleTimer);
    const entries = [...this.servers.values()];
    this.servers.clear();
    await Promise.all(entries.map(async (e) => (e.server ?? (await e.starting?.catch(() => null)))?.dispose()));
    this.tabs.clear();
    await rm(this.root, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
  }

  /** Removes the tab folders left by processes that are gone. */
  async sweep(): Promise<void> {
    const parent = join(this.o.dataDir, 'lsp');
    for (const name of await readdir(parent).catch(() => [] as string[])) {
      const pid = Number(name);
      if (!Number.isInteger(pid) || pid === process.pid || isAlive(pid)) continue;
      await rm(join(parent, name), { recursive: true, force: true }).catch(() => undefined);
    }
  }

  private inTab<T>(tabId: string, job: () => Promise<T>): Promise<T> {
    const run = (this.queues.get(tabId) ?? Promise.resolve()).then(job);
    this.queues.set(tabId, run.catch(() => undefined));
    return run;
  }

  private async serverFor(toolchain: Toolchain): Promise<GoplsServer> {
    if (this.disposed) throw new LspUnavailableError('the app is shutting down');
    let entry = this.servers.get(toolchain.goroot);
    if (!entry) {
      entry = { goroot: toolchain.goroot, server: null, starting: null, lastUsed: Date.now(), crashes: [], lastCrash: null };
      this.servers.set(toolchain.goroot, entry);
    }
    entry.lastUsed = Date.now();
    if (entry.server?.alive) return entry.server;
    const e = entry;
    e.starting ??= (async () => {
      try {
        const now = Date.now();
        e.crashes = e.crashes.filter((t) => now - t < 60_000);
        if (e.crashes.length >= MAX_CRASHES_PER_MINUTE) {
          throw new LspUnavailableError(`gopls keeps stopping (${e.lastCrash ?? 'no reason given'}); it will be tried again in a minute`);
        }
        const found = await this.locate();
        if (!found) throw new LspUnavailableError((await this.status()).message ?? 'gopls is not installed');
        // Set once started: an exit during the start (a binary that fails at once) has no server yet.
        let started: GoplsServer | null = null;
        const server = await GoplsServer.start({
          binary: found.path,
          env: this.goplsEnv(toolchain),
          cwd: this.o.dataDir,
          onDiagnostics: (p) => this.forwardDiagnostics(p),
          onExit: (reason) => {
            e.crashes.push(Date.now());
            e.lastCrash = reason;
            if (started && e.server === started) e.server = null;
          },
        }).catch((err: unknown) => {
          // The binary may be gone (removed, or PATH changed): look for it again next time.
          this.found = null;
          throw new LspUnavailableError(err instanceof Error ? err.message : String(err));
        });
        started = server;
        e.server = server;
        if (!this.idleTimer) {
          this.idleTimer = setInterval(() => void this.stopIdle(), Math.max(250, Math.min(60_000, this.idleMs / 4)));
          this.idleTimer.unref();
        }
        return server;
      } finally {
        e.starting = null;
      }
    })();
    return e.starting;
  }

  /** The tab's release for `go` (PATH, GOROOT), offline, with no say from the user's environment. */
  private goplsEnv(toolchain: Toolchain): NodeJS.ProcessEnv {
    const base = this.o.env ?? process.env;
    const env = buildEnv({
      toolchain,
      goCache: this.o.toolchains.goCacheFor(toolchain),
      dataDir: this.o.dataDir,
      target: hostPlatform(),
      baseEnv: base,
    });
    const sepr = process.platform === 'win32' ? ';' : ':';
    return {
      ...env,
      PATH: [join(toolchain.goroot, 'bin'), base.PATH].filter(Boolean).join(sepr),
      GOPROXY: 'off',
      GOFLAGS: '-mod=mod',
      GOPLSCACHE: join(this.o.dataDir, 'gopls-cache'),
    };
  }

  private folder(tab: TabState): { uri: string; name: string } {
    return { uri: pathToFileURL(tab.workspace.dir).href, name: tab.tabId };
  }

  private uri(tab: TabState, name: string): string {
    return pathToFileURL(tab.workspace.pathOf(name)).href;
  }

  private openAll(tab: TabState, server: GoplsServer): void {
    if (tab.openIn && tab.openIn !== server) this.closeDocuments(tab);
    tab.versions.clear();
    // Each tab is a workspace folder of its own: a module gopls loads apart from the other tabs.
    server.notify('workspace/didChangeWorkspaceFolders', { event: { added: [this.folder(tab)], removed: [] } });
    for (const f of tab.workspace.current.values()) if (f.document) this.openDocument(tab, server, f);
    tab.openIn = server;
  }

  private openDocument(tab: TabState, server: GoplsServer, f: WorkspaceFile): void {
    tab.versions.set(f.name, 1);
    server.notify('textDocument/didOpen', { textDocument: { uri: this.uri(tab, f.name), languageId: languageIdOf(f.name), version: 1, text: f.content } });
  }

  private closeDocument(tab: TabState, server: GoplsServer, name: string): void {
    tab.versions.delete(name);
    server.notify('textDocument/didClose', { textDocument: { uri: this.uri(tab, name) } });
    this.emitDiagnostics({ tabId: tab.tabId, file: name, diagnostics: [] });
  }

  private closeDocuments(tab: TabState): void {
    const server = tab.openIn;
    if (server) {
      for (const name of [...tab.versions.keys()]) this.closeDocument(tab, server, name);
      server.notify('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [this.folder(tab)] } });
    }
    tab.openIn = null;
  }

  /** Stops the servers nobody used for idleMs before `now`; their tabs reopen on the next call. */
  async stopIdle(now = Date.now()): Promise<void> {
    for (const [goroot, e] of this.servers) {
      if (!e.server || e.starting || now - e.lastUsed < this.idleMs) continue;
      this.servers.delete(goroot);
      for (const tab of this.tabs.values()) if (tab.openIn === e.server) tab.openIn = null;
      await e.server.dispose();
    }
  }

  private forwardDiagnostics(p: PublishDiagnosticsParams): void {
    let path: string;
    try {
      path = fileURLToPath(p.uri);
    } catch {
      return;
    }
    for (const tab of this.tabs.values()) {
      const file = tab.workspace.fileOf(path);
      if (!file || !tab.versions.has(file)) continue;
      this.emitDiagnostics({
        tabId: tab.tabId,
        file,
        diagnostics: p.diagnostics.map((d) => ({
          range: d.range,
          message: typeof d.message === 'string' ? d.message : d.message.value,
          ...(d.severity !== undefined ? { severity: d.severity } : {}),
          ...(d.source !== undefined ? { source: d.source } : {}),
          ...(d.code !== undefined ? { code: d.code } : {}),
        })),
      });
      return;
    }
  }

  private emitDiagnostics(e: LspDiagnosticsEvent): void {
    for (const l of this.diagnosticListeners) l(e);
  }

  /** Definition results as places in the snippet (file) or outside it (file null). */
  private locations(tab: TabState, result: unknown): LspLocation[] {
    const list = (Array.isArray(result) ? result : result ? [result] : []) as Array<Location | LocationLink>;
    const out: LspLocation[] = [];
    for (const item of list) {
      const uri = 'targetUri' in item ? item.targetUri : item.uri;
      const range = 'targetUri' in item ? item.targetSelectionRange : item.range;
      let path: string;
      try {
        path = fileURLToPath(uri);
      } catch {
        continue;
      }
      out.push({ file: tab.workspace.fileOf(path), path, range });
    }
    return out;
  }
}
