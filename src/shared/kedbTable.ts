/**
 * The messages between the KEDB table webview (src/webview/kedbTable/) and the extension
 * (src/extension/kedb/table.ts), with the checks each side runs on what it receives: a webview is
 * a page that shows record text, so nothing is trusted. The rows come from the core through
 * `toTableRow` (src/extension/kedb/tableProtocol.ts).
 * Imports only src/shared: the file is bundled into both the extension host and the browser.
 */

import { isObj } from './wire';

export const KEDB_TABLE_VIEW_TYPE = 'kedb.kedbTable';

/** One known error as the table shows it. */
export interface TableRow {
  id: string;
  problem: string;
  title: string;
  symptoms: string[];
  rootCauses: string[];
  workaround: string;
  /** The permanent fix status (`planned`, `in-progress`, …) and what the fix is. */
  fixStatus: string;
  fixDescription: string;
  /** The problem's lifecycle state, when known. */
  problemStatus: string;
  /** The workspace folder the record is in. */
  folder: string;
  /** How many incidents are linked to the known error or its problem. */
  incidents: number;
  /** `draft`, `published` or `retired`, and the known error that replaces a retired one ('' when none). */
  state: string;
  replacedBy: string;
}

/** The row fields that are one string each; `symptoms` and `rootCauses` are lists of strings, `incidents` a count. */
export const TABLE_ROW_STRINGS = ['id', 'problem', 'title', 'workaround', 'fixStatus', 'fixDescription', 'problemStatus', 'folder', 'state', 'replacedBy'] as const;
export type TableRowString = (typeof TABLE_ROW_STRINGS)[number];

/**
 * The table page's words in the user's language. The webview cannot translate: the host builds
 * these with `t()` (`tableLabels` in src/extension/kedb/tableHtml.ts), puts the static ones into
 * the page escaped, and writes the whole object into the page as the JSON `data-labels` attribute
 * of <body> for the script's run-time texts (`{0}`, `{1}`… are the values; see `TableTexts`).
 * Every one goes in as text, never as HTML.
 */
export interface TableLabels {
  /** The page and panel title. */
  title: string;
  toolbar: string;
  filterPlaceholder: string;
  filterAria: string;
  fixStatus: string;
  fixStatusAria: string;
  /** The status filter's "every status" option. */
  all: string;
  exportMd: string;
  exportCsv: string;
  exportHtml: string;
  /**
   * The column headers, by the row field each sorts by; the page shows them in the core's order
   * (`KEDB_COLUMN_KEYS` in src/core/kedb/export.ts) and the script draws the cells in the page's.
   */
  columns: { id: string; problem: string; title: string; symptoms: string; rootCauses: string; workaround: string; fixStatus: string; incidents: string; state: string };
  /** The state filter's label and its accessible name. */
  stateFilter: string;
  stateFilterAria: string;
  /** The known-error states, by value; {0} in `replacedBy` is the replacement's id. */
  states: { draft: string; published: string; retired: string };
  replacedBy: string;
  /** Shown when the filter leaves no row. */
  empty: string;
  /** {0} rows shown of {1}. */
  count: string;
  /** A known error with no problem. */
  noProblem: string;
  /** A row's tooltip: {0} the id, {1} the title. */
  rowTitle: string;
  /** The problem link's tooltip: {0} the problem id; {1} its status. */
  openProblem: string;
  openProblemStatus: string;
  /** The permanent fix statuses (the values stay as the records spell them). */
  statuses: Record<string, string>;
}

/** The labels the table's script writes at run time (the rest are in the page already). */
export type TableTexts = Pick<TableLabels, 'all' | 'count' | 'noProblem' | 'rowTitle' | 'openProblem' | 'openProblemStatus' | 'statuses' | 'states' | 'replacedBy'>;

