import { describe, expect, it } from 'vitest';
import { clampFontSize, editorFontSize, monacoThemeFor, outputFontSize, PRESENTATION_MIN_EDITOR_PX, resolveTheme, zoomedFontSize } from './theme';

describe('theme', () => {
  it('follows the system only when asked to', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });

  it('gives Monaco a matching theme, high-contrast while presenting', () => {
    expect(monacoThemeFor('dark', false)).toBe('gopherlab-dark');
    expect(monacoThemeFor('light', false)).toBe('vs');
    expect(monacoThemeFor('dark', true)).toBe('hc-black');
    expect(monacoThemeFor('light', true)).toBe('hc-light');
  });
});

describe('text size', () => {
  it('zooms a pixel at a time within 10–32 px, and 0 goes back to 16', () => {
    expect(zoomedFontSize(16, 1)).toBe(17);
    expect(zoomedFontSize(16, -1)).toBe(15);
    expect(zoomedFontSize(32, 1)).toBe(32);
    expect(zoomedFontSize(10, -1)).toBe(10);
    expect(zoomedFontSize(25, 0)).toBe(16);
    expect(clampFontSize(Number.NaN)).toBe(16);
    expect(clampFontSize(13.6)).toBe(14);
  });

  it('presents at 22 px or more, growing with the user’s size, and gives it back when presentation ends', () => {
    for (const size of [10, 12, 14, 16, 20, 32]) {
      const presenting = editorFontSize(size, true);
      expect(presenting).toBeGreaterThanOrEqual(PRESENTATION_MIN_EDITOR_PX);
      expect(presenting).toBeGreaterThan(size);
      expect(editorFontSize(size, false)).toBe(size);
    }
    expect(editorFontSize(16, true)).toBe(24);
    expect(editorFontSize(17, true)).toBeGreaterThan(editorFontSize(16, true));
  });

  it('sets the output a little under the editor, larger while presenting', () => {
    expect(outputFontSize(16, false)).toBe(14.5);
    expect(outputFontSize(20, false)).toBe(18);
    expect(outputFontSize(16, true)).toBeGreaterThan(outputFontSize(16, false));
    expect(outputFontSize(16, true)).toBeGreaterThanOrEqual(20);
  });
});
