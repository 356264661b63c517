// Builds the `window.gopherlab` bridge: one invoke function per request channel and one `on:<event>`
// subscription per event channel. It takes the IPC object as an argument so it is tested without
// Electron; preload.ts passes the real ipcRenderer. The renderer never sees ipcRenderer or an IPC event.
import type { Bridge, WireResult } from '../../shared/contract';
import { EVENT_CHANNELS, REQUEST_CHANNELS } from './channels';

/** The part of Electron's ipcRenderer the bridge uses. */
export interface BridgeIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function createBridge(ipc: BridgeIpc): Bridge {
  const bridge: Record<string, unknown> = {};

  for (const channel of REQUEST_CHANNELS) {
    bridge[channel] = async (params: unknown): Promise<WireResult<unknown>> => {
      try {
        return (await ipc.invoke(channel, params)) as WireResult<unknown>;
      } catch (err) {
        // The main process answers every call with a WireResult; a rejection means IPC itself failed.
        const message = err instanceof Error ? err.message : String(err);
        return { ok: false, error: { code: 'disconnected', message: `${channel}: ${message}` } };
      }
    };
  }

  for (const channel of EVENT_CHANNELS) {
    bridge[`on:${channel}`] = (listener: unknown): (() => void) => {
      if (typeof listener !== 'function') throw new TypeError(`on:${channel} expects a function`);
      // Only the payload crosses: the IPC event carries `sender`, which is ipcRenderer itself.
      const forward = (_event: unknown, payload: unknown): void => {
        (listener as (payload: unknown) => void)(payload);
      };
      ipc.on(channel, forward);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipc.removeListener(channel, forward);
      };
    };
  }

  return Object.freeze(bridge) as Bridge;
}
