import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashZip } from './dirhash';
import { extractToolchainArchive, toolchainModuleVersion } from './extract';
import {
  FAKE_CMD_GO_MOD,
  FAKE_GO_MOD,
  fakeRelease,
  fakeToolchainZip,
  nodeTarGz,
  rawTarGz,
  rawZip,
  tempDir,
  yazlZip,
} from './test-helpers';

let dir: string;
beforeAll(() => {
  dir = tempDir('extract');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MODULE_PREFIX = 'golang.org/toolchain@v0.0.1-go1.22.3.linux-amd64/';
let n = 0;
/** A fresh destination path below a parent that exists (to see that nothing is left in it). */
function dest(): { parent: string; goroot: string } {
  n += 1;
  const parent = join(dir, `dest-${n}`);
  mkdirSync(parent);
  return { parent, goroot: join(parent, 'goroot') };
}
const mode = (p: string): number => statSync(p).mode & 0o777;

describe('toolchainModuleVersion', () => {
  it('names the golang.org/toolchain module version of a release and platform', () => {
    expect(toolchainModuleVersion('go1.22.3', 'linux', 'amd64')).toBe('v0.0.1-go1.22.3.linux-amd64');
    expect(toolchainModuleVersion('go1.21.0', 'darwin', 'arm64')).toBe('v0.0.1-go1.21.0.darwin-arm64');
    expect(toolchainModuleVersion('go1.23rc1', 'windows', 'amd64')).toBe('v0.0.1-go1.23rc1.windows-amd64');
    expect(toolchainModuleVersion('1.20.14', 'linux', 'arm')).toBe('v0.0.1-go1.20.14.linux-arm');
    // go.dev calls linux/arm archives "armv6l"; the module is published as "-arm".
    expect(toolchainModuleVersion('go1.22.3', 'linux', 'armv6l')).toBe('v0.0.1-go1.22.3.linux-arm');
    expect(() => toolchainModuleVersion('latest', 'linux', 'amd64')).toThrow(/not a Go release name/);
    expect(() => toolchainModuleVersion('go1.22.3', 'linux/amd64', '')).toThrow(/GOOS\/GOARCH/);
  });
});

describe('extractToolchainArchive: toolchain module zips', () => {
  it('writes the GOROOT as cmd/go does: prefix stripped, exec bits, go.mod restored, version and h1', async () => {
    const zip = await fakeToolchainZip(join(dir, 'tc.zip'));
    const { goroot } = dest();
    const progress: [number, number][] = [];
    const r = await extractToolchainArchive(zip, goroot, { onProgress: (d, t) => progress.push([d, t]) });

    expect(r).toEqual({ version: 'go1.22.3', kind: 'toolchain-module', h1: await hashZip(zip) });
    expect(r.h1).toMatch(/^h1:[A-Za-z0-9+/]{43}=$/);
    for (const f of fakeRelease('go1.22.3')) {
      expect(readFileSync(join(goroot, f.name), 'utf8')).toBe(f.data);
      expect(mode(join(goroot, f.name)) & 0o111, f.name).toBe(f.exec ? 0o111 : 0);
    }
    expect(readdirSync(goroot).sort()).toEqual(['VERSION', 'bin', 'lib', 'pkg', 'src']);
    // Each _go.mod is copied (and kept), src/go.mod being the completion marker.
    expect(readFileSync(join(goroot, 'src', 'go.mod'), 'utf8')).toBe(FAKE_GO_MOD);
    expect(readFileSync(join(goroot, 'src', '_go.mod'), 'utf8')).toBe(FAKE_GO_MOD);
    expect(readFileSync(join(goroot, 'src', 'cmd', 'go.mod'), 'utf8')).toBe(FAKE_CMD_GO_MOD);
    // The marker is written after everything else.
    const markerTime = statSync(join(goroot, 'src', 'go.mod')).mtimeMs;
    expect(markerTime).toBeGreaterThanOrEqual(statSync(join(goroot, 'src', 'cmd', 'go.mod')).mtimeMs);
    expect(markerTime).toBeGreaterThanOrEqual(statSync(join(goroot, 'bin', 'go')).mtimeMs);

    const total = fakeRelease('go1.22.3').reduce((s, f) => s + f.data.length, 0) + FAKE_GO_MOD.length + FAKE_CMD_GO_MOD.length;
    expect(progress[0]).toEqual([0, total]);
    expect(progress.at(-1)).toEqual([total, total]);
    for (let i = 1; i < progress.length; i++) expect(progress[i]![0]).toBeGreaterThanOrEqual(progress[i - 1]![0]);
  });

  it('accepts older releases and other platforms, and a go.dev .zip', async () => {
    const old = await fakeToolchainZip(join(dir, 'old.zip'), 'go1.20.14', 'darwin-arm64');
    const a = dest();
    expect(await extractToolchainArchive(old, a.goroot)).toMatchObject({ version: 'go1.20.14', kind: 'toolchain-module' });
    expect(mode(join(a.goroot, 'pkg', 'tool', 'darwin_arm64', 'compile')) & 0o111).toBe(0o111);

    const godevZip = await yazlZip(
      join(dir, 'go1.21.0.windows-amd64.zip'),
      fakeRelease('go1.21.0').map((f) => ({ name: `go/${f.name}`, data: f.data })).concat([{ name: 'go/src/go.mod', data: FAKE_GO_MOD }]),
    );
    const b = dest();
    expect(await extractToolchainArchive(godevZip, b.goroot)).toEqual({ version: 'go1.21.0', kind: 'godev', h1: null });
    expect(readFileSync(join(b.goroot, 'src', 'go.mod'), 'utf8')).toBe(FAKE_GO_MOD);
    expect(mode(join(b.goroot, 'bin', 'go')) & 0o111).toBe(0o111);
  });

  it('detects the kind by content, not by file name', async () => {
    const zip = await fakeToolchainZip(join(dir, 'go1.22.3.linux-amd64.tar.gz'));
    const { goroot } = dest();
    expect((await extractToolchainArchive(zip, goroot)).kind).toBe('toolchain-module');
  });
});

describe('extractToolchainArchive: go.dev .tar.gz', () => {
  it('strips go/, keeps the stored modes, and returns the version without an h1', async () => {
    const files = [
      ...fakeRelease('go1.22.3').map((f) => ({ name: `go/${f.name}`, data: f.data, mode: f.exec ? 0o755 : 0o644 })),
      { name: 'go/src/go.mod', data: FAKE_GO_MOD, mode: 0o644 },
      { name: 'go/misc/wasm/wasm_exec.js', data: '// js\n', mode: 0o644 },
      { name: 'go/src/private.txt', data: 'p\n', mode: 0o600 },
    ];
    const archive = await nodeTarGz(join(dir, 'go1.22.3.linux-amd64.tar.gz'), files);
    const { goroot } = dest();
    const progress: [number, number][] = [];
    const r = await extractToolchainArchive(archive, goroot, { onProgress: (d, t) => progress.push([d, t]) });
    expect(r).toEqual({ version: 'go1.22.3', kind: 'godev', h1: null });
    for (const f of files) {
      const p = join(goroot, f.name.slice('go/'.length));
      expect(readFileSync(p, 'utf8')).toBe(f.data);
      expect(mode(p), f.name).toBe(f.mode);
    }
    const last = progress.at(-1)!;
    expect(last[0]).toBe(last[1]);
    expect(last[0]).toBeGreaterThan(0);
  });
});

describe('extractToolchainArchive: refusals leave nothing behind', () => {
  const release = (prefix: string): { name: string; data: string }[] =>
    fakeRelease('go1.22.3').map((f) => ({ name: prefix + f.name, data: f.data }));

  const refusals: [string, () => string, RegExp][] = [
    ['a ../ entry', () => rawZip(join(dir, 'dotdot.zip'), [...release(MODULE_PREFIX), { name: `${MODULE_PREFIX}../x`, data: 'x' }]), /unsafe entry.*"\.\."/],
    ['a bare ../ entry', () => rawZip(join(dir, 'dotdot2.zip'), [{ name: '../x', data: 'x' }, ...release(MODULE_PREFIX)]), /neither|outside|unsafe/],
    ['an absolute entry', () => rawZip(join(dir, 'abs.zip'), [...release('go/'), { name: '/etc/evil', data: 'x' }]), /absolute path/],
    ['a backslash entry', () => rawZip(join(dir, 'bs.zip'), [...release('go/'), { name: 'go\\..\\evil', data: 'x' }]), /backslash/],
    ['mixed prefixes', () => rawZip(join(dir, 'mixed.zip'), [...release(MODULE_PREFIX), { name: 'go/VERSION2', data: 'x' }]), /mixes folders/],
    ['an unknown prefix', () => rawZip(join(dir, 'unknown.zip'), release('goroot/')), /not a Go release archive/],
    ['a duplicate entry', () => rawZip(join(dir, 'dup.zip'), [...release('go/'), { name: 'go/bin/go', data: 'again' }]), /appears twice/],
    ['a case collision', () => rawZip(join(dir, 'case.zip'), [...release('go/'), { name: 'go/BIN/go', data: 'x' }]), /case-insensitive/],
    ['a symlink in a zip', () => rawZip(join(dir, 'link.zip'), [...release('go/'), { name: 'go/lnk', data: '/etc/passwd', unixMode: 0o120777 }]), /symbolic link/],
    ['a tar duplicate', () => rawTarGz(join(dir, 'tdup.tar.gz'), [...release('go/'), { name: 'go/VERSION', data: 'go1.0\n' }]), /appears twice/],
    ['a tar symlink', () => rawTarGz(join(dir, 'sym.tar.gz'), [...release('go/'), { name: 'go/lnk', type: '2', linkname: '/etc' }]), /symbolic link/],
    ['a tar hard link', () => rawTarGz(join(dir, 'hard.tar.gz'), [...release('go/'), { name: 'go/h', type: '1', linkname: 'go/VERSION' }]), /hard link/],
    ['a tar device', () => rawTarGz(join(dir, 'dev.tar.gz'), [...release('go/'), { name: 'go/tty', type: '3' }]), /CharacterDevice/],
    ['a tar ../ entry', () => rawTarGz(join(dir, 'tdotdot.tar.gz'), [...release('go/'), { name: 'go/../../evil', data: 'x' }]), /"\.\."/],
    ['a tar absolute entry', () => rawTarGz(join(dir, 'tabs.tar.gz'), [...release('go/'), { name: '/tmp/evil', data: 'x' }]), /absolute path|not in "go\/"|outside/],
    ['a tar outside go/', () => rawTarGz(join(dir, 'tout.tar.gz'), [...release('go/'), { name: 'other/x', data: 'x' }]), /outside the archive's single top folder/],
  ];

  for (const [what, make, message] of refusals) {
    it(`refuses ${what}`, async () => {
      const archive = make();
      const { parent, goroot } = dest();
      const err = await extractToolchainArchive(archive, goroot).then(
        () => null,
        (e: unknown) => e as Error & { code?: string },
      );
      expect(err, what).toBeInstanceOf(Error);
      expect(err!.message).toMatch(message);
      expect(err!.name).toBe('ArchiveError');
      expect(['unsafe', 'unknown-format']).toContain(err!.code);
      expect(existsSync(goroot)).toBe(false);
      expect(readdirSync(parent)).toEqual([]);
      expect(existsSync(join(dir, 'evil'))).toBe(false);
    });
  }

  it('refuses a zip that declares more than 2 GiB before writing anything', async () => {
    const bomb = rawZip(join(dir, 'bomb.zip'), [
      ...release('go/'),
      { name: 'go/a', data: 'x', deflate: true, declaredSize: 1_500_000_000 },
      { name: 'go/b', data: 'x', deflate: true, declaredSize: 1_500_000_000 },
    ]);
    const { parent, goroot } = dest();
    await expect(extractToolchainArchive(bomb, goroot)).rejects.toMatchObject({ code: 'too-large' });
    expect(readdirSync(parent)).toEqual([]);
  });

  it('refuses a release whose VERSION contradicts the module name, or without VERSION', async () => {
    const liar = await yazlZip(join(dir, 'liar.zip'), [
      ...fakeRelease('go1.21.0').map((f) => ({ name: MODULE_PREFIX + f.name, data: f.data })),
      { name: `${MODULE_PREFIX}src/_go.mod`, data: FAKE_GO_MOD },
    ]);
    const a = dest();
    await expect(extractToolchainArchive(liar, a.goroot)).rejects.toThrow(/labelled go1\.22\.3 but its VERSION file says go1\.21\.0/);
    expect(readdirSync(a.parent)).toEqual([]);

    const noVersion = await yazlZip(join(dir, 'noversion.zip'), [{ name: 'go/bin/go', data: '#!/bin/sh\n' }]);
    const b = dest();
    await expect(extractToolchainArchive(noVersion, b.goroot)).rejects.toMatchObject({ code: 'not-a-go-release' });
    expect(readdirSync(b.parent)).toEqual([]);
  });

  it('refuses an existing destination without touching it, and a file that is not an archive', async () => {
    const zip = await fakeToolchainZip(join(dir, 'tc-exists.zip'));
    const { goroot } = dest();
    mkdirSync(goroot);
    writeFileSync(join(goroot, 'mine.txt'), 'keep');
    await expect(extractToolchainArchive(zip, goroot)).rejects.toMatchObject({ code: 'destination-exists' });
    expect(readFileSync(join(goroot, 'mine.txt'), 'utf8')).toBe('keep');

    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'not an archive');
    const d = dest();
    await expect(extractToolchainArchive(text, d.goroot)).rejects.toMatchObject({ code: 'unknown-format' });
    expect(readdirSync(d.parent)).toEqual([]);
  });

  it('reports truncated and corrupted archives as damaged and removes what was written', async () => {
    const blob = randomBytes(200_000);
    const zip = await yazlZip(join(dir, 'big.zip'), [
      ...release(MODULE_PREFIX),
      { name: `${MODULE_PREFIX}src/_go.mod`, data: FAKE_GO_MOD },
      { name: `${MODULE_PREFIX}pkg/blob`, data: blob, store: true },
    ]);
    const bytes = readFileSync(zip);

    const truncated = join(dir, 'truncated.zip');
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const a = dest();
    await expect(extractToolchainArchive(truncated, a.goroot)).rejects.toMatchObject({ code: 'corrupt' });
    expect(readdirSync(a.parent)).toEqual([]);

    // Damage the stored blob in the middle: the files before it are written, then the CRC fails.
    const damaged = Buffer.from(bytes);
    const at = damaged.indexOf(blob.subarray(100_000, 100_016));
    expect(at).toBeGreaterThan(0);
    damaged[at] = (damaged[at] as number) ^ 0xff;
    const damagedPath = join(dir, 'damaged.zip');
    writeFileSync(damagedPath, damaged);
    const b = dest();
    await expect(extractToolchainArchive(damagedPath, b.goroot)).rejects.toThrow(/damaged or incomplete.*checksum error.*Download or copy it again/);
    expect(readdirSync(b.parent)).toEqual([]);

    const tgz = await nodeTarGz(
      join(dir, 'go-trunc.tar.gz'),
      [...release('go/').map((f) => ({ ...f, mode: 0o644 })), { name: 'go/blob', data: randomBytes(300_000).toString('base64'), mode: 0o644 }],
    );
    const tbytes = readFileSync(tgz);
    const ttrunc = join(dir, 'go-trunc-cut.tar.gz');
    writeFileSync(ttrunc, tbytes.subarray(0, Math.floor(tbytes.length * 0.7)));
    const c = dest();
    await expect(extractToolchainArchive(ttrunc, c.goroot)).rejects.toMatchObject({ code: 'corrupt' });
    expect(readdirSync(c.parent)).toEqual([]);
  });
});

describe('extractToolchainArchive: cancellation', () => {
  it('stops on abort with an AbortError and leaves nothing (zip and tar.gz)', async () => {
    const blob = randomBytes(6 * 1024 * 1024);
    const zip = await yazlZip(join(dir, 'abort.zip'), [
      ...fakeRelease('go1.22.3').map((f) => ({ name: MODULE_PREFIX + f.name, data: f.data })),
      { name: `${MODULE_PREFIX}src/_go.mod`, data: FAKE_GO_MOD },
      { name: `${MODULE_PREFIX}pkg/blob`, data: blob },
      { name: `${MODULE_PREFIX}pkg/zz-after`, data: 'never written' },
    ]);
    const tgz = await nodeTarGz(join(dir, 'abort.tar.gz'), [
      ...fakeRelease('go1.22.3').map((f) => ({ name: `go/${f.name}`, data: f.data, mode: 0o644 })),
      { name: 'go/pkg/blob', data: blob, mode: 0o644 },
    ]);
    for (const archive of [zip, tgz]) {
      const { parent, goroot } = dest();
      const controller = new AbortController();
      const seen: number[] = [];
      const err = await extractToolchainArchive(archive, goroot, {
        signal: controller.signal,
        onProgress: (done) => {
          seen.push(done);
          if (done > 1024 * 1024) controller.abort();
        },
      }).then(
        () => null,
        (e: unknown) => e as Error,
      );
      expect(err?.name, archive).toBe('AbortError');
      expect(seen.some((d) => d > 1024 * 1024)).toBe(true);
      expect(readdirSync(parent)).toEqual([]);
    }

    // Already aborted: nothing is even created.
    const { parent, goroot } = dest();
    const controller = new AbortController();
    controller.abort();
    await expect(extractToolchainArchive(zip, goroot, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(readdirSync(parent)).toEqual([]);
  });
});
