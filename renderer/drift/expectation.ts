// The bisect's predicate as a form: one draft holds every kind's fields, so switching the kind
// back and forth keeps what was typed; building it checks the fields the chosen kind needs.
import type { ExpectationInfo } from '../../shared/drift';
import { normalizeGoVersion, parseGoVersion } from '../versions/go-version';

export type ExpectKind = ExpectationInfo['kind'];
export type BenchMetric = Extract<ExpectationInfo, { kind: 'bench' }>['metric'];

export interface ExpectationDraft {
  kind: ExpectKind;
  /** stdout-equals and stdout-contains. */
  text: string;
  pattern: string;
  code: string;
  compiles: boolean;
  /** same-as: the release whose behaviour is the new one. */
  version: string;
  benchName: string;
  metric: BenchMetric;
  direction: 'above' | 'below';
  threshold: string;
}

export const EXPECT_KINDS: ReadonlyArray<{ kind: ExpectKind; label: string }> = [
  { kind: 'stdout-equals', label: 'stdout is exactly' },
  { kind: 'stdout-contains', label: 'stdout contains' },
  { kind: 'stdout-matches', label: 'stdout matches (regexp)' },
  { kind: 'exit-code', label: 'exits with code' },
  { kind: 'compiles', label: 'compiles / fails to compile' },
  { kind: 'same-as', label: 'behaves like release' },
  { kind: 'bench', label: 'benchmark crosses a threshold' },
];

export const BENCH_METRICS: ReadonlyArray<BenchMetric> = ['ns/op', 'B/op', 'allocs/op'];

export const EMPTY_DRAFT: ExpectationDraft = {
  kind: 'stdout-contains',
  text: '',
  pattern: '',
  code: '0',
  compiles: true,
  version: '',
  benchName: 'Benchmark',
  metric: 'ns/op',
  direction: 'above',
  threshold: '',
};

export function draftFrom(e: ExpectationInfo): ExpectationDraft {
  switch (e.kind) {
    case 'stdout-equals':
    case 'stdout-contains':
      return { ...EMPTY_DRAFT, kind: e.kind, text: e.value };
    case 'stdout-matches':
      return { ...EMPTY_DRAFT, kind: e.kind, pattern: e.pattern };
    case 'exit-code':
      return { ...EMPTY_DRAFT, kind: e.kind, code: String(e.code) };
    case 'compiles':
      return { ...EMPTY_DRAFT, kind: e.kind, compiles: e.compiles };
    case 'same-as':
      return { ...EMPTY_DRAFT, kind: e.kind, version: normalizeGoVersion(e.version) };
    case 'bench': {
      const direction = e.above !== undefined ? 'above' : 'below';
      const threshold = e.above ?? e.below;
      return { ...EMPTY_DRAFT, kind: e.kind, benchName: e.name, metric: e.metric, direction, threshold: threshold === undefined ? '' : String(threshold) };
    }
  }
}

export type BuiltExpectation = { ok: true; expect: ExpectationInfo } | { ok: false; error: string };

/** The expectation the draft describes, or what is missing from it. */
export function buildExpectation(d: ExpectationDraft): BuiltExpectation {
  switch (d.kind) {
    case 'stdout-equals':
      // An exact match of nothing is legitimate (a program that prints nothing); contains '' is not.
      return { ok: true, expect: { kind: d.kind, value: d.text } };
    case 'stdout-contains':
      return d.text === '' ? { ok: false, error: 'Type the text the new behaviour prints.' } : { ok: true, expect: { kind: d.kind, value: d.text } };
    case 'stdout-matches': {
      if (d.pattern === '') return { ok: false, error: 'Type a regular expression (RE2/JavaScript syntax, multi-line).' };
      if (d.pattern.length > 1000) return { ok: false, error: 'The regular expression is longer than 1000 characters.' };
      try {
        new RegExp(d.pattern, 'm');
      } catch (err) {
        return { ok: false, error: `Not a valid regular expression: ${err instanceof Error ? err.message : String(err)}` };
      }
      return { ok: true, expect: { kind: d.kind, pattern: d.pattern } };
    }
    case 'exit-code': {
      const code = Number(d.code.trim());
      if (d.code.trim() === '' || !Number.isInteger(code)) return { ok: false, error: 'The exit code is a whole number, e.g. 0, 1 or 2.' };
      return { ok: true, expect: { kind: d.kind, code } };
    }
    case 'compiles':
      return { ok: true, expect: { kind: d.kind, compiles: d.compiles } };
    case 'same-as': {
      const version = normalizeGoVersion(d.version);
      if (!parseGoVersion(version)) return { ok: false, error: 'Pick the release whose behaviour is the new one.' };
      return { ok: true, expect: { kind: d.kind, version } };
    }
    case 'bench': {
      const name = d.benchName.trim();
      if (!/^Benchmark\w*$/.test(name)) return { ok: false, error: 'A benchmark is named BenchmarkXxx (letters, digits, _).' };
      const threshold = Number(d.threshold.trim());
      if (d.threshold.trim() === '' || !Number.isFinite(threshold)) return { ok: false, error: `Type the ${d.metric} threshold the new behaviour is ${d.direction}.` };
      return { ok: true, expect: { kind: d.kind, name, metric: d.metric, [d.direction]: threshold } };
    }
  }
}

/** One line for the report and the log: what "new behaviour" meant. */
export function describeExpectation(e: ExpectationInfo): string {
  const shown = (s: string) => JSON.stringify(s);
  switch (e.kind) {
    case 'stdout-equals':
      return `stdout is exactly ${shown(e.value)}`;
    case 'stdout-contains':
      return `stdout contains ${shown(e.value)}`;
    case 'stdout-matches':
      return `stdout matches /${e.pattern}/`;
    case 'exit-code':
      return `exits with code ${e.code}`;
    case 'compiles':
      return e.compiles ? 'compiles' : 'fails to compile';
    case 'same-as':
      return `behaves like ${e.version}`;
    case 'bench':
      return `${e.name} ${e.metric} ${e.above !== undefined ? `above ${e.above}` : `below ${e.below}`}`;
  }
}
