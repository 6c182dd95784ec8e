// The messages between the KEDB table webview (media/kedb-table.js) and the extension. Each side
// checks what it receives: a webview is a page that runs record text, so nothing is trusted.

import type { KedbTableRow } from '../../core/kedb';

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
}

/**
 * The table page's words in the user's language. The webview cannot translate: the host builds
 * these with `t()` (`tableLabels` in tableHtml.ts), puts the static ones into the page escaped,
 * and writes the whole object into the page as the JSON `data-labels` attribute of <body> for the
 * script's run-time texts (`{0}`, `{1}`… are the values). Every one goes in as text, never as HTML.
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
  /** The column headers. */
  columns: { problem: string; symptoms: string; rootCauses: string; workaround: string; fixStatus: string };
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

export type TableHostMessage = { type: 'rows'; rows: TableRow[] } | { type: 'click'; id: string };

export type TableWebviewMessage =
  | { type: 'ready' }
  | { type: 'open'; id: string; folder: string }
  | { type: 'export'; format: 'md' | 'csv' | 'html' }
  | { type: 'rendered'; ids: string[] };

const ID = /^[A-Za-z][A-Za-z0-9]*-[0-9]+$/;

function isObject(m: unknown): m is Record<string, unknown> {
  return typeof m === 'object' && m !== null && !Array.isArray(m);
}

/** True for a well-formed message from the table webview. */
export function isTableWebviewMessage(m: unknown): m is TableWebviewMessage {
  if (!isObject(m)) return false;
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

/** A KEDB row as the table webview receives it, tagged with its workspace folder. */
export function toTableRow(r: KedbTableRow, folder: string): TableRow {
  return {
    id: r.id,
    problem: r.problem,
    title: r.title,
    symptoms: r.symptoms,
    rootCauses: r.root_causes,
    workaround: r.workaround,
    fixStatus: r.permanent_fix.status,
    fixDescription: r.permanent_fix.description,
    problemStatus: r.problemStatus ?? '',
    folder,
  };
}
