// Module downloads in runs: off by default (GOPROXY=off, a clear message); on, a go.mod requirement
// is fetched through the proxy into a module cache that later builds use offline. Needs a module
// proxy that serves golang.org/x/example/hello; skipped, saying so, when none answers.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../core';
import { resolveProxy } from '../sdk/proxy';

const HELLO_MODULE = 'golang.org/x/example/hello';
const HELLO_VERSION = 'v0.0.0-20250915201037-7f05d217867b';

const snippet = (word: string) =>
  `package main\n\nimport (\n\t"fmt"\n\n\t"${HELLO_MODULE}/reverse"\n)\n\nfunc main() { fmt.Println(reverse.String("${word}")) }\n` +
  `-- go.mod --\nmodule play\n\ngo 1.21\n\nrequire ${HELLO_MODULE} ${HELLO_VERSION}\n`;

let core: Core;
let home: string;
let n = 0;
const proxy = resolveProxy();
let unreachable: string | null = null;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'gopherlab-modules-'));
  core = createCore({ dataDir: home });
  if (!proxy) {
    unreachable = 'GOPROXY is off on this machine';
    return;
  }
  try {
    const res = await fetch(`${proxy}/${HELLO_MODULE}/@v/${HELLO_VERSION}.mod`, { signal: AbortSignal.timeout(10_000) });
    if (!res.ok) unreachable = `${proxy} answered ${res.status} for ${HELLO_MODULE}@${HELLO_VERSION}`;
  } catch (err) {
    unreachable = `${proxy} cannot be reached (${err instanceof Error ? err.message : String(err)})`;
  }
});
afterAll(async () => {
  await core.dispose();
  rmSync(home, { recursive: true, force: true });
});

const run = (source: string) => core.runs.run({ runId: `mod${++n}`, source });

describe('module downloads in runs', () => {
  it('are off by default: a required module fails with what to do, and nothing is fetched', async () => {
    const r = await run(snippet('off'));
    expect(r.status).toBe('compile-error');
    expect(r.message).toMatch(/module downloads are off: turn on module downloads in the settings, or use only the standard library/);
    expect(existsSync(join(home, 'modcache'))).toBe(false);
  });

  it('on: fetched through the proxy into a kept module cache, then built from that cache when the proxy is gone', async (ctx) => {
    if (unreachable) ctx.skip(`no module proxy to download from: ${unreachable}`);
    await core.settings.save({ ...core.settings.get(), moduleDownloads: true });
    const online = await run(snippet('online'));
    expect(online.message).toBe('');
    expect(online.status).toBe('ok');
    expect(online.stdout).toBe('enilno\n');
    expect(existsSync(join(home, 'modcache', 'cache', 'download', HELLO_MODULE, '@v', `${HELLO_VERSION}.zip`))).toBe(true);
    // Kept writable, so it can be deleted like any folder.
    expect(statSync(join(home, 'modcache', `${HELLO_MODULE}@${HELLO_VERSION}`)).mode & 0o200).toBe(0o200);

    // Offline: a proxy that refuses every connection. A new program, so the compile cache cannot answer.
    await core.settings.save({ ...core.settings.get(), goproxy: 'http://127.0.0.1:9' });
    const offline = await run(snippet('offline'));
    expect(offline.message).toBe('');
    expect(offline.status).toBe('ok');
    expect(offline.stdout).toBe('enilffo\n');
  });
});
