import { describe, expect, it } from 'vitest';
import { ContractError } from '../../shared/contract';
import type { HistoryEntry } from '../../shared/history';
import { SettingsSchema, type Settings } from '../../shared/settings';
import type { TraceTimeline } from '../../shared/trace';
import { deferred, fakeClient, runResult } from '../test/fake-client';
import { bindContractEvents } from './bind-events';
import { createAppStore } from './store';

const MIB = 1024 * 1024;

const entry: HistoryEntry = { runId: 'run-1', at: 1, mode: 'wasm', go: 'go1.22.3', status: 'ok', totalMs: 120, cacheHit: false, stages: [{ name: 'compile', durationMs: 100 }] };

const timeline: TraceTimeline = {
  format: 'go 1.22',
  durationNs: 1000,
  procs: [{ id: 0, slices: [{ g: 1, startNs: 0, endNs: 500 }] }],
  goroutines: [],
  gc: [],
  stw: [],
  tasks: [],
  regions: [],
  logs: [],
  heap: [],
  truncated: false,
};

function setup() {
  const client = fakeClient();
  let settings: Settings = SettingsSchema.parse({ goproxy: 'https://goproxy.example', goroots: ['/opt/go'] });
  let history: HistoryEntry[] = [entry];
  let cleared = 0;
  client.handle('history.list', () => history);
  client.handle('history.clear', () => {
    cleared = history.length;
    history = [];
    return { cleared };
  });
  client.handle('cache.stats', () => ({ entries: 2, bytes: 3 * MIB, budgetBytes: settings.cacheBudgetBytes, hits: 1, misses: 1 }));
  client.handle('cache.clear', () => ({ removedEntries: 2, freedBytes: 3 * MIB }));
  client.handle('settings.load', () => settings);
  client.handle('settings.save', (s) => (settings = SettingsSchema.parse(s)));
  client.handle('trace.get', () => timeline);
  const store = createAppStore({ client, storage: null, now: () => 1000 });
  bindContractEvents(client, store);
  const calls = (name: string) => client.calls.filter((c) => c.name === name);
  return { client, store, calls, settings: () => settings };
}

