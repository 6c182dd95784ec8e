/**
 * The KEDB table as Markdown, CSV, HTML and JSON, in the columns of `KEDB_COLUMN_KEYS`: the seed's
 * five (Problem ID | Symptoms | Root Causes | Workaround | Permanent Fix Status) with the known
 * error's own id and title before them and the count of linked incidents after them. The table
 * webview and the report take the same list.
 *
 * Every cell is text from records that anyone can edit, so each format escapes it for its reader:
 * - HTML: `& < > " '` as character references;
 * - Markdown: the characters Markdown reads as markup (`\ | * _ ` [ ] < > &`), line breaks flattened;
 * - CSV: RFC 4180 quoting, and a cell whose first character a spreadsheet would read as a formula
 *   (`=`, `+`, `-`, `@`, also after leading blanks, or a tab or carriage return) starts with `'`,
 *   so it stays text (OWASP "CSV injection").
 */
import { fixStatusText, plainRow, type KedbRow, type KedbTableRow } from './model';
import { escapeHtml, pageHead } from '../base/html';
import { escapeMarkdownCell } from '../base/markdown';
import { count, t } from '../base/l10n';

export { escapeHtml };

export type ExportFormat = 'md' | 'csv' | 'html' | 'json';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['md', 'csv', 'html', 'json'];

/**
 * The KEDB's columns, in order: the one list every view and format follows. The keys are those
 * the table webview sorts by (`data-sort`, the fields of its rows).
 */
export const KEDB_COLUMN_KEYS = ['id', 'problem', 'title', 'symptoms', 'rootCauses', 'workaround', 'fixStatus', 'incidents', 'state'] as const;
export type KedbColumn = (typeof KEDB_COLUMN_KEYS)[number];

/** The column names in English: the CSV header, which tools read, always uses them. */
const ENGLISH_COLUMNS: Readonly<Record<KedbColumn, string>> = {
  id: 'Known Error ID',
  problem: 'Problem ID',
  title: 'Title',
  symptoms: 'Symptoms',
  rootCauses: 'Root Causes',
  workaround: 'Workaround',
  fixStatus: 'Permanent Fix Status',
  incidents: 'Linked Incidents',
  state: 'State',
};

/** The CSV header: the column names in English, in order. */
export const KEDB_COLUMNS: readonly string[] = KEDB_COLUMN_KEYS.map((k) => ENGLISH_COLUMNS[k]);

/** The column names people read, by column, in the current language. */
export function kedbColumnLabels(): Record<KedbColumn, string> {
  return {
    id: t('Known Error ID'),
    problem: t('Problem ID'),
    title: t('Title'),
    symptoms: t('Symptoms'),
    rootCauses: t('Root Causes'),
    workaround: t('Workaround'),
    fixStatus: t('Permanent Fix Status'),
    incidents: t('Linked Incidents'),
    state: t('State'),
  };
}

/** The column names people read (Markdown and HTML), in the current language, in order. */
export function kedbColumns(): string[] {
  const labels = kedbColumnLabels();
  return KEDB_COLUMN_KEYS.map((k) => labels[k]);
}

/** "1 known error", "3 known errors": how many rows an export wrote, in the current language. */
export function knownErrorCount(n: number): string {
  return count(n, t('{0} known error', n), t('{0} known errors', n));
}

/**
 * True when a spreadsheet would read the cell as a formula (or a command, in older Excel DDE);
 * full-width signs (＝, ＋, －, ＠) count, since spreadsheets fold them to the ASCII ones.
 */
export function isFormulaLike(s: string): boolean {
  return /^[\t\r]/.test(s) || /^\s*[=+\-@]/.test(s.normalize('NFKC'));
}

