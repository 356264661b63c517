// Runs one guest in a worker thread under our WASI host, then is thrown away: a fresh worker per
// run means nothing a guest did can reach the next one.
import { parentPort } from 'node:worker_threads';
import { MemoryDir } from './memory-dir';
import { OutputWriter } from './output-buffer';
import type { RunMessage, WorkerMessage } from './protocol';
import { OutputLimitReached, ProcExit, WasiHost } from './wasi-host';
import { WASI_MODULE } from './wasm-binary';

const port = parentPort;
if (!port) throw new Error('wasi-worker must run in a worker thread');

const post = (m: WorkerMessage) => port.postMessage(m);

port.once('message', (msg: RunMessage) => {
  // The first descriptor after stdio, as WASI hosts number preopens.
  const dir = msg.dir ? new MemoryDir(msg.dir.path, 3, msg.dir.capBytes) : undefined;
  const host = new WasiHost({ args: msg.args, env: msg.env, output: new OutputWriter(msg.output), ...(dir ? { dir } : {}), ...(msg.stdin ? { stdin: msg.stdin } : {}) });
  const exit = (code: number) => {
    if (dir) {
      const files = dir.snapshot();
      port.postMessage({ type: 'files', files, truncated: dir.truncated } satisfies WorkerMessage, files.map((f) => f.bytes.buffer as ArrayBuffer));
    }
    post({ type: 'exit', code });
  };
  let instance: WebAssembly.Instance;
  try {
    const wasiNames = WebAssembly.Module.imports(msg.module)
      .filter((i) => i.module === WASI_MODULE)
      .map((i) => i.name);
    instance = new WebAssembly.Instance(msg.module, { [WASI_MODULE]: host.imports(wasiNames) });
    const memory = instance.exports.memory;
    if (!(memory instanceof WebAssembly.Memory)) throw new Error('the module exports no memory');
    host.bind(memory);
  } catch (err) {
    post({ type: 'instantiate-error', message: err instanceof Error ? err.message : String(err) });
    return;
  }
  const start = instance.exports._start;
  if (typeof start !== 'function') {
    post({ type: 'instantiate-error', message: 'the module has no _start function (is it package main?)' });
    return;
  }
  post({ type: 'started' });
  try {
    (start as () => void)();
    exit(0);
  } catch (err) {
    if (err instanceof ProcExit) exit(err.code);
    else if (err instanceof OutputLimitReached) post({ type: 'output-limit' });
    else post({ type: 'trap', message: err instanceof Error ? err.message : String(err) });
  }
});

post({ type: 'ready' });
