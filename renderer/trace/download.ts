// Getting a run's timeline out of the app: a Blob behind an <a download>, which saves a file both
// in a browser and in Electron, with no file-system access from the renderer.
import { toChromeTrace } from '../../shared/trace-export';
import type { Span } from '../../shared/run';
import type { TraceTimeline } from '../../shared/trace';

export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The download holds its own reference by now; the URL was only needed for the click.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The raw Go trace arrives base64-encoded (the contract is JSON). */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The whole timeline (pipeline spans, plus the Go trace when there is one) as Chrome trace-event JSON. */
export function chromeTraceBlob(spans: Span[], timeline: TraceTimeline | null): Blob {
  // Compact: a traced run can have 100k events, and Perfetto does not care about indentation.
  return new Blob([JSON.stringify(toChromeTrace(spans, timeline))], { type: 'application/json' });
}

/** "gopherlab-run-abc123.trace.json": names that say which run they came from. */
export function exportName(runId: string, kind: 'chrome' | 'go'): string {
  return kind === 'chrome' ? `gopherlab-${runId}.trace.json` : `gopherlab-${runId}.gotrace`;
}
