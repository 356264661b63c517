// `npm test`: build, lint, type-check, unit tests (vitest, plain Node with real Go), then the
// end-to-end tests (Playwright driving Debian's Chromium against browser mode), then the Electron
// end-to-end tests (Playwright's _electron; each skips itself, with its reason, where there is no
// Electron binary or display). Ends with one summary line: "tests: N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const reports = join(root, '.cache', 'test-reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const bin = (name) => join(root, 'node_modules', '.bin', name);
const hasCommand = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

/** The electron package's binary, or null where its download did not happen. */
function electronBinary() {
  try {
    const binary = createRequire(import.meta.url)('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function step(title, cmd, args, env = {}) {
  console.log(`\n=== ${title}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = r.status === 0;
  console.log(`=== ${title}: ${ok ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return ok;
}

const only = process.argv.slice(2);
const want = (name) => only.length === 0 || only.includes(name);
const results = [];

results.push(step('build', process.execPath, [join(root, 'scripts', 'build.mjs')]));
if (want('lint')) results.push(step('lint', bin('eslint'), ['.', '--max-warnings=0']));
if (want('typecheck')) {
  results.push(step('typecheck (node, shared, e2e)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']));
  results.push(step('typecheck (renderer)', bin('tsc'), ['-p', 'renderer/tsconfig.json', '--noEmit']));
}
if (want('unit')) {
  results.push(step('unit tests (vitest)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile=${join(reports, 'unit.json')}`]));
}
if (want('e2e')) {
  const chromium = process.env.GOPHERLAB_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    console.error(`\n=== e2e: FAILED: Chromium is missing at ${chromium}; install it (Debian: apt-get install -y chromium) or set GOPHERLAB_CHROMIUM`);
    results.push(false);
  } else {
    results.push(step('e2e tests (Playwright, Chromium, browser mode)', bin('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: join(reports, 'e2e.json') }));
  }
}

if (want('e2e-electron')) {
  const title = 'e2e tests (Playwright, Electron)';
  const config = ['test', '--config', 'playwright.electron.config.ts', '--reporter=list,json'];
  const env = { PLAYWRIGHT_JSON_OUTPUT_NAME: join(reports, 'e2e-electron.json') };
  const electron = electronBinary();
  const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
  if (!electron) console.log(`\n=== ${title}: skipped: no Electron binary (the electron package could not download it here); the tests report themselves skipped`);
  if (electron && noDisplay && hasCommand('xvfb-run')) {
    results.push(step(`${title}, under xvfb-run`, 'xvfb-run', ['-a', bin('playwright'), ...config], env));
  } else {
    results.push(step(title, bin('playwright'), config, env));
  }
}

// One closing line over all runners.
let passed = 0;
let failed = 0;
let skipped = 0;
const read = (f) => (existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')) : null);
const unit = read(join(reports, 'unit.json'));
if (unit) {
  passed += unit.numPassedTests ?? 0;
  failed += unit.numFailedTests ?? 0;
  skipped += (unit.numPendingTests ?? 0) + (unit.numTodoTests ?? 0);
}
for (const report of ['e2e.json', 'e2e-electron.json']) {
  const e2e = read(join(reports, report));
  if (e2e?.stats) {
    passed += (e2e.stats.expected ?? 0) + (e2e.stats.flaky ?? 0);
    failed += e2e.stats.unexpected ?? 0;
    skipped += e2e.stats.skipped ?? 0;
  }
}
const stepsFailed = results.filter((ok) => !ok).length;
if (stepsFailed > 0 && failed === 0) failed = stepsFailed;
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(results.every(Boolean) ? 0 : 1);
