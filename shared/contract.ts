// The one contract between the renderer and the main process. Every transport (Electron IPC,
// the browser-mode WebSocket) and every handler is typed from these maps; adding a channel is one
// entry here, its handler in core, and the renderer feature that uses it.
import { z } from 'zod';
import { OutputStreamSchema, RunIdSchema, RunRequestSchema, RunResultSchema, SandboxModeSchema, SpanSchema } from './run';
import { CatalogSchema, InstallProgressSchema, ToolchainSchema } from './toolchain';
import { WorkspaceSchema } from './workspace';
import { SettingsSchema } from './settings';
import { FormatParamsSchema, FormatResultSchema } from './format';
import { GoplsProgressSchema, GoplsStatusSchema, LspDiagnosticsEventSchema, LspRequestParamsSchema, LspSyncParamsSchema, LspSyncResultSchema } from './lsp';
import { HistoryEntrySchema } from './history';
import { TraceTimelineSchema } from './trace';
import { SnippetIdSchema, SnippetListSchema, SnippetMetaSchema, SnippetRunSchema, SnippetSchema } from './snippets';
import {
  BenchDriftRequestSchema,
  BenchDriftResultSchema,
  BisectReportSchema,
  BisectRequestSchema,
  BisectStepSchema,
  DriftExampleSchema,
  MatrixCellSchema,
  MatrixRequestSchema,
  MatrixResultSchema,
} from './drift';

export const EngineStatusSchema = z.object({
  available: z.boolean(),
  endpoint: z.string().nullable(),
  version: z.string().nullable(),
  arch: z.string().nullable(),
  error: z.string().optional(),
});
export type EngineStatusInfo = z.infer<typeof EngineStatusSchema>;

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  arch: z.string(),
  transport: z.enum(['electron', 'browser']),
  modes: z.array(SandboxModeSchema),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

const empty = z.object({}).strict();

/** A Go release name: go1.22.3, go1.21rc2, 1.22.3. */
const VersionSchema = z.string().regex(/^(go)?\d+\.\d+(\.\d+)?((rc|beta)\d+)?$/, 'a Go version looks like go1.22.3');

