import { describe, expect, it } from 'vitest';
import type { Release, Toolchain } from '../../shared/toolchain';
import { queuedInstall } from '../store/install-progress';
import { buildPickerModel, matchesQuery, type PickerInput } from './picker-model';

const tc = (version: string, source: Toolchain['source'], extra: Partial<Toolchain> = {}): Toolchain => ({
  id: source === 'path' ? `path:${version}` : version,
  version,
  goroot: `/${source}/${version}`,
  source,
  isDefault: false,
  ...extra,
});
const rel = (version: string, extra: Partial<Release> = {}): Release => ({ version, stable: true, latestPatch: false, installed: false, ...extra });

const toolchains = [
  tc('go1.22.12', 'sdk-dir'),
  tc('go1.26.8', 'path', { isDefault: true }),
  tc('go1.23.4', 'store', { removable: true, verification: 'unverified', diskBytes: 250e6 }),
];
const releases = [
  rel('go1.21.13', { latestPatch: true }),
  rel('go1.26.9', { latestPatch: true }),
  rel('go1.27rc1', { stable: false }),
  rel('go1.26.8', { installed: true }),
  rel('go1.23.4'),
  rel('go1.20.14', { latestPatch: true }),
  rel('go1.26.7'),
];
const input = (over: Partial<PickerInput> = {}): PickerInput => ({ toolchains, releases, tabGo: '', query: '', showUnstable: false, installs: {}, ...over });

describe('buildPickerModel', () => {
  it('lists the default first, then installed versions newest first, then what can be installed', () => {
    const m = buildPickerModel(input());
    expect(m.installed.map((o) => o.version)).toEqual(['go1.26.8', 'go1.23.4', 'go1.22.12']);
    // Installed ones are not repeated (by the catalogue's flag or by version); pre-releases hidden.
    expect(m.available.map((o) => o.version)).toEqual(['go1.26.9', 'go1.26.7', 'go1.21.13', 'go1.20.14']);
    expect(m.hiddenUnstable).toBe(1);
    expect(m.options.map((o) => o.key)).toEqual([...m.installed, ...m.available].map((o) => o.key));
    expect(m.available.find((o) => o.version === 'go1.20.14')?.wasm).toBe(false);
    expect(m.available.find((o) => o.version === 'go1.26.9')?.release.latestPatch).toBe(true);
  });

  it('marks the tab’s toolchain; the default is chosen by an empty go', () => {
    const m = buildPickerModel(input());
    expect(m.installed.filter((o) => o.selected).map((o) => o.version)).toEqual(['go1.26.8']);
    expect(m.installed[0]?.value).toBe('');
    const pinned = buildPickerModel(input({ tabGo: 'go1.22.12' }));
    expect(pinned.installed.filter((o) => o.selected).map((o) => o.value)).toEqual(['go1.22.12']);
    expect(pinned.missing).toBeNull();
  });

  it('keeps a choice that names nothing installed visible as missing', () => {
    expect(buildPickerModel(input({ tabGo: 'go1.19.1' })).missing).toBe('go1.19.1');
  });

  it('shows pre-releases when asked, and an install under way whatever the filter', () => {
    expect(buildPickerModel(input({ showUnstable: true })).available.map((o) => o.version)[0]).toBe('go1.27rc1');
    const installing = buildPickerModel(input({ installs: { 'go1.27rc1': { ...queuedInstall('go1.27rc1', 0), phase: 'download' } } }));
    expect(installing.available[0]).toMatchObject({ version: 'go1.27rc1' });
    expect(installing.available[0]?.install?.phase).toBe('download');
  });

  it('lists an install started elsewhere even when the catalogue is missing', () => {
    const m = buildPickerModel(input({ releases: null, installs: { 'go1.25.1': { ...queuedInstall('go1.25.1', 0), phase: 'extract' } } }));
    expect(m.available.map((o) => o.version)).toEqual(['go1.25.1']);
  });

  it('filters both sections by the search text', () => {
    const m = buildPickerModel(input({ query: '1.26' }));
    expect(m.installed.map((o) => o.version)).toEqual(['go1.26.8']);
    expect(m.available.map((o) => o.version)).toEqual(['go1.26.9', 'go1.26.7']);
    expect(buildPickerModel(input({ query: 'store' })).installed.map((o) => o.version)).toEqual(['go1.23.4']);
    expect(buildPickerModel(input({ query: 'latest' })).available.map((o) => o.version)).toEqual(['go1.26.9', 'go1.21.13', 'go1.20.14']);
    const rc = buildPickerModel(input({ query: 'rc' }));
    expect(rc.available).toEqual([]);
    expect(rc.hiddenUnstable).toBe(1);
  });
});

describe('matchesQuery', () => {
  it('needs every word, and ignores a leading go on either side', () => {
    expect(matchesQuery('go1.22', ['1.22.3'])).toBe(true);
    expect(matchesQuery('1.22', ['go1.22.3'])).toBe(true);
    expect(matchesQuery('1.22 path', ['go1.22.3', 'PATH'])).toBe(true);
    expect(matchesQuery('1.22 store', ['go1.22.3', 'PATH'])).toBe(false);
    expect(matchesQuery('   ', ['anything'])).toBe(true);
  });
});
