// The snippet library on disk: <dataDir>/snippets/<id>.json per snippet (with <id>.json.bak, the
// version before the last write) and <id>.runs.json for its last runs. Every write is atomic; a
// file that cannot be read is reported and left alone, never fatal.
import { randomBytes } from 'node:crypto';
import { copyFile, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ContractError } from '../../../shared/contract';
import {
  SNIPPET_RUNS_LIMIT,
  SnippetRunSchema,
  SnippetSchema,
  type Snippet,
  type SnippetList,
  type SnippetMeta,
  type SnippetRun,
} from '../../../shared/snippets';
import type { Tab } from '../../../shared/workspace';
import { writeFileAtomic } from '../util/atomic-write';
import { isAlive } from '../util/process';

export interface SnippetStoreOptions {
  /** Tabs to make sure are in the library when it is first read (the saved workspace). */
  seed?: () => Promise<ReadonlyArray<Tab>>;
  now?: () => number;
}

const SNIPPET_FILE = /^([A-Za-z0-9_-]{1,64})\.json$/;
const RUNS_FILE = /^([A-Za-z0-9_-]{1,64})\.runs\.json$/;
/** writeFileAtomic's temp names: <file>.<pid>.<hex>.tmp */
const TEMP_FILE = /\.(\d+)\.[0-9a-f]+\.tmp$/;

export class SnippetStore {
  readonly dir: string;
  private readonly now: () => number;
  private loading: Promise<void> | null = null;
  private readonly snippets = new Map<string, Snippet>();
  private skipped: SnippetList['skipped'] = [];
  /** Ids whose file on disk is a whole snippet, so it may become the backup before a rewrite. */
  private readonly wholeOnDisk = new Set<string>();
  /** Changed in memory but not yet on disk (a write failed): the next save writes them again. */
  private readonly unwritten = new Set<string>();
  /** Deleted in this process: a workspace save already under way must not bring them back. */
  private readonly deleted = new Set<string>();
  private readonly runs = new Map<string, SnippetRun[]>();
  /** Writes per file, in call order, so a slow earlier write never lands after a later one. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    dataDir: string,
    private readonly options: SnippetStoreOptions = {},
  ) {
    this.dir = join(dataDir, 'snippets');
    this.now = options.now ?? Date.now;
  }

  async list(query = ''): Promise<SnippetList> {
    await this.load();
    const q = query.trim().toLowerCase();
    const out: SnippetMeta[] = [];
    for (const s of this.snippets.values()) {
      const meta = toMeta(s);
      if (q !== '' && !s.title.toLowerCase().includes(q)) {
        const line = s.source.split('\n').find((l) => l.toLowerCase().includes(q));
        if (line === undefined) continue;
        meta.match = line.trim().slice(0, 160);
      }
      out.push(meta);
    }
    out.sort((a, b) => b.updatedAt - a.updatedAt || a.title.localeCompare(b.title));
    return { snippets: out, skipped: [...this.skipped] };
  }

  async get(id: string): Promise<Snippet> {
    await this.load();
    return { ...this.require(id) };
  }

  /** Brings the library up to date with the open tabs; only changed snippets are written. */
  async saveTabs(tabs: ReadonlyArray<Tab>): Promise<void> {
    await this.load();
    await Promise.all(this.applyTabs(tabs));
  }

  async rename(id: string, title: string): Promise<SnippetMeta> {
    await this.load();
    const clean = title.trim().slice(0, 200);
    if (clean === '') throw new ContractError('invalid-params', 'a snippet needs a name; type one and press Enter');
    const s = { ...this.require(id), title: clean, updatedAt: this.now() };
    this.snippets.set(id, s);
    await this.writeSnippet(id);
    return toMeta(s);
  }

  async duplicate(id: string): Promise<SnippetMeta> {
    await this.load();
    const from = this.require(id);
    const at = this.now();
    const copy: Snippet = { ...from, id: `snip-${randomBytes(9).toString('hex')}`, title: this.copyTitle(from.title), createdAt: at, updatedAt: at };
    this.snippets.set(copy.id, copy);
    await this.writeSnippet(copy.id);
    return toMeta(copy);
  }

