// A canvas cannot use CSS variables: it reads the palette's canvas colours (theme.css) when it draws.

export interface CanvasPalette {
  tick: string;
  grid: string;
  stripe: string;
  label: string;
  marker: string;
  selection: string;
  hover: string;
}

/** The dark palette's values, for a canvas that is not in a styled document. */
export const DARK_CANVAS: CanvasPalette = {
  tick: 'rgba(255, 255, 255, 0.18)',
  grid: 'rgba(255, 255, 255, 0.04)',
  stripe: 'rgba(255, 255, 255, 0.02)',
  label: '#8b93a3',
  marker: '#f1f3f6',
  selection: '#f1f3f6',
  hover: 'rgba(241, 243, 246, 0.7)',
};

export function readCanvasPalette(style: Pick<CSSStyleDeclaration, 'getPropertyValue'> | null): CanvasPalette {
  const read = (key: keyof CanvasPalette) => style?.getPropertyValue(`--canvas-${key}`).trim() || DARK_CANVAS[key];
  return { tick: read('tick'), grid: read('grid'), stripe: read('stripe'), label: read('label'), marker: read('marker'), selection: read('selection'), hover: read('hover') };
}

export function canvasPaletteOf(el: Element | null): CanvasPalette {
  return readCanvasPalette(el ? getComputedStyle(el) : null);
}
