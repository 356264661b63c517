import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EVENT_NAMES, REQUEST_NAMES } from '../../shared/contract';
import { createBridge, type BridgeIpc } from '../preload/bridge';
import { ALL_CHANNELS_LISTED, EVENT_CHANNELS, REQUEST_CHANNELS } from '../preload/channels';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

type IpcListener = (event: unknown, ...args: unknown[]) => void;

class FakeIpcRenderer implements BridgeIpc {
  readonly invoked: Array<[string, unknown[]]> = [];
  readonly listeners = new Map<string, Set<IpcListener>>();
  reply: (channel: string, params: unknown) => Promise<unknown> = async (_channel, params) => ({ ok: true, value: params });
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push([channel, args]);
    return this.reply(channel, args[0]);
  }
  on(channel: string, listener: IpcListener): this {
    const set = this.listeners.get(channel) ?? new Set();
    set.add(listener);
    this.listeners.set(channel, set);
    return this;
  }
  removeListener(channel: string, listener: IpcListener): this {
    this.listeners.get(channel)?.delete(listener);
    return this;
  }
  emit(channel: string, payload: unknown): void {
    const event = { sender: this, senderId: 0 };
    for (const listener of this.listeners.get(channel) ?? []) listener(event, payload);
  }
}

describe('preload channel names', () => {
  it('equal the contract’s request and event names', () => {
    expect([...REQUEST_CHANNELS].sort()).toEqual([...REQUEST_NAMES].sort());
    expect([...EVENT_CHANNELS].sort()).toEqual([...EVENT_NAMES].sort());
    expect(ALL_CHANNELS_LISTED).toBe(true);
  });
});

describe('createBridge', () => {
  it('exposes exactly one function per request and one on:<event> per event', () => {
    const bridge = createBridge(new FakeIpcRenderer());
    const expected = [...REQUEST_NAMES, ...EVENT_NAMES.map((name) => `on:${name}`)].sort();
    expect(Object.keys(bridge).sort()).toEqual(expected);
    for (const key of expected) expect(typeof (bridge as unknown as Record<string, unknown>)[key]).toBe('function');
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('invokes the channel of the same name with the params', async () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createBridge(ipc);
    const result = await bridge['run.cancel']({ runId: 'abc' });
    expect(ipc.invoked).toEqual([['run.cancel', [{ runId: 'abc' }]]]);
    expect(result).toEqual({ ok: true, value: { runId: 'abc' } });
  });

  it('turns an IPC failure into a disconnected WireResult', async () => {
    const ipc = new FakeIpcRenderer();
    ipc.reply = async () => {
      throw new Error("No handler registered for 'app.info'");
    };
    const result = await createBridge(ipc)['app.info']({});
    expect(result).toMatchObject({ ok: false, error: { code: 'disconnected' } });
  });

  it('delivers event payloads, never the IPC event, until unsubscribed', () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createBridge(ipc);
    const seen: unknown[][] = [];
    const unsubscribe = bridge['on:run.output']((...args: unknown[]) => seen.push(args));
    const payload = { runId: 'r', stream: 'stdout', data: 'hi' };
    ipc.emit('run.output', payload);
    ipc.emit('run.stage', { runId: 'r' });
    expect(seen).toEqual([[payload]]);
    unsubscribe();
    unsubscribe();
    ipc.emit('run.output', payload);
    expect(seen).toHaveLength(1);
    expect(ipc.listeners.get('run.output')?.size).toBe(0);
  });

  it('rejects a subscription that is not a function', () => {
    const bridge = createBridge(new FakeIpcRenderer()) as unknown as Record<string, (l: unknown) => unknown>;
    expect(() => bridge['on:run.stage']?.('nope')).toThrow(TypeError);
  });
});

describe('the preload bundle', () => {
  it('is small, self-contained and requires nothing but electron', async () => {
    const out = await build({
      absWorkingDir: root,
      entryPoints: ['electron/preload/preload.ts'],
      bundle: true,
      platform: 'browser',
      format: 'cjs',
      external: ['electron'],
      write: false,
      logLevel: 'silent',
    });
    const code = out.outputFiles[0]?.text ?? '';
    const required = [...code.matchAll(/require\((["'])([^"']+)\1\)/g)].map((m) => m[2]);
    expect(required).toEqual(['electron']);
    expect(code).not.toMatch(/zod|ZodError/);
    expect(code).toContain('exposeInMainWorld');
    expect(code.length).toBeLessThan(8 * 1024);
  });
});
