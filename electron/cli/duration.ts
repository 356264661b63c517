// "10s", "1500ms", "2m", "0.5s" or a bare number of seconds → milliseconds.
export function parseDuration(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!m) return null;
  const n = Number(m[1]);
  const unit = m[2] ?? 's';
  return Math.round(unit === 'ms' ? n : unit === 'm' ? n * 60_000 : n * 1000);
}

/** "256MiB", "1GiB", "512KiB", "1048576" (bytes) → bytes. */
export function parseSize(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*(B|KiB|MiB|GiB|K|M|G|KB|MB|GB)?$/i.exec(text.trim());
  if (!m) return null;
  const n = Number(m[1]);
  const unit = (m[2] ?? 'B').toUpperCase();
  const scale = unit.startsWith('G') ? 2 ** 30 : unit.startsWith('M') ? 2 ** 20 : unit.startsWith('K') ? 2 ** 10 : 1;
  return Math.round(n * scale);
}
