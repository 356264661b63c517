// Feeds contract events and connection changes into the store, outside React.
import type { EventPayload } from '../../shared/contract';
import type { RendererClient } from '../contract/connection';
import type { AppStore } from './store';

/** A chatty program sends thousands of small writes; the view is updated at most this often. */
export const OUTPUT_FLUSH_MS = 30;

export function bindContractEvents(client: RendererClient, store: AppStore, flushMs = OUTPUT_FLUSH_MS): () => void {
  let buffered: EventPayload<'run.output'>[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    const batch = buffered;
    buffered = [];
    if (batch.length > 0) store.getState().receiveOutput(batch);
  };

  const offs = [
    client.on('run.output', (p) => {
      buffered.push(p);
      timer ??= setTimeout(flush, flushMs);
    }),
    // A run's result must not overtake its own buffered output.
    store.subscribe(
      (s) => s.run?.phase,
      (phase) => {
        if (phase === 'done' && buffered.length > 0) {
          if (timer) clearTimeout(timer);
          flush();
        }
      },
    ),
    client.on('run.stage', (p) => store.getState().receiveStage(p)),
    // The engine's status is asked for once a tab is in Docker mode (the first ask connects to it).
    store.subscribe(
      (s) => s.tabs.find((t) => t.id === s.activeTabId)?.mode === 'docker' && s.workspaceStatus === 'ready',
      (docker) => {
        if (docker) store.getState().ensureSandboxStatus();
      },
      { fireImmediately: true },
    ),
    // Matrix cells and bisect steps, as they finish.
    client.on('drift.cell', (p) => store.getState().receiveCell(p)),
    client.on('drift.step', (p) => store.getState().receiveStep(p)),
    // A run started from anywhere (button, shortcut, editor) shows its output; the latency and
    // trace panels show the new run themselves.
    store.subscribe(
      (s) => s.run?.runId,
      (runId) => {
        const s = store.getState();
        if (runId && s.rightPanel !== 'latency' && s.rightPanel !== 'trace') s.setRightPanel('output');
      },
    ),
    // A finished run: the latency panel reads the history again; a traced one opens its timeline.
    store.subscribe(
      (s) => (s.run?.phase === 'done' ? s.run.runId : null),
      (runId) => {
        if (!runId) return;
        const s = store.getState();
        s.refreshAfterRun(runId);
        const ref = s.run?.result?.trace;
        if (ref && !ref.error && s.rightPanel === 'output') s.setRightPanel('trace');
      },
    ),
    // Installs are shared: this window also sees those another window or the CLI started.
    client.on('sdk.progress', (p) => store.getState().receiveProgress(p)),
    client.onConnectionChange((state) => {
      store.getState().setConnection(state, client.lastError());
      if (state !== 'open') return;
      // Whatever failed while the socket was down is fetched again once it is back.
      const s = store.getState();
      if (s.workspaceStatus === 'error') void s.loadWorkspace();
      if (s.toolchainsStatus === 'error') void s.loadToolchains();
      if (s.catalogStatus === 'error') void s.loadCatalog();
      if (!s.appInfo) void s.loadAppInfo();
      if (s.dockerState === 'error') void s.loadSandboxStatus();
    }),
  ];
  return () => {
    if (timer) clearTimeout(timer);
    offs.forEach((off) => off());
  };
}
