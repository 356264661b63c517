import { describe, expect, it } from 'vitest';
import { ContractError } from '../../shared/contract';
import { SettingsSchema, type Settings, type SettingsInput } from '../../shared/settings';
import type { Catalog, Toolchain } from '../../shared/toolchain';
import { deferred, fakeClient } from '../test/fake-client';
import { sourcesDirty } from './sources-slice';
import { createAppStore } from './store';

const pathGo: Toolchain = { id: 'path:go1.26.8', version: 'go1.26.8', goroot: '/usr/local/go', source: 'path', isDefault: true };
const srcGo: Toolchain = { id: 'goroot:/home/u/go-src', version: 'go1.27.0', goroot: '/home/u/go-src', source: 'path', isDefault: false };
const catalog: Catalog = { releases: [], proxy: 'https://proxy.golang.org', fetchedAt: 1, offline: false };

const MIB = 1024 * 1024;
/** The run checks' defaults, which every stored settings object carries. */
const CHECKS_OFF = { formatOnRun: false, vetOnRun: false, vetBlocks: false, moduleDownloads: false };

function setup(stored: SettingsInput = { goproxy: '', goroots: [] }) {
  const client = fakeClient();
  let current: Settings = SettingsSchema.parse(stored);
  let listed: Toolchain[] = [pathGo];
  client.handle('settings.load', () => current);
  client.handle('settings.save', (s) => {
    current = SettingsSchema.parse(s);
    return current;
  });
  client.handle('sdk.list', () => listed);
  client.handle('sdk.catalog', () => catalog);
  const store = createAppStore({ client, storage: null, now: () => 42 });
  const calls = (name: string) => client.calls.filter((c) => c.name === name);
  return { client, store, calls, setListed: (l: Toolchain[]) => (listed = l) };
}

describe('sources slice', () => {
  it('loads the stored settings into the draft', async () => {
    const { store } = setup({ goproxy: 'https://goproxy.example', goroots: ['/opt/go'] });
    expect(store.getState().sourcesStatus).toBe('idle');
    await store.getState().loadSources();
    const s = store.getState();
    expect(s.sourcesStatus).toBe('ready');
    expect(s.sources).toEqual({ goproxy: 'https://goproxy.example', goroots: ['/opt/go'], cacheBudgetBytes: 512 * MIB, ...CHECKS_OFF });
    expect(s.sourcesDraft).toEqual({ goproxy: 'https://goproxy.example', goroots: ['/opt/go'] });
    expect(sourcesDirty(s)).toBe(false);
  });

  it('edits the draft: GOPROXY, adding a GOROOT (trimmed, no repeats) and removing one', async () => {
    const { store } = setup({ goproxy: '', goroots: ['/opt/go'] });
    await store.getState().loadSources();
    store.getState().setGoproxyDraft('https://a.example,direct');
    expect(store.getState().addGorootDraft('  /home/u/go-src  ')).toBe(true);
    expect(store.getState().addGorootDraft('   ')).toBe(false);
    expect(store.getState().addGorootDraft('/opt/go')).toBe(false);
    expect(store.getState().sourcesError).toMatch(/already in the list/);
    expect(store.getState().sourcesDraft).toEqual({ goproxy: 'https://a.example,direct', goroots: ['/opt/go', '/home/u/go-src'] });
    expect(sourcesDirty(store.getState())).toBe(true);
    store.getState().removeGorootDraft('/opt/go');
    expect(store.getState().sourcesDraft.goroots).toEqual(['/home/u/go-src']);
    // The stored settings are untouched until saved.
    expect(store.getState().sources).toMatchObject({ goproxy: '', goroots: ['/opt/go'] });
  });

  it('saves, keeping the settings it does not edit, then re-reads the toolchains and the catalogue', async () => {
    const { store, calls, setListed } = setup({ goproxy: '', goroots: [], cacheBudgetBytes: 100 * MIB });
    await store.getState().loadSources();
    store.getState().setGoproxyDraft(' https://goproxy.example ');
    store.getState().addGorootDraft('/home/u/go-src');
    setListed([pathGo, srcGo]);

    expect(await store.getState().saveSources()).toBe(true);
    expect(calls('settings.save').map((c) => c.params)).toEqual([{ goproxy: 'https://goproxy.example', goroots: ['/home/u/go-src'], cacheBudgetBytes: 100 * MIB, ...CHECKS_OFF }]);
    expect(calls('sdk.list').at(-1)?.params).toEqual({ refresh: true });
    expect(calls('sdk.catalog').at(-1)?.params).toEqual({ refresh: true });
    const s = store.getState();
    expect(s.sourcesStatus).toBe('ready');
    expect(s.sourcesSavedAt).toBe(42);
    expect(s.sources).toEqual({ goproxy: 'https://goproxy.example', goroots: ['/home/u/go-src'], cacheBudgetBytes: 100 * MIB, ...CHECKS_OFF });
    expect(sourcesDirty(s)).toBe(false);
    expect(s.toolchains.map((t) => t.goroot)).toContain('/home/u/go-src');
    expect(s.catalogStatus).toBe('ready');
  });

  it('shows the server’s error and keeps the draft; refreshes nothing', async () => {
    const { client, store, calls } = setup();
    await store.getState().loadSources();
    client.handle('settings.save', () => {
      throw new ContractError('invalid-params', 'goroots.0: String must contain at least 1 character(s)');
    });
    store.getState().addGorootDraft('/x');
    expect(await store.getState().saveSources()).toBe(false);
    expect(store.getState().sourcesStatus).toBe('error');
    expect(store.getState().sourcesError).toBe('Could not save: goroots.0: String must contain at least 1 character(s)');
    expect(store.getState().sourcesDraft.goroots).toEqual(['/x']);
    expect(calls('sdk.list')).toHaveLength(0);
    expect(calls('sdk.catalog')).toHaveLength(0);
  });

  it('says when the settings cannot be loaded, and ignores a second save while one is under way', async () => {
    const { client, store, calls } = setup();
    client.handle('settings.load', () => {
      throw new ContractError('unknown-channel', 'no handler for settings.load');
    });
    await store.getState().loadSources();
    expect(store.getState().sourcesStatus).toBe('error');
    expect(store.getState().sourcesError).toMatch(/^Could not load the settings: /);

    // Saving reads the stored settings first, so the ones it does not edit are kept.
    client.handle('settings.load', () => SettingsSchema.parse({ goproxy: '', goroots: [], cacheBudgetBytes: 64 * MIB }));
    const answer = deferred<Settings>();
    client.handle('settings.save', () => answer.promise);
    store.getState().setGoproxyDraft('off');
    const first = store.getState().saveSources();
    expect(store.getState().sourcesStatus).toBe('saving');
    expect(await store.getState().saveSources()).toBe(false);
    await expect.poll(() => calls('settings.save').length).toBe(1);
    answer.resolve(SettingsSchema.parse({ goproxy: 'off', goroots: [], cacheBudgetBytes: 64 * MIB }));
    expect(await first).toBe(true);
    expect(calls('settings.save')).toHaveLength(1);
    expect(calls('settings.save')[0]?.params).toEqual({ goproxy: 'off', goroots: [], cacheBudgetBytes: 64 * MIB, ...CHECKS_OFF });
  });
});
