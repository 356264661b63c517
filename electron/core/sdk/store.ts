// The app's own SDK store: <data>/sdk/<version>/ GOROOTs, each listed only once its completion
// marker exists (written last), and <data>/archives/ with the verified toolchain zips kits are
// made from.
import { readFileSync } from 'node:fs';
import { lstat, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Toolchain } from '../../../shared/toolchain';
import { writeFileAtomic } from '../util/atomic-write';
import { isAlive } from '../util/process';

export const MARKER = '.gopherlab-complete';

export interface StoreMarker {
  version: string;
  /** golang.org/toolchain@v0.0.1-go1.22.3.linux-amd64, when it came as a toolchain zip. */
  module?: string;
  h1?: string;
  verification: NonNullable<Toolchain['verification']>;
  source: 'proxy' | 'kit' | 'archive';
  installedAt: string;
  diskBytes?: number;
}

export function storeDir(dataDir: string, version: string): string {
  return join(dataDir, 'sdk', version);
}

export function storeArchivePath(dataDir: string, modVersion: string): string {
  return join(dataDir, 'archives', `${modVersion}.zip`);
}

export async function markStoreInstall(goroot: string, marker: StoreMarker): Promise<void> {
  const diskBytes = await diskUsage(goroot);
  await writeFileAtomic(join(goroot, MARKER), JSON.stringify({ ...marker, diskBytes }, null, 2));
}

export function readMarker(goroot: string): StoreMarker | null {
  try {
    return JSON.parse(readFileSync(join(goroot, MARKER), 'utf8')) as StoreMarker;
  } catch {
    return null;
  }
}

/** Moves a GOROOT out of the listing in one rename, then deletes it. */
export async function removeTree(dataDir: string, dir: string): Promise<void> {
  const trash = join(dataDir, 'tmp', tempName('trash'));
  await mkdir(join(dataDir, 'tmp'), { recursive: true });
  try {
    await rename(dir, trash);
  } catch {
    await rm(dir, { recursive: true, force: true });
    return;
  }
  await rm(trash, { recursive: true, force: true });
}

export async function diskUsage(path: string): Promise<number> {
  let total = 0;
  let st;
  try {
    st = await lstat(path);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.size;
  for (const name of await readdir(path)) total += await diskUsage(join(path, name));
  return total;
}

/** A temp folder name that says which process owns it, so a sweep never takes a live one's. */
export function tempName(kind: string): string {
  return `${kind}-p${process.pid}-${randomBytes(4).toString('hex')}`;
}

/**
 * Leftovers of interrupted installs: temp folders of processes that are gone, and store folders
 * that never got their marker (older than a few minutes, so a concurrent install is left alone).
 */
export async function sweepStore(dataDir: string): Promise<void> {
  for (const n of await readdir(join(dataDir, 'tmp')).catch(() => [] as string[])) {
    const pid = Number(/-p(\d+)-/.exec(n)?.[1]);
    if (!pid || !isAlive(pid)) await rm(join(dataDir, 'tmp', n), { recursive: true, force: true }).catch(() => undefined);
  }
  for (const n of await readdir(join(dataDir, 'sdk')).catch(() => [] as string[])) {
    const dir = join(dataDir, 'sdk', n);
    if (readMarker(dir)) continue;
    const age = Date.now() - (await lstat(dir).then((s) => s.mtimeMs).catch(() => Date.now()));
    if (age > 10 * 60_000) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

