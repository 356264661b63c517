// A contract client for store tests: answers calls from a table, emits events on demand.
import { ContractError, type EventName, type EventPayload, type RequestName, type RequestParams, type RequestResult } from '../../shared/contract';
import type { RunResult } from '../../shared/run';
import type { ConnectionState, RendererClient } from '../contract/connection';
import { EventListeners } from '../contract/listeners';

type Handler<K extends RequestName> = (params: RequestParams<K>) => Promise<RequestResult<K>> | RequestResult<K>;

export interface FakeClient extends RendererClient {
  calls: Array<{ name: RequestName; params: unknown }>;
  handle<K extends RequestName>(name: K, handler: Handler<K>): void;
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  setConnection(state: ConnectionState): void;
}

export function fakeClient(): FakeClient {
  const handlers = new Map<RequestName, Handler<RequestName>>();
  const listeners = new EventListeners();
  const stateListeners = new Set<(s: ConnectionState) => void>();
  let state: ConnectionState = 'open';
  const calls: FakeClient['calls'] = [];
  return {
    transport: 'browser',
    calls,
    async call<K extends RequestName>(name: K, params: RequestParams<K>): Promise<RequestResult<K>> {
      calls.push({ name, params });
      const handler = handlers.get(name) as Handler<K> | undefined;
      if (!handler) throw new ContractError('unknown-channel', `no fake handler for ${name}`);
      return handler(params);
    },
    on: (name, listener) => listeners.add(name, listener),
    emit: (name, payload) => listeners.emit(name, payload),
    handle(name, handler) {
      handlers.set(name, handler as unknown as Handler<RequestName>);
    },
    connection: () => state,
    onConnectionChange(l) {
      stateListeners.add(l);
      return () => stateListeners.delete(l);
    },
    setConnection(next) {
      state = next;
      for (const l of stateListeners) l(next);
    },
    lastError: () => null,
    dispose: () => undefined,
  };
}

export function runResult(overrides: Partial<RunResult> & Pick<RunResult, 'runId'>): RunResult {
  return {
    status: 'ok',
    exitCode: 0,
    stdout: '',
    stderr: '',
    truncated: false,
    message: '',
    buildOutput: '',
    diagnostics: [],
    go: { version: 'go1.26.8', goroot: '/go' },
    mode: 'wasm',
    spans: [],
    totalMs: 10,
    ...overrides,
  };
}

/** A promise with its resolve handle, to hold a fake call open. */
export function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: Error) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
