// gopls figures for the editor: time from starting gopls to the first completion at `fmt.` with an
// empty gopls cache (cold) and with the cache a previous server left (warm), a completion on a
// server that is already up (steady), and gopls' memory (RSS) after the first completion and after
// a burst of requests. Uses the gopls the app would find (its store, PATH, GOPATH/bin).
// Usage: npx tsx bench/gopls-latency.ts [--rounds 5] [--go go1.22.12] [--gopls-home DIR]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { LspService } from '../electron/core/lsp/lsp-service';
import { locateGopls } from '../electron/core/lsp/gopls-locator';
import { ToolchainRegistry } from '../electron/core/sdk/registry';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    go: { type: 'string', default: '' },
    'gopls-home': { type: 'string', default: process.env.GOPHERLAB_TEST_SDK_STORE ?? join(homedir(), '.cache', 'gopherlab-test', 'store') },
  },
});
const SOURCE = 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.\n}\n';
const AT = { line: 5, character: 5 };

function rssKiB(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return { rss: field('VmRSS'), hwm: field('VmHWM') };
}

async function firstCompletion(dataDir: string, goplsDir: string): Promise<{ service: LspService; ms: number; startMs: number; diagnosed: Promise<void> }> {
  const env = { ...process.env, PATH: `${goplsDir}:${process.env.PATH ?? ''}` };
  const toolchains = new ToolchainRegistry({ dataDir, env });
  await toolchains.list();
  const service = new LspService({ dataDir, toolchains, goproxy: () => 'off', env });
  const diagnosed = new Promise<void>((resolve) => service.onDiagnostics(() => resolve()));
  const t0 = performance.now();
  const synced = await service.sync({ tabId: 'bench', go: values.go ?? '', source: SOURCE });
  if (!synced.synced) throw new Error(synced.message);
  const startMs = performance.now() - t0;
  const list = (await service.request({ tabId: 'bench', method: 'textDocument/completion', file: 'prog.go', position: AT, triggerCharacter: '.' })) as {
    items: Array<{ label: string }>;
  };
  const ms = performance.now() - t0;
  if (!list.items.some((i) => i.label === 'Println')) throw new Error('no Println in the completion list');
  return { service, ms, startMs, diagnosed };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const fmt = (xs: number[]) => `median ${median(xs).toFixed(0)} (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`;

async function main(): Promise<void> {
  const found = await locateGopls(values['gopls-home']!);
  if (!found) throw new Error('no gopls found: run the gopls unit tests once (they install it), or put gopls on PATH');
  console.log(`gopls ${found.version ?? '?'} (${found.source}: ${found.path}), Go ${values.go || 'default'}`);
  const rounds = Number(values.rounds);
  const cold: number[] = [];
  const coldStart: number[] = [];
  const warm: number[] = [];
  const steady: number[] = [];
  const rssFirst: number[] = [];
  const rssBurst: number[] = [];
  const rssDiagnosed: number[] = [];
  const hwm: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const dataDir = mkdtempSync(join(tmpdir(), 'gopherlab-gopls-bench-'));
    try {
      const a = await firstCompletion(dataDir, dirname(found.path));
      cold.push(a.ms);
      coldStart.push(a.startMs);
      await a.service.dispose();

      const b = await firstCompletion(dataDir, dirname(found.path));
      warm.push(b.ms);
      const pid = b.service.serverPids()[0]!;
      rssFirst.push(rssKiB(pid).rss / 1024);
      await b.diagnosed;
      rssDiagnosed.push(rssKiB(pid).rss / 1024);
      for (let i = 0; i < 20; i++) {
        const t = performance.now();
        await b.service.request({ tabId: 'bench', method: 'textDocument/completion', file: 'prog.go', position: AT, triggerCharacter: '.' });
        steady.push(performance.now() - t);
        await b.service.request({ tabId: 'bench', method: 'textDocument/hover', file: 'prog.go', position: { line: 5, character: 2 } });
      }
      const after = rssKiB(pid);
      rssBurst.push(after.rss / 1024);
      hwm.push(after.hwm / 1024);
      await b.service.dispose();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  console.log(`first completion, cold gopls cache (start → result): ${fmt(cold)} ms; of which start + didOpen: ${fmt(coldStart)} ms`);
  console.log(`first completion, warm gopls cache (start → result): ${fmt(warm)} ms`);
  console.log(`completion on a running server: ${fmt(steady)} ms`);
  console.log(`gopls RSS after the first completion: ${fmt(rssFirst)} MiB; once the file is diagnosed: ${fmt(rssDiagnosed)} MiB`);
  console.log(`gopls RSS after 20 more completions + 20 hovers: ${fmt(rssBurst)} MiB; peak ${fmt(hwm)} MiB`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
