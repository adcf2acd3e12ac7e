/**
 * Text from plans and file names made safe to print to a terminal. Plan text is untrusted: an
 * escape sequence in a title could set the clipboard (OSC 52), move the cursor, erase the line
 * above or recolour a finding out of sight. Every field and path in the CLI's text outputs goes
 * through `terminalSafe` (JSON needs no help: JSON escapes control characters itself).
 *
 * Replaced with a visible escape: C0 controls (tab and newline included: a field is one line),
 * DEL, C1 controls (U+0080–U+009F; U+009B is a one-character CSI) and the Unicode controls that
 * reorder or hide text (bidi embeddings, overrides and isolates, line/paragraph separators).
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  });
}

/** `terminalSafe` for text of several lines: each line made safe, the line breaks kept. */
export function terminalSafeLines(text: string): string {
  return text.split('\n').map(terminalSafe).join('\n');
}

/**
 * Characters a terminal draws two columns wide: CJK ideographs, kana, hangul, full-width forms
 * and most emoji (Unicode's East Asian Wide and Fullwidth). Combining marks and variation
 * selectors draw nothing.
 */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1f64f}\u{1f900}-\u{1f9ff}\u{20000}-\u{3fffd}]/u;
const ZERO = /[\u0300-\u036f\u200b-\u200d\ufe00-\ufe0f]/u;
/** Text of one column a character up to the first wide or zero-width range: most paths, statuses and phases. */
const NARROW = /^[\u0020-\u02ff]*$/;

/** How many columns a terminal gives `text` (one line, made safe). */
export function displayWidth(text: string): number {
  if (NARROW.test(text)) return text.length;
  let width = 0;
  for (const c of text) width += ZERO.test(c) ? 0 : WIDE.test(c) ? 2 : 1;
  return width;
}

/** `text` cut to `width` columns, with `…` when cut. */
export function truncateToWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const c of text) {
    const w = ZERO.test(c) ? 0 : WIDE.test(c) ? 2 : 1;
    if (used + w > width - 1) break;
    out += c;
    used += w;
  }
  return `${out}…`;
}

/** `text` padded with spaces to `width` columns, at its end or (`start`) before it. */
export function padToWidth(text: string, width: number, start = false): string {
  const pad = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return start ? pad + text : text + pad;
}
