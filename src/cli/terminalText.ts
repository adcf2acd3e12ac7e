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
