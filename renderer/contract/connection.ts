// The transport's health, as the status bar shows it. The shared ContractClient has no notion of
// a connection, so the renderer's client extends it with one.
import type { ContractClient } from '../../shared/contract';

export type ConnectionState =
  /** Electron IPC: always there while the window lives. */
  | 'ipc'
  | 'connecting'
  | 'open'
  /** Dropped; a reconnect is scheduled. */
  | 'reconnecting'
  /** No transport at all (no bridge, no token): the page was opened without the app. */
  | 'unavailable';

export interface RendererClient extends ContractClient {
  readonly transport: 'electron' | 'browser' | 'none';
  connection(): ConnectionState;
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
  /** Why the client is unavailable or last dropped, for the user. */
  lastError(): string | null;
  dispose(): void;
}
