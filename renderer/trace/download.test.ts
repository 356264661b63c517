import { describe, expect, it } from 'vitest';
import { base64ToBytes, chromeTraceBlob, exportName } from './download';

describe('base64ToBytes', () => {
  it('decodes binary data exactly, including bytes above 127', () => {
    const bytes = Uint8Array.from([0x67, 0x6f, 0x20, 0x31, 0x2e, 0x32, 0x32, 0x20, 0x00, 0xff, 0x80]);
    const base64 = btoa(String.fromCharCode(...bytes));
    expect(Array.from(base64ToBytes(base64))).toEqual(Array.from(bytes));
    expect(base64ToBytes('')).toHaveLength(0);
  });
});

describe('chromeTraceBlob', () => {
  it('is JSON with traceEvents holding the pipeline stages', async () => {
    const blob = chromeTraceBlob([{ name: 'compile', startMs: 1, durationMs: 2 }], null);
    expect(blob.type).toBe('application/json');
    const json = JSON.parse(await blob.text()) as { traceEvents: Array<{ name: string; ph: string; ts: number; dur?: number }> };
    expect(json.traceEvents.find((e) => e.ph === 'X')).toMatchObject({ name: 'compile', ts: 1000, dur: 2000 });
  });
});

describe('exportName', () => {
  it('names the run', () => {
    expect(exportName('run-abc', 'chrome')).toBe('gopherlab-run-abc.trace.json');
    expect(exportName('run-abc', 'go')).toBe('gopherlab-run-abc.gotrace');
  });
});
