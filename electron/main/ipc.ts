// Binds the contract to Electron IPC: one `ipcMain.handle` per request channel. Each call checks its
// sender frame, then goes to the transport-independent Api, which validates the params. Events of a
// call go back to the window that made it. Electron appears here only as types, so this is tested
// with fakes under plain Node.
import { REQUEST_NAMES, type EventName, type EventPayload, type WireResult } from '../../shared/contract';
import type { Api, EventSink } from '../core/api/api';
import { checkSender, forbidden, type FrameIdentity } from './trusted-sender';

/** The part of a WebContents the binding uses. */
export interface WindowContents {
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
  readonly mainFrame: FrameIdentity;
}

/** The part of an IpcMainInvokeEvent the binding uses. */
export interface InvokeEvent {
  readonly senderFrame: FrameIdentity | null;
}

/** The part of ipcMain the binding uses. */
export interface IpcRegistrar {
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** A window that may call the contract, and where its events go. */
export interface IpcClient {
  readonly contents: WindowContents;
  readonly sink: EventSink;
}

export function createIpcClient(contents: WindowContents): IpcClient {
  const sink = <E extends EventName>(name: E, payload: EventPayload<E>): void => {
    // A run can outlive its window by a moment; its last events have nowhere to go.
    if (contents.isDestroyed()) return;
    contents.send(name, payload);
  };
  return { contents, sink };
}

export interface IpcBindingOptions {
  ipc: IpcRegistrar;
  api: Pick<Api, 'handle'>;
  /** The main window's client, or null while there is none. */
  client: () => IpcClient | null;
  /** Told about refused calls; a refused call means something is wrong in the renderer. */
  onForbidden?: (channel: string, reason: string) => void;
}

/** Registers every request channel; returns a function that unregisters them. */
export function bindIpc({ ipc, api, client, onForbidden }: IpcBindingOptions): () => void {
  for (const channel of REQUEST_NAMES) {
    ipc.handle(channel, async (event, params): Promise<WireResult<unknown>> => {
      const current = client();
      const mainFrame = current && !current.contents.isDestroyed() ? current.contents.mainFrame : null;
      const check = checkSender(event.senderFrame, mainFrame);
      if (!check.ok || !current) {
        const reason = check.ok ? 'there is no main window' : check.reason;
        onForbidden?.(channel, reason);
        return forbidden(channel, reason);
      }
      return api.handle(channel, params, current.sink);
    });
  }
  return () => {
    for (const channel of REQUEST_NAMES) ipc.removeHandler(channel);
  };
}
