// One Monaco model per file of each tab's snippet (own language, own undo history), kept in step
// with the tab's text: an edit in a model is spliced into the text at that file (shared/txtar-edit,
// the rest stays byte for byte), and a change of the text from elsewhere (a load, a format, a file
// added or a txtar pasted into a file) reaches the models it touches, as a minimal edit.
import { fileSegments, setFileText, type FileSegment } from '../../shared/txtar-edit';
import type { AppStore } from '../store/store';
import { GO, monaco } from './monaco';

export interface FileModel {
  tabId: string;
  /** The file's name; a second file of the same name (a snippet the runner refuses) gets `name#2`. */
  key: string;
  name: string;
  model: monaco.editor.ITextModel;
}

export function languageOf(name: string): string {
  return name.endsWith('.go') ? GO : 'plaintext';
}

/** A key per segment: its name, or `name#n` for the n-th file of that name. */
function keysOf(segments: ReadonlyArray<FileSegment>): string[] {
  const seen = new Map<string, number>();
  return segments.map((s) => {
    const n = (seen.get(s.name) ?? 0) + 1;
    seen.set(s.name, n);
    return n === 1 ? s.name : `${s.name}#${n}`;
  });
}

/** Monaco keeps LF in its models; the text may hold CRLF. */
const lf = (text: string) => text.replace(/\r\n/g, '\n');

export class SnippetModels {
  private readonly byId = new Map<string, FileModel & { listener: monaco.IDisposable }>();
  private readonly byUri = new Map<string, FileModel>();
  /** Set while a change of the tab's text is written into a model, so it is not written back. */
  private applying = false;
  /** The model whose edit is being written into the tab's text: it is not changed from inside its own change event. */
  private writing: string | null = null;
  private resync = false;

  constructor(
    private readonly store: AppStore,
    private readonly onModelEdited?: (file: FileModel) => void,
  ) {}

  /** Creates, updates and disposes models to match every tab's text. */
  sync(): void {
    const live = new Set<string>();
    for (const tab of this.store.getState().tabs) {
      const segments = fileSegments(tab.source);
      const keys = keysOf(segments);
      segments.forEach((seg, i) => {
        const key = keys[i]!;
        const id = idOf(tab.id, key);
        live.add(id);
        const text = tab.source.slice(seg.start, seg.end);
        const entry = this.byId.get(id);
        if (!entry) this.create(tab.id, key, seg.name, text);
        else if (!sameText(entry.model.getValue(), text, i < segments.length - 1) && !this.later(id)) this.replace(entry.model, text);
      });
    }
    for (const [id, entry] of this.byId) {
      if (live.has(id) || this.later(id)) continue;
      entry.listener.dispose();
      this.byUri.delete(entry.model.uri.toString());
      entry.model.dispose();
      this.byId.delete(id);
    }
  }

  get(tabId: string, key: string): monaco.editor.ITextModel | undefined {
    return this.byId.get(idOf(tabId, key))?.model;
  }

  ofTab(tabId: string): FileModel[] {
    return [...this.byId.values()].filter((e) => e.tabId === tabId);
  }

  infoOf(model: monaco.editor.ITextModel): FileModel | undefined {
    return this.byUri.get(model.uri.toString());
  }

  infoOfUri(uri: monaco.Uri): FileModel | undefined {
    return this.byUri.get(uri.toString());
  }

  /** Writes a model's text as the store holds it, as an edit of the model (undoable, cursor kept where untouched). */
  replace(model: monaco.editor.ITextModel, text: string): void {
    this.applying = true;
    try {
      model.pushEditOperations([], [minimalEdit(model, lf(text))], () => null);
    } finally {
      this.applying = false;
    }
  }

  dispose(): void {
    for (const entry of this.byId.values()) {
      entry.listener.dispose();
      entry.model.dispose();
    }
    this.byId.clear();
    this.byUri.clear();
  }

  /** True (and a sync queued) when `id` is the model being written back: it changes once its event is over. */
  private later(id: string): boolean {
    if (this.writing !== id) return false;
    if (!this.resync) {
      this.resync = true;
      queueMicrotask(() => {
        this.resync = false;
        this.sync();
      });
    }
    return true;
  }

  private create(tabId: string, key: string, name: string, text: string): void {
    const uri = monaco.Uri.from({ scheme: 'inmemory', authority: 'gopherlab', path: `/${tabId}/${key}` });
    const model = monaco.editor.createModel(text, languageOf(name), uri);
    model.setEOL(monaco.editor.EndOfLineSequence.LF);
    const info: FileModel = { tabId, key, name, model };
    const listener = model.onDidChangeContent(() => {
      if (this.applying) return;
      this.writeBack(info);
      this.onModelEdited?.(info);
    });
    this.byId.set(idOf(tabId, key), { ...info, listener });
    this.byUri.set(uri.toString(), info);
  }

  /** The model's text into the tab's text, at its file. */
  private writeBack(f: FileModel): void {
    const tab = this.store.getState().tabs.find((t) => t.id === f.tabId);
    if (!tab) return;
    const index = keysOf(fileSegments(tab.source)).indexOf(f.key);
    if (index < 0) return;
    const next = setFileText(tab.source, index, f.model.getValue());
    if (next === tab.source) return;
    this.writing = idOf(f.tabId, f.key);
    try {
      this.store.getState().setSource(f.tabId, next);
    } finally {
      this.writing = null;
    }
  }
}

function idOf(tabId: string, key: string): string {
  return `${tabId}\u0000${key}`;
}

/** Equal as the model holds it: LF, and a file followed by another may lack the line end the text adds. */
function sameText(model: string, text: string, followed: boolean): boolean {
  const want = lf(text);
  return model === want || (followed && model + '\n' === want);
}

/** The smallest single edit turning the model's text into `text`: the common start and end are kept. */
function minimalEdit(model: monaco.editor.ITextModel, text: string): monaco.editor.IIdentifiedSingleEditOperation {
  const old = model.getValue();
  let start = 0;
  const max = Math.min(old.length, text.length);
  while (start < max && old.charCodeAt(start) === text.charCodeAt(start)) start++;
  let endOld = old.length;
  let endNew = text.length;
  while (endOld > start && endNew > start && old.charCodeAt(endOld - 1) === text.charCodeAt(endNew - 1)) {
    endOld--;
    endNew--;
  }
  const range = monaco.Range.fromPositions(model.getPositionAt(start), model.getPositionAt(endOld));
  return { range, text: text.slice(start, endNew) };
}
