import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { SNIPPET_RUNS_LIMIT, type SnippetRun } from '../../../shared/snippets';
import type { Tab } from '../../../shared/workspace';
import { SnippetStore } from './snippet-store';

const root = mkdtempSync(join(tmpdir(), 'gopherlab-snippets-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => mkdtempSync(join(root, `d${n++}-`));

const tab = (id: string, source: string, title = `${id}.go`): Tab => ({ id, title, source, go: '', mode: 'wasm' });
const clock = () => {
  let t = 1_000;
  return () => (t += 1_000);
};
const run = (runId: string, at: number, stdout = 'hi\n'): SnippetRun => ({
  runId,
  at,
  go: 'go1.22.3',
  mode: 'wasm',
  status: 'ok',
  exitCode: 0,
  totalMs: 12,
  stdout,
  stderr: '',
  truncated: false,
  message: '',
});

describe('snippet store', () => {
  it('keeps one file per tab, writes only what changed, and reads back in a new process', async () => {
    const dir = freshDir();
    const store = new SnippetStore(dir, { now: clock() });
    await store.saveTabs([tab('tab-a', 'package a\n'), tab('tab-b', 'package b\n')]);
    expect(readdirSync(join(dir, 'snippets')).sort()).toEqual(['tab-a.json', 'tab-b.json']);

    await store.saveTabs([tab('tab-a', 'package a\n'), tab('tab-b', 'package b // edited\n')]);
    const list = (await store.list()).snippets;
    expect(list.map((s) => s.id)).toEqual(['tab-b', 'tab-a']);
    const [b, a] = list;
    expect(a?.updatedAt).toBe(a?.createdAt);
    expect(b?.updatedAt).toBeGreaterThan(b?.createdAt ?? Infinity);

    const again = new SnippetStore(dir);
    expect((await again.get('tab-b')).source).toBe('package b // edited\n');
    expect((await again.list()).snippets).toHaveLength(2);
  });

  it('survives being killed in the middle of writes: the file is always a whole version', async () => {
    const dir = freshDir();
    // A child process saves ever-newer versions of a large snippet as fast as it can and says
    // which ones are done; it is killed with SIGKILL at a random moment, several times over.
    const storePath = resolve(__dirname, 'snippet-store.ts');
    const script = join(dir, 'writer.ts');
    const PAD = 2 * 1024 * 1024;
    writeFileSync(
      script,
      `import { SnippetStore } from ${JSON.stringify(storePath)};
const store = new SnippetStore(${JSON.stringify(dir)});
const pad = 'x'.repeat(${PAD});
const from = Number(process.argv[2]);
(async () => {
  for (let v = from; ; v++) {
    await store.saveTabs([{ id: 'tab-k', title: 'k.go', source: 'v' + v + '\\n' + pad, go: '', mode: 'wasm' }]);
    process.stdout.write(v + '\\n');
  }
})();
`,
    );
    let lastDone = 0;
    for (let round = 0; round < 4; round++) {
      const child = spawn(process.execPath, ['--import', 'tsx', script, String(lastDone + 1)], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((done, fail) => {
        let timer: ReturnType<typeof setTimeout> | null = null;
        createInterface({ input: child.stdout }).on('line', (line) => {
          lastDone = Number(line);
          timer ??= setTimeout(() => child.kill('SIGKILL'), Math.random() * 40);
        });
        child.on('exit', () => done());
        child.on('error', fail);
      });
      expect(lastDone).toBeGreaterThan(0);

      const store = new SnippetStore(dir);
      const { snippets, skipped } = await store.list();
      expect(skipped).toEqual([]);
      expect(snippets).toHaveLength(1);
      const source = (await store.get('tab-k')).source;
      const version = Number(/^v(\d+)\n/.exec(source)?.[1]);
      // Whatever was acknowledged is there; at most the write under way when it died is newer.
      expect(version).toBeGreaterThanOrEqual(lastDone);
      expect(source.length).toBe(`v${version}\n`.length + PAD);
      // The temp file a killed write left behind is swept.
      expect(readdirSync(join(dir, 'snippets')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      lastDone = version;
    }
  });

  it('ignores a leftover temp file from a crashed write and keeps the version before it', async () => {
    const dir = freshDir();
    await new SnippetStore(dir).saveTabs([tab('tab-t', 'package whole\n')]);
    const snippets = join(dir, 'snippets');
    // writeFileAtomic's temp name, from a process that no longer exists, cut short.
    writeFileSync(join(snippets, 'tab-t.json.2147480000.deadbeef.tmp'), '{"id":"tab-t","title":"t.go","source":"package ha');
    const store = new SnippetStore(dir);
    expect((await store.get('tab-t')).source).toBe('package whole\n');
    expect((await store.list()).skipped).toEqual([]);
    expect(existsSync(join(snippets, 'tab-t.json.2147480000.deadbeef.tmp'))).toBe(false);
  });

  it('restores the version before the last save when a snippet file is cut short, and says so', async () => {
    const dir = freshDir();
    const store = new SnippetStore(dir);
    await store.saveTabs([tab('tab-c', 'package first\n')]);
    await store.saveTabs([tab('tab-c', 'package second\n')]);
    const file = join(dir, 'snippets', 'tab-c.json');
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 30));

    const reopened = new SnippetStore(dir);
    const { snippets, skipped } = await reopened.list();
    expect(snippets.map((s) => s.id)).toEqual(['tab-c']);
    expect((await reopened.get('tab-c')).source).toBe('package first\n');
    expect(skipped).toEqual([{ file: 'tab-c.json', reason: expect.stringContaining('restored the version before its last save') }]);
    // The whole version is back in place, so the damaged one never becomes the backup.
    expect(JSON.parse(readFileSync(file, 'utf8')).source).toBe('package first\n');
  });

  it('skips a damaged snippet with no backup, lists the rest, and leaves the file alone', async () => {
    const dir = freshDir();
    await new SnippetStore(dir).saveTabs([tab('tab-ok', 'package ok\n')]);
    const snippets = join(dir, 'snippets');
    writeFileSync(join(snippets, 'tab-bad.json'), '{"id":"tab-bad","ti');
    writeFileSync(join(snippets, 'tab-odd.json'), JSON.stringify({ id: 'tab-other', title: 'x', source: '', go: '', mode: 'wasm', createdAt: 1, updatedAt: 1 }));
    writeFileSync(join(snippets, 'notes.txt'), 'not a snippet');

    const { snippets: list, skipped } = await new SnippetStore(dir).list();
    expect(list.map((s) => s.id)).toEqual(['tab-ok']);
    expect(skipped).toEqual(
      expect.arrayContaining([
        { file: 'tab-bad.json', reason: expect.stringContaining('not whole JSON') },
        { file: 'tab-odd.json', reason: expect.stringContaining('does not match its file name') },
      ]),
    );
    expect(skipped).toHaveLength(2);
    expect(readFileSync(join(snippets, 'tab-bad.json'), 'utf8')).toBe('{"id":"tab-bad","ti');
  });

  it('searches titles and sources, case-insensitively, with the matching line', async () => {
    const store = new SnippetStore(freshDir(), { now: clock() });
    await store.saveTabs([
      tab('tab-1', 'package main\n\nfunc main() { println("Channels") }\n', 'pipes.go'),
      tab('tab-2', 'package main\n', 'channel-demo.go'),
      tab('tab-3', 'package other\n', 'misc.go'),
    ]);
    const found = (await store.list('CHANNEL')).snippets;
    expect(found.map((s) => [s.id, s.match])).toEqual([
      ['tab-2', undefined],
      ['tab-1', 'func main() { println("Channels") }'],
    ]);
    expect((await store.list('nothing like this')).snippets).toEqual([]);
    expect((await store.list('  ')).snippets).toHaveLength(3);
  });

  it('renames, duplicates and deletes; a delete is not undone by a save already under way', async () => {
    const dir = freshDir();
    const store = new SnippetStore(dir, { now: clock() });
    await store.saveTabs([tab('tab-r', 'package r\n', 'r.go')]);
    expect((await store.rename('tab-r', '  better name.go ')).title).toBe('better name.go');
    await expect(store.rename('tab-r', '   ')).rejects.toMatchObject({ code: 'invalid-params' });

    const copy = await store.duplicate('tab-r');
    expect(copy.title).toBe('better name.go (copy)');
    expect(copy.id).not.toBe('tab-r');
    expect((await store.get(copy.id)).source).toBe('package r\n');
    expect((await store.duplicate(copy.id)).title).toBe('better name.go (copy 2)');

    await store.recordRun('tab-r', run('run-1', 5));
    expect(await store.delete('tab-r')).toBe(true);
    // The tab was still open in a workspace save that was on its way.
    await store.saveTabs([tab('tab-r', 'package r\n', 'better name.go')]);
    expect(await store.recordRun('tab-r', run('run-2', 6))).toBe(false);
    expect((await store.list()).snippets.map((s) => s.id)).not.toContain('tab-r');
    expect(readdirSync(join(dir, 'snippets')).filter((f) => f.startsWith('tab-r'))).toEqual([]);
    await expect(store.get('tab-r')).rejects.toMatchObject({ code: 'not-found' });
    await expect(store.duplicate('tab-gone')).rejects.toMatchObject({ code: 'not-found' });

    const reopened = new SnippetStore(dir);
    expect((await reopened.list()).snippets.map((s) => s.title).sort()).toEqual(['better name.go (copy 2)', 'better name.go (copy)']);
  });

  it('keeps the last runs of each snippet, newest first, across restarts', async () => {
    const dir = freshDir();
    const store = new SnippetStore(dir);
    await store.saveTabs([tab('tab-h', 'package h\n')]);
    // Recorded at once: none may be lost to another.
    await Promise.all(Array.from({ length: SNIPPET_RUNS_LIMIT + 5 }, (_, i) => store.recordRun('tab-h', run(`run-${i}`, 100 + i, `out ${i}\n`))));
    const runs = await store.listRuns('tab-h');
    expect(runs).toHaveLength(SNIPPET_RUNS_LIMIT);
    expect(runs[0]?.runId).toBe(`run-${SNIPPET_RUNS_LIMIT + 4}`);
    expect(runs.at(-1)?.runId).toBe('run-5');
    expect((await new SnippetStore(dir).listRuns('tab-h')).map((r) => r.stdout)).toEqual(runs.map((r) => r.stdout));
  });

  it('holds a run recorded before its snippet was first saved, and drops history that never got a snippet', async () => {
    const dir = freshDir();
    const store = new SnippetStore(dir);
    await store.recordRun('tab-early', run('run-e', 1));
    await store.recordRun('tab-never', run('run-n', 1));
    await store.saveTabs([tab('tab-early', 'package e\n')]);
    expect((await store.listRuns('tab-early')).map((r) => r.runId)).toEqual(['run-e']);

    const reopened = new SnippetStore(dir);
    expect((await reopened.listRuns('tab-early')).map((r) => r.runId)).toEqual(['run-e']);
    expect(readdirSync(join(dir, 'snippets'))).not.toContain('tab-never.runs.json');
  });

  it('writes a snippet again on the next save when its write failed', async () => {
    const dir = freshDir();
    const store = new SnippetStore(dir);
    await store.list();
    // A directory where the file goes makes the rename fail, as a full or broken disk would.
    const blocker = join(dir, 'snippets', 'tab-w.json');
    mkdirSync(blocker, { recursive: true });
    await expect(store.saveTabs([tab('tab-w', 'package w\n')])).rejects.toThrow();
    rmSync(blocker, { recursive: true });
    await store.saveTabs([tab('tab-w', 'package w\n')]);
    expect(JSON.parse(readFileSync(blocker, 'utf8')).source).toBe('package w\n');
  });

  it('takes in the tabs of the saved workspace the first time it is read', async () => {
    const dir = freshDir();
    const store = new SnippetStore(dir, { seed: async () => [tab('tab-s', 'package seeded\n', 'seeded.go')] });
    expect((await store.list()).snippets.map((s) => s.title)).toEqual(['seeded.go']);
    expect(existsSync(join(dir, 'snippets', 'tab-s.json'))).toBe(true);
  });
});
