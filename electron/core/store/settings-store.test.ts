import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CACHE_BUDGET_BYTES } from '../../../shared/settings';

const CHECKS_OFF = { formatOnRun: false, vetOnRun: false, vetBlocks: false, moduleDownloads: false };
import { SettingsStore } from './settings-store';

const dir = mkdtempSync(join(tmpdir(), 'gopherlab-settings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('settings store', () => {
  it('starts from defaults, saves atomically, tells listeners, and reads back in a new process', async () => {
    const store = new SettingsStore(dir);
    expect(store.get()).toEqual({ goproxy: '', goroots: [], cacheBudgetBytes: DEFAULT_CACHE_BUDGET_BYTES, ...CHECKS_OFF });
    const seen: string[] = [];
    store.onChange((s) => seen.push(s.goproxy));
    await store.save({ goproxy: 'https://mirror.example/go,off', goroots: ['/opt/go-tip'], cacheBudgetBytes: 64 * 1024 * 1024 });
    expect(seen).toEqual(['https://mirror.example/go,off']);
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toEqual({
      goproxy: 'https://mirror.example/go,off',
      goroots: ['/opt/go-tip'],
      cacheBudgetBytes: 64 * 1024 * 1024,
      ...CHECKS_OFF,
    });
    expect(new SettingsStore(dir).get()).toMatchObject({ goroots: ['/opt/go-tip'], cacheBudgetBytes: 64 * 1024 * 1024 });
  });

  it('reads a damaged file as the defaults instead of failing', () => {
    writeFileSync(join(dir, 'settings.json'), '{"goproxy": 42');
    expect(new SettingsStore(dir).get()).toEqual({ goproxy: '', goroots: [], cacheBudgetBytes: DEFAULT_CACHE_BUDGET_BYTES, ...CHECKS_OFF });
  });

  it('reads a file from before the cache budget existed with the default budget, and refuses a budget below 16 MiB', async () => {
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ goproxy: 'off', goroots: [] }));
    const store = new SettingsStore(dir);
    expect(store.get()).toEqual({ goproxy: 'off', goroots: [], cacheBudgetBytes: DEFAULT_CACHE_BUDGET_BYTES, ...CHECKS_OFF });
    await expect(store.save({ goproxy: '', goroots: [], cacheBudgetBytes: 1024 })).rejects.toThrow();
    expect(store.get().cacheBudgetBytes).toBe(DEFAULT_CACHE_BUDGET_BYTES);
  });

  it('keeps the run checks and module downloads, and reads a wrong value in one of them as off without losing the rest', async () => {
    const store = new SettingsStore(dir);
    await store.save({ goproxy: 'https://mirror.example/go', goroots: [], formatOnRun: true, vetOnRun: true, vetBlocks: true, moduleDownloads: true });
    expect(new SettingsStore(dir).get()).toMatchObject({ formatOnRun: true, vetOnRun: true, vetBlocks: true, moduleDownloads: true });
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ goproxy: 'https://mirror.example/go', goroots: [], vetOnRun: 'yes', moduleDownloads: true }));
    expect(new SettingsStore(dir).get()).toMatchObject({ goproxy: 'https://mirror.example/go', vetOnRun: false, moduleDownloads: true, formatOnRun: false });
  });
});
