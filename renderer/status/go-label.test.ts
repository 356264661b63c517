import { describe, expect, it } from 'vitest';
import type { Toolchain } from '../../shared/toolchain';
import { tabGoLabel } from './go-label';

const toolchains: Toolchain[] = [
  { id: 'path:go1.26.8', version: 'go1.26.8', goroot: '/usr/local/go', source: 'path', isDefault: true },
  { id: 'go1.22.12', version: 'go1.22.12', goroot: '/home/u/sdk/go1.22.12', source: 'sdk-dir', isDefault: false },
];

describe('tabGoLabel', () => {
  it('names what the tab’s choice resolves to', () => {
    expect(tabGoLabel('', toolchains, undefined).text).toBe('go1.26.8');
    expect(tabGoLabel('go1.22.12', toolchains, undefined).text).toBe('go1.22.12');
    expect(tabGoLabel('1.22', toolchains, undefined).text).toBe('go1.22.12');
    expect(tabGoLabel('go1.19.1', toolchains, undefined)).toMatchObject({ text: 'go1.19.1 (not installed)', missing: true });
    expect(tabGoLabel('', [], undefined).text).toBe('default Go');
  });

  it('prefers what the last run was built with while the tab asks for the same thing', () => {
    const ran = { requested: '', version: 'go1.26.8', goroot: '/usr/local/go' };
    expect(tabGoLabel('', [], ran).text).toBe('go1.26.8');
    // The choice changed since: the run no longer speaks for the tab.
    expect(tabGoLabel('go1.22.12', toolchains, ran).text).toBe('go1.22.12');
    // The same choice now resolves elsewhere (PATH upgraded): the list wins.
    expect(tabGoLabel('', toolchains, { requested: '', version: 'go1.25.0', goroot: '/old/go' }).text).toBe('go1.26.8');
  });
});