export const requests = {
  'app.info': { params: empty, result: AppInfoSchema },
  'sdk.list': { params: z.object({ refresh: z.boolean().optional() }).strict(), result: z.array(ToolchainSchema) },
  /** Every release the module proxy has for this machine; cached on disk for offline use. */
  'sdk.catalog': { params: z.object({ refresh: z.boolean().optional() }).strict(), result: CatalogSchema },
  /** Downloads, verifies, extracts and prewarms a release; progress comes as sdk.progress events. */
  'sdk.install': { params: z.object({ version: VersionSchema }).strict(), result: ToolchainSchema },
  'sdk.cancelInstall': { params: z.object({ version: VersionSchema }).strict(), result: z.object({ canceled: z.boolean() }) },
  /** Removes an SDK installed by Gopherlab, with its build cache. */
  'sdk.remove': { params: z.object({ version: VersionSchema }).strict(), result: z.object({ removed: z.boolean(), freedBytes: z.number() }) },
  /** Imports a toolchain .zip, a go.dev .tar.gz/.zip, or a classroom kit, from a path on this machine. */
  'sdk.import': { params: z.object({ path: z.string().min(1).max(4096) }).strict(), result: z.array(ToolchainSchema) },
  /** Writes a classroom kit (SDK archives + manifest) to a path on this machine. */
  'sdk.exportKit': {
    params: z.object({ versions: z.array(VersionSchema).min(1).max(50), out: z.string().min(1).max(4096) }).strict(),
    result: z.object({ path: z.string(), bytes: z.number(), versions: z.array(z.string()) }),
  },
  'run.start': { params: RunRequestSchema, result: RunResultSchema },
  /** gofmt with the tab's Go: the formatted snippet, or its syntax errors. */
  'format.run': { params: FormatParamsSchema, result: FormatResultSchema },
  /** Which sandboxes can run now: WASM always; Docker when an engine answers (refresh: ask again). */
  'sandbox.status': { params: z.object({ refresh: z.boolean().optional() }).strict(), result: z.object({ docker: EngineStatusSchema }) },
  'run.cancel': { params: z.object({ runId: RunIdSchema }).strict(), result: z.object({ canceled: z.boolean() }) },
  /** Runs one snippet on several releases (or go lines) at once; cells stream as drift.cell events. */
  'drift.matrix': { params: MatrixRequestSchema, result: MatrixResultSchema },
  /** Finds the first release with the new behaviour; steps stream as drift.step events. */
  'drift.bisect': { params: BisectRequestSchema, result: BisectReportSchema },
  /** Performance drift: the snippet's benchmarks on each release, several runs each. */
  'drift.bench': { params: BenchDriftRequestSchema, result: BenchDriftResultSchema },
  /** Stops a matrix or a bisect by its id. */
  'drift.cancel': { params: z.object({ id: z.string().min(1).max(64) }).strict(), result: z.object({ canceled: z.boolean() }) },
  'drift.examples': { params: empty, result: z.array(DriftExampleSchema) },
  'workspace.load': { params: empty, result: WorkspaceSchema.nullable() },
  'settings.load': { params: empty, result: SettingsSchema },
  /** Saves settings; a changed GOPROXY or GOROOT list applies to the next catalogue, install and run. */
  'settings.save': { params: SettingsSchema, result: SettingsSchema },
  'workspace.save': { params: WorkspaceSchema, result: z.object({ savedAt: z.number() }) },
  /** The compile cache: entries, bytes on disk and the budget (a setting). */
  'cache.stats': {
    params: empty,
    result: z.object({ entries: z.number().int(), bytes: z.number(), budgetBytes: z.number(), hits: z.number().int(), misses: z.number().int() }),
  },
  'cache.clear': { params: empty, result: z.object({ removedEntries: z.number().int(), freedBytes: z.number() }) },
  /** Finished runs, oldest first (persisted; at most HISTORY_LIMIT). */
  'history.list': { params: z.object({ limit: z.number().int().min(1).max(10_000).optional() }).strict(), result: z.array(HistoryEntrySchema) },
  'history.clear': { params: empty, result: z.object({ cleared: z.number().int() }) },
  /** A traced run's Go execution trace, parsed for the timeline. */
  'trace.get': { params: z.object({ id: RunIdSchema }).strict(), result: TraceTimelineSchema },
  /** A traced run's raw Go trace file (for `go tool trace`), base64. */
  'trace.raw': { params: z.object({ id: RunIdSchema }).strict(), result: z.object({ name: z.string(), base64: z.string() }) },
  /** The snippet library (every tab is a snippet; workspace.save keeps the open ones in it), searched by title and source. */
  'snippets.list': { params: z.object({ query: z.string().max(200).optional() }).strict(), result: SnippetListSchema },
  'snippets.get': { params: z.object({ id: SnippetIdSchema }).strict(), result: SnippetSchema },
  'snippets.rename': { params: z.object({ id: SnippetIdSchema, title: z.string().min(1).max(200) }).strict(), result: SnippetMetaSchema },
  /** Removes the snippet and its run history from disk. */
  'snippets.delete': { params: z.object({ id: SnippetIdSchema }).strict(), result: z.object({ deleted: z.boolean() }) },
  /** A new snippet "<title> (copy)" with the same source, Go and sandbox. */
  'snippets.duplicate': { params: z.object({ id: SnippetIdSchema }).strict(), result: SnippetMetaSchema },
  /** The snippet's last runs, newest first. */
  'snippets.runs': { params: z.object({ id: SnippetIdSchema }).strict(), result: z.array(SnippetRunSchema) },
  'snippets.recordRun': { params: z.object({ id: SnippetIdSchema, run: SnippetRunSchema }).strict(), result: z.object({ recorded: z.boolean() }) },
  /** Fetches a go.dev/play snippet by its link; fails with code 'unreachable' when go.dev cannot be reached. */
  'share.importPlay': {
    params: z.object({ link: z.string().min(1).max(2000) }).strict(),
    result: z.object({ id: z.string(), url: z.string(), source: z.string() }),
  },
  /** Uploads the source to go.dev/play (public to anyone with the link); 'unreachable' when offline. */
  'share.toPlay': { params: z.object({ source: z.string().min(1).max(4 * 1024 * 1024) }).strict(), result: z.object({ id: z.string(), url: z.string() }) },
  /** Whether gopls is there (store, PATH, GOPATH/bin) and what an install would fetch. */
  'lsp.status': { params: z.object({ refresh: z.boolean().optional() }).strict(), result: GoplsStatusSchema },
  /** Installs gopls into the app's store through the module proxy; progress comes as lsp.progress events. */
  'lsp.install': { params: empty, result: GoplsStatusSchema },
  /** Hands a tab's text to gopls (for the tab's Go); its diagnostics then come as lsp.diagnostics events. */
  'lsp.sync': { params: LspSyncParamsSchema, result: LspSyncResultSchema },
  /** Completion, hover, signature help or definition at a position of a synced tab: gopls' answer (definition: LspLocation[]). */
  'lsp.request': { params: LspRequestParamsSchema, result: z.unknown() },
} as const;

