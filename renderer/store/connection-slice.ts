// The transport's state and what the app says about itself.
import type { AppInfo } from '../../shared/contract';
import type { ConnectionState } from '../contract/connection';
import type { SliceCreator, StoreDeps } from './types';

export interface ConnectionSlice {
  connection: ConnectionState;
  connectionError: string | null;
  appInfo: AppInfo | null;
  setConnection(state: ConnectionState, error: string | null): void;
  loadAppInfo(): Promise<void>;
}

export function createConnectionSlice(deps: StoreDeps): SliceCreator<ConnectionSlice> {
  return (set) => ({
    connection: deps.client.connection(),
    connectionError: deps.client.lastError(),
    appInfo: null,
    setConnection(connection, connectionError) {
      set({ connection, connectionError });
    },
    async loadAppInfo() {
      try {
        set({ appInfo: await deps.client.call('app.info', {}) });
      } catch {
        // Only decorative (platform, version): the status bar simply shows less.
      }
    },
  });
}
