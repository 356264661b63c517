// Bundles the renderer into dist/renderer/: index.html, app.js + app.css (React, Monaco's editor
// API with the Go grammar, the app), Monaco's editor worker as its own file, and codicon fonts.
// Everything is local: no CDN, so the app works offline.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * @param {{ root: string, production?: boolean }} options
 */
export async function buildRenderer({ root, production = false }) {
  const outdir = join(root, 'dist', 'renderer');
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });

  /** @type {import('esbuild').BuildOptions} */
  const common = {
    absWorkingDir: root,
    bundle: true,
    platform: 'browser',
    target: ['chrome120'],
    outdir,
    minify: production,
    sourcemap: production ? false : 'linked',
    legalComments: production ? 'linked' : 'inline',
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
  };

  await Promise.all([
    build({
      ...common,
      // ESM so Monaco's `new URL(…, import.meta.url)` fallbacks stay valid code; index.html loads
      // app.js as a module.
      format: 'esm',
      entryPoints: { app: 'renderer/main.tsx' },
      jsx: 'automatic',
      loader: { '.ttf': 'file' },
      assetNames: 'assets/[name]-[hash]',
      tsconfig: join(root, 'renderer', 'tsconfig.json'),
    }),
    build({
      ...common,
      // A classic worker script: loads anywhere a Worker may, with no module-worker support needed.
      format: 'iife',
      entryPoints: { 'editor.worker': 'renderer/editor/editor.worker.ts' },
      tsconfig: join(root, 'renderer', 'tsconfig.json'),
    }),
  ]);
  copyFileSync(join(root, 'renderer', 'index.html'), join(outdir, 'index.html'));
}