/** One CSV field: neutralised against formula injection, quoted when it must be. */
export function csvCell(s: string): string {
  const safe = isFormulaLike(s) ? "'" + s : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The state cell: the state as records spell it (`draft`, `published`, `retired`), a retired one
 * with its replacement. `english` for the CSV, which tools read.
 */
export function stateText(r: Pick<KedbRow, 'state' | 'replaced_by'>, english = false): string {
  if (r.state !== 'retired' || !r.replaced_by) return r.state;
  return english ? `${r.state} (replaced by ${r.replaced_by})` : t('{0} (replaced by {1})', r.state, r.replaced_by);
}

/** The cells of a row as text, one per column in order; `noProblem` stands for a missing problem id. */
export function rowCells(r: KedbRow, noProblem = t('(no problem)'), english = false): string[] {
  const cells: Record<KedbColumn, string> = {
    id: r.id,
    problem: r.problem || noProblem,
    title: r.title,
    symptoms: r.symptoms.join('; '),
    rootCauses: r.root_causes.join('; '),
    workaround: r.workaround,
    fixStatus: fixStatusText(r.permanent_fix),
    incidents: String(r.linked_incidents),
    state: stateText(r, english),
  };
  return KEDB_COLUMN_KEYS.map((k) => cells[k]);
}

export function kedbMarkdown(rows: readonly KedbRow[]): string {
  const columns = kedbColumns();
  const lines = [`| ${columns.join(' | ')} |`, `| ${columns.map(() => '---').join(' | ')} |`];
  for (const r of rows) lines.push(`| ${rowCells(r).map(escapeMarkdownCell).join(' | ')} |`);
  return lines.join('\n') + '\n';
}

export function kedbCsv(rows: readonly KedbRow[]): string {
  const lines = [KEDB_COLUMNS.map(csvCell).join(',')];
  // A known error without a problem has an empty problem cell: the column holds ids only.
  for (const r of rows) lines.push(rowCells(r, '', true).map(csvCell).join(','));
  return lines.join('\r\n') + '\r\n';
}

function list(items: readonly string[]): string {
  if (items.length === 0) return '';
  if (items.length === 1) return escapeHtml(items[0]);
  return `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
}

/** One cell of a row in the HTML table: the known error's id heads the row. */
function htmlCell(r: KedbRow, column: KedbColumn): string {
  switch (column) {
    case 'id':
      return `<th scope="row">${escapeHtml(r.id)}</th>`;
    case 'problem':
      return `<td>${escapeHtml(r.problem || t('(no problem)'))}</td>`;
    case 'title':
      return `<td>${escapeHtml(r.title)}</td>`;
    case 'symptoms':
      return `<td>${list(r.symptoms)}</td>`;
    case 'rootCauses':
      return `<td>${list(r.root_causes)}</td>`;
    case 'workaround':
      return `<td>${escapeHtml(r.workaround)}</td>`;
    case 'fixStatus': {
      const status = r.permanent_fix.status ? `<span class="status status-${escapeHtml(r.permanent_fix.status.replace(/[^a-z-]/g, ''))}">${escapeHtml(fixStatusText({ status: r.permanent_fix.status, description: '' }))}</span>` : '';
      return `<td>${r.permanent_fix.description ? `${status ? status + ': ' : ''}${escapeHtml(r.permanent_fix.description)}` : status}</td>`;
    }
    case 'incidents':
      return `<td class="num">${r.linked_incidents}</td>`;
    case 'state':
      return `<td class="state state-${escapeHtml(r.state.replace(/[^a-z-]/g, ''))}">${escapeHtml(stateText(r))}</td>`;
  }
}

/** The KEDB table as an HTML `<table>` (no page around it). */
export function kedbHtmlTable(rows: readonly KedbRow[]): string {
  const head = `<thead><tr>${kedbColumns().map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('')}</tr></thead>`;
  const body = rows.map((r) => `<tr>${KEDB_COLUMN_KEYS.map((k) => htmlCell(r, k)).join('')}</tr>`).join('\n');
  return `<table class="kedb">\n${head}\n<tbody>\n${body}\n</tbody>\n</table>`;
}

/** Styles shared by the HTML exports and the report. */
export const HTML_STYLE = `body { font-family: "Segoe UI", "Helvetica Neue", Arial, sans-serif; color: #1f1f1f; background: #fff; margin: 24px; line-height: 1.4; }
h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 32px; border-bottom: 1px solid #ddd; } h3 { font-size: 15px; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 13px; }
th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: left; vertical-align: top; }
thead th { background: #f3f3f3; }
td ul { margin: 0; padding-left: 18px; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.muted { color: #666; }
.status { font-weight: 600; }
pre.mermaid { background: #fafafa; border: 1px solid #eee; padding: 8px; overflow-x: auto; font-size: 12px; }
pre.mermaid[data-processed] { background: none; border: none; }`;

/** A standalone page: no script, no outside resource. */
export function kedbHtml(rows: readonly KedbRow[], title = t('Known Error Database')): string {
  return `${pageHead({ cspAttribute: "default-src 'none'; style-src 'unsafe-inline'", title, style: HTML_STYLE })}<body>
<h1>${escapeHtml(title)}</h1>
${kedbHtmlTable(rows)}
</body>
</html>
`;
}

export function kedbJson(rows: readonly KedbTableRow[]): string {
  return JSON.stringify(rows.map(plainRow), null, 2) + '\n';
}

/** The table in one format. */
export function exportKedb(rows: readonly KedbTableRow[], format: ExportFormat): string {
  switch (format) {
    case 'md':
      return kedbMarkdown(rows);
    case 'csv':
      return kedbCsv(rows);
    case 'html':
      return kedbHtml(rows);
    case 'json':
      return kedbJson(rows);
  }
}
