import { describe, expect, it } from 'vitest';
import { checkSender, forbidden, type FrameIdentity } from './trusted-sender';

const main: FrameIdentity = { processId: 4, routingId: 1, url: 'app://gopherlab/index.html' };

describe('checkSender', () => {
  it('accepts the main window’s top frame on an app page', () => {
    expect(checkSender({ ...main }, main)).toEqual({ ok: true });
    expect(checkSender({ ...main, url: 'app://gopherlab/index.html#tab=2' }, main)).toEqual({ ok: true });
  });

  it('refuses a frame that is gone or a window that is not there', () => {
    expect(checkSender(null, main)).toMatchObject({ ok: false });
    expect(checkSender(undefined, main)).toMatchObject({ ok: false });
    expect(checkSender(main, null)).toMatchObject({ ok: false, reason: 'there is no main window' });
  });

  it('refuses subframes and other renderer processes', () => {
    expect(checkSender({ ...main, routingId: 7 }, main)).toMatchObject({ ok: false });
    expect(checkSender({ ...main, processId: 9 }, main)).toMatchObject({ ok: false });
  });

  it('refuses the main frame once it shows something that is not ours, without logging its query', () => {
    const check = checkSender({ ...main, url: 'https://evil.example/x?token=s3cret' }, main);
    expect(check).toMatchObject({ ok: false });
    expect(check.ok ? '' : check.reason).toContain('https://evil.example');
    expect(check.ok ? '' : check.reason).not.toContain('s3cret');
    expect(checkSender({ ...main, url: 'file:///home/me/index.html' }, main)).toMatchObject({ ok: false });
    expect(checkSender({ ...main, url: 'app://other/index.html' }, main)).toMatchObject({ ok: false });
  });
});

describe('forbidden', () => {
  it('is a WireResult with the contract’s forbidden code', () => {
    expect(forbidden('run.start', 'no')).toEqual({ ok: false, error: { code: 'forbidden', message: 'run.start: refused, no' } });
  });
});
