// SDK install figures: the proxy download through curl vs Gopherlab's install (download, verify,
// extract, prewarm), the first run on the just-installed SDK vs a warm one, and its disk size.
// Usage: npm run bench:sdk [-- --version go1.22.12]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { InstallProgress } from '../shared/toolchain';
import { createCore } from '../electron/core/core';
import { resolveProxy, toolchainModuleVersion } from '../electron/core/sdk/proxy';

const { values } = parseArgs({ options: { version: { type: 'string', default: 'go1.22.12' } } });
const version = values.version!;
const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;

async function main(): Promise<void> {
  const proxy = resolveProxy() ?? 'https://proxy.golang.org';
  const url = `${proxy}/golang.org/toolchain/@v/${toolchainModuleVersion(version)}.zip`;
  const work = mkdtempSync(join(tmpdir(), 'gopherlab-bench-sdk-'));
  try {
    const curl = execFileSync('curl', ['-sS', '-o', '/dev/null', '-w', '%{time_total} %{speed_download} %{size_download}', url], { encoding: 'utf8' }).split(' ').map(Number);
    console.log(`curl ${url}: ${mib(curl[2]!)} in ${curl[0]!.toFixed(2)} s = ${mib(curl[1]!)}/s`);

    // A fresh data dir and build cache: nothing cached, as on a new machine.
    const core = createCore({ dataDir: join(work, 'home'), goCacheRoot: join(work, 'gocache') });
    const phases = new Map<string, number>();
    let downloaded = 0;
    core.sdk.onProgress((p: InstallProgress) => {
      if (!phases.has(p.phase)) phases.set(p.phase, performance.now());
      if (p.phase === 'download') downloaded = Math.max(downloaded, p.total ?? p.bytes);
    });
    const t0 = performance.now();
    const tc = await core.sdk.install(version);
    const t1 = performance.now();
    const at = (p: string) => phases.get(p) ?? t1;
    const dlEnd = phases.get('verify') ?? phases.get('extract') ?? t1;
    // From the request (cmd/go starts, asks the proxy) to the last byte: what the user waits for.
    const dlSecs = (dlEnd - at('queued')) / 1000;
    console.log(`gopherlab install ${version}: ${((t1 - t0) / 1000).toFixed(1)} s in all`);
    console.log(`  download  ${dlSecs.toFixed(2)} s (${mib(downloaded)}, ${mib(downloaded / Math.max(dlSecs, 0.001))}/s)`);
    console.log(`  verify+extract ${((at('prewarm') - dlEnd) / 1000).toFixed(2)} s`);
    console.log(`  prewarm   ${((t1 - at('prewarm')) / 1000).toFixed(1)} s (standard library for wasip1/wasm, built and indexed; linux follows in the background)`);
    console.log(`  disk      ${mib(tc.diskBytes ?? 0)} GOROOT`);

    const program = (n: number) => `package main\nimport "fmt"\nfunc main() { fmt.Println("first run ${n}") }\n`;
    const first = await core.runs.run({ runId: 'first', source: program(1), go: version });
    const warm = [];
    for (let i = 0; i < 5; i++) warm.push((await core.runs.run({ runId: `warm-${i}`, source: program(i + 2), go: version })).totalMs);
    warm.sort((a, b) => a - b);
    console.log(`first run on the just-installed SDK: ${first.totalMs.toFixed(0)} ms (${first.status}); warm p50: ${warm[2]!.toFixed(0)} ms`);
    await core.dispose();
  } finally {
    // The linux prewarm may still be finishing in the background: retry the cleanup.
    rmSync(work, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
