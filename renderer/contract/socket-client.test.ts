import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContractError, type ClientFrame, type ServerFrame } from '../../shared/contract';
import { runResult } from '../test/fake-client';
import { createSocketClient, type SocketLike } from './socket-client';

class FakeSocket implements SocketLike {
  readyState = 0;
  onopen: ((ev: Event) => unknown) | null = null;
  onclose: ((ev: CloseEvent) => unknown) | null = null;
  onerror: ((ev: Event) => unknown) | null = null;
  onmessage: ((ev: MessageEvent) => unknown) | null = null;
  sent: ClientFrame[] = [];
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data) as ClientFrame);
  }
  close() {
    this.drop(1000);
  }
  open() {
    this.readyState = 1;
    this.onopen?.({} as Event);
  }
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code } as CloseEvent);
  }
  receive(frame: ServerFrame) {
    this.onmessage?.({ data: JSON.stringify(frame) } as MessageEvent);
  }
}

describe('createSocketClient', () => {
  let sockets: FakeSocket[];
  const latest = () => sockets[sockets.length - 1]!;
  const client = () =>
    createSocketClient({
      url: 'ws://127.0.0.1:1/ws?token=t',
      createSocket: (url) => {
        const s = new FakeSocket(url);
        sockets.push(s);
        return s;
      },
      initialBackoffMs: 100,
      maxBackoffMs: 1000,
      queueTimeoutMs: 5000,
    });

  beforeEach(() => {
    sockets = [];
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends calls made while connecting once the socket opens, and resolves their results', async () => {
    const c = client();
    expect(c.connection()).toBe('connecting');
    const pending = c.call('sdk.list', {});
    expect(latest().sent).toEqual([]);
    latest().open();
    expect(c.connection()).toBe('open');
    const frame = latest().sent[0]!;
    expect(frame).toMatchObject({ kind: 'call', name: 'sdk.list', params: {} });
    latest().receive({ kind: 'result', id: frame.id, result: { ok: true, value: [] } });
    await expect(pending).resolves.toEqual([]);
  });

  it('turns an error result into a ContractError with its code', async () => {
    const c = client();
    latest().open();
    const pending = c.call('run.cancel', { runId: 'r1' });
    const id = latest().sent[0]!.id;
    latest().receive({ kind: 'result', id, result: { ok: false, error: { code: 'invalid-params', message: 'bad' } } });
    await expect(pending).rejects.toMatchObject({ name: 'ContractError', code: 'invalid-params', message: 'bad' });
  });

  it('rejects a result that does not match the contract', async () => {
    const c = client();
    latest().open();
    const pending = c.call('run.cancel', { runId: 'r1' });
    latest().receive({ kind: 'result', id: latest().sent[0]!.id, result: { ok: true, value: { canceled: 'yes' } } });
    await expect(pending).rejects.toMatchObject({ code: 'internal' });
  });

  it('delivers events that match the contract and drops the rest', () => {
    const c = client();
    latest().open();
    const seen: string[] = [];
    c.on('run.output', (p) => seen.push(`${p.stream}:${p.data}`));
    latest().receive({ kind: 'event', name: 'run.output', payload: { runId: 'r1', stream: 'stderr', data: 'oops' } });
    latest().receive({ kind: 'event', name: 'run.output', payload: { runId: 'r1', stream: 'fd3', data: 'nope' } });
    expect(seen).toEqual(['stderr:oops']);
  });

  it('fails calls in flight when the socket drops, then reconnects with backoff', async () => {
    const c = client();
    latest().open();
    const inFlight = c.call('run.start', { runId: 'r1', source: 'package main' });
    latest().drop();
    await expect(inFlight).rejects.toBeInstanceOf(ContractError);
    await expect(inFlight).rejects.toMatchObject({ code: 'disconnected' });
    expect(c.connection()).toBe('reconnecting');
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(200);
    expect(sockets).toHaveLength(2);
    latest().open();
    expect(c.connection()).toBe('open');

    const after = c.call('run.start', { runId: 'r2', source: 'package main' });
    latest().receive({ kind: 'result', id: latest().sent[0]!.id, result: { ok: true, value: runResult({ runId: 'r2' }) } });
    await expect(after).resolves.toMatchObject({ runId: 'r2', status: 'ok' });
  });

  it('fails a queued call when no connection comes within the wait', async () => {
    const c = client();
    const pending = c.call('app.info', {});
    latest().drop();
    vi.advanceTimersByTime(5000);
    await expect(pending).rejects.toMatchObject({ code: 'disconnected' });
  });

  it('reports each connection change', () => {
    const c = client();
    const states: string[] = [];
    c.onConnectionChange((s) => states.push(s));
    latest().open();
    latest().drop();
    expect(states).toEqual(['open', 'reconnecting']);
  });
});
