// No gopls anywhere: the status says so and what to do, syncs answer with that message instead of
// failing, and an install with module downloads off says how to turn them on. Real toolchains.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GoplsProgress } from '../../../shared/lsp';
import type { Core } from '../core';
import { openStore } from '../drift/test-support';
import { ToolchainRegistry } from '../sdk/registry';
import { LspService } from './lsp-service';

let core: Core;
let home: string;
const services: LspService[] = [];

/** A service whose environment has a Go but no gopls: PATH holds only that Go's bin, HOME is empty. */
function serviceWithout(goroots: string[], goproxy = 'off'): LspService {
  const env = { PATH: goroots[0] ? join(goroots[0], 'bin') : '', HOME: home };
  const dataDir = mkdtempSync(join(home, 'data-'));
  const toolchains = new ToolchainRegistry({ dataDir, env, extraGoroots: () => goroots.slice(1) });
  const service = new LspService({ dataDir, toolchains, goproxy: () => goproxy, env });
  services.push(service);
  return service;
}

beforeAll(async () => {
  core = openStore();
  home = mkdtempSync(join(tmpdir(), 'gopherlab-nogopls-'));
});

afterAll(async () => {
  for (const s of services) await s.dispose();
  await core?.dispose();
  rmSync(home, { recursive: true, force: true });
});

describe('without gopls', () => {
  it('reports it as unavailable, with the release an install would build', async () => {
    const def = (await core.toolchains.list()).find((t) => t.isDefault);
    expect(def).toBeDefined();
    const service = serviceWithout([def!.goroot]);
    const status = await service.status();
    expect(status).toMatchObject({ available: false, path: null, source: null, installing: false });
    expect(status.installable?.go).toBe(def!.version);
    expect(status.message).toMatch(/need gopls: install gopls v0\.\d+\.\d+ \(built with go1\.\d+\.\d+\), or put gopls on PATH/);

    const synced = await service.sync({ tabId: 'a', go: '', source: 'package main\n\nfunc main() {}\n' });
    expect(synced).toEqual({ synced: false, files: [], message: status.message });
  });

  it('says an install needs module downloads when GOPROXY is off, and reports the failure as progress', async () => {
    const def = (await core.toolchains.list()).find((t) => t.isDefault)!;
    const service = serviceWithout([def.goroot], 'off');
    const progress: GoplsProgress[] = [];
    service.onProgress((p) => progress.push(p));
    await expect(service.install()).rejects.toThrow(/module downloads are off \(GOPROXY=off\): set a module proxy in Settings/);
    expect(progress.map((p) => p.phase)).toEqual(['queued', 'failed']);
    // Nothing half-installed is found afterwards.
    expect((await service.status(true)).available).toBe(false);
  });

  it('says which Go is needed when every installed release is too old to build gopls', async () => {
    if (!(await core.toolchains.list()).some((t) => t.version === 'go1.22.12')) await core.sdk.install('go1.22.12', { prewarm: false });
    const old = (await core.toolchains.list()).find((t) => t.version === 'go1.22.12')!;
    const service = serviceWithout([old.goroot]);
    const status = await service.status();
    expect(status.installable).toBeNull();
    expect(status.message).toMatch(/building it needs go1\.23\.4 or newer; install that SDK first, or put gopls on PATH/);
    await expect(service.install()).rejects.toThrow(/building gopls needs go1\.23\.4 or newer/);
  });

  it('reports a gopls that does not start (a damaged binary) with what it said, and finds a fixed one on the next sync', async () => {
    const def = (await core.toolchains.list()).find((t) => t.isDefault)!;
    const bin = mkdtempSync(join(home, 'bin-'));
    const gopls = join(bin, 'gopls');
    writeFileSync(gopls, '#!/bin/sh\necho "gopls: damaged install" >&2\nexit 3\n');
    chmodSync(gopls, 0o755);
    const env = { PATH: `${bin}:${join(def.goroot, 'bin')}`, HOME: home };
    const dataDir = mkdtempSync(join(home, 'data-'));
    const service = new LspService({ dataDir, toolchains: new ToolchainRegistry({ dataDir, env }), goproxy: () => 'off', env });
    services.push(service);
    expect((await service.status()).source).toBe('path');
    const result = await service.sync({ tabId: 'a', go: '', source: 'package main\n\nfunc main() {}\n' });
    expect(result.synced).toBe(false);
    expect(result.message).toMatch(/could not start gopls \(.*gopls\): .*gopls: damaged install/);

    // The user removes the damaged file: gopls is looked for again, and is now missing.
    rmSync(gopls);
    const again = await service.sync({ tabId: 'a', go: '', source: 'package main\n\nfunc main() {}\n' });
    expect(again.message).toMatch(/need gopls: install gopls/);
  });
});
