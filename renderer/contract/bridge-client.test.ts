import { describe, expect, it } from 'vitest';
import type { Bridge, EventPayload } from '../../shared/contract';
import { createBridgeClient } from './bridge-client';

function fakeBridge(overrides: Partial<Record<string, unknown>>): { bridge: Bridge; emit: (p: unknown) => void } {
  let listener: ((p: EventPayload<'run.output'>) => void) | null = null;
  const bridge = {
    'on:run.output': (l: (p: EventPayload<'run.output'>) => void) => {
      listener = l;
      return () => (listener = null);
    },
    ...overrides,
  } as unknown as Bridge;
  return { bridge, emit: (p) => listener?.(p as EventPayload<'run.output'>) };
}

describe('createBridgeClient', () => {
  it('unwraps a successful WireResult', async () => {
    const { bridge } = fakeBridge({ 'run.cancel': async () => ({ ok: true, value: { canceled: true } }) });
    await expect(createBridgeClient(bridge).call('run.cancel', { runId: 'r1' })).resolves.toEqual({ canceled: true });
  });

  it('throws the error of a failed WireResult with its code', async () => {
    const { bridge } = fakeBridge({ 'run.cancel': async () => ({ ok: false, error: { code: 'forbidden', message: 'no' } }) });
    await expect(createBridgeClient(bridge).call('run.cancel', { runId: 'r1' })).rejects.toMatchObject({ code: 'forbidden', message: 'no' });
  });

  it('hears nothing, rather than failing, from a bridge without the event', () => {
    const { bridge } = fakeBridge({});
    const off = createBridgeClient(bridge).on('sdk.progress', () => undefined);
    expect(typeof off).toBe('function');
    off();
  });

  it('passes on events that match the contract', () => {
    const { bridge, emit } = fakeBridge({});
    const seen: string[] = [];
    const off = createBridgeClient(bridge).on('run.output', (p) => seen.push(p.data));
    emit({ runId: 'r1', stream: 'stdout', data: 'hi' });
    emit({ runId: 'r1', stream: 'stdout' });
    off();
    emit({ runId: 'r1', stream: 'stdout', data: 'after' });
    expect(seen).toEqual(['hi']);
  });
});
