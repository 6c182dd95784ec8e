/**
 * The one Markdown-cell escaping, for every Markdown table we write (the KEDB, the report, the
 * candidates): one line; the table's pipe and Markdown's emphasis, code and link characters
 * backslash-escaped; `<`, `>` and `&` as character references, so no cell becomes live HTML.
 */
export function escapeMarkdownCell(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\|*_`[\]]/g, (c) => '\\' + c)
    .replace(/[<>&]/g, (c) => `&#${c.charCodeAt(0)};`);
}
