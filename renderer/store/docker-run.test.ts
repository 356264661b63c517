import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EngineStatusInfo } from '../../shared/contract';
import type { RunResult } from '../../shared/run';
import { deferred, fakeClient, runResult } from '../test/fake-client';
import { bindContractEvents } from './bind-events';
import type { ReplayEvent } from './replay';
import { describeDocker, dockerAvailability } from './sandbox-slice';
import { createAppStore } from './store';

const ENGINE: EngineStatusInfo = { available: true, endpoint: '/var/run/docker.sock', version: 'Docker 28.2.2', arch: 'amd64' };
const NO_ENGINE: EngineStatusInfo = {
  available: false,
  endpoint: null,
  version: null,
  arch: null,
  error: 'no container engine answers (no Docker or Podman socket found): start Docker',
};

const THREE_LINES: ReplayEvent[] = [
  { stream: 'stdout', data: 'one\n', delayMs: 0 },
  { stream: 'stdout', data: 'two\n', delayMs: 1000 },
  { stream: 'stdout', data: 'three\n', delayMs: 1000 },
];

async function setup(engine: EngineStatusInfo = ENGINE) {
  const client = fakeClient();
  client.handle('workspace.load', () => ({
    tabs: [{ id: 'tab-a', title: 'a.go', source: 'package main', go: '', mode: 'wasm' as const }],
    activeTabId: 'tab-a',
    limits: { cpus: 2, pids: 100 },
  }));
  const status = { engine };
  client.handle('sandbox.status', () => ({ docker: status.engine }));
  const store = createAppStore({ client, storage: null, now: () => 1000 });
  bindContractEvents(client, store);
  await store.getState().loadWorkspace();
  const statusCalls = () => client.calls.filter((c) => c.name === 'sandbox.status');
  return { client, store, status, statusCalls };
}

const output = (store: Awaited<ReturnType<typeof setup>>['store']) => store.getState().run?.output.map((c) => c.text).join('') ?? '';

describe('Docker mode', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('asks for the engine status once the tab is in Docker mode, not before', async () => {
    const { store, statusCalls } = await setup();
    expect(statusCalls()).toHaveLength(0);
    expect(dockerAvailability(store.getState())).toBe('unknown');
    store.getState().setTabMode('tab-a', 'docker');
    expect(statusCalls()).toEqual([{ name: 'sandbox.status', params: {} }]);
    expect(dockerAvailability(store.getState())).toBe('checking');
    await vi.advanceTimersByTimeAsync(0);
    expect(dockerAvailability(store.getState())).toBe('available');
    expect(describeDocker(store.getState())).toBe('Docker 28.2.2 · amd64 · /var/run/docker.sock');
    // Back and forth does not ask again.
    store.getState().setTabMode('tab-a', 'wasm');
    store.getState().setTabMode('tab-a', 'docker');
    expect(statusCalls()).toHaveLength(1);
  });

  it('says why Docker is unavailable, and "Check again" asks the core to reconnect', async () => {
    const { store, status, statusCalls } = await setup(NO_ENGINE);
    store.getState().setTabMode('tab-a', 'docker');
    await vi.advanceTimersByTimeAsync(0);
    expect(dockerAvailability(store.getState())).toBe('unavailable');
    expect(describeDocker(store.getState())).toContain('start Docker');
    status.engine = ENGINE;
    await store.getState().loadSandboxStatus(true);
    expect(statusCalls().at(-1)).toEqual({ name: 'sandbox.status', params: { refresh: true } });
    expect(dockerAvailability(store.getState())).toBe('available');
  });

  it('keeps the newest answer when an older, slower one arrives last', async () => {
    const { client, store } = await setup();
    const slow = deferred<{ docker: EngineStatusInfo }>();
    client.handle('sandbox.status', () => slow.promise);
    const first = store.getState().loadSandboxStatus();
    client.handle('sandbox.status', () => ({ docker: ENGINE }));
    await store.getState().loadSandboxStatus(true);
    slow.resolve({ docker: NO_ENGINE });
    await first;
    expect(store.getState().docker).toEqual(ENGINE);
  });

  it('sends the tab’s mode with the Docker limits, and WASM runs without them', async () => {
    const { client, store } = await setup();
    client.handle('run.start', (p) => runResult({ runId: p.runId, mode: p.mode ?? 'wasm' }));
    await store.getState().startRun();
    // A finished run also refreshes the history and the cache stats: pick the run's own call.
    const wasm = client.calls.filter((c) => c.name === 'run.start').at(-1)?.params;
    expect(wasm).toMatchObject({ mode: 'wasm', limits: { timeoutMs: 10_000 } });
    expect(wasm).not.toHaveProperty('limits.cpus');
    expect(wasm).not.toHaveProperty('faketime');

    store.getState().setTabMode('tab-a', 'docker');
    await store.getState().startRun();
    const params = client.calls.filter((c) => c.name === 'run.start').at(-1)?.params;
    expect(params).toMatchObject({ mode: 'docker', limits: { timeoutMs: 10_000, cpus: 2, pids: 100 } });
    expect(params).not.toHaveProperty('faketime');
    expect(store.getState().run?.mode).toBe('docker');
  });

  it('sends faketime only in Docker mode', async () => {
    const { client, store } = await setup();
    client.handle('run.start', (p) => runResult({ runId: p.runId }));
    store.getState().setFaketime(true);
    await store.getState().startRun();
    expect(client.calls.filter((c) => c.name === 'run.start').at(-1)?.params).not.toHaveProperty('faketime');
    store.getState().setTabMode('tab-a', 'docker');
    await store.getState().startRun();
    expect(client.calls.filter((c) => c.name === 'run.start').at(-1)?.params).toMatchObject({ mode: 'docker', faketime: true });
  });

  it('a Docker run that finds no engine updates the engine status', async () => {
    const { client, store, status, statusCalls } = await setup();
    store.getState().setTabMode('tab-a', 'docker');
    await vi.advanceTimersByTimeAsync(0);
    status.engine = NO_ENGINE;
    client.handle('run.start', (p) => runResult({ runId: p.runId, status: 'sandbox-unavailable', exitCode: null, message: NO_ENGINE.error!, mode: 'docker' }));
    await store.getState().startRun();
    await vi.advanceTimersByTimeAsync(0);
    expect(statusCalls()).toHaveLength(2);
    expect(dockerAvailability(store.getState())).toBe('unavailable');
  });
});

