// Messages between the main thread and a WASI worker.
export interface RunMessage {
  type: 'run';
  module: WebAssembly.Module;
  output: SharedArrayBuffer;
  args: string[];
  env: string[];
}

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'started' }
  | { type: 'exit'; code: number }
  | { type: 'output-limit' }
  | { type: 'trap'; message: string }
  | { type: 'instantiate-error'; message: string };
