// Go release names: go1.9 < go1.10 < go1.21rc1 < go1.21.0 < go1.21.1. Pure, so the core and the
// renderer order and match releases the same way.
export interface GoVersion {
  major: number;
  minor: number;
  /** null for "go1.21" (a language version, or a pre-1.21 first release). */
  patch: number | null;
  /** "rc1", "beta2" or null for a final release. */
  pre: string | null;
}

const VERSION_RE = /^go(\d+)\.(\d+)(?:\.(\d+))?((?:rc|beta)\d+)?$/;

export function parseGoVersion(v: string): GoVersion | null {
  const m = VERSION_RE.exec(v.trim());
  if (!m) return null;
  return {
    major: Number(m[1]),
    minor: Number(m[2]),
    patch: m[3] === undefined ? null : Number(m[3]),
    pre: m[4] ?? null,
  };
}

function preRank(pre: string | null): [number, number] {
  if (pre === null) return [2, 0];
  const n = Number(pre.replace(/^\D+/, ''));
  return [pre.startsWith('beta') ? 0 : 1, n];
}

/** Orders release names; unparsable names sort before every release. */
export function compareGoVersions(a: string, b: string): number {
  const x = parseGoVersion(a);
  const y = parseGoVersion(b);
  if (!x || !y) return (x ? 1 : 0) - (y ? 1 : 0) || a.localeCompare(b);
  if (x.major !== y.major) return x.major - y.major;
  if (x.minor !== y.minor) return x.minor - y.minor;
  // go1.21rc1 and go1.21 (no patch) come before go1.21.0; pre-releases before finals.
  const [xr, xn] = preRank(x.pre);
  const [yr, yn] = preRank(y.pre);
  if (x.pre !== null || y.pre !== null) {
    if (xr !== yr) return xr - yr;
    if (xn !== yn) return xn - yn;
  }
  return (x.patch ?? -1) - (y.patch ?? -1);
}

/** "go1.22.3" → "1.22": the go line `go mod init` writes on that release. */
export function languageVersion(v: string): string {
  const p = parseGoVersion(v);
  return p ? `${p.major}.${p.minor}` : '1.21';
}

/** `go build -buildvcs` exists from Go 1.18; older go commands refuse the flag. */
export function supportsBuildVcsFlag(v: string): boolean {
  const p = parseGoVersion(v);
  if (!p) return true;
  return p.major > 1 || p.minor >= 18;
}

/** GOOS=wasip1 exists from Go 1.21. Development builds are assumed recent. */
export function supportsWasip1(v: string): boolean {
  const p = parseGoVersion(v);
  if (!p) return v.startsWith('devel');
  return p.major > 1 || p.minor >= 21;
}

/** "1.22.3" and "go1.22.3" both name go1.22.3. */
export function normalizeGoVersion(v: string): string {
  const t = v.trim();
  return t.startsWith('go') || t === '' ? t : `go${t}`;
}

/** "go1.22.3" → "go1.22". */
export function minorOf(v: string): string | null {
  const p = parseGoVersion(v);
  return p ? `go${p.major}.${p.minor}` : null;
}
