// The contract's handlers, independent of transport. Electron IPC, the browser-mode WebSocket and
// tests all call `handle` with an untrusted name and params; it validates both against the contract.
import {
  ContractError,
  isRequestName,
  requests,
  type AppInfo,
  type EventName,
  type EventPayload,
  type ParsedRequestParams,
  type RequestName,
  type RequestResult,
  type WireResult,
} from '../../../shared/contract';
import { createCore, type Core, type CoreOptions } from '../core';
import { bisect } from '../drift/bisect';
import { DRIFT_EXAMPLES } from '../drift/examples';
import { runMatrix } from '../drift/matrix';
import { runBenchDrift } from '../drift/perf';
import { historyEntry } from '../store/history-store';
import { TraceService } from '../trace/trace-service';

/** Where a caller's events go: each run streams to the client that started it. */
export type EventSink = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

export interface ApiOptions extends CoreOptions {
  transport: AppInfo['transport'];
}

export interface Api {
  readonly core: Core;
  /** Validates and runs one call. Never throws: failures come back as `{ok: false}`. */
  handle(name: unknown, params: unknown, sink: EventSink): Promise<WireResult<unknown>>;
  /** Cancels what a client started (its window closed or its socket dropped). */
  cancelAllFor(sink: EventSink): void;
  dispose(): Promise<void>;
}

type Handlers = {
  [K in RequestName]: (params: ParsedRequestParams<K>, sink: EventSink) => Promise<RequestResult<K>>;
};

