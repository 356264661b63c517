// Install progress on the terminal: one redrawn line on a TTY, a line per phase (and every 10%)
// otherwise, so logs stay readable.
import type { InstallProgress } from '../../shared/toolchain';

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(2)} GiB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(0)} KiB`;
  return `${n} B`;
}

export function describeProgress(p: InstallProgress): string {
  if (p.phase === 'download') {
    const pct = p.total ? Math.min(100, Math.floor((p.bytes / p.total) * 100)) : null;
    const bar = pct === null ? '' : `[${'#'.repeat(Math.floor(pct / 5)).padEnd(20, '.')}] ${String(pct).padStart(3)}% `;
    const size = p.total ? `${formatBytes(p.bytes)}/${formatBytes(p.total)}` : formatBytes(p.bytes);
    const rate = p.rate ? ` ${formatBytes(p.rate)}/s` : '';
    const eta = p.etaMs !== null ? ` ETA ${Math.ceil(p.etaMs / 1000)}s` : '';
    return `${p.version} download ${bar}${size}${rate}${eta}`;
  }
  const words: Record<InstallProgress['phase'], string> = {
    queued: 'starting',
    download: 'download',
    verify: 'verifying with the Go checksum database',
    extract: 'extracting',
    prewarm: 'prewarming: building the standard library for the sandbox targets',
    done: 'installed',
    failed: 'failed',
    canceled: 'canceled',
  };
  return `${p.version} ${words[p.phase]}${p.message && p.phase !== 'prewarm' && p.phase !== 'extract' ? `: ${p.message}` : ''}`;
}

export function progressPrinter(stream: NodeJS.WriteStream = process.stderr): (p: InstallProgress) => void {
  const tty = stream.isTTY === true;
  let lastPhase = '';
  let lastDecile = -1;
  return (p) => {
    const line = describeProgress(p);
    const end = p.phase === 'done' || p.phase === 'failed' || p.phase === 'canceled';
    if (tty) {
      stream.write(`\r\x1b[K${line}${end ? '\n' : ''}`);
      return;
    }
    const decile = p.phase === 'download' && p.total ? Math.floor((p.bytes / p.total) * 10) : -1;
    if (p.phase !== lastPhase || decile > lastDecile) {
      stream.write(`${line}\n`);
      lastPhase = p.phase;
      lastDecile = p.phase === 'download' ? decile : -1;
    }
  };
}
