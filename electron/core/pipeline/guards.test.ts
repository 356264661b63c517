import { describe, expect, it } from 'vitest';
import { checkGoMod, parseSnippet, RejectedInputError } from './guards';

describe('snippet guards', () => {
  it('refuses names that escape the work dir, with the line of the marker', () => {
    const text = 'package main\nfunc main() {}\n-- ../evil.go --\npackage main\n';
    try {
      parseSnippet(text);
      expect.unreachable('parseSnippet accepted ../evil.go');
    } catch (err) {
      expect(err).toBeInstanceOf(RejectedInputError);
      expect((err as RejectedInputError).message).toMatch(/outside the snippet/);
      expect((err as RejectedInputError).line).toBe(3);
    }
  });

  it('refuses duplicate names', () => {
    expect(() => parseSnippet('-- a.go --\npackage main\n-- a.go --\npackage main\n')).toThrow(/two files/);
  });

  it.each([
    'replace example.com/x => ../x',
    'replace example.com/x => ./x',
    'replace example.com/x => /etc',
    'replace example.com/x v1.0.0 => /etc',
    'replace (\n\texample.com/y => ../y\n)',
    'replace example.com/x => C:\\src\\x',
    'replace example.com/x => "./quoted"',
  ])('refuses a local replace: %j', (directive) => {
    expect(() => checkGoMod(`module play\n\ngo 1.22\n\n${directive}\n`)).toThrow(/replace to the local path/);
  });

  it('allows a replace to another module version, and comments that mention paths', () => {
    expect(() => checkGoMod('module play\n\nreplace example.com/x => example.com/y v1.2.3 // was ../x\n')).not.toThrow();
  });
});
