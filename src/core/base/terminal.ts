/**
 * Text as it may go to a terminal or a CI log: every control character (C0 and C1, DEL), the
 * Unicode line and paragraph separators and the bidirectional overrides shown escaped (`\x1b`,
 * `\u202e`), so a value can neither move the cursor, colour the screen nor forge a line. Line
 * breaks and tabs stay when `keepLines` is set (text made of several lines on purpose), and are
 * escaped too otherwise (one line that holds a user's value).
 */
export function forTerminal(s: string, { keepLines = false } = {}): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
    if (keepLines && (c === '\n' || c === '\t')) return c;
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
