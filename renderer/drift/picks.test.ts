import { describe, expect, it } from 'vitest';
import type { Release, Toolchain } from '../../shared/toolchain';
import { bisectPlan, defaultLines, examplePicks, goLineChoices, installedPicks, latestPatchPicks, lineOf, minorPicks, newestRelease, releaseOptions, sortReleases } from './picks';

const rel = (version: string, stable = true): Release => ({ version, stable, latestPatch: false, installed: false });
const catalogue = ['go1.23.1', 'go1.23.0', 'go1.23rc1', 'go1.22.12', 'go1.22.7', 'go1.22.6', 'go1.22.0', 'go1.21.13', 'go1.21.0', 'go1.20.14', 'go1.20'].map((v) => rel(v, !/rc/.test(v)));
const tc = (version: string, source: Toolchain['source'] = 'store'): Toolchain => ({ id: version, version, goroot: `/sdk/${version}`, source, isDefault: false });

describe('release options', () => {
  it('merges the catalogue with the installed toolchains, newest first, and marks what needs Docker', () => {
    const options = releaseOptions(catalogue, [tc('go1.22.12', 'sdk-dir'), tc('go1.26.8', 'path'), tc('devel go1.27-abc', 'user')]);
    expect(options[0]).toMatchObject({ version: 'go1.26.8', installed: true, latestPatch: true, wasm: true, line: '1.26' });
    expect(options.find((o) => o.version === 'go1.22.12')).toMatchObject({ installed: true, latestPatch: true });
    expect(options.find((o) => o.version === 'go1.22.7')).toMatchObject({ installed: false, latestPatch: false });
    expect(options.find((o) => o.version === 'go1.20.14')).toMatchObject({ wasm: false, latestPatch: true });
    expect(options.find((o) => o.version === 'go1.23rc1')).toMatchObject({ stable: false, latestPatch: false });
    expect(options.some((o) => o.version.startsWith('devel'))).toBe(false);
  });

  it('quick picks: latest patch of each minor from go1.21 (or all), one minor, installed', () => {
    const options = releaseOptions(catalogue, [tc('go1.22.6')]);
    expect(latestPatchPicks(options)).toEqual(['go1.21.13', 'go1.22.12', 'go1.23.1']);
    expect(latestPatchPicks(options, true)).toEqual(['go1.20.14', 'go1.21.13', 'go1.22.12', 'go1.23.1']);
    expect(minorPicks(options, '1.22')).toEqual(['go1.22.0', 'go1.22.6', 'go1.22.7', 'go1.22.12']);
    expect(minorPicks(options, '1.20')).toEqual(['go1.20', 'go1.20.14']);
    expect(installedPicks(options)).toEqual(['go1.22.6']);
    expect(newestRelease(options)).toBe('go1.23.1');
  });

  it('sorts and dedups releases the way the core runs them', () => {
    expect(sortReleases(['1.22.3', 'go1.21.0', 'go1.22.3', 'go1.9'])).toEqual(['go1.9', 'go1.21.0', 'go1.22.3']);
    expect(lineOf('go1.22.3')).toBe('1.22');
    expect(lineOf('devel')).toBeNull();
  });
});

describe('go lines', () => {
  it('offers 1.16 up to the fixed toolchain’s own line; 1.21 up by default', () => {
    expect(goLineChoices('go1.22.12')).toEqual(['1.16', '1.17', '1.18', '1.19', '1.20', '1.21', '1.22']);
    expect(defaultLines('go1.23.1')).toEqual(['1.21', '1.22', '1.23']);
    expect(goLineChoices(null)).toEqual([]);
  });

  it('an example’s picks surround its change and add the newest', () => {
    expect(examplePicks({ good: 'go1.21.13', bad: 'go1.22.0' }, 'go1.26.11', 'go1.26.8')).toEqual({
      releases: ['go1.21.13', 'go1.22.0', 'go1.26.11'],
      lines: ['1.21', '1.22', '1.26'],
    });
    // A go line newer than the toolchain cannot be built by it.
    expect(examplePicks({ good: 'go1.22.12', bad: 'go1.23.0' }, null, 'go1.22.12').lines).toEqual(['1.22']);
  });
});

describe('bisect plan', () => {
  const options = releaseOptions(catalogue, []);
  it('counts the releases the core walks and about how many builds that takes', () => {
    expect(bisectPlan(options, { good: 'go1.21.13', bad: 'go1.23.1', stableOnly: true, minor: '' })).toEqual({ releases: 7, builds: 2 + 3 });
    expect(bisectPlan(options, { good: 'go1.21.13', bad: 'go1.23.1', stableOnly: false, minor: '' })?.releases).toBe(8);
    // Limited to one minor: both ends, and that minor's releases between them.
    expect(bisectPlan(options, { good: 'go1.21.13', bad: 'go1.23.1', stableOnly: true, minor: '1.22' })?.releases).toBe(6);
    expect(bisectPlan(options, { good: 'go1.22.12', bad: 'go1.23.0', stableOnly: true, minor: '1.22' })).toEqual({ releases: 2, builds: 2 });
    expect(bisectPlan(options, { good: 'go1.23.0', bad: 'go1.22.0', stableOnly: true, minor: '' })).toBeNull();
  });
});
