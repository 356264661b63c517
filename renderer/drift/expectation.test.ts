import { describe, expect, it } from 'vitest';
import { ExpectationSchema, type ExpectationInfo } from '../../shared/drift';
import { buildExpectation, describeExpectation, draftFrom, EMPTY_DRAFT } from './expectation';

describe('expectation drafts', () => {
  const samples: ExpectationInfo[] = [
    { kind: 'stdout-equals', value: '012\n' },
    { kind: 'stdout-contains', value: 'go1.26' },
    { kind: 'stdout-matches', pattern: '^0 1 2$' },
    { kind: 'exit-code', code: 2 },
    { kind: 'compiles', compiles: false },
    { kind: 'same-as', version: 'go1.22.0' },
    { kind: 'bench', name: 'BenchmarkSort', metric: 'ns/op', above: 1500 },
    { kind: 'bench', name: 'BenchmarkAlloc', metric: 'allocs/op', below: 1 },
  ];

  it('round-trips every kind, and what it builds passes the contract', () => {
    for (const e of samples) {
      const built = buildExpectation(draftFrom(e));
      expect(built).toEqual({ ok: true, expect: e });
      if (built.ok) expect(ExpectationSchema.parse(built.expect)).toEqual(e);
    }
  });

  it('says what is missing instead of building a bad predicate', () => {
    expect(buildExpectation({ ...EMPTY_DRAFT, kind: 'stdout-contains', text: '' })).toMatchObject({ ok: false, error: /Type the text/ });
    expect(buildExpectation({ ...EMPTY_DRAFT, kind: 'stdout-matches', pattern: '(' })).toMatchObject({ ok: false, error: /Not a valid regular expression/ });
    expect(buildExpectation({ ...EMPTY_DRAFT, kind: 'exit-code', code: '1.5' })).toMatchObject({ ok: false });
    expect(buildExpectation({ ...EMPTY_DRAFT, kind: 'same-as', version: '' })).toMatchObject({ ok: false });
    expect(buildExpectation({ ...EMPTY_DRAFT, kind: 'bench', benchName: 'Sort', threshold: '1' })).toMatchObject({ ok: false, error: /BenchmarkXxx/ });
    expect(buildExpectation({ ...EMPTY_DRAFT, kind: 'bench', benchName: 'BenchmarkSort', threshold: '' })).toMatchObject({ ok: false, error: /ns\/op threshold/ });
    // An empty exact output is a real expectation: the program prints nothing.
    expect(buildExpectation({ ...EMPTY_DRAFT, kind: 'stdout-equals', text: '' })).toEqual({ ok: true, expect: { kind: 'stdout-equals', value: '' } });
  });

  it('describes each kind in a line', () => {
    expect(samples.map(describeExpectation)).toEqual([
      'stdout is exactly "012\\n"',
      'stdout contains "go1.26"',
      'stdout matches /^0 1 2$/',
      'exits with code 2',
      'fails to compile',
      'behaves like go1.22.0',
      'BenchmarkSort ns/op above 1500',
      'BenchmarkAlloc allocs/op below 1',
    ]);
  });
});
