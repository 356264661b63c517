// A HOME for the server whose ~/sdk holds the given GOROOTs (the golang.org/dl layout the server
// discovers), as symlinks: nothing is copied.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

export interface SdkHome {
  dir: string;
  dispose(): void;
}

export function createSdkHome(goroots: ReadonlyArray<string>): SdkHome {
  const dir = mkdtempSync(join(tmpdir(), 'gopherlab-e2e-home-'));
  mkdirSync(join(dir, 'sdk'));
  for (const goroot of goroots) symlinkSync(goroot, join(dir, 'sdk', basename(goroot)), 'dir');
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
