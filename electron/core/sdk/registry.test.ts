import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SdkMissingError, ToolchainRegistry } from './registry';

let dir: string;
const realGoroot = execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim();
const realVersion = execFileSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' }).trim();

function fakeGoroot(parent: string, version: string): string {
  const root = join(parent, version);
  mkdirSync(join(root, 'bin'), { recursive: true });
  writeFileSync(join(root, 'bin', 'go'), '#!/bin/sh\nexit 1\n', { mode: 0o755 });
  writeFileSync(join(root, 'VERSION'), `${version}\ntime 2024-01-01T00:00:00Z\n`);
  return root;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gopherlab-registry-'));
  fakeGoroot(join(dir, 'home', 'sdk'), 'go1.22.3');
  fakeGoroot(join(dir, 'home', 'sdk'), 'go1.22.10');
  fakeGoroot(join(dir, 'data', 'sdk'), 'go1.21.0');
  fakeGoroot(join(dir, 'data', 'sdk'), 'go1.20.1'); // no completion marker: half-installed, never listed
  writeFileSync(join(dir, 'data', 'sdk', 'go1.21.0', '.gopherlab-complete'), JSON.stringify({ version: 'go1.21.0', verification: 'checksum-db', source: 'proxy', installedAt: '2026-01-01T00:00:00Z' }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('toolchain registry', () => {
  it('finds the go on PATH as the default, ~/sdk toolchains, and completed store installs only', async () => {
    const registry = new ToolchainRegistry({ dataDir: join(dir, 'data'), env: { PATH: process.env.PATH, HOME: join(dir, 'home') } });
    const list = await registry.list();
    const def = list.find((t) => t.isDefault);
    expect(def).toMatchObject({ source: 'path', version: realVersion, goroot: realGoroot });
    expect(list.filter((t) => t.source === 'sdk-dir').map((t) => t.version)).toEqual(['go1.22.10', 'go1.22.3']);
    expect(list.filter((t) => t.source === 'store').map((t) => t.version)).toEqual(['go1.21.0']);
    expect(list.map((t) => t.version)).not.toContain('go1.20.1');
  });

  it('resolves versions, minor versions, GOROOTs and go binaries', async () => {
    const registry = new ToolchainRegistry({ dataDir: join(dir, 'data'), env: { PATH: process.env.PATH, HOME: join(dir, 'home') } });
    expect((await registry.resolve('1.22.3')).version).toBe('go1.22.3');
    expect((await registry.resolve('go1.22.3')).version).toBe('go1.22.3');
    expect((await registry.resolve('1.22')).version).toBe('go1.22.10');
    expect((await registry.resolve(realGoroot)).version).toBe(realVersion);
    expect((await registry.resolve(join(realGoroot, 'bin', 'go'))).source).toBe('path');
    expect((await registry.resolve(join(dir, 'home', 'sdk', 'go1.22.3', 'bin', 'go'))).source).toBe('sdk-dir');
    await expect(registry.resolve('1.19.2')).rejects.toThrow(/Go 1\.19\.2 is not installed \(installed: .*go1\.22\.10/);
    await expect(registry.resolve(join(dir, 'nowhere'))).rejects.toThrow(/is not a Go installation/);
  });

  it('says what to do when there is no Go at all', async () => {
    const registry = new ToolchainRegistry({ dataDir: join(dir, 'empty'), env: { PATH: join(dir, 'no-bin'), HOME: join(dir, 'nohome') } });
    expect(await registry.list()).toEqual([]);
    await expect(registry.resolve('')).rejects.toThrow(SdkMissingError);
    await expect(registry.resolve(undefined)).rejects.toThrow(/No Go toolchain found: install Go/);
  });

  it('offers the GOROOTs the user added in settings', async () => {
    const extra = fakeGoroot(join(dir, 'custom'), 'go1.23.4');
    const registry = new ToolchainRegistry({ dataDir: join(dir, 'data'), env: { PATH: process.env.PATH, HOME: join(dir, 'nohome') }, extraGoroots: () => [extra, join(dir, 'not-a-goroot')] });
    const list = await registry.list();
    expect(list.find((t) => t.version === 'go1.23.4')).toMatchObject({ source: 'user', goroot: extra });
    expect((await registry.resolve('1.23.4')).goroot).toBe(extra);
  });

  it('gives every toolchain its own GOCACHE', async () => {
    const registry = new ToolchainRegistry({ dataDir: join(dir, 'data'), goCacheRoot: join(dir, 'gc'), env: { PATH: process.env.PATH, HOME: join(dir, 'home') } });
    const a = await registry.resolve('1.22.3');
    const b = await registry.resolve('1.22.10');
    expect(registry.goCacheFor(a)).not.toBe(registry.goCacheFor(b));
    expect(registry.goCacheFor(a).startsWith(join(dir, 'gc'))).toBe(true);
  });
});
