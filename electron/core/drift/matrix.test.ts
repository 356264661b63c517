// Matrices: grouping results into classes (unit), and the loop-variable change over real releases
// (toolchain axis) and over go lines on one fixed toolchain (language axis), next to a library
// change that the language axis does not split.
//
// SDKs come from the real module proxy, installed on demand into a store outside the checkout
// (GOPHERLAB_TEST_SDK_TEST_STORE, default ~/.cache/gopherlab-test/store; zips in
// GOPHERLAB_TEST_SDK_TEST_ARCHIVES, default ~/.cache/gopherlab-test/sdk-archives) that later runs reuse.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../../shared/run';
import type { Toolchain } from '../../../shared/toolchain';
import { type Core } from '../core';
import { compareGoVersions, languageVersion } from '../sdk/version';
import { behaviourOf, groupClasses, rangeLabel } from './classes';
import { DRIFT_EXAMPLES } from './examples';
import { quickPick, runMatrix, type MatrixCell } from './matrix';
import { fakeResult, openStore } from './test-support';



describe('classes (no toolchains)', () => {
  it('labels members as runs of neighbours along the axis', () => {
    const order = ['go1.20.14', 'go1.21.0', 'go1.21.6', 'go1.21.13', 'go1.22.0', 'go1.23.0'];
    expect(rangeLabel(['go1.21.0', 'go1.21.6', 'go1.21.13'], order)).toBe('go1.21.0–go1.21.13');
    expect(rangeLabel(['go1.20.14', 'go1.21.0', 'go1.23.0'], order)).toBe('go1.20.14–go1.21.0, go1.23.0');
    expect(rangeLabel(['go1.22.0'], order)).toBe('go1.22.0');
    expect(rangeLabel(['go1.20.14', 'go1.21.6', 'go1.22.0'], order)).toBe('go1.20.14, go1.21.6, go1.22.0');
    expect(rangeLabel([], order)).toBe('');
    expect(rangeLabel(['1.21', '1.22'], ['1.20', '1.21', '1.22'])).toBe('1.21–1.22');
  });

  it('groups identical behaviour in axis order, names classes A, B… by first appearance, and keeps a return to an old class apart in the label', () => {
    const ordered = [
      { value: 'go1.21.0', result: fakeResult({ stdout: '333\n' }) },
      { value: 'go1.21.13', result: fakeResult({ stdout: '333\n', totalMs: 99, spans: [{ name: 'compile', startMs: 0, durationMs: 5 }] as RunResult['spans'] }) },
      { value: 'go1.22.0', result: fakeResult({ stdout: '012\n' }) },
      { value: 'go1.23.0', result: fakeResult({ status: 'compile-error', exitCode: null, diagnostics: [{ file: 'main.go', line: 3, column: 2, message: 'undefined: x', severity: 'error' }] }) },
      { value: 'go1.24.0', result: fakeResult({ stdout: '333\n' }) },
    ];
    const classes = groupClasses(ordered);
    expect(classes.map((c) => [c.id, c.members, c.label])).toEqual([
      ['A', ['go1.21.0', 'go1.21.13', 'go1.24.0'], 'go1.21.0–go1.21.13, go1.24.0'],
      ['B', ['go1.22.0'], 'go1.22.0'],
      ['C', ['go1.23.0'], 'go1.23.0'],
    ]);
    expect(classes[0]!.behaviour.stdout).toBe('333\n');
    expect(classes[2]!.behaviour.compile).toBe('main.go:3:2: undefined: x');
    // Timings and spans are not behaviour; the status and exit code are.
    expect(groupClasses([
      { value: 'a', result: fakeResult({ stdout: 'x' }) },
      { value: 'b', result: fakeResult({ stdout: 'x', exitCode: 1, status: 'runtime-panic' }) },
    ])).toHaveLength(2);
  });

  it('does not split a panic by the addresses in its stack trace', () => {
    const trace = (pc: string, sp: string) => `panic: boom\n\ngoroutine 1 [running]:\nmain.main()\n\tplay/main.go:4 +${pc}\nsp=${sp}\n`;
    const a = behaviourOf(fakeResult({ status: 'runtime-panic', exitCode: 2, stderr: trace('0x1d', '0xc000012345') }));
    const b = behaviourOf(fakeResult({ status: 'runtime-panic', exitCode: 2, stderr: trace('0x2f', '0xc000099999') }));
    expect(a).toEqual(b);
    expect(groupClasses([
      { value: '1.21', result: fakeResult({ status: 'runtime-panic', exitCode: 2, stderr: trace('0x1d', '0xc000012345') }) },
      { value: '1.22', result: fakeResult({ status: 'runtime-panic', exitCode: 2, stderr: trace('0x2f', '0xc000099999') }) },
    ]).map((c) => c.label)).toEqual(['1.21–1.22']);
  });

  it('quick picks: the newest patch of each minor, or every patch of one minor', () => {
    const list = ['go1.20.14', 'go1.21.0', 'go1.21.6', 'go1.21.13', 'go1.22.0', 'go1.22.12', 'go1.23rc1', 'go1.23.0'];
    expect(quickPick(list, { kind: 'latest-patches' })).toEqual(['go1.20.14', 'go1.21.13', 'go1.22.12', 'go1.23.0']);
    expect(quickPick(list, { kind: 'latest-patches', since: 'go1.21.0' })).toEqual(['go1.21.13', 'go1.22.12', 'go1.23.0']);
    expect(quickPick(list, { kind: 'minor', minor: '1.21' })).toEqual(['go1.21.0', 'go1.21.6', 'go1.21.13']);
  });
});

