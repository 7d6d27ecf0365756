// The terminal's look: a dark theme whose ANSI colours stay readable on a
// projector, and system monospace fonts only (no web-font download).
import type { ITheme } from '@xterm/xterm';

export const MONO_FONTS =
  'ui-monospace, "SF Mono", SFMono-Regular, Menlo, "Cascadia Mono", Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace';

export const TERMINAL_THEME: ITheme = {
  background: '#0e1116',
  foreground: '#d8dee9',
  cursor: '#e6edf3',
  cursorAccent: '#0e1116',
  selectionBackground: '#2d4f7c',
  black: '#1b1f27',
  red: '#f07178',
  green: '#7fd962',
  yellow: '#e6c07b',
  blue: '#61a8ff',
  magenta: '#d09df0',
  cyan: '#56c8d8',
  white: '#d8dee9',
  brightBlack: '#6b7689',
  brightRed: '#ff8a8f',
  brightGreen: '#9be37f',
  brightYellow: '#f2d38e',
  brightBlue: '#82bbff',
  brightMagenta: '#e0b4ff',
  brightCyan: '#7edbe8',
  brightWhite: '#ffffff',
};

/**
 * A font size readable from the back of a room on 1080p that still leaves the
 * terminal more than 110 columns there, the width above which `docker pull`
 * draws its progress bars (jsonmessage); a laptop gets ~95 columns at 13px.
 */
export function terminalFontSize(viewportWidth: number): number {
  return Math.round(Math.min(18, Math.max(13, viewportWidth / 120)));
}
