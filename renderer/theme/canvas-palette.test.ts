import { describe, expect, it } from 'vitest';
import { DARK_CANVAS, readCanvasPalette } from './canvas-palette';

describe('readCanvasPalette', () => {
  it('reads the --canvas-* variables, trimmed', () => {
    const vars: Record<string, string> = { '--canvas-label': ' #57606a', '--canvas-marker': '#0b0d11 ' };
    const palette = readCanvasPalette({ getPropertyValue: (name: string) => vars[name] ?? '' });
    expect(palette.label).toBe('#57606a');
    expect(palette.marker).toBe('#0b0d11');
    // What the style does not define keeps the dark value.
    expect(palette.grid).toBe(DARK_CANVAS.grid);
  });

  it('falls back to the dark palette without a style', () => {
    expect(readCanvasPalette(null)).toEqual(DARK_CANVAS);
  });
});
