import { describe, expect, it } from 'vitest';
import type { InstallProgress } from '../../shared/toolchain';
import { installPercent, isActive, queuedInstall, reduceInstall, type InstallView } from './install-progress';

const report = (p: Partial<InstallProgress> & Pick<InstallProgress, 'phase'>): InstallProgress => ({
  version: 'go1.23.4',
  bytes: 0,
  total: null,
  rate: null,
  etaMs: null,
  ...p,
});

function fold(reports: InstallProgress[], start?: InstallView): InstallView {
  let view = start;
  let now = 100;
  for (const r of reports) view = reduceInstall(view, r, (now += 10));
  return view!;
}

describe('reduceInstall', () => {
  it('follows an install through its phases, keeping the size once known', () => {
    const v = fold([
      report({ phase: 'queued' }),
      report({ phase: 'download', bytes: 10, total: 100, rate: 5e6, etaMs: 18_000 }),
      report({ phase: 'download', bytes: 60, total: 100, rate: 6e6, etaMs: 7_000 }),
      report({ phase: 'verify', bytes: 100, total: null }),
    ]);
    expect(v).toMatchObject({ version: 'go1.23.4', phase: 'verify', bytes: 100, total: 100, finishedAt: null });
    expect(installPercent(v)).toBe(100);
    expect(isActive(v)).toBe(true);
  });

  it('names versions the same way whatever the report says', () => {
    expect(fold([report({ version: '1.23.4', phase: 'download' })]).version).toBe('go1.23.4');
  });

  it('records the end once, drops rate and ETA, and keeps the failure message', () => {
    const failed = fold([
      report({ phase: 'download', bytes: 5, total: 100, rate: 1e6, etaMs: 95_000 }),
      report({ phase: 'failed', bytes: 5, total: 100, rate: 1e6, etaMs: 1, message: 'offline and not cached: connect or import a kit' }),
    ]);
    expect(failed).toMatchObject({ phase: 'failed', rate: null, etaMs: null, message: 'offline and not cached: connect or import a kit' });
    expect(failed.finishedAt).not.toBeNull();
    expect(isActive(failed)).toBe(false);
  });

  it('lets the first end stand: a later done or failed does not overwrite it', () => {
    const done = fold([report({ phase: 'download', total: 100 }), report({ phase: 'done', bytes: 100, total: 100 })]);
    expect(reduceInstall(done, report({ phase: 'done' }), 999)).toBe(done);
    expect(reduceInstall(done, report({ phase: 'failed', message: 'late' }), 999)).toBe(done);

    const bare = fold([report({ phase: 'failed' })]);
    expect(reduceInstall(bare, report({ phase: 'failed', message: 'checksum mismatch' }), 999).message).toBe('checksum mismatch');
    const canceled = fold([report({ phase: 'canceled' })]);
    expect(reduceInstall(canceled, report({ phase: 'failed', message: 'aborted' }), 999)).toBe(canceled);
  });

  it('starts over when a new install of the same version reports after the last one ended', () => {
    const first = fold([report({ phase: 'download', bytes: 50, total: 100 }), report({ phase: 'failed', message: 'offline' })]);
    const again = reduceInstall(first, report({ phase: 'download', bytes: 1 }), 500);
    expect(again).toMatchObject({ phase: 'download', bytes: 1, total: null, startedAt: 500, finishedAt: null });
    expect(again.message).toBeUndefined();
  });

  it('reports done as complete even when the size was never known', () => {
    expect(installPercent(fold([report({ phase: 'done' })]))).toBe(100);
    expect(installPercent(queuedInstall('go1.23.4', 0))).toBe(0);
    expect(installPercent({ phase: 'download', bytes: 10, total: null })).toBeNull();
    expect(installPercent({ phase: 'download', bytes: 25, total: 200 })).toBe(12.5);
  });
});
