// The compile cache's store on a real folder: artifacts verified on every use, LRU eviction to a
// budget, counts that outlive the process, and no crash when another process removes files.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CompileCache } from './compile-cache';

const root = mkdtempSync(join(tmpdir(), 'gopherlab-cache-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

/** A cache in a fresh folder with its own clock, so the LRU order never depends on timing. */
function fresh(budget = 1 << 20) {
  const dir = join(root, `c${++n}`);
  const clock = { t: 1_700_000_000_000 };
  const options = { dir, budgetBytes: () => budget, now: () => (clock.t += 1000) };
  return { dir, clock, options, cache: new CompileCache(options) };
}

const key = (s: string) => createHash('sha256').update(s).digest('hex');
const bytes = (size: number, fill: number) => Buffer.alloc(size, fill);
const objectPath = (dir: string, artifact: string) => join(dir, 'objects', artifact.slice(0, 2), artifact);

describe('CompileCache', () => {
  it('stores an artifact by content hash and returns it, verified, for the same key', async () => {
    const { cache, dir } = fresh();
    const data = bytes(5000, 1);
    expect(await cache.lookup(key('a'))).toBeNull();
    const stored = await cache.store(key('a'), data, { sources: 'abc' });
    expect(stored).toMatchObject({ stored: true, artifact: createHash('sha256').update(data).digest('hex') });
    const hit = await cache.lookup(key('a'));
    expect(hit?.artifact).toBe(stored.artifact);
    expect(Buffer.compare(hit!.bytes!, data)).toBe(0);
    const entry = JSON.parse(readFileSync(join(dir, 'entries', `${key('a')}.json`), 'utf8')) as Record<string, unknown>;
    expect(entry).toMatchObject({ key: key('a'), artifact: stored.artifact, size: 5000, inputs: { sources: 'abc' } });
    // Two keys with the same artifact share one object.
    await cache.store(key('b'), data, {});
    expect(readdirSync(join(dir, 'objects', stored.artifact.slice(0, 2)))).toEqual([stored.artifact]);
    expect(await cache.stats()).toMatchObject({ entries: 2, bytes: 5000, hits: 1, misses: 1 });
    await cache.dispose();
  });

  it('treats a truncated, damaged or missing artifact as a miss and forgets the entry', async () => {
    const { cache, dir } = fresh();
    const a = await cache.store(key('t'), bytes(4096, 2), {});
    truncateSync(objectPath(dir, a.artifact), 100);
    expect(await cache.lookup(key('t'))).toBeNull();
    expect(existsSync(join(dir, 'entries', `${key('t')}.json`))).toBe(false);
    // Stored again, it is whole again.
    await cache.store(key('t'), bytes(4096, 2), {});
    expect((await cache.lookup(key('t')))?.bytes?.length).toBe(4096);

    // Same size, other bytes: only the hash can tell.
    const b = await cache.store(key('d'), bytes(4096, 3), {});
    writeFileSync(objectPath(dir, b.artifact), bytes(4096, 4));
    expect(await cache.lookup(key('d'))).toBeNull();

    const c = await cache.store(key('m'), bytes(10, 5), {});
    rmSync(objectPath(dir, c.artifact));
    expect(await cache.lookup(key('m'))).toBeNull();
    // A damaged entry file is a miss too.
    writeFileSync(join(dir, 'entries', `${key('x')}.json`), '{"artifact": 4');
    expect(await cache.lookup(key('x'))).toBeNull();
    expect(existsSync(join(dir, 'entries', `${key('x')}.json`))).toBe(false);
    await cache.dispose();
  });

  it('skips reading the bytes only when the caller holds the artifact, and still checks its size', async () => {
    const { cache, dir } = fresh();
    const a = await cache.store(key('h'), bytes(3000, 6), {});
    const held = await cache.lookup(key('h'), { held: (artifact) => artifact === a.artifact });
    expect(held).toEqual({ artifact: a.artifact, bytes: null });
    // Not held: read and verified.
    expect((await cache.lookup(key('h'), { held: () => false }))?.bytes?.length).toBe(3000);
    // Held but truncated on disk: read, found damaged, a miss.
    truncateSync(objectPath(dir, a.artifact), 10);
    expect(await cache.lookup(key('h'), { held: () => true })).toBeNull();
    await cache.dispose();
  });

  it('evicts least recently used entries to stay within the budget, and refuses an artifact larger than the budget', async () => {
    const { cache, dir } = fresh(3500);
    for (const [i, name] of ['one', 'two', 'three'].entries()) await cache.store(key(name), bytes(1000, i + 1), {});
    await cache.settled();
    expect((await cache.stats()).entries).toBe(3);
    // Using "one" makes "two" the least recently used.
    expect(await cache.lookup(key('one'))).not.toBeNull();
    await cache.store(key('four'), bytes(1000, 9), {});
    await cache.settled();
    const stats = await cache.stats();
    expect(stats.bytes).toBeLessThanOrEqual(3500);
    expect(stats.entries).toBe(3);
    expect(await cache.lookup(key('two'))).toBeNull();
    for (const name of ['one', 'three', 'four']) expect(await cache.lookup(key(name)), name).not.toBeNull();

    expect(await cache.store(key('huge'), bytes(4000, 1), {})).toMatchObject({ stored: false, reason: 'larger than the cache budget' });
    expect(await cache.lookup(key('huge'))).toBeNull();
    expect(readdirSync(join(dir, 'entries'))).toHaveLength(3);
    await cache.dispose();
  });

  it('reads the budget at each store, so a smaller budget applies to the next one', async () => {
    let budget = 10_000;
    const dir = join(root, 'budget');
    let t = 1_700_000_000_000;
    const cache = new CompileCache({ dir, budgetBytes: () => budget, now: () => (t += 1000) });
    for (let i = 0; i < 8; i++) await cache.store(key(`b${i}`), bytes(1000, i), {});
    await cache.settled();
    expect((await cache.stats()).entries).toBe(8);
    budget = 2500;
    await cache.store(key('b8'), bytes(1000, 8), {});
    await cache.settled();
    const stats = await cache.stats();
    expect(stats).toMatchObject({ entries: 2, budgetBytes: 2500 });
    expect(stats.bytes).toBeLessThanOrEqual(2500);
    expect(await cache.lookup(key('b8'))).not.toBeNull();
    await cache.dispose();
  });

  it('keeps hit and miss counts across instances, and clear empties the cache and the counts', async () => {
    const { cache, options } = fresh();
    await cache.store(key('s'), bytes(100, 1), {});
    await cache.lookup(key('s'));
    await cache.lookup(key('s'));
    await cache.lookup(key('nope'));
    await cache.dispose();
    const again = new CompileCache(options);
    expect(await again.stats()).toMatchObject({ entries: 1, bytes: 100, hits: 2, misses: 1 });
    expect(await again.clear()).toEqual({ removedEntries: 1, freedBytes: 100 });
    expect(await again.stats()).toMatchObject({ entries: 0, bytes: 0, hits: 0, misses: 0 });
    expect(await again.lookup(key('s'))).toBeNull();
    await again.dispose();
  });

  it('never crashes when another process removes the cache under it', async () => {
    const { cache, dir } = fresh();
    await cache.store(key('r'), bytes(100, 1), {});
    rmSync(dir, { recursive: true, force: true });
    expect(await cache.lookup(key('r'))).toBeNull();
    expect(await cache.stats()).toMatchObject({ entries: 0, bytes: 0 });
    await cache.evict();
    expect(await cache.clear()).toEqual({ removedEntries: 0, freedBytes: 0 });
    // And it works again at once.
    await cache.store(key('r'), bytes(100, 1), {});
    expect(await cache.lookup(key('r'))).not.toBeNull();
    await cache.dispose();
  });

  it('refuses keys that are not sha256 hex (they name files)', async () => {
    const { cache } = fresh();
    expect(await cache.store('../../evil', bytes(10, 1), {})).toMatchObject({ stored: false });
    expect(await cache.lookup('../../evil')).toBeNull();
    await cache.dispose();
  });
});
