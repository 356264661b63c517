// `GOPHERLAB_SMOKE=1`: load the window, probe the page through the real preload and IPC, print one
// line `gopherlab-smoke {json}` and quit. The Electron smoke test (run where the binary exists) reads it.
import type { BrowserWindow } from 'electron';

export const SMOKE_PREFIX = 'gopherlab-smoke ';

export interface SmokeReport {
  url: string;
  bridgeKeys: string[] | null;
  nodeGlobals: string[];
  info: unknown;
  invalid: unknown;
}

// Runs in the page's main world: sees only what the page sees.
const PROBE = `(async () => {
  const bridge = window.gopherlab;
  return {
    url: location.href,
    bridgeKeys: bridge ? Object.keys(bridge).sort() : null,
    nodeGlobals: ['require', 'process', 'module', 'Buffer', 'ipcRenderer'].filter((k) => typeof window[k] !== 'undefined'),
    info: bridge ? await bridge['app.info']({}) : null,
    invalid: bridge ? await bridge['run.cancel']({ runId: '' }) : null,
  };
})()`;

export async function probeWindow(win: BrowserWindow): Promise<SmokeReport> {
  return (await win.webContents.executeJavaScript(PROBE)) as SmokeReport;
}
