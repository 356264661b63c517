// Version drift figures: a matrix of N installed releases vs one run, and a bisect over every
// release from go1.21.0 to the newest (SDKs installed on demand, then cached).
// Usage: npm run bench:drift [-- --releases 6] [-- --skip-bisect]
import { parseArgs } from 'node:util';
import { createCore } from '../electron/core/core';
import { bisect } from '../electron/core/drift/bisect';
import { runMatrix } from '../electron/core/drift/matrix';
import { compareGoVersions } from '../electron/core/sdk/version';

const { values } = parseArgs({ options: { releases: { type: 'string', default: '6' }, 'skip-bisect': { type: 'boolean', default: false } } });
const BASE = 'package main\n\nimport "fmt"\n\nfunc main() {\n\tvar fs []func()\n\tfor i := 0; i < 3; i++ {\n\t\tfs = append(fs, func() { fmt.Print(i) })\n\t}\n\tfor _, f := range fs {\n\t\tf()\n\t}\n\tfmt.Println()\n}\n';

// Each measured matrix builds anew: a new constant per run, so the compile cache cannot answer.
let variant = 0;
const source = () => `${BASE}\nvar _ = "variant ${++variant}-${Date.now()}"\n`;

async function main(): Promise<void> {
  const core = createCore({ dataDir: process.env.GOPHERLAB_BENCH_HOME ?? process.env.GOPHERLAB_TEST_SDK_STORE });
  try {
    const installed = (await core.toolchains.list())
      .map((t) => t.version)
      .filter((v) => compareGoVersions(v, 'go1.21.0') >= 0)
      .sort(compareGoVersions);
    const pick = [...new Set(installed)].slice(-Number(values.releases));
    console.log(`matrix over ${pick.length} installed releases: ${pick.join(', ')}`);
    // Warm each release (its first build compiles and indexes the std packages it needs).
    await runMatrix(core, { matrixId: 'warm', source: source(), values: pick, axis: 'toolchain', mode: 'wasm' });
    await new Promise((r) => setTimeout(r, 3000));
    await runMatrix(core, { matrixId: 'warm2', source: source(), values: pick, axis: 'toolchain', mode: 'wasm' });
    const one = performance.now();
    await core.runs.run({ runId: 'single', source: source(), go: pick[pick.length - 1]! });
    const oneMs = performance.now() - one;
    const m = await runMatrix(core, { matrixId: 'm', source: source(), values: pick, axis: 'toolchain', mode: 'wasm' });
    const builders = m.cells.map((c) => String(c.result.spans.find((s) => s.name === 'compile')?.attrs?.builder));
    console.log(`one run: ${oneMs.toFixed(0)} ms; matrix of ${pick.length}: ${m.wallMs} ms = ${(m.wallMs / oneMs).toFixed(2)}× one run (target ≤ 3×); builds: ${builders.join(', ')}; classes: ${m.classes.map((c) => `${c.id}: ${c.label}`).join(' · ')}`);

    if (!values['skip-bisect']) {
      const catalog = await core.sdk.getCatalog(false);
      const newest = catalog.releases.find((r) => r.stable)!.version;
      const r = await bisect(
        core,
        { bisectId: 'b', source: source(), good: 'go1.21.0', bad: newest, expect: { kind: 'stdout-equals', value: '012\n' }, mode: 'auto' },
        { onStep: (s) => console.log(`  ${s.version.padEnd(12)} ${s.verdict.padEnd(4)} ${s.result} ${(s.ms / 1000).toFixed(1)} s${s.note ? ` (${s.note})` : ''}`) },
      );
      const bound = Math.ceil(Math.log2(r.releases)) + 2;
      console.log(`bisect go1.21.0..${newest}: first ${r.first}, ${r.builds} builds over ${r.releases} releases (bound ⌈log2 N⌉+2 = ${bound}) in ${(r.wallMs / 1000).toFixed(1)} s${r.error ? ` — ${r.error}` : ''}`);
    }
  } finally {
    await core.dispose();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
