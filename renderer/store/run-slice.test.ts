import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunResult } from '../../shared/run';
import { deferred, fakeClient, runResult } from '../test/fake-client';
import { bindContractEvents } from './bind-events';
import { runDisplayStatus } from './run-slice';
import { createAppStore } from './store';

function setup() {
  const client = fakeClient();
  const store = createAppStore({ client, storage: null, now: () => 1000 });
  bindContractEvents(client, store);
  return { client, store };
}

describe('run slice', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends the active tab, its Go and the timeout, and streams output of its own run only', async () => {
    const { client, store } = setup();
    const answer = deferred<RunResult>();
    client.handle('run.start', () => answer.promise);
    store.getState().setTabGo(store.getState().activeTabId, 'go1.22.3');
    store.getState().setTimeoutSeconds(2);

    const done = store.getState().startRun();
    const run = store.getState().run!;
    expect(runDisplayStatus(run)).toBe('running');
    expect(client.calls.at(-1)).toMatchObject({
      name: 'run.start',
      params: { runId: run.runId, go: 'go1.22.3', mode: 'wasm', limits: { timeoutMs: 2000 } },
    });

    client.emit('run.output', { runId: run.runId, stream: 'stdout', data: 'a' });
    client.emit('run.output', { runId: run.runId, stream: 'stdout', data: 'b\n' });
    client.emit('run.output', { runId: run.runId, stream: 'stderr', data: 'err\n' });
    client.emit('run.output', { runId: 'someone-else', stream: 'stdout', data: 'not mine' });
    client.emit('run.stage', { runId: run.runId, span: { name: 'compile', startMs: 0, durationMs: 5 } });
    // Output reaches the view in batches.
    expect(store.getState().run?.output).toEqual([]);
    vi.advanceTimersByTime(50);
    expect(store.getState().run?.output).toEqual([
      { stream: 'stdout', text: 'ab\n' },
      { stream: 'stderr', text: 'err\n' },
    ]);
    expect(store.getState().run?.stages.map((s) => s.name)).toEqual(['compile']);

    answer.resolve(runResult({ runId: run.runId, stdout: 'ab\n', stderr: 'err\n' }));
    await done;
    expect(runDisplayStatus(store.getState().run)).toBe('ok');
    // Output already streamed is not doubled by the result's copy.
    expect(store.getState().run?.output).toHaveLength(2);
  });

  it('applies output still buffered when the result arrives, without doubling it', async () => {
    const { client, store } = setup();
    const answer = deferred<RunResult>();
    client.handle('run.start', () => answer.promise);
    const done = store.getState().startRun();
    const runId = store.getState().run!.runId;
    client.emit('run.output', { runId, stream: 'stdout', data: 'one\n' });
    vi.advanceTimersByTime(50);
    client.emit('run.output', { runId, stream: 'stdout', data: 'two\n' });
    answer.resolve(runResult({ runId, stdout: 'one\ntwo\n' }));
    await done;
    expect(store.getState().run?.output).toEqual([{ stream: 'stdout', text: 'one\ntwo\n' }]);
  });

  it('takes the output from the result when none was streamed', async () => {
    const { client, store } = setup();
    client.handle('run.start', (p) => runResult({ runId: p.runId, stdout: 'hi\n', stderr: 'warn\n', status: 'exit', exitCode: 3 }));
    await store.getState().startRun();
    expect(store.getState().run?.output).toEqual([
      { stream: 'stdout', text: 'hi\n' },
      { stream: 'stderr', text: 'warn\n' },
    ]);
    expect(runDisplayStatus(store.getState().run)).toBe('exit');
  });

  it('sends no go field for the default toolchain', async () => {
    const { client, store } = setup();
    client.handle('run.start', (p) => runResult({ runId: p.runId }));
    await store.getState().startRun();
    expect((client.calls.at(-1)?.params as { go?: string }).go).toBeUndefined();
  });

  it('shows a failed call as internal-error with its reason', async () => {
    const { client, store } = setup();
    client.handle('run.start', () => Promise.reject(new Error('socket closed')));
    await store.getState().startRun();
    expect(runDisplayStatus(store.getState().run)).toBe('internal-error');
    expect(store.getState().run?.failure).toBe('socket closed');
  });

  it('cancels the running run by its id', async () => {
    const { client, store } = setup();
    const answer = deferred<RunResult>();
    client.handle('run.start', () => answer.promise);
    client.handle('run.cancel', () => ({ canceled: true }));
    const done = store.getState().startRun();
    const runId = store.getState().run!.runId;
    await store.getState().cancelRun();
    expect(client.calls.at(-1)).toEqual({ name: 'run.cancel', params: { runId } });
    expect(store.getState().run?.cancelRequested).toBe(true);
    answer.resolve(runResult({ runId, status: 'canceled', exitCode: null }));
    await done;
    expect(runDisplayStatus(store.getState().run)).toBe('canceled');
  });
});
