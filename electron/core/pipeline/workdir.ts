// Each run builds in a fresh temp folder named after our pid, so a later start can tell which
// folders belong to a process that is gone and sweep them.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { SnippetFile } from '../../../shared/txtar';
import { isAlive } from '../util/process';

const PREFIX = 'gopherlab-run-';
/** Folders named `<prefix><pid>-…` that belong to one process: run dirs and Docker binary dirs. */
const OWNED_PREFIXES = [PREFIX, 'gopherlab-docker-'];

export interface WorkDir {
  root: string;
  /** The module root: the snippet's files go here. */
  src: string;
  dispose(): Promise<void>;
}

export async function createWorkDir(): Promise<WorkDir> {
  const root = await mkdtemp(join(tmpdir(), `${PREFIX}${process.pid}-${randomBytes(2).toString('hex')}-`));
  const src = join(root, 'src');
  await mkdir(src);
  return { root, src, dispose: () => rm(root, { recursive: true, force: true, maxRetries: 3 }) };
}

/** Writes files that have passed validateFileName; checks once more that each stays inside. */
export async function writeSnippet(src: string, files: SnippetFile[]): Promise<void> {
  const base = resolve(src);
  for (const file of files) {
    const target = resolve(base, file.name);
    const rel = relative(base, target);
    if (rel === '' || rel.startsWith('..') || rel.split(sep).includes('..')) {
      throw new Error(`refusing to write ${file.name} outside the work dir`);
    }
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.content, { flag: 'wx' });
  }
}

/** Removes run folders left by processes that no longer exist (a crash, a kill -9). */
export async function sweepStaleWorkDirs(dir = tmpdir()): Promise<number> {
  let removed = 0;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    const prefix = OWNED_PREFIXES.find((p) => name.startsWith(p));
    if (!prefix) continue;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    if (!Number.isInteger(pid) || pid === process.pid || isAlive(pid)) continue;
    try {
      if ((await stat(join(dir, name))).isDirectory()) {
        await rm(join(dir, name), { recursive: true, force: true });
        removed++;
      }
    } catch {
      // Another process may be sweeping too.
    }
  }
  return removed;
}