  async delete(id: string): Promise<boolean> {
    await this.load();
    this.deleted.add(id);
    const existed = this.snippets.delete(id);
    this.runs.delete(id);
    this.wholeOnDisk.delete(id);
    // The backup goes first and the snippet last, so a crash in between never leaves a lone
    // backup or history that would look like a snippet.
    await this.enqueue(`${id}.json`, async () => {
      await rm(join(this.dir, `${id}.json.bak`), { force: true });
      await this.enqueue(`${id}.runs.json`, () => rm(join(this.dir, `${id}.runs.json`), { force: true }));
      await rm(join(this.dir, `${id}.json`), { force: true });
    });
    return existed;
  }

  /** The snippet's last runs, newest first. */
  async listRuns(id: string): Promise<SnippetRun[]> {
    await this.load();
    this.require(id);
    return [...(await this.readRuns(id))];
  }

  /**
   * Adds a finished run to the snippet's history. A run may come in before the snippet's first
   * save (run right after opening a tab); its history waits for it. False for a deleted snippet.
   */
  async recordRun(id: string, run: SnippetRun): Promise<boolean> {
    await this.load();
    if (this.deleted.has(id)) return false;
    await this.readRuns(id);
    // From here to the set nothing awaits, so two runs recorded at once both stay.
    const next = [run, ...(this.runs.get(id) ?? []).filter((r) => r.runId !== run.runId)]
      .sort((a, b) => b.at - a.at)
      .slice(0, SNIPPET_RUNS_LIMIT);
    this.runs.set(id, next);
    const file = `${id}.runs.json`;
    await this.enqueue(file, async () => {
      const latest = this.runs.get(id);
      if (latest) await writeFileAtomic(join(this.dir, file), JSON.stringify(latest));
    });
    return true;
  }

  private require(id: string): Snippet {
    const s = this.snippets.get(id);
    if (!s) throw new ContractError('not-found', `there is no snippet ${id} in the library; it may have been deleted — refresh the list`);
    return s;
  }

  private copyTitle(title: string): string {
    const base = title.replace(/ \(copy(?: \d+)?\)$/, '');
    const used = new Set([...this.snippets.values()].map((s) => s.title));
    for (let n = 1; ; n++) {
      const candidate = `${base.slice(0, 180)} (copy${n === 1 ? '' : ` ${n}`})`;
      if (!used.has(candidate)) return candidate;
    }
  }

  private applyTabs(tabs: ReadonlyArray<Tab>): Promise<void>[] {
    const writes: Promise<void>[] = [];
    for (const tab of tabs) {
      if (this.deleted.has(tab.id)) continue;
      const cur = this.snippets.get(tab.id);
      const same = cur && cur.title === tab.title && cur.source === tab.source && cur.go === tab.go && cur.mode === tab.mode;
      if (same && !this.unwritten.has(tab.id)) continue;
      if (same) {
        writes.push(this.writeSnippet(tab.id));
        continue;
      }
      const at = this.now();
      this.snippets.set(tab.id, { id: tab.id, title: tab.title, source: tab.source, go: tab.go, mode: tab.mode, createdAt: cur?.createdAt ?? at, updatedAt: at });
      writes.push(this.writeSnippet(tab.id));
    }
    return writes;
  }

  /** Writes the snippet as it is when its turn comes, keeping the whole file before it as the backup. */
  private writeSnippet(id: string): Promise<void> {
    const file = join(this.dir, `${id}.json`);
    return this.enqueue(`${id}.json`, async () => {
      const s = this.snippets.get(id);
      if (!s) return;
      if (this.wholeOnDisk.has(id)) await copyFile(file, `${file}.bak`).catch(() => undefined);
      try {
        await writeFileAtomic(file, JSON.stringify(s, null, 2));
      } catch (err) {
        this.unwritten.add(id);
        throw err;
      }
      this.unwritten.delete(id);
      this.wholeOnDisk.add(id);
    });
  }

