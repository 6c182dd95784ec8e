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

/**
 * The same escaping for text in a Markdown document (a heading, a list item, a paragraph): one
 * line, escaped as a cell, with GFM's strikethrough `~` escaped too, and what would open a block at
 * the start of the text (`#`, `-`, `+`, `=`, `1.`, `1)`) backslash-escaped, so a user's text stays
 * the text of the item it is put in.
 */
export function escapeMarkdownText(s: string): string {
  return escapeMarkdownCell(s)
    .replace(/~/g, '\\~')
    .replace(/^([#+=-])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}
