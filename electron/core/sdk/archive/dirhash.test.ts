import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashDir, hashZip } from './dirhash';
import { rawZip, tempDir, yazlZip } from './test-helpers';

let dir: string;
beforeAll(() => {
  dir = tempDir('dirhash');
  // A HOME of its own with Go telemetry off: otherwise cmd/go leaves a child process writing there.
  const telemetry = join(dir, 'home', '.config', 'go', 'telemetry');
  mkdirSync(telemetry, { recursive: true });
  writeFileSync(join(telemetry, 'mode'), 'off');
});
afterAll(() => {
  // cmd/go leaves read-only folders in a module cache unless -modcacherw; be sure anyway.
  execFileSync('chmod', ['-R', 'u+w', dir]);
  rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
});

/**
 * The oracle is cmd/go itself: a zip placed in a module cache's download folder without a .ziphash
 * is hashed by `go mod download` with dirhash.HashZip, printed as "Sum" (and extracted to "Dir").
 */
function moduleCache(label: string, version: string): { zip: string } {
  const cache = join(dir, label);
  const dl = join(cache, 'cache', 'download', 'example.com', 'm', '@v');
  mkdirSync(dl, { recursive: true });
  const goMod = 'module example.com/m\n\ngo 1.21\n';
  writeFileSync(join(dl, `${version}.mod`), goMod);
  writeFileSync(join(dl, `${version}.info`), JSON.stringify({ Version: version, Time: '2024-01-01T00:00:00Z' }));
  return { zip: join(dl, `${version}.zip`) };
}

function runGo(cache: string, version: string): { Sum: string; Dir: string } {
  const out = execFileSync('go', ['mod', 'download', '-json', `example.com/m@${version}`], {
    cwd: dir,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      HOME: join(dir, 'home'),
      GOMODCACHE: cache,
      GOCACHE: join(dir, 'gocache'),
      GOPROXY: 'off',
      GOSUMDB: 'off',
      GOFLAGS: '-modcacherw',
      GOTOOLCHAIN: 'local',
    },
  });
  return JSON.parse(out) as { Sum: string; Dir: string };
}

describe('hashZip / hashDir (dirhash h1:)', () => {
  it('matches the Sum cmd/go computes for a module zip, names sorted by bytes, stored and deflated entries', async () => {
    const version = 'v1.0.0';
    const p = 'example.com/m@v1.0.0/';
    const { zip } = moduleCache('mc1', version);
    // 𝒜 (U+1D49C) sorts before ﬀ (U+FB00) in UTF-16 but after it in UTF-8: Go sorts bytes.
    await yazlZip(zip, [
      { name: `${p}go.mod`, data: 'module example.com/m\n\ngo 1.21\n' },
      { name: `${p}a.go`, data: 'package m\n\nconst A = 1\n', store: true },
      { name: `${p}a-b/x.go`, data: 'package x\n' },
      { name: `${p}a/b.go`, data: 'package a\n' },
      { name: `${p}Z.go`, data: 'package m\n' },
      { name: `${p}\u00e9.go`, data: 'package m // e-acute\n' },
      { name: `${p}\u{1d49c}.go`, data: 'package m // script A\n' },
      { name: `${p}\ufb00.go`, data: 'package m // ff ligature\n', store: true },
      { name: `${p}big.txt`, data: Buffer.alloc(300_000, 'gopher ') },
    ]);
    const go = runGo(join(dir, 'mc1'), version);
    expect(go.Sum).toMatch(/^h1:[A-Za-z0-9+/]{43}=$/);
    expect(await hashZip(zip)).toBe(go.Sum);
    // The folder cmd/go extracted hashes the same (what it checks go.sum against for a directory).
    expect(await hashDir(go.Dir, 'example.com/m@v1.0.0')).toBe(go.Sum);
  });

  it('counts directory entries as empty files, exactly as Go does', async () => {
    const version = 'v1.1.0';
    const p = 'example.com/m@v1.1.0/';
    const { zip } = moduleCache('mc2', version);
    await yazlZip(zip, [
      { name: `${p}go.mod`, data: 'module example.com/m\n\ngo 1.21\n' },
      { name: `${p}sub/` },
      { name: `${p}sub/b.go`, data: 'package sub\n' },
    ]);
    const go = runGo(join(dir, 'mc2'), version);
    expect(await hashZip(zip)).toBe(go.Sum);
    // The extracted folder has no entry for sub/ itself, so its hash differs.
    expect(await hashDir(go.Dir, 'example.com/m@v1.1.0')).not.toBe(go.Sum);
  });

  it('hashes a directory with or without a prefix, like dirhash.HashDir', async () => {
    const root = join(dir, 'tree');
    mkdirSync(join(root, 'x', 'y'), { recursive: true });
    writeFileSync(join(root, 'x', 'y', 'z.txt'), 'zed\n');
    writeFileSync(join(root, 'top.txt'), 'top\n');
    const zipWithPrefix = await yazlZip(join(dir, 'tree-p.zip'), [
      { name: 'p/top.txt', data: 'top\n' },
      { name: 'p/x/y/z.txt', data: 'zed\n' },
    ]);
    const zipNoPrefix = await yazlZip(join(dir, 'tree.zip'), [
      { name: 'x/y/z.txt', data: 'zed\n' },
      { name: 'top.txt', data: 'top\n' },
    ]);
    expect(await hashDir(root, 'p')).toBe(await hashZip(zipWithPrefix));
    expect(await hashDir(root, '')).toBe(await hashZip(zipNoPrefix));
    expect(await hashDir(root, 'p')).not.toBe(await hashDir(root, ''));
  });

  it('refuses names with a newline, as Go does', async () => {
    const zip = rawZip(join(dir, 'newline.zip'), [{ name: 'm@v1/a\nb.go', data: 'x' }]);
    await expect(hashZip(zip)).rejects.toThrow(/newlines/);
  });

  it('reports a truncated zip and a corrupted entry as a damaged archive', async () => {
    const good = await yazlZip(join(dir, 'good.zip'), [
      { name: 'm@v1/a.txt', data: 'hello, stored content', store: true },
      { name: 'm@v1/b.txt', data: Buffer.alloc(10_000, 'abc') },
    ]);
    const bytes = readFileSync(good);
    const truncated = join(dir, 'truncated.zip');
    writeFileSync(truncated, bytes.subarray(0, bytes.length - 30));
    await expect(hashZip(truncated)).rejects.toMatchObject({ name: 'ArchiveError', code: 'corrupt' });
    await expect(hashZip(truncated)).rejects.toThrow(/damaged or incomplete.*Download or copy it again/);

    const flipped = Buffer.from(bytes);
    const at = flipped.indexOf('stored content');
    flipped[at] = (flipped[at] as number) ^ 0xff;
    const damaged = join(dir, 'damaged.zip');
    writeFileSync(damaged, flipped);
    await expect(hashZip(damaged)).rejects.toThrow(/checksum error/);
  });

  it('propagates a missing file as a file-system error', async () => {
    await expect(hashZip(join(dir, 'nope.zip'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
