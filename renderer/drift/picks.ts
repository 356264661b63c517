// Which releases (toolchain axis) or go lines (language axis) a matrix runs on: the releases the
// catalogue lists plus the installed ones, and the quick picks over them.
import type { DriftExample } from '../../shared/drift';
import type { Release, Toolchain } from '../../shared/toolchain';
import { compareGoVersions, normalizeGoVersion, parseGoVersion, supportsWasip1 } from '../versions/go-version';

export interface ReleaseOption {
  version: string;
  stable: boolean;
  /** The newest release of its minor in the list. */
  latestPatch: boolean;
  installed: boolean;
  /** The WASM sandbox needs wasip1 (Go ≥ 1.21); older releases run in Docker. */
  wasm: boolean;
  /** The go line of the release: "1.22". */
  line: string;
}

/** The lowest go line offered on the language axis: older modules still build with new toolchains. */
export const OLDEST_GO_LINE = '1.16';
/** The lowest line picked by default: older lines are there for the pre-1.21 examples. */
export const DEFAULT_SINCE_LINE = '1.21';

/** "go1.22.3" → "1.22"; null for a name that is not a release. */
export function lineOf(version: string): string | null {
  const p = parseGoVersion(version);
  return p ? `${p.major}.${p.minor}` : null;
}

export function compareLines(a: string, b: string): number {
  return compareGoVersions(`go${a}`, `go${b}`);
}

/** Ascending, without repeats: the order the core runs and reports them in. */
export function sortReleases(versions: Iterable<string>): string[] {
  return [...new Set([...versions].map(normalizeGoVersion))].sort(compareGoVersions);
}

export function sortLines(lines: Iterable<string>): string[] {
  return [...new Set(lines)].sort(compareLines);
}

/** Every release a matrix or a bisect can name, newest first: the catalogue's and the installed ones. */
export function releaseOptions(releases: ReadonlyArray<Release> | null, toolchains: ReadonlyArray<Toolchain>): ReleaseOption[] {
  const installed = new Set(toolchains.map((t) => t.version).filter((v) => parseGoVersion(v) !== null));
  const byVersion = new Map<string, { stable: boolean; installed: boolean }>();
  for (const r of releases ?? []) {
    const v = normalizeGoVersion(r.version);
    if (parseGoVersion(v)) byVersion.set(v, { stable: r.stable, installed: r.installed || installed.has(v) });
  }
  for (const v of installed) if (!byVersion.has(v)) byVersion.set(v, { stable: parseGoVersion(v)?.pre === null, installed: true });

  const newestOfLine = new Map<string, string>();
  for (const [v, r] of byVersion) {
    if (!r.stable) continue;
    const line = lineOf(v)!;
    const cur = newestOfLine.get(line);
    if (!cur || compareGoVersions(v, cur) > 0) newestOfLine.set(line, v);
  }
  return [...byVersion]
    .map(([version, r]) => {
      const line = lineOf(version)!;
      return { version, stable: r.stable, installed: r.installed, latestPatch: newestOfLine.get(line) === version, wasm: supportsWasip1(version), line };
    })
    .sort((a, b) => compareGoVersions(b.version, a.version));
}

/** The newest stable patch of each minor, from go1.21 on unless older (Docker-only) ones are wanted. */
export function latestPatchPicks(options: ReadonlyArray<ReleaseOption>, includeDocker = false): string[] {
  return sortReleases(options.filter((o) => o.stable && o.latestPatch && (includeDocker || o.wasm)).map((o) => o.version));
}

/** Every stable release of one minor ("1.21"): go1.21.0 … go1.21.13. */
export function minorPicks(options: ReadonlyArray<ReleaseOption>, line: string): string[] {
  return sortReleases(options.filter((o) => o.stable && o.line === line).map((o) => o.version));
}

export function installedPicks(options: ReadonlyArray<ReleaseOption>): string[] {
  return sortReleases(options.filter((o) => o.installed).map((o) => o.version));
}

/** The go lines of the listed releases, newest first. */
export function linesOf(options: ReadonlyArray<ReleaseOption>): string[] {
  return sortLines(options.filter((o) => o.stable).map((o) => o.line)).reverse();
}

/** Go lines a fixed toolchain can build: from 1.16 up to its own (a newer go line asks for a newer Go). */
export function goLineChoices(toolchainVersion: string | null): string[] {
  const top = toolchainVersion ? parseGoVersion(toolchainVersion) : null;
  const oldest = parseGoVersion(`go${OLDEST_GO_LINE}`)!;
  if (!top || top.major !== oldest.major || top.minor < oldest.minor) return [];
  const out: string[] = [];
  for (let minor = oldest.minor; minor <= top.minor; minor++) out.push(`${top.major}.${minor}`);
  return out;
}

/** What the language axis runs when nothing was picked: 1.21 up to the toolchain's own line. */
export function defaultLines(toolchainVersion: string | null): string[] {
  return goLineChoices(toolchainVersion).filter((l) => compareLines(l, DEFAULT_SINCE_LINE) >= 0);
}

/**
 * An example's matrix, around its change: its good and bad releases and the newest one (toolchain
 * axis); their go lines and the fixed toolchain's own (language axis).
 */
export function examplePicks(example: Pick<DriftExample, 'good' | 'bad'>, newest: string | null, fixedToolchain: string | null): { releases: string[]; lines: string[] } {
  const releases = sortReleases([example.good, example.bad, ...(newest ? [newest] : [])]);
  const choices = new Set(goLineChoices(fixedToolchain));
  const lines = sortLines([example.good, example.bad, ...(fixedToolchain ? [fixedToolchain] : [])].map((v) => lineOf(v)).filter((l): l is string => l !== null && choices.has(l)));
  return { releases, lines };
}

/** The newest stable release known: the catalogue's, else the newest installed. */
export function newestRelease(options: ReadonlyArray<ReleaseOption>): string | null {
  return options.find((o) => o.stable)?.version ?? null;
}

/**
 * The releases a bisect walks (the same filter as the core: between good and bad, stable only,
 * one minor) and about how many builds it takes: both ends, then halving what is left.
 */
export function bisectPlan(
  options: ReadonlyArray<ReleaseOption>,
  form: { good: string; bad: string; stableOnly: boolean; minor: string },
): { releases: number; builds: number } | null {
  const { good, bad } = form;
  if (!good || !bad || compareGoVersions(good, bad) >= 0) return null;
  const list = options.filter(
    (o) =>
      compareGoVersions(o.version, good) >= 0 &&
      compareGoVersions(o.version, bad) <= 0 &&
      (o.version === good || o.version === bad || ((!form.stableOnly || o.stable) && (!form.minor || o.line === form.minor))),
  );
  const releases = list.length;
  return { releases, builds: releases < 2 ? releases : 2 + Math.ceil(Math.log2(Math.max(1, releases - 1))) };
}
