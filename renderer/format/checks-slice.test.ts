import { describe, expect, it } from 'vitest';
import type { FormatResult } from '../../shared/format';
import { SettingsSchema, type Settings } from '../../shared/settings';
import { fakeClient, runResult } from '../test/fake-client';
import { createAppStore } from '../store/store';

function setup(stored: Partial<Settings> = {}, format?: (source: string) => FormatResult) {
  const client = fakeClient();
  let settings: Settings = SettingsSchema.parse({ goproxy: 'https://mirror.example', ...stored });
  client.handle('settings.load', () => settings);
  client.handle('settings.save', (s) => (settings = SettingsSchema.parse(s)));
  client.handle('format.run', (p) => (format ? format(p.source) : { source: p.source, changed: false, diagnostics: [] }));
  client.handle('run.start', (p) => runResult({ runId: p.runId }));
  const store = createAppStore({ client, storage: null, now: () => 0 });
  const tabId = store.getState().activeTabId;
  const calls = (name: string) => client.calls.filter((c) => c.name === name);
  return { store, tabId, calls, settings: () => settings };
}

const UGLY = 'package main\nfunc main(){x:=1;_ = x}\n';
const PRETTY = 'package main\n\nfunc main() { x := 1; _ = x }\n';

describe('run checks', () => {
  it('saves one check without losing the other settings', async () => {
    const { store, settings } = setup({ goroots: ['/opt/go'], cacheBudgetBytes: 64 * 1024 * 1024 });
    expect(await store.getState().saveChecks({ vetOnRun: true })).toBe(true);
    expect(settings()).toMatchObject({ goproxy: 'https://mirror.example', goroots: ['/opt/go'], cacheBudgetBytes: 64 * 1024 * 1024, vetOnRun: true, formatOnRun: false });
    expect(store.getState().sources?.vetOnRun).toBe(true);
  });

  it('a run asks for vet as set: warn, or block', async () => {
    const { store, calls } = setup({ vetOnRun: true });
    await store.getState().loadChecks();
    await store.getState().startRun();
    expect(calls('run.start')[0]?.params).toMatchObject({ vet: 'warn' });
    await store.getState().saveChecks({ vetBlocks: true });
    await store.getState().startRun();
    expect(calls('run.start')[1]?.params).toMatchObject({ vet: 'block' });
    await store.getState().saveChecks({ vetOnRun: false });
    await store.getState().startRun();
    expect(calls('run.start')[2]?.params).not.toHaveProperty('vet');
  });

  it('format on run: the formatted text is what runs and what the tab then holds', async () => {
    const { store, tabId, calls } = setup({ formatOnRun: true }, (s) => ({ source: s === UGLY ? PRETTY : s, changed: s === UGLY, diagnostics: [] }));
    await store.getState().loadChecks();
    store.getState().setSource(tabId, UGLY);
    await store.getState().startRun();
    expect(calls('format.run')).toHaveLength(1);
    expect(calls('run.start')[0]?.params).toMatchObject({ source: PRETTY });
    expect(store.getState().tabs[0]?.source).toBe(PRETTY);
    expect(store.getState().run?.source).toBe(PRETTY);
  });

  it('without format on run nothing is formatted; a syntax error is a note with where and what to do', async () => {
    const { store, tabId, calls } = setup({}, (s) => ({
      source: s,
      changed: false,
      diagnostics: [{ file: 'prog.go', line: 2, column: 13, message: "expected ';', found '}'", severity: 'error' }],
    }));
    await store.getState().startRun();
    expect(calls('format.run')).toHaveLength(0);
    await store.getState().formatTab(tabId);
    expect(store.getState().formatNote).toEqual({ tabId, message: "gofmt stopped at prog.go:2:13: expected ';', found '}'. Fix the syntax, then format again." });
  });
});