describe('latency slice', () => {
  it('loads the history and clears it', async () => {
    const { store } = setup();
    await store.getState().loadHistory();
    expect(store.getState().history).toEqual([entry]);
    await store.getState().clearHistory();
    expect(store.getState().history).toEqual([]);
  });

  it('says what failed and keeps what it had when the history cannot be read or cleared', async () => {
    const { client, store } = setup();
    await store.getState().loadHistory();
    client.handle('history.clear', () => {
      throw new ContractError('internal', 'disk full');
    });
    await store.getState().clearHistory();
    expect(store.getState().history).toEqual([entry]);
    expect(store.getState().historyError).toBe('Could not clear the run history: disk full. The history is unchanged; try again.');
    client.handle('history.list', () => {
      throw new ContractError('unknown-channel', 'no handler for history.list');
    });
    await store.getState().loadHistory();
    expect(store.getState().historyStatus).toBe('error');
    expect(store.getState().historyError).toMatch(/^Could not load the run history: /);
  });

  it('clears the compile cache, says what it freed and reads the stats again', async () => {
    const { store, calls } = setup();
    await store.getState().clearCache();
    expect(store.getState().cacheNote).toBe('Removed 2 builds, 3.0 MiB freed. The next run of each snippet builds again.');
    expect(calls('cache.stats')).toHaveLength(1);
    expect(store.getState().cacheStats?.entries).toBe(2);
  });

  it('saves the cache budget with every other setting as stored, and refuses one out of range', async () => {
    const { store, calls, settings } = setup();
    expect(await store.getState().saveCacheBudget(8)).toBe(false);
    expect(store.getState().cacheError).toBe('The cache budget is 16–65536 MiB; enter a number in that range.');
    expect(calls('settings.save')).toHaveLength(0);

    expect(await store.getState().saveCacheBudget(256)).toBe(true);
    expect(calls('settings.save')[0]?.params).toEqual({
      goproxy: 'https://goproxy.example',
      goroots: ['/opt/go'],
      cacheBudgetBytes: 256 * MIB,
      ...{ formatOnRun: false, vetOnRun: false, vetBlocks: false, moduleDownloads: false },
    });
    expect(settings().cacheBudgetBytes).toBe(256 * MIB);
    // The SDK panel's next save starts from the new value.
    expect(store.getState().sources?.cacheBudgetBytes).toBe(256 * MIB);
    expect(store.getState().cacheStats?.budgetBytes).toBe(256 * MIB);
    expect(store.getState().cacheError).toBeNull();
  });

  it('keeps the old budget and says so when the save fails', async () => {
    const { client, store } = setup();
    client.handle('settings.save', () => {
      throw new ContractError('internal', 'read-only home');
    });
    expect(await store.getState().saveCacheBudget(256)).toBe(false);
    expect(store.getState().cacheError).toBe('Could not save the cache budget: read-only home. The old budget still applies; try again.');
    expect(store.getState().cacheBudgetSaving).toBe(false);
  });

  it('a traced run sends trace: true, and its finished run fetches the timeline and opens it', async () => {
    const { client, store, calls } = setup();
    client.handle('run.start', (p) => runResult({ runId: p.runId, trace: { id: p.runId, bytes: 2048, format: 'go 1.22' } }));
    await store.getState().startRun({ trace: true });
    const runId = store.getState().run!.runId;
    expect(calls('run.start')[0]?.params).toMatchObject({ trace: true });
    expect(store.getState().run?.traced).toBe(true);
    await expect.poll(() => store.getState().trace?.status).toBe('ready');
    expect(calls('trace.get')[0]?.params).toEqual({ id: runId });
    expect(store.getState().trace?.timeline).toEqual(timeline);
    // It opens the timeline from the output panel.
    expect(store.getState().rightPanel).toBe('trace');
    // The latency panel is not showing: it reads the history when it opens, not now.
    expect(calls('history.list')).toHaveLength(0);
  });

  it('a finished run refreshes the history and the cache stats while the latency panel shows them', async () => {
    const { client, store, calls } = setup();
    client.handle('run.start', (p) => runResult({ runId: p.runId }));
    store.getState().setRightPanel('latency');
    await store.getState().startRun();
    expect(store.getState().rightPanel).toBe('latency');
    await expect.poll(() => store.getState().history).toEqual([entry]);
    expect(calls('history.list')).toHaveLength(1);
    expect(calls('cache.stats')).toHaveLength(1);
  });

  it('a plain run asks for no trace and drops the last one; a trace that failed is not fetched', async () => {
    const { client, store, calls } = setup();
    client.handle('run.start', (p) => runResult({ runId: p.runId, trace: { id: p.runId, bytes: 10, format: 'go 1.22' } }));
    await store.getState().startRun({ trace: true });
    await expect.poll(() => store.getState().trace?.status).toBe('ready');

    client.handle('run.start', (p) => runResult({ runId: p.runId }));
    await store.getState().startRun();
    expect(calls('run.start')[1]?.params).not.toHaveProperty('trace');
    expect(store.getState().trace).toBeNull();

    client.handle('run.start', (p) => runResult({ runId: p.runId, trace: { id: p.runId, bytes: 0, format: '', error: 'the program called os.Exit' } }));
    store.getState().setRightPanel('output');
    await store.getState().startRun({ trace: true });
    expect(calls('trace.get')).toHaveLength(1);
    expect(store.getState().rightPanel).toBe('output');
  });

  it('never asks for a trace of a faketime run (it needs the real clock)', async () => {
    const { client, store, calls } = setup();
    client.handle('run.start', (p) => runResult({ runId: p.runId }));
    store.getState().setFaketime(true);
    store.getState().setTabMode(store.getState().activeTabId, 'docker');
    await store.getState().startRun({ trace: true });
    expect(calls('run.start')[0]?.params).toMatchObject({ faketime: true });
    expect(calls('run.start')[0]?.params).not.toHaveProperty('trace');
  });

  it('keeps the newest trace when an older fetch answers last', async () => {
    const { client, store } = setup();
    const slow = deferred<TraceTimeline>();
    client.handle('trace.get', (p) => (p.id === 'run-old' ? slow.promise : { ...timeline, format: 'go 1.23' }));
    const old = store.getState().loadTrace('run-old');
    await store.getState().loadTrace('run-new');
    slow.resolve(timeline);
    await old;
    expect(store.getState().trace).toMatchObject({ runId: 'run-new', status: 'ready' });
    expect(store.getState().trace?.timeline?.format).toBe('go 1.23');
  });

  it('shows why a trace could not be read', async () => {
    const { client, store } = setup();
    client.handle('trace.get', () => {
      throw new ContractError('internal', 'the trace file is gone');
    });
    await store.getState().loadTrace('run-x');
    expect(store.getState().trace).toEqual({ runId: 'run-x', status: 'error', timeline: null, error: 'Could not read the trace: the trace file is gone' });
  });
});

