// How sizes, speeds, durations and SDK facts read in the UI.
import type { Toolchain } from '../../shared/toolchain';

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1000) return `${Math.round(bytes)} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

export function formatRate(bytesPerSecond: number | null): string | null {
  if (bytesPerSecond === null || !Number.isFinite(bytesPerSecond) || bytesPerSecond <= 0) return null;
  return `${(bytesPerSecond / 1e6).toFixed(bytesPerSecond >= 1e8 ? 0 : 1)} MB/s`;
}

export function formatEta(ms: number | null): string | null {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return null;
  const s = Math.ceil(ms / 1000);
  if (s < 60) return `${s} s left`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s left`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min left`;
}

/** "3 min ago", for the age of the cached release list. */
export function formatAge(then: number, now: number): string {
  const s = Math.max(0, Math.round((now - then) / 1000));
  if (s < 45) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 36) return `${h} h ago`;
  return `${Math.round(h / 24)} days ago`;
}

export const SOURCE_LABEL: Record<Toolchain['source'], string> = {
  path: 'PATH',
  'sdk-dir': '~/sdk',
  store: 'store',
  user: 'user',
};

export const SOURCE_HINT: Record<Toolchain['source'], string> = {
  path: 'The go command on PATH',
  'sdk-dir': 'Found in ~/sdk (the golang.org/dl layout)',
  store: 'Installed by Gopherlab',
  user: 'A GOROOT you chose',
};

type Verification = NonNullable<Toolchain['verification']>;

export const VERIFICATION_LABEL: Record<Verification, string> = {
  'checksum-db': 'verified',
  'kit-manifest': 'kit',
  unverified: 'unverified',
};

export const VERIFICATION_HINT: Record<Verification, string> = {
  'checksum-db': 'Checked against the Go checksum database (sum.golang.org)',
  'kit-manifest': 'Checked against the checksums in the classroom kit it came from, not the checksum database',
  unverified: 'Not checked against any checksum: only use it if you trust where it came from',
};

/** A long path with its middle left out ("/home/ann/…/sdk/go1.22.3"), the end being what tells SDKs apart. */
export function shortenPath(path: string, max = 40): string {
  if (path.length <= max) return path;
  const sep = path.includes('\\') && !path.includes('/') ? '\\' : '/';
  const parts = path.split(sep);
  let tail = parts.pop() ?? '';
  while (parts.length > 0) {
    const next = `${parts[parts.length - 1]}${sep}${tail}`;
    if (next.length + 2 > max) break;
    tail = next;
    parts.pop();
  }
  return tail.length + 2 > max ? `…${tail.slice(tail.length - max + 1)}` : `…${sep}${tail}`;
}
