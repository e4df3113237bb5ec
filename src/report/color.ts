/**
 * A tiny ANSI palette. Whether to colour is the caller's decision (the CLI looks at the TTY,
 * NO_COLOR and FORCE_COLOR); a disabled palette returns its input unchanged.
 */
export type Paint = (text: string) => string;

export interface Palette {
  readonly enabled: boolean;
  readonly bold: Paint;
  readonly dim: Paint;
  readonly underline: Paint;
  readonly red: Paint;
  readonly green: Paint;
  readonly yellow: Paint;
  readonly blue: Paint;
  readonly cyan: Paint;
  readonly gray: Paint;
}

const ESC = '\u001b[';

function style(open: number, close: number): Paint {
  // Re-open after any nested close of the same kind so an inner style cannot end the outer one.
  const closeSeq = `${ESC}${close}m`;
  const openSeq = `${ESC}${open}m`;
  return (text) => (text === '' ? '' : openSeq + text.split(closeSeq).join(closeSeq + openSeq) + closeSeq);
}

const identity: Paint = (text) => text;

const ON: Palette = {
  enabled: true,
  bold: style(1, 22),
  dim: style(2, 22),
  underline: style(4, 24),
  red: style(31, 39),
  green: style(32, 39),
  yellow: style(33, 39),
  blue: style(34, 39),
  cyan: style(36, 39),
  gray: style(90, 39),
};

const OFF: Palette = {
  enabled: false,
  bold: identity,
  dim: identity,
  underline: identity,
  red: identity,
  green: identity,
  yellow: identity,
  blue: identity,
  cyan: identity,
  gray: identity,
};

export function palette(enabled: boolean): Palette {
  return enabled ? ON : OFF;
}

// eslint-disable-next-line no-control-regex
const ANSI_RE = /\u001b\[[0-9;]*m/g;

/** The text without colour codes (for measuring and for tests). */
export function stripAnsi(text: string): string {
  return text.replace(ANSI_RE, '');
}

// C0 controls except tab and newline, DEL, and C1 controls (incl. the 8-bit CSI).
// eslint-disable-next-line no-control-regex
const UNSAFE_RE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Makes user-supplied text safe to print on a terminal: line breaks become `\n`, other control
 * characters (an ESC sequence smuggled into a rule file could rewrite the screen) become
 * visible `\xNN` escapes.
 */
export function terminalSafe(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(UNSAFE_RE, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
