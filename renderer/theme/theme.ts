// What the appearance settings mean: the theme in force, Monaco's theme for it, and the type sizes
// of the editor and the output with and without presentation mode. Pure, so it is tested alone.
import { DEFAULT_FONT_SIZE, MAX_FONT_SIZE, MIN_FONT_SIZE, type ThemePref } from '../../shared/settings';

export type ResolvedTheme = 'light' | 'dark';

/** The dark theme the editor module defines (see editor/monaco.ts); the others are Monaco's own. */
export const MONACO_DARK = 'gopherlab-dark';

/** Presentation mode scales the user's size, so zooming still works there and leaving it restores it. */
export const PRESENTATION_SCALE = 1.5;
/** A projector needs at least this in the editor, whatever the user's own size. */
export const PRESENTATION_MIN_EDITOR_PX = 22;

export function resolveTheme(pref: ThemePref, systemDark: boolean): ResolvedTheme {
  if (pref === 'system') return systemDark ? 'dark' : 'light';
  return pref;
}

export function monacoThemeFor(theme: ResolvedTheme, presentation: boolean): string {
  if (presentation) return theme === 'dark' ? 'hc-black' : 'hc-light';
  return theme === 'dark' ? MONACO_DARK : 'vs';
}

export function clampFontSize(px: number): number {
  if (!Number.isFinite(px)) return DEFAULT_FONT_SIZE;
  return Math.min(MAX_FONT_SIZE, Math.max(MIN_FONT_SIZE, Math.round(px)));
}

/** One zoom step: +1 or -1 px within the bounds, or 0 for the default size. */
export function zoomedFontSize(px: number, step: 1 | -1 | 0): number {
  return step === 0 ? DEFAULT_FONT_SIZE : clampFontSize(px + step);
}

export function editorFontSize(fontSize: number, presentation: boolean): number {
  const base = clampFontSize(fontSize);
  return presentation ? Math.max(PRESENTATION_MIN_EDITOR_PX, Math.round(base * PRESENTATION_SCALE)) : base;
}

/** The output runs a little smaller than the editor (14.5 px beside the default 16), in half pixels. */
export function outputFontSize(fontSize: number, presentation: boolean): number {
  return Math.round(editorFontSize(fontSize, presentation) * 0.9 * 2) / 2;
}
