// Builds every bundle into dist/: the Node side (main, cli, server, WASI worker), the preload,
// and the renderer. esbuild does the bundling; `npm run typecheck` does the type checking.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { cp, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The renderer is built for production (minified React) unless --dev asks for readable output.
const production = !process.argv.includes('--dev');

/**
 * The Docker client (dockerode, ssh2…) and the zip/tar code are bundles of their own, loaded on
 * first use: a process that only runs WASM (the CLI, most of the time) does not parse them at start.
 */
const lazyBundles = {
  name: 'lazy-bundles',
  setup(b) {
    b.onResolve({ filter: /sandbox\/docker\/docker-service$/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: './docker.cjs', external: true } : undefined,
    );
    b.onResolve({ filter: /\/archive\/index$/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: './archive.cjs', external: true } : undefined,
    );
  },
};

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  minify: false,
  logLevel: 'warning',
  absWorkingDir: root,
  define: { 'process.env.GOPHERLAB_BUNDLED': '"1"' },
};

/** The Node side only: enough for the CLI and the unit tests. */
export async function buildNode() {
  mkdirSync(join(root, 'dist'), { recursive: true });
  await Promise.all(nodeBuilds());
}

export async function buildAll() {
  mkdirSync(join(root, 'dist'), { recursive: true });
  const started = Date.now();
  const { buildRenderer } = await import('./build-renderer.mjs');
  await Promise.all([...nodeBuilds(), buildRenderer({ root, production })]);
  if (!process.env.GOPHERLAB_QUIET_BUILD) console.log(`built dist/ in ${Date.now() - started} ms`);
}

/**
 * The trace parser's Go sources (vendored) go beside the bundles: the core builds the parser from
 * them on first use, with whichever installed Go is new enough.
 */
async function copyGotrace() {
  const out = join(root, 'dist', 'node', 'gotrace');
  await rm(out, { recursive: true, force: true });
  await cp(join(root, 'tools', 'gotrace'), out, { recursive: true });
}

function nodeBuilds() {
  return [
    copyGotrace(),
    build({
      ...node,
      entryPoints: {
        cli: 'electron/cli/main.ts',
        server: 'electron/server/main.ts',
        'wasi-worker': 'electron/core/sandbox/wasm/worker.ts',
        main: 'electron/main/main.ts',
        docker: 'electron/core/sandbox/docker/docker-service.ts',
        archive: 'electron/core/sdk/archive/index.ts',
      },
      plugins: [lazyBundles],
      outdir: 'dist/node',
      outExtension: { '.js': '.cjs' },
      // cpu-features is a native, optional dependency of ssh2 (dockerode's ssh transport), loaded in a try.
      external: ['electron', 'cpu-features', '*.node'],
    }),
    build({
      ...node,
      entryPoints: { preload: 'electron/preload/preload.ts' },
      outdir: 'dist/preload',
      outExtension: { '.js': '.cjs' },
      external: ['electron'],
      // A sandboxed preload gets a limited require(): everything else must be bundled in.
      platform: 'browser',
      define: {},
    }),
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  (process.argv.includes('--node-only') ? buildNode() : buildAll()).catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
