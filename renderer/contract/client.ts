// Picks the transport: the Electron preload bridge when present, else the browser-mode socket.
import { ContractError } from '../../shared/contract';
import { createBridgeClient } from './bridge-client';
import type { RendererClient } from './connection';
import { createSocketClient } from './socket-client';
import { readToken, socketUrl } from './token';

export function createClient(win: Window = window): RendererClient {
  if (win.gopherlab) return createBridgeClient(win.gopherlab);
  let storage: Storage | null = null;
  try {
    storage = win.sessionStorage;
  } catch {
    storage = null;
  }
  const token = readToken(win.location, storage);
  if (!token) return unavailableClient('This page has no access token. Open the address Gopherlab printed when it started (it ends in ?token=…).');
  return createSocketClient({ url: socketUrl(win.location, token) });
}

function unavailableClient(reason: string): RendererClient {
  return {
    transport: 'none',
    call: (name) => Promise.reject(new ContractError('disconnected', `${name}: ${reason}`)),
    on: () => () => undefined,
    connection: () => 'unavailable',
    onConnectionChange: () => () => undefined,
    lastError: () => reason,
    dispose: () => undefined,
  };
}