const loopvar = DRIFT_EXAMPLES.find((e) => e.id === 'loopvar')!;
const library = DRIFT_EXAMPLES.find((e) => e.id === 'iterator-helpers')!;

describe('matrices with real toolchains', { timeout: 900_000 }, () => {
  let core: Core;
  let host: Toolchain;

  beforeAll(async () => {
    core = openStore();
    const def = (await core.toolchains.list()).find((t) => t.isDefault);
    expect(def, 'the tests need Go on PATH').toBeDefined();
    host = def!;
    // The loop-variable split needs a toolchain from 1.22 on; the library change one from 1.23 on.
    expect(compareGoVersions(host.version, 'go1.23.0')).toBeGreaterThanOrEqual(0);
  });
  afterAll(async () => {
    await core?.dispose();
  });

  it('toolchain axis: loop variables split go1.21.x from go1.22.0 and the PATH toolchain, in two classes', async () => {
    const seen: Omit<MatrixCell, 'classId'>[] = [];
    // Given out of order and with a duplicate: the matrix sorts and dedupes along the axis.
    const values = [host.version, 'go1.22.0', 'go1.21.0', '1.21.13', 'go1.21.0'];
    const m = await runMatrix(
      core,
      { matrixId: 'mx-loopvar-tc', source: loopvar.source, axis: 'toolchain', values, mode: 'auto', install: true },
      { onCell: (c) => seen.push(c) },
    );
    const ordered = ['go1.21.0', 'go1.21.13', 'go1.22.0', host.version];
    expect(m.cells.map((c) => c.value)).toEqual(ordered);
    expect(seen.map((c) => c.value).sort(compareGoVersions)).toEqual(ordered);
    for (const c of m.cells) {
      expect(c.result.status, `${c.value}: ${c.result.message}`).toBe('ok');
      expect(c.toolchain).toBe(c.value);
      expect(c.goLine).toBe(languageVersion(c.value));
      expect(c.mode).toBe('wasm');
    }
    expect(m.classes.map((c) => ({ id: c.id, members: c.members, label: c.label, stdout: c.behaviour.stdout }))).toEqual([
      { id: 'A', members: ['go1.21.0', 'go1.21.13'], label: 'go1.21.0–go1.21.13', stdout: '333\n' },
      { id: 'B', members: ['go1.22.0', host.version], label: `go1.22.0–${host.version}`, stdout: '012\n' },
    ]);
    expect(m.cells.map((c) => c.classId)).toEqual(['A', 'A', 'B', 'B']);
    expect(m.wallMs).toBeGreaterThan(0);
  });

  it('language axis: the same split on one fixed toolchain (go lines 1.21 | 1.22), so it is a language change', async () => {
    const m = await runMatrix(core, {
      matrixId: 'mx-loopvar-lang',
      source: loopvar.source,
      axis: 'language',
      values: ['1.22', '1.20', '1.21', '1.23'],
      toolchain: host.goroot,
    });
    expect(m.cells.map((c) => c.value)).toEqual(['1.20', '1.21', '1.22', '1.23']);
    for (const c of m.cells) {
      expect(c.result.status, `go ${c.value}: ${c.result.message}`).toBe('ok');
      expect(c.toolchain).toBe(host.version);
      expect(c.goLine).toBe(c.value);
    }
    expect(m.classes.map((c) => ({ members: c.members, label: c.label, stdout: c.behaviour.stdout }))).toEqual([
      { members: ['1.20', '1.21'], label: '1.20–1.21', stdout: '333\n' },
      { members: ['1.22', '1.23'], label: '1.22–1.23', stdout: '012\n' },
    ]);
  });

  it('language axis: a library change (maps.Keys, slices.Sorted) is one class on one toolchain, though it splits releases', async () => {
    const lines = ['1.21', '1.22', '1.23'];
    const m = await runMatrix(core, { matrixId: 'mx-lib-lang', source: library.source, axis: 'language', values: lines, toolchain: host.goroot });
    expect(m.classes).toHaveLength(1);
    expect(m.classes[0]!.members).toEqual(lines);
    expect(m.classes[0]!.label).toBe('1.21–1.23');
    expect(m.classes[0]!.behaviour.stdout).toBe('[a b c]\n');

    const t = await runMatrix(core, { matrixId: 'mx-lib-tc', source: library.source, axis: 'toolchain', values: [library.good, library.bad], install: true });
    expect(t.classes.map((c) => [c.label, c.behaviour.status])).toEqual([
      [library.good, 'compile-error'],
      [library.bad, 'ok'],
    ]);
    expect(t.classes[0]!.behaviour.compile).toMatch(/maps\.Keys|Sorted/);
  });

  it('auto mode runs releases before 1.21 in Docker and says so', async () => {
    const m = await runMatrix(core, {
      matrixId: 'mx-minmax',
      source: DRIFT_EXAMPLES.find((e) => e.id === 'min-max-clear')!.source,
      axis: 'toolchain',
      values: ['go1.20.14', 'go1.21.0'],
      mode: 'auto',
      install: true,
    });
    expect(m.cells.map((c) => [c.value, c.mode, c.result.status])).toEqual([
      ['go1.20.14', 'docker', 'compile-error'],
      ['go1.21.0', 'wasm', 'ok'],
    ]);
    expect(m.cells[0]!.note).toMatch(/no wasip1 .*ran in Docker/);
    expect(m.classes.map((c) => c.label)).toEqual(['go1.20.14', 'go1.21.0']);
  });
});