describe('faketime replay', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  async function faketimeRun(events = THREE_LINES) {
    const ctx = await setup();
    const answer = deferred<RunResult>();
    ctx.client.handle('run.start', () => answer.promise);
    ctx.store.getState().setTabMode('tab-a', 'docker');
    ctx.store.getState().setFaketime(true);
    const done = ctx.store.getState().startRun();
    const runId = ctx.store.getState().run!.runId;
    // The live events of a faketime run carry the same text all at once: they are not shown.
    for (const e of events) ctx.client.emit('run.output', { runId, stream: e.stream, data: e.data });
    await vi.advanceTimersByTimeAsync(50);
    expect(ctx.store.getState().run?.output).toEqual([]);
    const stdout = events.filter((e) => e.stream === 'stdout').map((e) => e.data).join('');
    answer.resolve(runResult({ runId, stdout, mode: 'docker', replay: events }));
    await done;
    return { ...ctx, runId };
  }

  it('replays the output with the program’s delays, once', async () => {
    const { store } = await faketimeRun();
    expect(output(store)).toBe('one\n');
    expect(store.getState().run?.replay).toEqual({ total: 3, shown: 1, active: true, skipped: false });
    await vi.advanceTimersByTimeAsync(999);
    expect(output(store)).toBe('one\n');
    await vi.advanceTimersByTimeAsync(1);
    expect(output(store)).toBe('one\ntwo\n');
    await vi.advanceTimersByTimeAsync(1000);
    expect(output(store)).toBe('one\ntwo\nthree\n');
    expect(store.getState().run?.replay).toEqual({ total: 3, shown: 3, active: false, skipped: false });
    // Consecutive writes to stdout stay one chunk.
    expect(store.getState().run?.output).toHaveLength(1);
  });

  it('Skip shows the rest at once', async () => {
    const { store } = await faketimeRun();
    store.getState().skipReplay();
    expect(output(store)).toBe('one\ntwo\nthree\n');
    expect(store.getState().run?.replay).toMatchObject({ shown: 3, active: false, skipped: true });
    await vi.advanceTimersByTimeAsync(5000);
    expect(output(store)).toBe('one\ntwo\nthree\n');
  });

  it('keeps stdout and stderr apart, in the order they were written', async () => {
    const { store } = await faketimeRun([
      { stream: 'stdout', data: 'out\n', delayMs: 0 },
      { stream: 'stderr', data: 'err\n', delayMs: 10 },
      { stream: 'stdout', data: 'out again\n', delayMs: 10 },
    ]);
    store.getState().skipReplay();
    expect(store.getState().run?.output).toEqual([
      { stream: 'stdout', text: 'out\n' },
      { stream: 'stderr', text: 'err\n' },
      { stream: 'stdout', text: 'out again\n' },
    ]);
  });

  it('a new run stops the replay of the last one', async () => {
    const { client, store } = await faketimeRun();
    const next = deferred<RunResult>();
    client.handle('run.start', () => next.promise);
    const done = store.getState().startRun();
    const runId = store.getState().run!.runId;
    await vi.advanceTimersByTimeAsync(5000);
    expect(store.getState().run?.output).toEqual([]);
    next.resolve(runResult({ runId, stdout: '', mode: 'docker', replay: [] }));
    await done;
    expect(store.getState().run?.replay).toEqual({ total: 0, shown: 0, active: false, skipped: false });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('Clear stops the replay too', async () => {
    const { store } = await faketimeRun();
    store.getState().clearOutput();
    await vi.advanceTimersByTimeAsync(5000);
    expect(store.getState().run?.output).toEqual([]);
    expect(store.getState().run?.replay?.active).toBe(false);
  });

  it('a faketime run with no replay (it did not get to run) shows the result’s output', async () => {
    const { client, store } = await setup();
    client.handle('run.start', (p) => runResult({ runId: p.runId, status: 'compile-error', exitCode: null, stderr: 'oops\n', mode: 'docker' }));
    store.getState().setTabMode('tab-a', 'docker');
    store.getState().setFaketime(true);
    await store.getState().startRun();
    expect(store.getState().run?.output).toEqual([{ stream: 'stderr', text: 'oops\n' }]);
    expect(store.getState().run?.replay).toBeNull();
  });
});
