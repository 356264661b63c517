import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SettingsStore } from './settings-store';

const dir = mkdtempSync(join(tmpdir(), 'gopherlab-settings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('settings store', () => {
  it('starts from defaults, saves atomically, tells listeners, and reads back in a new process', async () => {
    const store = new SettingsStore(dir);
    expect(store.get()).toEqual({ goproxy: '', goroots: [] });
    const seen: string[] = [];
    store.onChange((s) => seen.push(s.goproxy));
    await store.save({ goproxy: 'https://mirror.example/go,off', goroots: ['/opt/go-tip'] });
    expect(seen).toEqual(['https://mirror.example/go,off']);
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toEqual({ goproxy: 'https://mirror.example/go,off', goroots: ['/opt/go-tip'] });
    expect(new SettingsStore(dir).get().goroots).toEqual(['/opt/go-tip']);
  });

  it('reads a damaged file as the defaults instead of failing', () => {
    writeFileSync(join(dir, 'settings.json'), '{"goproxy": 42');
    expect(new SettingsStore(dir).get()).toEqual({ goproxy: '', goroots: [] });
  });
});
