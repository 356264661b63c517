// Small line icons for the library's actions, drawn as SVG so they never depend on a font having the glyph.
const common = { width: 13, height: 13, viewBox: '0 0 16 16', fill: 'none', stroke: 'currentColor', strokeWidth: 1.5, strokeLinecap: 'round', strokeLinejoin: 'round', 'aria-hidden': true } as const;

export const PencilIcon = () => (
  <svg {...common}>
    <path d="M11 2.5l2.5 2.5L5.5 13H3v-2.5z" />
  </svg>
);

export const CopyIcon = () => (
  <svg {...common}>
    <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
    <path d="M10.5 3.5v-0.5a1 1 0 0 0-1-1h-6a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h0.5" />
  </svg>
);

export const ClockIcon = () => (
  <svg {...common}>
    <circle cx="8" cy="8" r="5.75" />
    <path d="M8 4.75V8l2.25 1.5" />
  </svg>
);

export const TrashIcon = () => (
  <svg {...common}>
    <path d="M2.75 4.25h10.5M6.25 4.25V2.75h3.5v1.5M4.25 4.25l0.75 9h6l0.75-9" />
  </svg>
);
