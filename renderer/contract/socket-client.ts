// The browser-mode transport: the contract over one WebSocket to the local server. Calls made
// while (re)connecting wait for the socket; calls in flight when it drops fail as 'disconnected'.
import {
  ContractError,
  type ClientFrame,
  type EventName,
  type EventPayload,
  type RequestName,
  type RequestParams,
  type RequestResult,
  type ServerFrame,
  type WireResult,
} from '../../shared/contract';
import type { ConnectionState, RendererClient } from './connection';
import { decodeEvent, decodeResult, isEventName } from './decode';
import { EventListeners } from './listeners';

/** The slice of the DOM WebSocket the client uses, so tests can hand in a fake. */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((ev: Event) => unknown) | null;
  onclose: ((ev: CloseEvent) => unknown) | null;
  onerror: ((ev: Event) => unknown) | null;
  onmessage: ((ev: MessageEvent) => unknown) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface SocketClientOptions {
  url: string;
  createSocket?: (url: string) => SocketLike;
  /** First reconnect delay; doubles per failed attempt up to maxBackoffMs. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** How long a call waits for a connection before it fails. */
  queueTimeoutMs?: number;
}

interface Pending {
  name: RequestName;
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
}

interface Queued extends Pending {
  frame: ClientFrame;
  timer: ReturnType<typeof setTimeout>;
}

const OPEN = 1;

export function createSocketClient(options: SocketClientOptions): RendererClient {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url));
  const initialBackoff = options.initialBackoffMs ?? 250;
  const maxBackoff = options.maxBackoffMs ?? 5000;
  const queueTimeout = options.queueTimeoutMs ?? 15_000;

  const listeners = new EventListeners();
  const stateListeners = new Set<(s: ConnectionState) => void>();
  const pending = new Map<number, Pending>();
  const queue: Queued[] = [];
  let socket: SocketLike | null = null;
  let state: ConnectionState = 'connecting';
  let lastError: string | null = null;
  let attempts = 0;
  let nextId = 1;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let disposed = false;

  const setState = (next: ConnectionState) => {
    if (next === state) return;
    state = next;
    for (const l of [...stateListeners]) l(next);
  };

  const send = (entry: Pending, frame: ClientFrame) => {
    pending.set(frame.id, entry);
    try {
      socket?.send(JSON.stringify(frame));
    } catch (err) {
      pending.delete(frame.id);
      entry.reject(new ContractError('disconnected', `could not send ${entry.name}: ${err instanceof Error ? err.message : String(err)}`));
    }
  };

  const settle = (id: number, result: WireResult<unknown>) => {
    const entry = pending.get(id);
    if (!entry) return;
    pending.delete(id);
    if (!result.ok) {
      entry.reject(new ContractError(result.error.code, result.error.message));
      return;
    }
    try {
      entry.resolve(decodeResult(entry.name, result.value));
    } catch (err) {
      entry.reject(err instanceof Error ? err : new Error(String(err)));
    }
  };

  const onFrame = (text: unknown) => {
    if (typeof text !== 'string') return;
    let frame: ServerFrame;
    try {
      frame = JSON.parse(text) as ServerFrame;
    } catch {
      return;
    }
    if (frame.kind === 'result' && typeof frame.id === 'number' && frame.result && typeof frame.result === 'object') {
      settle(frame.id, frame.result);
    } else if (frame.kind === 'event' && isEventName(frame.name)) {
      const payload = decodeEvent(frame.name, frame.payload);
      if (payload) listeners.emit(frame.name, payload);
    }
  };

  const failPending = (message: string) => {
    const entries = [...pending.values()];
    pending.clear();
    for (const entry of entries) entry.reject(new ContractError('disconnected', `${entry.name}: ${message}`));
  };

  const connect = () => {
    retryTimer = null;
    if (disposed) return;
    setState(attempts === 0 ? 'connecting' : 'reconnecting');
    let ws: SocketLike;
    try {
      ws = createSocket(options.url);
    } catch (err) {
      lastError = `could not open the connection: ${err instanceof Error ? err.message : String(err)}`;
      scheduleReconnect();
      return;
    }
    socket = ws;
    ws.onopen = () => {
      if (socket !== ws) return;
      attempts = 0;
      lastError = null;
      setState('open');
      for (const q of queue.splice(0)) {
        clearTimeout(q.timer);
        send(q, q.frame);
      }
    };
    ws.onmessage = (ev) => {
      if (socket === ws) onFrame(ev.data);
    };
    ws.onerror = () => undefined;
    ws.onclose = (ev) => {
      if (socket !== ws) return;
      socket = null;
      lastError =
        ev.code === 1008 || ev.code === 4401
          ? 'the app refused this window (the token is wrong or expired); open the address Gopherlab printed'
          : 'the connection to Gopherlab dropped; reconnecting';
      failPending('the connection to Gopherlab dropped while waiting for the answer; run again once it is back');
      scheduleReconnect();
    };
  };

  const scheduleReconnect = () => {
    if (disposed || retryTimer) return;
    setState('reconnecting');
    const delay = Math.min(maxBackoff, initialBackoff * 2 ** attempts);
    attempts += 1;
    // Jitter keeps several windows from reconnecting in lockstep.
    retryTimer = setTimeout(connect, delay * (0.8 + Math.random() * 0.4));
  };

  connect();

  return {
    transport: 'browser',
    call<K extends RequestName>(name: K, params: RequestParams<K>): Promise<RequestResult<K>> {
      if (disposed) return Promise.reject(new ContractError('disconnected', `${name}: the client was closed`));
      return new Promise<RequestResult<K>>((resolve, reject) => {
        const frame: ClientFrame = { kind: 'call', id: nextId++, name, params };
        const entry: Pending = { name, resolve: resolve as (v: unknown) => void, reject };
        if (socket && state === 'open' && socket.readyState === OPEN) {
          send(entry, frame);
          return;
        }
        const queued: Queued = {
          ...entry,
          frame,
          timer: setTimeout(() => {
            const i = queue.indexOf(queued);
            if (i >= 0) queue.splice(i, 1);
            reject(new ContractError('disconnected', `${name}: Gopherlab is not reachable; check that it is still running`));
          }, queueTimeout),
        };
        queue.push(queued);
      });
    },
    on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
      return listeners.add(name, listener);
    },
    connection: () => state,
    onConnectionChange(listener) {
      stateListeners.add(listener);
      return () => {
        stateListeners.delete(listener);
      };
    },
    lastError: () => lastError,
    dispose() {
      disposed = true;
      if (retryTimer) clearTimeout(retryTimer);
      for (const q of queue.splice(0)) {
        clearTimeout(q.timer);
        q.reject(new ContractError('disconnected', `${q.name}: the client was closed`));
      }
      failPending('the client was closed');
      const ws = socket;
      socket = null;
      ws?.close(1000, 'window closed');
    },
  };
}
