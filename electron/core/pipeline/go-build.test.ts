import { describe, expect, it } from 'vitest';
import { parseDiagnostics } from './go-build';

describe('parseDiagnostics', () => {
  it('reads file, line, column and message from go build output', () => {
    const log = '# play\n./prog.go:5:2: undefined: x\n./util/util.go:3:9: syntax error: unexpected }\nprog.go:7: missing return\n';
    expect(parseDiagnostics(log)).toEqual([
      { file: 'prog.go', line: 5, column: 2, message: 'undefined: x', severity: 'error' },
      { file: 'util/util.go', line: 3, column: 9, message: 'syntax error: unexpected }', severity: 'error' },
      { file: 'prog.go', line: 7, column: 1, message: 'missing return', severity: 'error' },
    ]);
  });

  it('reads go.mod errors and skips lines that are not diagnostics', () => {
    const log = 'go: errors parsing go.mod:\ngo.mod:3: unknown directive: bogus\nnote: module requires Go 1.99\n';
    expect(parseDiagnostics(log)).toEqual([{ file: 'go.mod', line: 3, column: 1, message: 'unknown directive: bogus', severity: 'error' }]);
  });
});
