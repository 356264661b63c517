import { describe, expect, it } from 'vitest';
import type { BehaviourClassInfo } from '../../shared/drift';
import { runResult } from '../test/fake-client';
import { axisChange, classDiffTexts, classSlot, outputHead, toggleClassId, trimMatrix, type MatrixView } from './matrix-view';

const behaviour = (b: Partial<BehaviourClassInfo['behaviour']>): BehaviourClassInfo['behaviour'] => ({ status: 'ok', exitCode: 0, stdout: '', stderr: '', compile: '', ...b });
const klass = (id: string, members: string[], b: Partial<BehaviourClassInfo['behaviour']>): BehaviourClassInfo => ({ id, key: id, members, label: members.join('–'), behaviour: behaviour(b) });

describe('matrix view helpers', () => {
  it('lines the two sides of a diff up section by section', () => {
    const { original, modified } = classDiffTexts(behaviour({ stdout: '333\n' }), behaviour({ stdout: '012\n', stderr: 'warning\n' }));
    expect(original).toBe('status: ok\nexit code: 0\n\n── stdout ──\n333\n\n── stderr ──\n(empty)\n');
    expect(modified).toBe('status: ok\nexit code: 0\n\n── stdout ──\n012\n\n── stderr ──\nwarning\n');
    const compile = classDiffTexts(behaviour({ status: 'compile-error', exitCode: null, compile: 'prog.go:6:17: cannot range over 3' }), behaviour({ stdout: '0 1 2 done\n' }));
    expect(compile.original).toContain('status: compile-error\nexit code: —');
    expect(compile.original).toContain('── compile errors ──\nprog.go:6:17: cannot range over 3');
    expect(compile.modified).toContain('── compile errors ──\n(empty)');
  });

  it('says which axis changed', () => {
    const a = klass('A', ['1.21'], { stdout: '333\n' });
    const b = klass('B', ['1.22', '1.26'], { stdout: '012\n' });
    const cell = (value: string, toolchain: string, goLine: string) => ({ value, cell: { value, toolchain, goLine, mode: 'wasm' as const, result: runResult({ runId: 'r' }) }, classId: null });
    const language: Pick<MatrixView, 'axis' | 'rows'> = { axis: 'language', rows: [cell('1.21', 'go1.26.8', '1.21'), cell('1.22', 'go1.26.8', '1.22')] };
    expect(axisChange(language, a, b)).toBe('The go line changed (1.21 → 1.22) on the same toolchain (go1.26.8): a language change, decided by go.mod.');
    const ta = klass('A', ['go1.21.13'], {});
    const tb = klass('B', ['go1.22.0'], {});
    const toolchain: Pick<MatrixView, 'axis' | 'rows'> = { axis: 'toolchain', rows: [cell('go1.21.13', 'go1.21.13', '1.21'), cell('go1.22.0', 'go1.22.0', '1.22')] };
    expect(axisChange(toolchain, ta, tb)).toBe('The toolchain changed (go1.21.13 → go1.22.0), and with it the default go line (1.21 → 1.22).');
  });

  it('picks at most two classes, the newest click replacing the older pick', () => {
    expect(toggleClassId([], 'A')).toEqual(['A']);
    expect(toggleClassId(['A', 'B'], 'B')).toEqual(['A']);
    expect(toggleClassId(['A', 'B'], 'C')).toEqual(['B', 'C']);
  });

  it('gives each class its colour slot', () => {
    expect(['A', 'B', 'H', 'I', 'C27', null].map(classSlot)).toEqual([0, 1, 7, 0, 2, -1]);
  });

  it('shows one line per cell: the first compile error, or the first line of the output', () => {
    expect(outputHead(runResult({ runId: 'r', stdout: '333\n' }))).toBe('333');
    expect(outputHead(runResult({ runId: 'r', stdout: 'a\nb\n' }))).toBe('a …');
    expect(outputHead(runResult({ runId: 'r', status: 'runtime-panic', exitCode: 2, stderr: 'panic: boom\n\ngoroutine 1\n' }))).toBe('panic: boom …');
    expect(
      outputHead(runResult({ runId: 'r', status: 'compile-error', exitCode: null, diagnostics: [{ file: 'prog.go', line: 6, column: 17, message: 'cannot range over 3', severity: 'error' }] })),
    ).toBe('prog.go:6: cannot range over 3');
  });

  it('trims what is saved but keeps small outputs whole', () => {
    const m = trimMatrix({
      matrixId: 'm',
      axis: 'toolchain',
      wallMs: 1,
      cells: [{ value: 'go1.22.0', toolchain: 'go1.22.0', goLine: '1.22', mode: 'wasm', classId: 'A', result: runResult({ runId: 'r', stdout: 'ok\n', spans: [{ name: 'compile', startMs: 0, durationMs: 1 }] }) }],
      classes: [klass('A', ['go1.22.0'], { stdout: 'ok\n' })],
    });
    expect(m.cells[0]?.result).toMatchObject({ stdout: 'ok\n', spans: [], truncated: false });
    expect(m.classes[0]?.behaviour.stdout).toBe('ok\n');
  });
});