  private enqueue<T>(key: string, job: () => Promise<T>): Promise<T> {
    const next = (this.queues.get(key) ?? Promise.resolve()).then(job);
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(key, settled);
    void settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key);
    });
    return next;
  }

  private async readRuns(id: string): Promise<SnippetRun[]> {
    const cached = this.runs.get(id);
    if (cached) return cached;
    let runs: SnippetRun[] = [];
    try {
      const parsed = SnippetRunSchema.array().safeParse(JSON.parse(await readFile(join(this.dir, `${id}.runs.json`), 'utf8')));
      // A damaged history is started over: it is a convenience, the snippet itself is untouched.
      if (parsed.success) runs = parsed.data;
    } catch {
      // none yet
    }
    if (!this.runs.has(id)) this.runs.set(id, runs);
    return this.runs.get(id) ?? runs;
  }

  private load(): Promise<void> {
    // A failed first read is tried again on the next call rather than failing every call after it.
    this.loading ??= this.readAll().catch((err: unknown) => {
      this.loading = null;
      throw err;
    });
    return this.loading;
  }

  private async readAll(): Promise<void> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      names = [];
    }
    const skipped: SnippetList['skipped'] = [];
    for (const name of names) {
      const temp = TEMP_FILE.exec(name);
      // Left by a write that a crash cut short; the file it was replacing is still whole.
      if (temp) {
        if (!isAlive(Number(temp[1]))) await rm(join(this.dir, name), { force: true }).catch(() => undefined);
        continue;
      }
      const m = SNIPPET_FILE.exec(name);
      if (!m?.[1]) continue;
      const id = m[1];
      const main = await readSnippetFile(join(this.dir, name), id);
      if (main.ok) {
        this.snippets.set(id, main.snippet);
        this.wholeOnDisk.add(id);
        continue;
      }
      const backup = await readSnippetFile(join(this.dir, `${name}.bak`), id);
      if (backup.ok) {
        // Put the last whole version back in place, so the damaged file never becomes the backup.
        this.snippets.set(id, backup.snippet);
        try {
          await writeFileAtomic(join(this.dir, name), JSON.stringify(backup.snippet, null, 2));
          this.wholeOnDisk.add(id);
        } catch {
          this.unwritten.add(id);
        }
        skipped.push({ file: name, reason: `${main.reason}; restored the version before its last save` });
      } else {
        skipped.push({ file: name, reason: `${main.reason}; it is left as it is — fix or delete the file` });
      }
    }
    this.skipped = skipped;
    // A history whose snippet never got saved (the app stopped first) has nothing to belong to.
    const damaged = new Set(skipped.map((s) => s.file.replace(/\.json$/, '')));
    for (const name of names) {
      const id = RUNS_FILE.exec(name)?.[1];
      if (id && !this.snippets.has(id) && !damaged.has(id)) await rm(join(this.dir, name), { force: true }).catch(() => undefined);
    }
    if (this.options.seed) {
      const tabs = await this.options.seed().catch(() => []);
      // A failed write here is retried by the next save; reading the library must not fail for it.
      await Promise.allSettled(this.applyTabs(tabs));
    }
  }
}

async function readSnippetFile(path: string, id: string): Promise<{ ok: true; snippet: Snippet } | { ok: false; reason: string }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    return { ok: false, reason: `it cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: text.trim() === '' ? 'it is empty' : 'it is not whole JSON (cut short?)' };
  }
  const parsed = SnippetSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `it is not a snippet (${issue ? `${issue.path.join('.') || 'file'}: ${issue.message}` : 'unknown shape'})` };
  }
  if (parsed.data.id !== id) return { ok: false, reason: `its id ${parsed.data.id} does not match its file name` };
  return { ok: true, snippet: parsed.data };
}

function toMeta(s: Snippet): SnippetMeta {
  return { id: s.id, title: s.title, go: s.go, mode: s.mode, createdAt: s.createdAt, updatedAt: s.updatedAt, size: s.source.length };
}
