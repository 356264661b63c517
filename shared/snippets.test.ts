import { describe, expect, it } from 'vitest';
import type { RunResult } from './run';
import { parsePlayLink, snippetRunFrom, SNIPPET_RUN_OUTPUT_CHARS } from './snippets';

describe('parsePlayLink', () => {
  it('finds the id in every form a go.dev/play link comes in', () => {
    for (const link of [
      'https://go.dev/play/p/AbC-d_EfG12',
      'https://go.dev/play/p/AbC-d_EfG12.go',
      'https://go.dev/play/p/AbC-d_EfG12?v=gotip',
      'https://go.dev/play/p/AbC-d_EfG12#top',
      'go.dev/play/p/AbC-d_EfG12/',
      'http://play.golang.org/p/AbC-d_EfG12',
      'https://play.golang.org/p/AbC-d_EfG12.go',
      'https://go.dev/_/share?id=AbC-d_EfG12',
      '  AbC-d_EfG12\n',
    ]) {
      expect(parsePlayLink(link), link).toBe('AbC-d_EfG12');
    }
  });

  it('gives null for anything else', () => {
    for (const text of ['', 'https://go.dev/play/', 'https://go.dev/doc/effective_go', 'https://go.dev/play/p/a/b', 'https://go.dev/play/p/bad id', 'not a link at all', 'https://go.dev/_/share?id=../x']) {
      expect(parsePlayLink(text), text).toBeNull();
    }
  });
});

describe('snippetRunFrom', () => {
  const result: RunResult = {
    runId: 'run-1',
    status: 'compile-error',
    exitCode: null,
    stdout: '',
    stderr: '',
    truncated: false,
    message: 'The program did not compile.',
    buildOutput: './prog.go:3:1: syntax error',
    diagnostics: [],
    go: { version: 'go1.22.3', goroot: '/x' },
    mode: 'wasm',
    spans: [],
    totalMs: 42,
  };

  it('keeps the compiler output when the program wrote nothing, and cuts long output', () => {
    expect(snippetRunFrom(result, 7)).toMatchObject({ runId: 'run-1', at: 7, go: 'go1.22.3', status: 'compile-error', stderr: './prog.go:3:1: syntax error', truncated: false });
    const long = snippetRunFrom({ ...result, status: 'ok', exitCode: 0, stdout: 'y'.repeat(SNIPPET_RUN_OUTPUT_CHARS + 1), buildOutput: '' }, 8);
    expect(long.stdout).toHaveLength(SNIPPET_RUN_OUTPUT_CHARS);
    expect(long.truncated).toBe(true);
  });
});
