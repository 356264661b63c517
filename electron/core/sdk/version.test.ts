import { describe, expect, it } from 'vitest';
import { compareGoVersions, languageVersion, parseGoVersion, supportsWasip1 } from './version';

describe('Go versions', () => {
  it('orders releases the way Go does', () => {
    const shuffled = ['go1.21.0', 'go1.10', 'go1.9', 'go1.21rc2', 'go1.21rc1', 'go1.20.14', 'go1.21beta1', 'go1.22.3', 'go1.22.10', 'go1.9.7'];
    expect([...shuffled].sort(compareGoVersions)).toEqual([
      'go1.9',
      'go1.9.7',
      'go1.10',
      'go1.20.14',
      'go1.21beta1',
      'go1.21rc1',
      'go1.21rc2',
      'go1.21.0',
      'go1.22.3',
      'go1.22.10',
    ]);
  });

  it('parses and derives the language version', () => {
    expect(parseGoVersion('go1.22.3')).toEqual({ major: 1, minor: 22, patch: 3, pre: null });
    expect(parseGoVersion('1.22.3')).toBeNull();
    expect(languageVersion('go1.26.8')).toBe('1.26');
  });

  it('knows which releases can target wasip1', () => {
    expect(supportsWasip1('go1.20.14')).toBe(false);
    expect(supportsWasip1('go1.21.0')).toBe(true);
    expect(supportsWasip1('go1.21rc2')).toBe(true);
  });
});
