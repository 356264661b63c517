import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { REQUEST_NAMES, type WireResult } from '../../shared/contract';
import { createApi, type Api, type EventSink } from '../core/api/api';
import { bindIpc, createIpcClient, type InvokeEvent, type IpcClient, type IpcRegistrar, type WindowContents } from './ipc';
import type { FrameIdentity } from './trusted-sender';

type Listener = (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>;

class FakeIpcMain implements IpcRegistrar {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(channel: string, senderFrame: FrameIdentity | null, params: unknown): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler({ senderFrame }, params);
  }
}

class FakeContents implements WindowContents {
  destroyed = false;
  readonly sent: Array<[string, unknown[]]> = [];
  readonly mainFrame: FrameIdentity = { processId: 3, routingId: 1, url: 'app://gopherlab/index.html' };
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push([channel, args]);
  }
}

function setup() {
  const ipc = new FakeIpcMain();
  const contents = new FakeContents();
  let client: IpcClient | null = createIpcClient(contents);
  const calls: Array<{ name: unknown; params: unknown; sink: EventSink }> = [];
  const api: Pick<Api, 'handle'> = {
    handle: async (name, params, sink) => {
      calls.push({ name, params, sink });
      sink('run.output', { runId: 'r1', stream: 'stdout', data: 'hello\n' });
      return { ok: true, value: { echoed: params } };
    },
  };
  const refused: string[] = [];
  const unbind = bindIpc({ ipc, api, client: () => client, onForbidden: (channel, reason) => refused.push(`${channel}: ${reason}`) });
  return { ipc, contents, calls, refused, unbind, setClient: (next: IpcClient | null) => (client = next) };
}

describe('bindIpc', () => {
  it('registers exactly one handler per contract request channel', () => {
    const { ipc, unbind } = setup();
    expect([...ipc.handlers.keys()].sort()).toEqual([...REQUEST_NAMES].sort());
    unbind();
    expect(ipc.handlers.size).toBe(0);
  });

  it('passes a trusted call to the Api and streams its events to the window', async () => {
    const { ipc, contents, calls } = setup();
    const result = await ipc.invoke('run.cancel', { ...contents.mainFrame }, { runId: 'r1' });
    expect(result).toEqual({ ok: true, value: { echoed: { runId: 'r1' } } });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.name).toBe('run.cancel');
    expect(contents.sent).toEqual([['run.output', [{ runId: 'r1', stream: 'stdout', data: 'hello\n' }]]]);
  });

  it('refuses a subframe, a foreign page and a vanished frame without calling the Api', async () => {
    const { ipc, contents, calls, refused } = setup();
    const subframe = { ...contents.mainFrame, routingId: 2 };
    const foreign = { ...contents.mainFrame, url: 'https://evil.example/' };
    for (const frame of [subframe, foreign, null]) {
      const result = (await ipc.invoke('workspace.load', frame, {})) as WireResult<unknown>;
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(calls).toHaveLength(0);
    expect(refused).toHaveLength(3);
  });

  it('refuses calls once the window is closed or destroyed', async () => {
    const { ipc, contents, calls, setClient } = setup();
    contents.destroyed = true;
    expect(await ipc.invoke('app.info', { ...contents.mainFrame }, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    setClient(null);
    expect(await ipc.invoke('app.info', { ...contents.mainFrame }, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(calls).toHaveLength(0);
  });
});

describe('createIpcClient', () => {
  it('drops events for a destroyed window instead of throwing', () => {
    const contents = new FakeContents();
    const { sink } = createIpcClient(contents);
    sink('run.output', { runId: 'a', stream: 'stderr', data: 'x' });
    contents.destroyed = true;
    expect(() => sink('run.output', { runId: 'a', stream: 'stderr', data: 'y' })).not.toThrow();
    expect(contents.sent).toHaveLength(1);
  });
});

describe('bindIpc with the real Api', () => {
  let dataDir: string;
  let api: Api;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'gopherlab-ipc-'));
    api = createApi({ transport: 'electron', dataDir, prewarm: false });
  });

  afterAll(async () => {
    await api.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers app.info and reports invalid params as a WireResult', async () => {
    const ipc = new FakeIpcMain();
    const contents = new FakeContents();
    const client = createIpcClient(contents);
    const onForbidden = vi.fn();
    bindIpc({ ipc, api, client: () => client, onForbidden });

    const info = await ipc.invoke('app.info', { ...contents.mainFrame }, {});
    expect(info).toMatchObject({ ok: true, value: { name: 'Gopherlab', transport: 'electron' } });

    const invalid = await ipc.invoke('run.cancel', { ...contents.mainFrame }, { runId: '../../etc' });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid-params' } });

    const extra = await ipc.invoke('app.info', { ...contents.mainFrame }, { sneaky: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
    expect(onForbidden).not.toHaveBeenCalled();
  });
});
