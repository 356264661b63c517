import { describe, expect, it } from 'vitest';
import { DEFAULT_CACHE_BUDGET_BYTES, SettingsSchema, UiPrefsSchema } from './settings';

describe('settings: window preferences', () => {
  it('reads a file from before they existed without any', () => {
    const old = SettingsSchema.parse({ goproxy: 'off', goroots: ['/opt/go'], cacheBudgetBytes: DEFAULT_CACHE_BUDGET_BYTES });
    expect(old).toMatchObject({ goproxy: 'off', goroots: ['/opt/go'], cacheBudgetBytes: DEFAULT_CACHE_BUDGET_BYTES });
    expect('ui' in old && old.ui !== undefined).toBe(false);
  });

  it('round-trips them', () => {
    const ui = { theme: 'light', fontSize: 20, presentation: true, newTabMode: 'docker' } as const;
    expect(SettingsSchema.parse(JSON.parse(JSON.stringify(SettingsSchema.parse({ ui })))).ui).toEqual(ui);
  });

  it('turns a value it does not know into that field’s default, keeping the others', () => {
    expect(UiPrefsSchema.parse({ theme: 'sepia', fontSize: 20, presentation: 'yes', newTabMode: 'vm' })).toEqual({
      theme: 'system',
      fontSize: 20,
      presentation: false,
      newTabMode: 'same',
    });
    expect(UiPrefsSchema.parse({ fontSize: 99 }).fontSize).toBe(16);
    expect(UiPrefsSchema.parse({ fontSize: 15.5 }).fontSize).toBe(16);
  });

  it('never loses GOPROXY and the rest to a damaged ui object', () => {
    const parsed = SettingsSchema.safeParse({ goproxy: 'https://mirror.example', goroots: [], ui: 'dark' });
    expect(parsed.success).toBe(true);
    expect(parsed.data).toMatchObject({ goproxy: 'https://mirror.example' });
    expect(parsed.data?.ui).toBeUndefined();
  });
});
