// The renderer's side of gopls: keeps what the core was last told about each tab, sends edits
// after a pause in typing, and makes sure a request sees the text as it is now (a pending sync
// is sent first). Diagnostics come back per file as lsp.diagnostics events.
import type { ContractClient, EventPayload } from '../../shared/contract';
import type { LspMethod, LspPosition, LspSyncResult } from '../../shared/lsp';

/** Typing pauses this long before gopls hears of the edit (a request sends it at once). */
export const SYNC_DEBOUNCE_MS = 250;

interface TabText {
  go: string;
  source: string;
}

export class LspSession {
  private readonly synced = new Map<string, TabText>();
  private readonly inFlight = new Map<string, Promise<LspSyncResult | null>>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly latest = new Map<string, TabText>();
  private readonly syncListeners = new Set<(tabId: string, result: LspSyncResult) => void>();
  /** False while gopls is absent: nothing is sent, the editor works as it did without it. */
  enabled = false;

  constructor(
    private readonly client: Pick<ContractClient, 'call' | 'on'>,
    private readonly debounceMs = SYNC_DEBOUNCE_MS,
  ) {}

  /** The tab's text changed: sync after a pause in typing. */
  changed(tabId: string, go: string, source: string): void {
    this.latest.set(tabId, { go, source });
    if (!this.enabled) return;
    const t = this.timers.get(tabId);
    if (t) clearTimeout(t);
    this.timers.set(
      tabId,
      setTimeout(() => {
        this.timers.delete(tabId);
        void this.flush(tabId).catch(() => undefined);
      }, this.debounceMs),
    );
  }

  /** Sends the tab's latest text now if gopls has not seen it; resolves once it has. */
  async flush(tabId: string): Promise<LspSyncResult | null> {
    const t = this.timers.get(tabId);
    if (t) {
      clearTimeout(t);
      this.timers.delete(tabId);
    }
    const text = this.latest.get(tabId);
    if (!this.enabled || !text) return null;
    const pending = this.inFlight.get(tabId);
    if (pending) await pending.catch(() => null);
    const seen = this.synced.get(tabId);
    if (seen && seen.go === text.go && seen.source === text.source) return { synced: true, files: [] };
    const job = this.client.call('lsp.sync', { tabId, go: text.go, source: text.source }).then((result) => {
      // A snippet gopls could not take (a bad file name) is not "seen": the next edit tries again.
      if (result.synced) this.synced.set(tabId, text);
      else this.synced.delete(tabId);
      for (const l of this.syncListeners) l(tabId, result);
      return result;
    });
    this.inFlight.set(tabId, job);
    try {
      return await job;
    } finally {
      if (this.inFlight.get(tabId) === job) this.inFlight.delete(tabId);
    }
  }

  /** One request at a file position of the tab's current text; null when gopls is off or the text was refused. */
  async request<T>(tabId: string, method: LspMethod, file: string, position: LspPosition, triggerCharacter?: string): Promise<T | null> {
    if (!this.enabled) return null;
    const synced = await this.flush(tabId);
    if (synced && !synced.synced) return null;
    const params = { tabId, method, file, position, ...(triggerCharacter ? { triggerCharacter } : {}) };
    try {
      return (await this.client.call('lsp.request', params)) as T;
    } catch (err) {
      // The core forgot the tab (it restarted): tell it again, once.
      if (!/has not been synced/.test(err instanceof Error ? err.message : String(err))) throw err;
      this.synced.delete(tabId);
      const again = await this.flush(tabId);
      if (!again?.synced) return null;
      return (await this.client.call('lsp.request', params)) as T;
    }
  }

  onDiagnostics(listener: (e: EventPayload<'lsp.diagnostics'>) => void): () => void {
    return this.client.on('lsp.diagnostics', listener);
  }

  onSync(listener: (tabId: string, result: LspSyncResult) => void): () => void {
    this.syncListeners.add(listener);
    return () => this.syncListeners.delete(listener);
  }

  /** Forgets a tab (closed), so a reused id is synced from scratch. */
  forget(tabId: string): void {
    const t = this.timers.get(tabId);
    if (t) clearTimeout(t);
    this.timers.delete(tabId);
    this.synced.delete(tabId);
    this.latest.delete(tabId);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
