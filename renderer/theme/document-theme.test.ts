import { describe, expect, it } from 'vitest';
import { createAppStore } from '../store/store';
import { fakeClient } from '../test/fake-client';
import { bindDocumentTheme, type DocumentThemeTarget } from './document-theme';

function fakeTarget(systemDark: boolean) {
  const listeners = new Set<(e: { matches: boolean }) => void>();
  const vars = new Map<string, string>();
  const themes: string[] = [];
  const query = {
    matches: systemDark,
    addEventListener: (_: string, l: (e: { matches: boolean }) => void) => listeners.add(l),
    removeEventListener: (_: string, l: (e: { matches: boolean }) => void) => listeners.delete(l),
  };
  const root = { dataset: {} as Record<string, string>, style: { setProperty: (k: string, v: string) => vars.set(k, v) } };
  const target = { root, darkQuery: query, setEditorTheme: (t: string) => themes.push(t) } as unknown as DocumentThemeTarget;
  const flipSystem = (dark: boolean) => {
    query.matches = dark;
    for (const l of listeners) l({ matches: dark });
  };
  return { target, root, vars, themes, flipSystem, listeners };
}

const newStore = () => createAppStore({ client: fakeClient(), storage: null, now: () => 0 });

describe('bindDocumentTheme', () => {
  it('follows the system live while the theme is "system", and stops when told one', () => {
    const store = newStore();
    const t = fakeTarget(false);
    const stop = bindDocumentTheme(store, t.target);
    expect(t.root.dataset.theme).toBe('light');
    expect(t.themes).toEqual(['vs']);
    t.flipSystem(true);
    expect(t.root.dataset.theme).toBe('dark');
    expect(t.themes).toEqual(['vs', 'gopherlab-dark']);
    store.getState().setThemePref('light');
    t.flipSystem(false);
    t.flipSystem(true);
    expect(t.root.dataset.theme).toBe('light');
    stop();
    expect(t.listeners.size).toBe(0);
  });

  it('marks presentation mode and sizes the output, and only sets Monaco’s theme when it changes', () => {
    const store = newStore();
    const t = fakeTarget(true);
    bindDocumentTheme(store, t.target);
    expect(t.root.dataset.presentation).toBeUndefined();
    expect(t.vars.get('--output-font-size')).toBe('14.5px');
    store.getState().zoomFont(1);
    expect(t.vars.get('--output-font-size')).toBe('15.5px');
    store.getState().setPresentation(true);
    expect(t.root.dataset.presentation).toBe('on');
    expect(Number.parseFloat(t.vars.get('--output-font-size') ?? '')).toBeGreaterThanOrEqual(20);
    expect(t.themes).toEqual(['gopherlab-dark', 'hc-black']);
    store.getState().setPresentation(false);
    expect(t.root.dataset.presentation).toBeUndefined();
    expect(t.vars.get('--output-font-size')).toBe('15.5px');
  });
});
