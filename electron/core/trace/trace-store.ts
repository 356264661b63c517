// Raw Go execution traces of traced runs, one file per run id under <dataDir>/traces. Only the
// newest few are kept: a trace is for looking at the run just made, not an archive.
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { RunIdSchema } from '../../../shared/run';
import { writeFileAtomic } from '../util/atomic-write';

export const TRACES_KEPT = 20;

/** "go 1.22" from a trace's header (`go 1.22 trace\0\0\0`), or null when it is not a trace. */
export function traceFormat(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 16));
  const m = /^go (1\.\d+) trace\0\0\0/.exec(head);
  return m ? `go ${m[1]}` : null;
}

export class TraceStore {
  readonly dir: string;

  constructor(dataDir: string, private readonly keep = TRACES_KEPT) {
    this.dir = join(dataDir, 'traces');
  }

  /** The file of a run's trace; throws on an id that is not a run id (it becomes a file name). */
  path(id: string): string {
    if (!RunIdSchema.safeParse(id).success) throw new Error(`"${id}" is not a run id`);
    return join(this.dir, `${id}.trace`);
  }

  async save(id: string, bytes: Uint8Array): Promise<void> {
    await writeFileAtomic(this.path(id), bytes);
    await this.prune();
  }

  /** The raw trace, or null when there is none (never taken, or pruned). */
  async read(id: string): Promise<Buffer | null> {
    try {
      return await readFile(this.path(id));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  /** Keeps the newest `keep` traces. */
  async prune(): Promise<void> {
    let names: string[];
    try {
      names = (await readdir(this.dir)).filter((n) => n.endsWith('.trace'));
    } catch {
      return;
    }
    if (names.length <= this.keep) return;
    const dated = await Promise.all(
      names.map(async (n) => ({ n, t: await stat(join(this.dir, n)).then((s) => s.mtimeMs, () => 0) })),
    );
    dated.sort((a, b) => b.t - a.t);
    await Promise.all(dated.slice(this.keep).map((d) => rm(join(this.dir, d.n), { force: true })));
  }
}
