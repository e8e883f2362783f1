// Small line icons drawn in the current text colour; decorative, so hidden from screen readers.
import type { ReactElement } from 'react';

const paths = {
  plus: 'M8 3v10M3 8h10',
  extend: 'M8 4.5V8l2.5 1.5M8 14A6 6 0 1 1 8 2a6 6 0 0 1 0 12Z',
  restart: 'M13 8a5 5 0 1 1-1.5-3.6M13 2.5v3h-3',
  stop: 'M4.5 4.5h7v7h-7z',
  trash: 'M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.7 8.5h5.6l.7-8.5',
  logs: 'M3 4h10M3 8h10M3 12h6',
  probe: 'M1.5 8h3l2-4.5 3 9 2-4.5h3',
  eye: 'M1.5 8S4 3.5 8 3.5 14.5 8 14.5 8 12 12.5 8 12.5 1.5 8 1.5 8ZM8 10a2 2 0 1 0 0-4 2 2 0 0 0 0 4Z',
  copy: 'M5.5 5.5h7v7h-7zM3.5 10.5v-7h7',
  external: 'M9 3h4v4M13 3 7.5 8.5M11 9.5V13H3V5h3.5',
  close: 'M4 4l8 8M12 4l-8 8',
  check: 'M3 8.5 6.5 12 13 4.5',
  upload: 'M8 11V3M4.5 6.5 8 3l3.5 3.5M3 13h10',
  download: 'M8 3v8M4.5 7.5 8 11l3.5-3.5M3 13h10',
  pause: 'M5.5 3.5v9M10.5 3.5v9',
  play: 'M5 3.5v9l7-4.5z',
  edit: 'M10.5 3 13 5.5 6 12.5H3.5V10z',
  launch: 'M3 13l3-1 6.5-6.5a1.5 1.5 0 0 0-2-2L4 10zM9.5 4.5l2 2',
  up: 'M4 10l4-4 4 4',
  down: 'M4 6l4 4 4-4',
  warning: 'M8 2.5 14 13H2zM8 6.5v3M8 11.2v.3',
  search: 'M7 12A5 5 0 1 0 7 2a5 5 0 0 0 0 10ZM10.5 10.5 14 14',
} as const;

export type IconName = keyof typeof paths;

/** An icon from the panel's small set. */
export function Icon({ name, size = 16 }: { name: IconName; size?: number }): ReactElement {
  return (
    <svg
      className="icon"
      width={size}
      height={size}
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
    >
      <path
        d={paths[name]}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
