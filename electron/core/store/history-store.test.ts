// The latency history on disk, then through the API as the app uses it (real Go, real sandbox).
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../../shared/history';
import { createApi } from '../api/api';
import { fakeResult } from '../drift/test-support';
import { historyEntry, HistoryStore } from './history-store';

const root = mkdtempSync(join(tmpdir(), 'gopherlab-history-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => join(root, `h${++n}`);

const entry = (i: number, over: Partial<HistoryEntry> = {}): HistoryEntry => ({
  runId: `r${i}`,
  at: 1_700_000_000_000 + i,
  mode: 'wasm',
  go: 'go1.26.8',
  status: 'ok',
  totalMs: 100 + i,
  cacheHit: i % 2 === 0,
  stages: [
    { name: 'compile', durationMs: 80 },
    { name: 'execute', durationMs: 20 + i },
  ],
  ...over,
});

describe('HistoryStore', () => {
  it('appends entries and reads them back, oldest first, in a new instance', async () => {
    const dir = freshDir();
    const store = new HistoryStore(dir);
    for (let i = 0; i < 5; i++) await store.append(entry(i));
    expect((await store.list()).map((e) => e.runId)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
    expect((await store.list(2)).map((e) => e.runId)).toEqual(['r3', 'r4']);
    const again = new HistoryStore(dir);
    expect(await again.list()).toEqual([0, 1, 2, 3, 4].map((i) => entry(i)));
    expect(readFileSync(join(dir, 'history.jsonl'), 'utf8').trim().split('\n')).toHaveLength(5);
  });

  it('keeps the newest `limit` entries, and compacts the file once it holds twice that', async () => {
    const dir = freshDir();
    const store = new HistoryStore(dir, { limit: 10 });
    for (let i = 0; i < 20; i++) await store.append(entry(i));
    // Up to twice the limit the file only grows; the list already shows the newest ten.
    expect(readFileSync(join(dir, 'history.jsonl'), 'utf8').trim().split('\n')).toHaveLength(20);
    expect((await store.list()).map((e) => e.runId)).toEqual(Array.from({ length: 10 }, (_, i) => `r${i + 10}`));
    await store.append(entry(20));
    expect(readFileSync(join(dir, 'history.jsonl'), 'utf8').trim().split('\n')).toHaveLength(10);
    expect((await new HistoryStore(dir, { limit: 10 }).list()).map((e) => e.runId)).toEqual(Array.from({ length: 10 }, (_, i) => `r${i + 11}`));
  });

  it('skips a corrupt line and a half-written last line, and the next append starts on a line of its own', async () => {
    const dir = freshDir();
    const file = join(dir, 'history.jsonl');
    const store = new HistoryStore(dir);
    await store.append(entry(1));
    appendFileSync(file, 'this is not json\n');
    appendFileSync(file, `${JSON.stringify({ ...entry(2), status: 'no-such-status' })}\n`);
    appendFileSync(file, `${JSON.stringify(entry(3))}\n`);
    appendFileSync(file, JSON.stringify(entry(4)).slice(0, 30)); // a crash mid-append
    const reopened = new HistoryStore(dir);
    expect((await reopened.list()).map((e) => e.runId)).toEqual(['r1', 'r3']);
    await reopened.append(entry(5));
    expect((await new HistoryStore(dir).list()).map((e) => e.runId)).toEqual(['r1', 'r3', 'r5']);
  });

  it('clears, and an unreadable-as-history file is an empty history', async () => {
    const dir = freshDir();
    const store = new HistoryStore(dir);
    for (let i = 0; i < 3; i++) await store.append(entry(i));
    expect(await store.clear()).toBe(3);
    expect(await store.list()).toEqual([]);
    expect(await new HistoryStore(dir).list()).toEqual([]);
    writeFileSync(join(dir, 'history.jsonl'), '\u0000\u0001garbage');
    expect(await new HistoryStore(dir).list()).toEqual([]);
  });

  it('makes an entry from a run: stages in order, cache verdict and tracing only when known', () => {
    const result = fakeResult({
      runId: 'x1',
      status: 'compile-error',
      go: { version: 'go1.22.12', goroot: '/go' },
      totalMs: 321,
      cache: { hit: false, key: 'k', inputs: {} },
      spans: [
        { name: 'sdk-resolve', startMs: 0, durationMs: 1 },
        { name: 'compile', startMs: 1, durationMs: 300, attrs: { builder: 'go build' } },
      ],
    });
    expect(historyEntry({ runId: 'x1', source: '', trace: true }, result, 42)).toEqual({
      runId: 'x1',
      at: 42,
      mode: 'wasm',
      go: 'go1.22.12',
      status: 'compile-error',
      totalMs: 321,
      cacheHit: false,
      traced: true,
      stages: [
        { name: 'sdk-resolve', durationMs: 1 },
        { name: 'compile', durationMs: 300 },
      ],
    });
    const early = historyEntry({ runId: 'x2', source: '' }, fakeResult({ runId: 'x2', status: 'sdk-missing' }));
    expect(early).not.toHaveProperty('cacheHit');
    expect(early).not.toHaveProperty('traced');
    expect(early.go).toBe('');
  });
});

describe('history and cache channels (real runs through the API)', () => {
  it('records each run.start, survives a restart, and clears; cache.stats counts the hit', async () => {
    const dataDir = freshDir();
    const sink = () => undefined;
    const api = createApi({ dataDir, transport: 'browser' });
    const src = 'package main\nimport "fmt"\nfunc main() { fmt.Println("history") }\n';
    try {
      for (const runId of ['h1', 'h2']) {
        const r = await api.handle('run.start', { runId, source: src }, sink);
        expect(r).toMatchObject({ ok: true, value: { status: 'ok', stdout: 'history\n' } });
      }
      const listed = await api.handle('history.list', {}, sink);
      expect(listed.ok).toBe(true);
      const entries = (listed as { value: HistoryEntry[] }).value;
      expect(entries.map((e) => [e.runId, e.status, e.cacheHit])).toEqual([
        ['h1', 'ok', false],
        ['h2', 'ok', true],
      ]);
      expect(entries[0]!.stages.map((s) => s.name)).toContain('compile');
      expect(entries[1]!.stages.map((s) => s.name)).not.toContain('compile');
      expect(entries[1]!.go).toMatch(/^go1\./);
      expect(await api.handle('history.list', { limit: 1 }, sink)).toMatchObject({ ok: true, value: [{ runId: 'h2' }] });
      expect(await api.handle('history.list', { limit: 0 }, sink)).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
      const stats = await api.handle('cache.stats', {}, sink);
      expect(stats).toMatchObject({ ok: true, value: { entries: 1, hits: 1, misses: 1, budgetBytes: 512 * 1024 * 1024 } });
    } finally {
      await api.dispose();
    }

    const restarted = createApi({ dataDir, transport: 'browser' });
    try {
      expect(await restarted.handle('history.list', {}, sink)).toMatchObject({ ok: true, value: [{ runId: 'h1' }, { runId: 'h2' }] });
      expect(await restarted.handle('cache.stats', {}, sink)).toMatchObject({ ok: true, value: { entries: 1, hits: 1, misses: 1 } });
      expect(await restarted.handle('history.clear', {}, sink)).toEqual({ ok: true, value: { cleared: 2 } });
      expect(await restarted.handle('history.list', {}, sink)).toEqual({ ok: true, value: [] });
      const cleared = await restarted.handle('cache.clear', {}, sink);
      expect(cleared).toMatchObject({ ok: true, value: { removedEntries: 1 } });
      expect((cleared as { value: { freedBytes: number } }).value.freedBytes).toBeGreaterThan(1024 * 1024);
      expect(await restarted.handle('cache.stats', {}, sink)).toMatchObject({ ok: true, value: { entries: 0, bytes: 0, hits: 0, misses: 0 } });
      // After a clear the next run builds again, and is recorded.
      expect(await restarted.handle('run.start', { runId: 'h3', source: src }, sink)).toMatchObject({ ok: true, value: { cache: { hit: false } } });
      expect(await restarted.handle('history.list', {}, sink)).toMatchObject({ ok: true, value: [{ runId: 'h3', cacheHit: false }] });
    } finally {
      await restarted.dispose();
    }
  });
});