export const events = {
  /** A piece of the program's output, as it is written. */
  'run.output': z.object({ runId: RunIdSchema, stream: OutputStreamSchema, data: z.string() }),
  /** A pipeline stage finished. */
  'run.stage': z.object({ runId: RunIdSchema, span: SpanSchema }),
  'drift.cell': z.object({ matrixId: z.string(), cell: MatrixCellSchema.omit({ classId: true }) }),
  'drift.step': z.object({ bisectId: z.string(), step: BisectStepSchema }),
  /** An SDK install moved on (sent to every client: installs are shared). */
  'sdk.progress': InstallProgressSchema,
  /** A gopls install moved on (sent to every client). */
  'lsp.progress': GoplsProgressSchema,
  /** gopls' findings for one file of a tab (sent to the client that synced the tab). */
  'lsp.diagnostics': LspDiagnosticsEventSchema,
} as const;

export type RequestName = keyof typeof requests;
export type EventName = keyof typeof events;
export type RequestParams<K extends RequestName> = z.input<(typeof requests)[K]['params']>;
export type ParsedRequestParams<K extends RequestName> = z.output<(typeof requests)[K]['params']>;
export type RequestResult<K extends RequestName> = z.infer<(typeof requests)[K]['result']>;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;

export const REQUEST_NAMES = Object.keys(requests) as RequestName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(requests, name);
}

/** Error codes a transport reports for a failed call. */
export type ContractErrorCode =
  | 'unknown-channel'
  | 'invalid-params'
  | 'forbidden'
  | 'internal'
  | 'disconnected'
  /** A remote service (go.dev/play) could not be reached or did not answer usefully. */
  | 'unreachable'
  /** The thing asked for (a snippet) does not exist. */
  | 'not-found';

export class ContractError extends Error {
  constructor(
    readonly code: ContractErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ContractError';
  }
}

/** What both sides of a transport agree on: a call with a typed result, and typed event streams. */
export interface ContractClient {
  call<K extends RequestName>(name: K, params: RequestParams<K>): Promise<RequestResult<K>>;
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** The preload bridge exposed on `window.gopherlab` in Electron: one function per channel. */
export type Bridge = {
  [K in RequestName]: (params: RequestParams<K>) => Promise<WireResult<RequestResult<K>>>;
} & {
  [E in EventName as `on:${E}`]: (listener: (payload: EventPayload<E>) => void) => () => void;
};

/** Results cross a transport as a tagged union so errors keep their code. */
export type WireResult<T> = { ok: true; value: T } | { ok: false; error: { code: ContractErrorCode; message: string } };

/** Browser-mode WebSocket frames. */
export type ClientFrame = { kind: 'call'; id: number; name: string; params: unknown };
export type ServerFrame =
  | { kind: 'result'; id: number; result: WireResult<unknown> }
  | { kind: 'event'; name: EventName; payload: unknown };
