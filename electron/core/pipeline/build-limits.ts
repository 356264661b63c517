// The compiler and linker run on the host (they execute no snippet code), but a snippet can still
// make them use unbounded memory (a constant doubled 35 times is 64 GiB). Every build process runs
// under an address-space limit where the platform offers one (prlimit on Linux).
import { existsSync } from 'node:fs';

export const BUILD_MEMORY_BYTES = 3 * 1024 * 1024 * 1024;

const PRLIMIT = ['/usr/bin/prlimit', '/bin/prlimit'].find((p) => process.platform === 'linux' && existsSync(p));

/** The command to spawn for `bin args`, under the build memory limit when one can be set. */
export function limitedCommand(bin: string, args: string[], bytes = BUILD_MEMORY_BYTES): { bin: string; args: string[] } {
  if (!PRLIMIT) return { bin, args };
  return { bin: PRLIMIT, args: [`--as=${bytes}`, '--', bin, ...args] };
}

/** Whether a build log says the compiler or linker ran out of memory. */
export function buildRanOutOfMemory(log: string): boolean {
  return /out of memory|cannot allocate memory|fatal error: runtime: cannot map pages/i.test(log);
}
