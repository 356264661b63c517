import { describe, expect, it } from 'vitest';
import { compareGoVersions, minorOf, normalizeGoVersion, supportsWasip1 } from './go-version';

describe('go versions', () => {
  it('orders releases the way Go does', () => {
    const sorted = ['go1.21.0', 'go1.9', 'go1.21rc2', 'go1.10', 'go1.21beta1', 'go1.22.12', 'go1.22.2', 'go1.21'].sort(compareGoVersions);
    expect(sorted).toEqual(['go1.9', 'go1.10', 'go1.21beta1', 'go1.21rc2', 'go1.21', 'go1.21.0', 'go1.22.2', 'go1.22.12']);
  });

  it('normalizes, finds the minor and knows which releases build for wasip1', () => {
    expect(normalizeGoVersion(' 1.22.3 ')).toBe('go1.22.3');
    expect(normalizeGoVersion('go1.22.3')).toBe('go1.22.3');
    expect(minorOf('go1.22.12')).toBe('go1.22');
    expect(supportsWasip1('go1.20.14')).toBe(false);
    expect(supportsWasip1('go1.21rc2')).toBe(true);
    expect(supportsWasip1('devel go1.27-abc')).toBe(true);
  });
});