export function createApi(options: ApiOptions): Api {
  const core = createCore(options);
  const traces = new TraceService({ dataDir: core.dataDir, toolchains: core.toolchains });
  const runsBySink = new Map<EventSink, Set<string>>();
  // Every client that has called in hears broadcast events (installs are shared).
  const sinks = new Set<EventSink>();
  core.sdk.onProgress((p) => {
    for (const sink of sinks) sink('sdk.progress', p);
  });
  core.lsp.onProgress((p) => {
    for (const sink of sinks) sink('lsp.progress', p);
  });
  // gopls' diagnostics for a tab go to the client that last synced it.
  const lspSinks = new Map<string, EventSink>();
  core.lsp.onDiagnostics((e) => lspSinks.get(e.tabId)?.('lsp.diagnostics', e));

  // Matrix and bisect jobs by id, so drift.cancel can stop them (and every run they started).
  const driftJobs = new Map<string, AbortController>();
  const withCancel = async <T>(id: string, job: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    const controller = new AbortController();
    driftJobs.set(id, controller);
    const stop = core.runs.cancelWhere((runId) => runId.startsWith(`${id}-`), controller.signal);
    try {
      return await job(controller.signal);
    } finally {
      stop();
      driftJobs.delete(id);
    }
  };

  const handlers: Handlers = {
    'app.info': async () => core.appInfo(options.transport),
    'sdk.list': async (p) => core.toolchains.list({ refresh: p.refresh === true }),
    'sdk.catalog': async (p) => core.sdk.getCatalog(p.refresh === true),
    'sdk.install': async (p) => core.sdk.install(p.version),
    'sdk.cancelInstall': async (p) => ({ canceled: core.sdk.cancelInstall(p.version) }),
    'sdk.remove': async (p) => core.sdk.remove(p.version),
    'sdk.import': async (p) => core.sdk.importFile(p.path),
    'sdk.exportKit': async (p) => core.sdk.exportKit(p.versions, p.out),
    'run.start': async (request, sink) => {
      let runs = runsBySink.get(sink);
      if (!runs) runsBySink.set(sink, (runs = new Set()));
      runs.add(request.runId);
      try {
        const result = await core.runs.run(request, {
          onOutput: (stream, data) => sink('run.output', { runId: request.runId, stream, data }),
          onStage: (span) => sink('run.stage', { runId: request.runId, span }),
        });
        // Off the result's path; a history that cannot be written never fails a run.
        core.history.append(historyEntry(request, result)).catch(() => undefined);
        return result;
      } finally {
        runs.delete(request.runId);
      }
    },
    'format.run': async (p) => core.format(p),
    'sandbox.status': async (p) => ({ docker: await core.runs.sandboxStatus(p.refresh === true) }),
    'run.cancel': async (p) => ({ canceled: core.runs.cancel(p.runId) }),
    'drift.matrix': async (p, sink) =>
      withCancel(p.matrixId, (signal) => runMatrix(core, p, { signal, onCell: (cell) => sink('drift.cell', { matrixId: p.matrixId, cell }) })),
    'drift.bisect': async (p, sink) =>
      withCancel(p.bisectId, (signal) => bisect(core, p, { signal, onStep: (step) => sink('drift.step', { bisectId: p.bisectId, step }) })),
    'drift.bench': async (p) => withCancel(p.id, (signal) => runBenchDrift(core, p, { signal })),
    'drift.cancel': async (p) => {
      const c = driftJobs.get(p.id);
      c?.abort();
      return { canceled: c !== undefined };
    },
    'drift.examples': async () => DRIFT_EXAMPLES,
    'trace.get': async (p) => traces.get(p.id),
    'trace.raw': async (p) => traces.raw(p.id),
    'cache.stats': async () => core.cache.stats(),
    'cache.clear': async () => core.cache.clear(),
    'history.list': async (p) => core.history.list(p.limit),
    'history.clear': async () => ({ cleared: await core.history.clear() }),
    'workspace.load': async () => core.workspace.load(),
    'settings.load': async () => core.settings.get(),
    'settings.save': async (s) => core.settings.save(s),
    'workspace.save': async (w) => {
      const savedAt = await core.workspace.save(w);
      // Every tab is a snippet: the library keeps what the tabs hold, also after they close.
      await core.snippets.saveTabs(w.tabs);
      return { savedAt };
    },
    'snippets.list': async (p) => core.snippets.list(p.query),
    'snippets.get': async (p) => core.snippets.get(p.id),
    'snippets.rename': async (p) => core.snippets.rename(p.id, p.title),
    'snippets.delete': async (p) => ({ deleted: await core.snippets.delete(p.id) }),
    'snippets.duplicate': async (p) => core.snippets.duplicate(p.id),
    'snippets.runs': async (p) => core.snippets.listRuns(p.id),
    'snippets.recordRun': async (p) => ({ recorded: await core.snippets.recordRun(p.id, p.run) }),
    'share.importPlay': async (p) => core.play.fetchSnippet(p.link),
    'share.toPlay': async (p) => core.play.share(p.source),
    'lsp.status': async (p) => core.lsp.status(p.refresh === true),
    'lsp.install': async () => core.lsp.install(),
    'lsp.sync': async (p, sink) => {
      lspSinks.set(p.tabId, sink);
      return core.lsp.sync(p);
    },
    'lsp.request': async (p) => core.lsp.request(p),
  };

  return {
    core,
    async handle(name, params, sink) {
      sinks.add(sink);
      if (!isRequestName(name)) {
        return fail(new ContractError('unknown-channel', `unknown channel ${JSON.stringify(name)}`));
      }
      const parsed = requests[name].params.safeParse(params ?? {});
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'params'}: ${i.message}`).join('; ');
        return fail(new ContractError('invalid-params', `${name}: ${issues}`));
      }
      try {
        const handler = handlers[name] as (p: unknown, s: EventSink) => Promise<unknown>;
        return { ok: true, value: await handler(parsed.data, sink) };
      } catch (err) {
        return fail(err);
      }
    },
    cancelAllFor(sink) {
      for (const runId of runsBySink.get(sink) ?? []) core.runs.cancel(runId);
      runsBySink.delete(sink);
      for (const [tabId, s] of lspSinks) if (s === sink) lspSinks.delete(tabId);
      sinks.delete(sink);
    },
    dispose: () => core.dispose(),
  };
}

function fail(err: unknown): WireResult<never> {
  if (err instanceof ContractError) return { ok: false, error: { code: err.code, message: err.message } };
  const message = err instanceof Error ? err.message : String(err);
  return { ok: false, error: { code: 'internal', message } };
}
