// The fuse list (build/fuses.cjs) and the afterPack hook that burns it into the packed Electron
// binary (scripts/after-pack.cjs), run on a stand-in binary that carries a real fuse wire.
import * as electronFuses from '@electron/fuses';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { E2E_BUILD_ENV, E2E_FUSES, RELEASE_FUSES, fuseSettings, toFuseConfig, type FuseSettings } from './fuses.cjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { FuseV1Options, FuseVersion } = electronFuses;

// How Electron lays out its fuse wire: a sentinel, the wire version, the wire length, one byte per fuse.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ON = 0x31;
const OFF = 0x30;
/** Electron's defaults for its nine V1 fuses (the ninth, WasmTrapHandlers, is newer than @electron/fuses 1.x). */
const STOCK_WIRE = [ON, OFF, ON, ON, OFF, OFF, OFF, ON, ON];

describe('the fuse list', () => {
  it('turns off every way to run code other than the app, in release builds', () => {
    expect(RELEASE_FUSES).toEqual({
      RunAsNode: false,
      EnableCookieEncryption: true,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      LoadBrowserProcessSpecificV8Snapshot: false,
      GrantFileProtocolExtraPrivileges: false,
    });
  });

  it("sets every fuse @electron/fuses knows, by a name it knows", () => {
    const known = Object.keys(FuseV1Options).filter((k) => Number.isNaN(Number(k)));
    expect(Object.keys(RELEASE_FUSES).sort()).toEqual(known.sort());
  });

  it("differs for e2e builds only in the inspector fuse Playwright's _electron.launch needs", () => {
    const changed = Object.keys(RELEASE_FUSES).filter(
      (name) => RELEASE_FUSES[name as keyof FuseSettings] !== E2E_FUSES[name as keyof FuseSettings],
    );
    expect(changed).toEqual(['EnableNodeCliInspectArguments']);
    expect(E2E_FUSES.EnableNodeCliInspectArguments).toBe(true);
    expect(fuseSettings({})).toEqual({ kind: 'release', fuses: RELEASE_FUSES });
    expect(fuseSettings({ [E2E_BUILD_ENV]: '1' })).toEqual({ kind: 'e2e', fuses: E2E_FUSES });
  });

  it('maps names onto @electron/fuses wire positions, and refuses a name it does not know', () => {
    const config = toFuseConfig(electronFuses, RELEASE_FUSES) as unknown as Record<string | number, unknown>;
    expect(config.version).toBe(FuseVersion.V1);
    expect(config[FuseV1Options.RunAsNode]).toBe(false);
    expect(config[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(() => toFuseConfig(electronFuses, { ...RELEASE_FUSES, RunAsNod: false } as unknown as FuseSettings)).toThrow(/RunAsNod/);
  });
});

describe('the afterPack hook', () => {
  const afterPack = createRequire(import.meta.url)(join(root, 'scripts', 'after-pack.cjs')) as (context: unknown) => Promise<void>;
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gopherlab-fuses-'));
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    delete process.env[E2E_BUILD_ENV];
    await rm(dir, { recursive: true, force: true });
  });

  /** A file laid out like an Electron binary around its fuse wire. */
  async function standInBinary(path: string): Promise<void> {
    const wire = Buffer.concat([Buffer.from(SENTINEL), Buffer.from([1, STOCK_WIRE.length]), Buffer.from(STOCK_WIRE)]);
    await writeFile(path, Buffer.concat([Buffer.alloc(1024, 0x90), wire, Buffer.alloc(1024, 0x90)]), { mode: 0o755 });
  }

  async function wireOf(path: string): Promise<number[]> {
    const bytes = await readFile(path);
    const at = bytes.indexOf(SENTINEL) + SENTINEL.length + 2;
    return [...bytes.subarray(at, at + STOCK_WIRE.length)];
  }

  const linuxContext = () => ({
    appOutDir: dir,
    electronPlatformName: 'linux',
    arch: 1,
    packager: { executableName: 'gopherlab', appInfo: { productFilename: 'Gopherlab' } },
  });

  it('burns the release fuses into the Linux binary, leaving fuses it does not know at their defaults', async () => {
    await standInBinary(join(dir, 'gopherlab'));
    await afterPack(linuxContext());
    expect(await wireOf(join(dir, 'gopherlab'))).toEqual([OFF, ON, OFF, OFF, ON, ON, OFF, OFF, ON]);
    expect(console.log).toHaveBeenCalledWith(expect.stringContaining('electron fuses (release build): RunAsNode=off'));
  });

  it('keeps the inspector fuse on in an e2e build', async () => {
    process.env[E2E_BUILD_ENV] = '1';
    await standInBinary(join(dir, 'gopherlab'));
    await afterPack(linuxContext());
    expect(await wireOf(join(dir, 'gopherlab'))).toEqual([OFF, ON, OFF, ON, ON, ON, OFF, OFF, ON]);
  });

  it('finds the Windows binary by product name', async () => {
    await standInBinary(join(dir, 'Gopherlab.exe'));
    await afterPack({ ...linuxContext(), electronPlatformName: 'win32' });
    expect((await wireOf(join(dir, 'Gopherlab.exe')))[FuseV1Options.RunAsNode]).toBe(OFF);
  });

  it('fails the build when the binary has no fuse wire', async () => {
    await writeFile(join(dir, 'gopherlab'), 'not electron');
    await expect(afterPack(linuxContext())).rejects.toThrow(/sentinel/);
  });
});
