// Settings on disk, written atomically; a damaged file reads as the defaults.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SettingsSchema, type Settings, type SettingsInput } from '../../../shared/settings';
import { writeFileAtomic } from '../util/atomic-write';

export class SettingsStore {
  private readonly file: string;
  private current: Settings;
  private readonly listeners = new Set<(s: Settings) => void>();

  constructor(dataDir: string) {
    this.file = join(dataDir, 'settings.json');
    this.current = this.read();
  }

  get(): Settings {
    return this.current;
  }

  async save(next: SettingsInput): Promise<Settings> {
    const parsed = SettingsSchema.parse(next);
    await writeFileAtomic(this.file, JSON.stringify(parsed, null, 2));
    this.current = parsed;
    for (const l of [...this.listeners]) l(parsed);
    return parsed;
  }

  onChange(listener: (s: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private read(): Settings {
    try {
      const parsed = SettingsSchema.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
      if (parsed.success) return parsed.data;
    } catch {
      // no file yet, or unreadable: defaults
    }
    return SettingsSchema.parse({});
  }
}
