// Groups a matrix's results into classes of identical behaviour and names each by the releases
// it covers ("go1.21.0–go1.21.13").
import type { RunResult } from '../../../shared/run';

export interface Behaviour {
  status: RunResult['status'];
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** Compile errors: the diagnostics' messages (file:line:col: message), not the whole log. */
  compile: string;
}

export function behaviourOf(r: RunResult): Behaviour {
  return {
    status: r.status,
    exitCode: r.exitCode,
    stdout: r.stdout,
    // Go's own runtime noise that names the release would split every class.
    stderr: normalizeStderr(r.stderr),
    compile: r.status === 'compile-error' ? r.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`).join('\n') || r.buildOutput : '',
  };
}

/** Stack traces carry addresses and offsets that change between releases; the panic text does not. */
function normalizeStderr(stderr: string): string {
  return stderr.replace(/ \+0x[0-9a-f]+/g, '').replace(/0x[0-9a-f]{6,}/g, '0x…');
}

export function behaviourKey(b: Behaviour): string {
  return JSON.stringify([b.status, b.exitCode, b.stdout, b.stderr, b.compile]);
}

export interface BehaviourClass {
  /** "A", "B", … in the order the classes first appear along the axis. */
  id: string;
  key: string;
  behaviour: Behaviour;
  /** The axis values (releases or go lines) in this class, in axis order. */
  members: string[];
  /** e.g. "go1.21.0–go1.21.13, go1.23.0". */
  label: string;
}

export function groupClasses(ordered: { value: string; result: RunResult }[]): BehaviourClass[] {
  const classes: BehaviourClass[] = [];
  const byKey = new Map<string, BehaviourClass>();
  for (const { value, result } of ordered) {
    const behaviour = behaviourOf(result);
    const key = behaviourKey(behaviour);
    let c = byKey.get(key);
    if (!c) {
      c = { id: classId(classes.length), key, behaviour, members: [], label: '' };
      classes.push(c);
      byKey.set(key, c);
    }
    c.members.push(value);
  }
  const order = ordered.map((o) => o.value);
  for (const c of classes) c.label = rangeLabel(c.members, order);
  return classes;
}

function classId(i: number): string {
  return i < 26 ? String.fromCharCode(65 + i) : `C${i + 1}`;
}

/** Members as runs of neighbours along the axis: "go1.21.0–go1.21.13, go1.23.0". */
export function rangeLabel(members: string[], order: string[]): string {
  const set = new Set(members);
  const runs: string[][] = [];
  let current: string[] = [];
  for (const v of order) {
    if (set.has(v)) current.push(v);
    else if (current.length > 0) {
      runs.push(current);
      current = [];
    }
  }
  if (current.length > 0) runs.push(current);
  return runs.map((r) => (r.length === 1 ? r[0]! : `${r[0]}–${r[r.length - 1]}`)).join(', ');
}
