// The compile cache on disk: artifacts content-addressed by their sha256 (objects/ab/abcd…),
// entries by cache key (entries/<key>.json). The app and the CLI may share one folder at the same
// time, so every read tolerates a file another process has just removed, every write is a
// write-then-rename, and an artifact is checked against its size and hash before each use.
import { createHash } from 'node:crypto';
import { readdir, readFile, rm, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/atomic-write';

export interface CacheEntry {
  key: string;
  /** sha256 (hex) of the artifact, which names its object. */
  artifact: string;
  size: number;
  created: number;
  /** When it was stored; each hit after that touches the entry file's mtime instead of rewriting it. */
  lastUsed: number;
  inputs: Record<string, string>;
}

export interface CacheHit {
  artifact: string;
  /** The verified artifact; null when the caller said it already holds it (see lookup). */
  bytes: Buffer | null;
}

export interface CacheStats {
  entries: number;
  bytes: number;
  budgetBytes: number;
  hits: number;
  misses: number;
}

export interface StoreResult {
  stored: boolean;
  artifact: string;
  /** Why it was not stored. */
  reason?: string;
}

export interface CompileCacheOptions {
  /** The cache folder, e.g. <dataDir>/cache. */
  dir: string;
  /** Read at each store, so a changed setting applies to the next one. */
  budgetBytes: () => number;
  /** The clock for created and last-use times (tests give their own). */
  now?: () => number;
}

const KEY = /^[0-9a-f]{64}$/;
/** An object no entry names yet may be one another process is about to name: leave it this long. */
const ORPHAN_GRACE_MS = 60_000;
/** Hit and miss counts are written this long after the last run, off the run's path. */
const STATS_DELAY_MS = 1000;

interface Scanned {
  entries: { key: string; path: string; entry: CacheEntry; lastUsed: number }[];
  objects: Map<string, { path: string; size: number; mtimeMs: number }>;
}

export class CompileCache {
  private readonly entriesDir: string;
  private readonly objectsDir: string;
  private readonly statsFile: string;
  private pending = { hits: 0, misses: 0 };
  private statsTimer: NodeJS.Timeout | null = null;
  private statsWrite: Promise<void> = Promise.resolve();
  private eviction: Promise<void> | null = null;
  private evictAgain = false;

  constructor(private readonly options: CompileCacheOptions) {
    this.entriesDir = join(options.dir, 'entries');
    this.objectsDir = join(options.dir, 'objects');
    this.statsFile = join(options.dir, 'stats.json');
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  get dir(): string {
    return this.options.dir;
  }

  /**
   * The artifact stored under `key`, verified; null (a miss) when there is none or it is damaged.
   * `held(artifact)`: the caller already has that artifact in a verified form (a compiled module),
   * so only the entry and the object's size are checked, not its bytes.
   */
  async lookup(key: string, options: { held?: (artifact: string) => boolean } = {}): Promise<CacheHit | null> {
    const hit = KEY.test(key) ? await this.read(key, options.held) : null;
    this.count(hit ? 'hits' : 'misses');
    return hit;
  }

  private async read(key: string, held?: (artifact: string) => boolean): Promise<CacheHit | null> {
    const path = this.entryPath(key);
    const entry = await readEntry(path);
    if (!entry) return null;
    if (held?.(entry.artifact)) {
      const st = await stat(this.objectPath(entry.artifact)).catch(() => null);
      if (st?.size === entry.size) {
        await this.touch(path);
        return { artifact: entry.artifact, bytes: null };
      }
    }
    let bytes: Buffer;
    try {
      bytes = await readFile(this.objectPath(entry.artifact));
    } catch {
      await rm(path, { force: true }).catch(() => undefined);
      return null;
    }
    if (bytes.length !== entry.size || sha256(bytes) !== entry.artifact) {
      // Truncated or damaged: forget it; the run rebuilds and stores it again.
      await Promise.all([rm(path, { force: true }), rm(this.objectPath(entry.artifact), { force: true })]).catch(() => undefined);
      return null;
    }
    await this.touch(path);
    return { artifact: entry.artifact, bytes };
  }

  /** Marks an entry used: its mtime is its last use (cheaper than rewriting it on every hit). */
  private async touch(path: string): Promise<void> {
    const now = new Date(this.now());
    await utimes(path, now, now).catch(() => undefined);
  }

  /** Stores a successful build's artifact under `key`; evicts least recently used entries beyond the budget. */
  async store(key: string, bytes: Uint8Array, inputs: Record<string, string>): Promise<StoreResult> {
    const artifact = sha256(bytes);
    if (!KEY.test(key)) return { stored: false, artifact, reason: 'invalid key' };
    const budget = this.options.budgetBytes();
    if (bytes.length > budget) return { stored: false, artifact, reason: 'larger than the cache budget' };
    const object = this.objectPath(artifact);
    const existing = await stat(object).catch(() => null);
    if (existing?.size !== bytes.length) await writeFileAtomic(object, bytes);
    const now = this.now();
    const entry: CacheEntry = { key, artifact, size: bytes.length, created: now, lastUsed: now, inputs };
    await writeFileAtomic(this.entryPath(key), JSON.stringify(entry));
    await this.touch(this.entryPath(key));
    this.trim();
    return { stored: true, artifact };
  }

  async stats(): Promise<CacheStats> {
    const [scan, counts] = await Promise.all([this.scan(), this.readCounts()]);
    let bytes = 0;
    for (const o of scan.objects.values()) bytes += o.size;
    return {
      entries: scan.entries.length,
      bytes,
      budgetBytes: this.options.budgetBytes(),
      hits: counts.hits + this.pending.hits,
      misses: counts.misses + this.pending.misses,
    };
  }

  /** Removes every entry and artifact, and starts the hit and miss counts again. */
  async clear(): Promise<{ removedEntries: number; freedBytes: number }> {
    await this.eviction;
    const scan = await this.scan();
    await Promise.all(scan.entries.map((e) => rm(e.path, { force: true }).catch(() => undefined)));
    let freedBytes = 0;
    await Promise.all(
      [...scan.objects.values()].map(async (o) => {
        if (await rm(o.path).then(() => true, () => false)) freedBytes += o.size;
      }),
    );
    this.pending = { hits: 0, misses: 0 };
    await this.statsWrite;
    await writeFileAtomic(this.statsFile, JSON.stringify({ hits: 0, misses: 0 }));
    return { removedEntries: scan.entries.length, freedBytes };
  }

  /** Waits for the background work (eviction, counts) started so far. */
  async settled(): Promise<void> {
    while (this.eviction) await this.eviction;
    await this.statsWrite;
  }

  /** Writes the counts now and waits for background work: for a process about to exit. */
  async dispose(): Promise<void> {
    if (this.statsTimer) clearTimeout(this.statsTimer);
    this.statsTimer = null;
    this.flushCounts();
    await this.settled();
  }

  private entryPath(key: string): string {
    return join(this.entriesDir, `${key}.json`);
  }

  private objectPath(artifact: string): string {
    return join(this.objectsDir, artifact.slice(0, 2), artifact);
  }

  private count(what: 'hits' | 'misses'): void {
    this.pending[what]++;
    if (this.statsTimer) return;
    this.statsTimer = setTimeout(() => {
      this.statsTimer = null;
      this.flushCounts();
    }, STATS_DELAY_MS);
    this.statsTimer.unref();
  }

  private flushCounts(): void {
    const delta = this.pending;
    if (delta.hits === 0 && delta.misses === 0) return;
    this.pending = { hits: 0, misses: 0 };
    this.statsWrite = this.statsWrite.then(async () => {
      const now = await this.readCounts();
      // Another process may write between our read and write; a lost count is only a statistic.
      await writeFileAtomic(this.statsFile, JSON.stringify({ hits: now.hits + delta.hits, misses: now.misses + delta.misses })).catch(() => undefined);
    });
  }

  private async readCounts(): Promise<{ hits: number; misses: number }> {
    try {
      const raw = JSON.parse(await readFile(this.statsFile, 'utf8')) as { hits?: unknown; misses?: unknown };
      const n = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0);
      return { hits: n(raw.hits), misses: n(raw.misses) };
    } catch {
      return { hits: 0, misses: 0 };
    }
  }

  /** Evicts in the background to fit the budget (one pass at a time; asks during one get one more). */
  trim(): void {
    if (this.eviction) {
      this.evictAgain = true;
      return;
    }
    this.eviction = (async () => {
      do {
        this.evictAgain = false;
        await this.evict().catch(() => undefined);
      } while (this.evictAgain);
      this.eviction = null;
    })();
  }

  /** Drops least recently used entries (and artifacts no entry names any more) until the cache fits its budget. */
  async evict(): Promise<void> {
    const budget = this.options.budgetBytes();
    const { entries, objects } = await this.scan();
    const refs = new Map<string, number>();
    const live = [];
    for (const e of entries) {
      if (!objects.has(e.entry.artifact)) {
        await rm(e.path, { force: true }).catch(() => undefined);
        continue;
      }
      refs.set(e.entry.artifact, (refs.get(e.entry.artifact) ?? 0) + 1);
      live.push(e);
    }
    let total = 0;
    const now = Date.now();
    for (const [hash, o] of objects) {
      if (!refs.has(hash) && now - o.mtimeMs > ORPHAN_GRACE_MS) {
        await rm(o.path, { force: true }).catch(() => undefined);
        continue;
      }
      total += o.size;
    }
    live.sort((a, b) => a.lastUsed - b.lastUsed);
    for (const e of live) {
      if (total <= budget) break;
      await rm(e.path, { force: true }).catch(() => undefined);
      const left = (refs.get(e.entry.artifact) ?? 1) - 1;
      refs.set(e.entry.artifact, left);
      if (left === 0) {
        const o = objects.get(e.entry.artifact)!;
        await rm(o.path, { force: true }).catch(() => undefined);
        total -= o.size;
      }
    }
  }

  private async scan(): Promise<Scanned> {
    const names = await readdir(this.entriesDir).catch(() => [] as string[]);
    const entries = (
      await Promise.all(
        names.map(async (name) => {
          const key = name.endsWith('.json') ? name.slice(0, -5) : '';
          const path = join(this.entriesDir, name);
          if (!KEY.test(key)) {
            if (name.endsWith('.tmp')) await removeStaleTmp(path);
            return null;
          }
          const [entry, st] = await Promise.all([readEntry(path), stat(path).catch(() => null)]);
          if (!entry || !st) return null;
          return { key, path, entry, lastUsed: Math.max(entry.lastUsed, st.mtimeMs) };
        }),
      )
    ).filter((e) => e !== null);
    const objects: Scanned['objects'] = new Map();
    for (const shard of await readdir(this.objectsDir).catch(() => [] as string[])) {
      const dir = join(this.objectsDir, shard);
      const files = await readdir(dir).catch(() => [] as string[]);
      await Promise.all(
        files.map(async (name) => {
          const path = join(dir, name);
          const st = await stat(path).catch(() => null);
          if (!st?.isFile()) return;
          if (KEY.test(name)) objects.set(name, { path, size: st.size, mtimeMs: st.mtimeMs });
          else if (name.endsWith('.tmp')) await removeStaleTmp(path);
        }),
      );
    }
    return { entries, objects };
  }
}

/** A write-then-rename that a crash interrupted (a young one may be another process's write in progress). */
async function removeStaleTmp(path: string): Promise<void> {
  const st = await stat(path).catch(() => null);
  if (st && Date.now() - st.mtimeMs > ORPHAN_GRACE_MS) await rm(path, { force: true }).catch(() => undefined);
}

/** An entry file, or null when it is missing or damaged (a damaged one is removed). */
async function readEntry(path: string): Promise<CacheEntry | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return null;
  }
  try {
    const e = JSON.parse(text) as Partial<CacheEntry>;
    if (typeof e.artifact === 'string' && KEY.test(e.artifact) && typeof e.size === 'number' && typeof e.lastUsed === 'number') {
      return { key: String(e.key), artifact: e.artifact, size: e.size, created: Number(e.created) || 0, lastUsed: e.lastUsed, inputs: e.inputs ?? {} };
    }
  } catch {
    // fall through: damaged
  }
  await rm(path, { force: true }).catch(() => undefined);
  return null;
}

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
