/**
 * Characters a terminal may obey instead of showing: C0 controls (ESC starts escape sequences, BEL rings,
 * CR and LF move the cursor), DEL, C1 controls (U+009B is CSI), the line and paragraph separators, and the
 * bidirectional overrides that reorder what a line shows.
 */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * `text` with every control character shown as an escape (`\x1b`, `\u2028`), for anything printed to a
 * terminal that comes from a file or a command line: names, paths, messages. A file's channel called
 * `ESC]0;title BEL ESC[2J` then prints as `\x1b]0;title\x07\x1b[2J` instead of retitling and clearing
 * the terminal, and every message stays one line.
 */
export function escapeControls(text: string): string {
  return text.replace(CONTROLS, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
