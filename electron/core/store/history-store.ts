// The latency history: one line per finished run in <dataDir>/history.jsonl. Appends are cheap;
// when the file holds twice the limit it is rewritten (atomically) with the newest entries. A line
// that does not parse (a crash mid-append, an edit by hand) is skipped, never fatal.
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { HISTORY_LIMIT, HistoryEntrySchema, type HistoryEntry } from '../../../shared/history';
import type { ParsedRunRequest, RunRequest, RunResult } from '../../../shared/run';
import { writeFileAtomic } from '../util/atomic-write';

export class HistoryStore {
  readonly file: string;
  private readonly limit: number;
  /** Everything read or appended so far (at most twice the limit); null until first used. */
  private entries: HistoryEntry[] | null = null;
  /** Lines in the file, damaged ones included: what decides a compaction. */
  private lines = 0;
  /** The file's last line has no newline (a crash mid-append): the next append starts a new line. */
  private needsNewline = false;
  /** Operations run one at a time, in the order they were asked for. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string, options: { limit?: number } = {}) {
    this.file = join(dataDir, 'history.jsonl');
    this.limit = options.limit ?? HISTORY_LIMIT;
  }

  append(entry: HistoryEntry): Promise<void> {
    return this.enqueue(async () => {
      const entries = await this.load();
      await mkdir(dirname(this.file), { recursive: true });
      await appendFile(this.file, `${this.needsNewline ? '\n' : ''}${JSON.stringify(entry)}\n`);
      this.needsNewline = false;
      entries.push(entry);
      this.lines++;
      if (this.lines > 2 * this.limit) await this.compact();
    });
  }

  /** Oldest first; `limit`: only the newest that many. */
  list(limit?: number): Promise<HistoryEntry[]> {
    return this.enqueue(async () => {
      const kept = (await this.load()).slice(-this.limit);
      return limit === undefined ? kept : kept.slice(-limit);
    });
  }

  /** Forgets every entry; returns how many there were. */
  clear(): Promise<number> {
    return this.enqueue(async () => {
      const cleared = Math.min((await this.load()).length, this.limit);
      await writeFileAtomic(this.file, '');
      this.entries = [];
      this.lines = 0;
      this.needsNewline = false;
      return cleared;
    });
  }

  /** Waits for the writes asked for so far. */
  async settled(): Promise<void> {
    await this.queue.catch(() => undefined);
  }

  private enqueue<T>(op: () => Promise<T>): Promise<T> {
    const next = this.queue.then(op, op);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async load(): Promise<HistoryEntry[]> {
    if (this.entries) return this.entries;
    let text = '';
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    const entries: HistoryEntry[] = [];
    const lines = text.split('\n');
    if (lines.at(-1) === '') lines.pop();
    else if (lines.length > 0) this.needsNewline = true;
    for (const line of lines) {
      const entry = parseLine(line);
      if (entry) entries.push(entry);
    }
    this.entries = entries;
    this.lines = lines.length;
    if (this.lines > 2 * this.limit) await this.compact();
    return entries;
  }

  private async compact(): Promise<void> {
    const kept = (this.entries ?? []).slice(-this.limit);
    await writeFileAtomic(this.file, kept.map((e) => `${JSON.stringify(e)}\n`).join(''));
    this.entries = kept;
    this.lines = kept.length;
    this.needsNewline = false;
  }
}

function parseLine(line: string): HistoryEntry | null {
  try {
    const parsed = HistoryEntrySchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A finished run as the latency history keeps it. */
export function historyEntry(request: RunRequest | ParsedRunRequest, result: RunResult, at = Date.now()): HistoryEntry {
  return {
    runId: result.runId,
    at,
    mode: result.mode,
    go: result.go?.version ?? '',
    status: result.status,
    totalMs: result.totalMs,
    ...(result.cache ? { cacheHit: result.cache.hit } : {}),
    ...(request.trace === true ? { traced: true } : {}),
    stages: result.spans.map((s) => ({ name: s.name, durationMs: s.durationMs })),
  };
}
