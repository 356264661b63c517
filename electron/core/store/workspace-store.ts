// The user's open tabs and settings, autosaved by the renderer and written atomically.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WorkspaceSchema, type Workspace } from '../../../shared/workspace';
import { writeFileAtomic } from '../util/atomic-write';

export class WorkspaceStore {
  private readonly file: string;
  private writing: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string) {
    this.file = join(dataDir, 'workspace.json');
  }

  /** The saved workspace, or null when there is none or it cannot be read (the renderer starts fresh). */
  async load(): Promise<Workspace | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch {
      return null;
    }
    try {
      const parsed = WorkspaceSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  /** Saves in call order, so a slow earlier save never overwrites a later one. */
  save(workspace: Workspace): Promise<number> {
    const next = this.writing.then(async () => {
      await writeFileAtomic(this.file, JSON.stringify(workspace, null, 2));
      return Date.now();
    });
    this.writing = next.catch(() => undefined);
    return next;
  }
}
