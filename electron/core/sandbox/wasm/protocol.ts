// Messages between the main thread and a WASI worker.
export interface RunMessage {
  type: 'run';
  module: WebAssembly.Module;
  output: SharedArrayBuffer;
  args: string[];
  env: string[];
  /** Traced runs: one writable in-memory directory, preopened at this path. */
  dir?: { path: string; capBytes: number };
  /** The guest's stdin (then EOF); absent: EOF at once. */
  stdin?: Uint8Array;
}

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'started' }
  | { type: 'exit'; code: number }
  /** The directory's files as the guest left them, sent just before `exit`. */
  | { type: 'files'; files: { name: string; bytes: Uint8Array }[]; truncated: boolean }
  | { type: 'output-limit' }
  | { type: 'trap'; message: string }
  | { type: 'instantiate-error'; message: string };
