// The CLI exits after one run, so it cannot warm a toolchain in the background the way the app
// does. When a run finds no standard-library index, it starts this in a detached process: the
// next `gopherlab run` gets the fast build.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Toolchain } from '../../shared/toolchain';
import { createCore } from '../core/core';
import { isAlive } from '../core/util/process';

export const PREPARE_COMMAND = 'internal-prepare';

/** Starts `gopherlab internal-prepare GOROOT` detached, once per toolchain at a time. */
export function prepareInBackground(toolchain: Toolchain, goCache: string): void {
  try {
    mkdirSync(goCache, { recursive: true });
    const lock = join(goCache, 'gopherlab-prepare.lock');
    if (existsSync(lock) && isAlive(Number(readFileSync(lock, 'utf8')))) return;
    const child = spawn(process.execPath, [process.argv[1] ?? '', PREPARE_COMMAND, toolchain.goroot], {
      detached: true,
      stdio: 'ignore',
      env: process.env,
    });
    if (child.pid !== undefined) writeFileSync(lock, String(child.pid));
    child.unref();
  } catch {
    // Only a missed speed-up: the next run builds with go build again.
  }
}

export async function prepareCommand(argv: string[]): Promise<number> {
  const goroot = argv[0];
  const core = createCore({});
  try {
    const tc = await core.toolchains.resolve(goroot);
    const lock = join(core.toolchains.goCacheFor(tc), 'gopherlab-prepare.lock');
    closeSync(openSync(lock, 'a'));
    try {
      await core.runs.prepare(tc);
    } finally {
      rmSync(lock, { force: true });
    }
    return 0;
  } catch {
    return 1;
  } finally {
    await core.dispose();
  }
}

