// The Electron transport: the preload's `window.gopherlab` bridge, one function per channel.
import {
  ContractError,
  type Bridge,
  type EventName,
  type EventPayload,
  type RequestName,
  type RequestParams,
  type RequestResult,
  type WireResult,
} from '../../shared/contract';
import type { ConnectionState, RendererClient } from './connection';
import { decodeEvent, decodeResult } from './decode';

declare global {
  interface Window {
    gopherlab?: Bridge;
  }
}

export function createBridgeClient(bridge: Bridge): RendererClient {
  return {
    transport: 'electron',
    async call<K extends RequestName>(name: K, params: RequestParams<K>): Promise<RequestResult<K>> {
      // The bridge is a mapped type; indexing it with a generic key needs this one cast.
      const fn = bridge[name] as unknown as (p: RequestParams<K>) => Promise<WireResult<RequestResult<K>>>;
      if (typeof fn !== 'function') throw new ContractError('unknown-channel', `the app does not offer ${name}; update Gopherlab`);
      const wire = await fn(params);
      if (wire.ok) return decodeResult(name, wire.value);
      throw new ContractError(wire.error.code, wire.error.message);
    },
    on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
      const subscribe = bridge[`on:${name}`] as unknown as ((l: (payload: EventPayload<E>) => void) => () => void) | undefined;
      // A preload older than the contract lacks the event: the feature then hears nothing, and the app still starts.
      if (typeof subscribe !== 'function') return () => undefined;
      return subscribe((payload) => {
        const decoded = decodeEvent(name, payload);
        if (decoded) listener(decoded);
      });
    },
    connection: (): ConnectionState => 'ipc',
    onConnectionChange: () => () => undefined,
    lastError: () => null,
    dispose: () => undefined,
  };
}
