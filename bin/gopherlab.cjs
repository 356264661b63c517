#!/usr/bin/env node
// Entry point of `npx gopherlab`: runs the bundled CLI, building it first when it is missing or
// older than the sources (npm install runs no build scripts in this project).
'use strict';
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const root = join(__dirname, '..');
const cli = join(root, 'dist', 'node', 'cli.cjs');

function newestSource(dir, newest = 0) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.endsWith('.test.ts')) continue;
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = newestSource(p, newest);
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function stale() {
  if (!existsSync(cli)) return true;
  if (!existsSync(join(root, 'electron'))) return false; // an installed package: no sources
  const built = statSync(cli).mtimeMs;
  return newestSource(join(root, 'electron')) > built || newestSource(join(root, 'shared')) > built;
}

if (stale()) {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--node-only'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, GOPHERLAB_QUIET_BUILD: '1' },
  });
  if (r.status !== 0) {
    console.error('gopherlab: the build failed; run `npm install` and `npm run build` and try again');
    process.exit(70);
  }
}
require(cli);
