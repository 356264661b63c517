// The one contract between the renderer and the main process. Every transport (Electron IPC,
// the browser-mode WebSocket) and every handler is typed from these maps; adding a channel is one
// entry here, its handler in core, and the renderer feature that uses it.
import { z } from 'zod';
import { OutputStreamSchema, RunIdSchema, RunRequestSchema, RunResultSchema, SandboxModeSchema, SpanSchema } from './run';
import { CatalogSchema, InstallProgressSchema, ToolchainSchema } from './toolchain';
import { WorkspaceSchema } from './workspace';
import { SettingsSchema } from './settings';
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
export type ContractErrorCode = 'unknown-channel' | 'invalid-params' | 'forbidden' | 'internal' | 'disconnected';

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
