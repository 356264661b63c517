// One snippet on N releases at once (or on one toolchain with N go lines), grouped into classes.
import { availableParallelism } from 'node:os';
import type { MatrixAxis, MatrixRequest } from '../../../shared/drift';
import type { RunResult, SandboxMode } from '../../../shared/run';
import type { Core } from '../core';
import { compareGoVersions, languageVersion, parseGoVersion, supportsWasip1 } from '../sdk/version';
import { groupClasses, type BehaviourClass } from './classes';
import { normalizeGoVersion } from '../../../shared/go-version';

export type { MatrixAxis, MatrixRequest } from '../../../shared/drift';

export interface MatrixCell {
  value: string;
  toolchain: string | null;
  goLine: string | null;
  mode: SandboxMode;
  result: RunResult;
  classId: string;
  /** Why the cell ran where it ran, or why it could not run. */
  note?: string;
}

export interface MatrixResult {
  matrixId: string;
  axis: MatrixAxis;
  cells: MatrixCell[];
  classes: BehaviourClass[];
  wallMs: number;
}

export interface MatrixListeners {
  onCell?: (cell: Omit<MatrixCell, 'classId'>) => void;
  signal?: AbortSignal;
}

/** Chooses the sandbox for a release: WASM from 1.21, Docker before (when asked for 'auto'). */
export function modeFor(version: string, mode: SandboxMode | 'auto' | undefined): SandboxMode {
  if (mode === 'wasm' || mode === 'docker') return mode;
  return supportsWasip1(version) ? 'wasm' : 'docker';
}

/**
 * Whether exactly this release is installed. The registry resolves "go1.20" to the newest 1.20.x
 * installed, but go1.20 is also a release of its own (the first 1.20, before 1.21's go1.21.0).
 */
export async function hasRelease(core: Core, version: string): Promise<boolean> {
  try {
    return (await core.toolchains.resolve(version)).version === version;
  } catch {
    return false;
  }
}

export async function runMatrix(core: Core, req: MatrixRequest, listeners: MatrixListeners = {}): Promise<MatrixResult> {
  const started = performance.now();
  const values =
    req.axis === 'toolchain'
      ? [...new Set(req.values.map(normalizeGoVersion))].sort(compareGoVersions)
      : [...new Set(req.values)].sort((a, b) => compareGoVersions(`go${a}`, `go${b}`));
  const fixed = req.axis === 'language' ? await core.toolchains.resolve(req.toolchain) : null;

  const cells: Omit<MatrixCell, 'classId'>[] = new Array(values.length);
  let next = 0;
  // Every release has its own GOCACHE and work dir: cells share nothing but the CPU.
  // One more than the cores: a build waits on process starts and file writes part of the time.
  const workers = Math.max(1, Math.min(availableParallelism() + 1, values.length));
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= values.length || listeners.signal?.aborted) return;
      const value = values[i]!;
      const version = fixed ? fixed.version : value;
      const mode = modeFor(version, req.mode);
      const notes: string[] = [];
      if (req.axis === 'toolchain' && req.install && !(await hasRelease(core, version))) {
        notes.push(
          await core.sdk.install(version, { prewarm: false }).then(
            () => `installed ${version} for this matrix`,
            (err: unknown) => (err instanceof Error ? err.message : String(err)),
          ),
        );
      }
      // 'auto' (or no mode) picked Docker for this release.
      if (mode === 'docker' && req.mode !== 'docker') notes.push(`${version} has no wasip1 (Go < 1.21): ran in Docker`);
      const note = notes.length > 0 ? notes.join('; ') : undefined;
      const result = await core.runs.run({
        runId: `${req.matrixId}-${i}`,
        source: req.source,
        mode,
        go: fixed ? fixed.goroot : version,
        ...(req.axis === 'language' ? { goLine: value } : {}),
        ...(req.limits ? { limits: req.limits } : {}),
      });
      const cell = {
        value,
        toolchain: result.go?.version ?? null,
        goLine: req.axis === 'language' ? value : result.go ? languageVersion(result.go.version) : null,
        mode,
        result,
        ...(note ? { note } : {}),
      };
      cells[i] = cell;
      listeners.onCell?.(cell);
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));

  const done = cells.filter(Boolean);
  const classes = groupClasses(done.map((c) => ({ value: c.value, result: c.result })));
  const classOf = new Map(classes.flatMap((c) => c.members.map((m) => [m, c.id] as const)));
  return {
    matrixId: req.matrixId,
    axis: req.axis,
    cells: done.map((c) => ({ ...c, classId: classOf.get(c.value) ?? '?' })),
    classes,
    wallMs: Math.round(performance.now() - started),
  };
}

/** Quick picks over a catalogue: the latest patch of each minor, or every patch of one minor. */
export function quickPick(releases: string[], pick: { kind: 'latest-patches'; since?: string } | { kind: 'minor'; minor: string }): string[] {
  const stable = releases.filter((v) => parseGoVersion(v)?.pre === null).sort((a, b) => compareGoVersions(b, a));
  if (pick.kind === 'minor') return stable.filter((v) => languageVersion(v) === pick.minor).reverse();
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of stable) {
    const minor = languageVersion(v);
    if (seen.has(minor)) continue;
    if (pick.since && compareGoVersions(v, pick.since) < 0) continue;
    seen.add(minor);
    out.push(v);
  }
  return out.reverse();
}