/** The English run-time words: what a page without `data-labels` (or with a bad one) shows. */
export const TABLE_TEXTS_EN: Readonly<TableTexts> = {
  all: 'all',
  count: '{0} of {1}',
  noProblem: '(no problem)',
  rowTitle: '{0}: {1} (click to open)',
  openProblem: 'Open {0}',
  openProblemStatus: 'Open {0} ({1})',
  // No status has an English name: the script spells the value out (`in-progress` → `In progress`).
  statuses: {},
  states: { draft: 'Draft', published: 'Published', retired: 'Retired' },
  replacedBy: 'replaced by {0}',
};

/**
 * Parses the page's `data-labels` attribute into the script's run-time words: each one that is a
 * string, else the English one; of `statuses`, the entries that are strings.
 */
export function parseTableTexts(json: string | undefined | null): TableTexts {
  const out: TableTexts = { ...TABLE_TEXTS_EN, statuses: {}, states: { ...TABLE_TEXTS_EN.states } };
  let v: unknown;
  try {
    v = JSON.parse(json || '{}');
  } catch {
    return out;
  }
  // Any object, as the page has always read it: a JSON array simply has none of the words.
  if (typeof v !== 'object' || v === null) return out;
  const given = v as Record<string, unknown>;
  for (const k of ['all', 'count', 'noProblem', 'rowTitle', 'openProblem', 'openProblemStatus', 'replacedBy'] as const) {
    const label = given[k];
    if (typeof label === 'string') out[k] = label;
  }
  const states = given.states;
  if (typeof states === 'object' && states !== null) {
    for (const k of ['draft', 'published', 'retired'] as const) {
      const label = (states as Record<string, unknown>)[k];
      if (typeof label === 'string') out.states[k] = label;
    }
  }
  const statuses = given.statuses;
  if (typeof statuses === 'object' && statuses !== null) {
    // A prototype-free copy: a status value such as `constructor` names no inherited property.
    const own: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [k, label] of Object.entries(statuses)) if (typeof label === 'string') own[k] = label;
    out.statuses = own;
  }
  return out;
}

export type TableExportFormat = 'md' | 'csv' | 'html';
export const TABLE_EXPORT_FORMATS: readonly TableExportFormat[] = ['md', 'csv', 'html'];

export type TableHostMessage = { type: 'rows'; rows: TableRow[] } | { type: 'click'; id: string };

export type TableWebviewMessage =
  | { type: 'ready' }
  | { type: 'open'; id: string; folder: string }
  | { type: 'export'; format: TableExportFormat }
  | { type: 'rendered'; ids: string[] };

const ID = /^[A-Za-z][A-Za-z0-9]*-[0-9]+$/;

const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** True for a row as the extension must send it. */
export function isTableRow(v: unknown): v is TableRow {
  if (!isObj(v)) return false;
  return TABLE_ROW_STRINGS.every((k) => typeof v[k] === 'string') && isStringList(v.symptoms) && isStringList(v.rootCauses) && Number.isSafeInteger(v.incidents) && (v.incidents as number) >= 0;
}

/**
 * A message from the host as the webview may use it, or undefined. Of `rows`, the malformed rows
 * are dropped one by one and the well-formed ones kept.
 */
export function parseTableHostMessage(v: unknown): TableHostMessage | undefined {
  if (!isObj(v)) return undefined;
  if (v.type === 'rows' && Array.isArray(v.rows)) return { type: 'rows', rows: v.rows.filter(isTableRow) };
  if (v.type === 'click' && typeof v.id === 'string') return { type: 'click', id: v.id };
  return undefined;
}

/** True for a well-formed message from the table webview. */
export function isTableWebviewMessage(m: unknown): m is TableWebviewMessage {
  if (!isObj(m)) return false;
  switch (m.type) {
    case 'ready':
      return true;
    case 'open':
      return typeof m.id === 'string' && ID.test(m.id) && typeof m.folder === 'string' && m.folder.length < 4096;
    case 'export':
      return m.format === 'md' || m.format === 'csv' || m.format === 'html';
    case 'rendered':
      return Array.isArray(m.ids) && m.ids.length <= 1_000_000 && m.ids.every((x) => typeof x === 'string');
    default:
      return false;
  }
}
