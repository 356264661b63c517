// Go release names as the renderer matches them: like the core's (shared/go-version.ts), but a
// bare "1.22.3" typed by a user also names go1.22.3.
import * as strict from '../../shared/go-version';

export type { GoVersion } from '../../shared/go-version';
export { normalizeGoVersion } from '../../shared/go-version';

/** Adds the "go" only to what starts with a digit ("devel go1.27-…" stays as it is). */
function lenient(v: string): string {
  return /^\d/.test(v.trim()) ? strict.normalizeGoVersion(v) : v.trim();
}

export function parseGoVersion(v: string): strict.GoVersion | null {
  return strict.parseGoVersion(lenient(v));
}

/** Orders release names ascending; names that do not parse sort first. */
export function compareGoVersions(a: string, b: string): number {
  return strict.compareGoVersions(lenient(a), lenient(b));
}

/** "go1.22.3" → "go1.22". */
export function minorOf(v: string): string | null {
  return strict.minorOf(lenient(v));
}

/** GOOS=wasip1, which the WASM sandbox builds for, exists from Go 1.21. */
export function supportsWasip1(v: string): boolean {
  return strict.supportsWasip1(lenient(v));
}
