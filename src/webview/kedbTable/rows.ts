// Which rows the KEDB table shows and in what order: the filter by fix status and by words, and
// the sort by a column. No DOM: plain functions over the rows the host sent.
import { TABLE_ROW_STRINGS, type TableRow, type TableRowString } from '../../shared/kedbTable';

/** What the user chose, kept in the webview's state across hide and reload. */
export interface TableViewState {
  /** The filter box's text: every word of it must appear in a row. */
  filter: string;
  /** The fix status to show, or '' for all. */
  status: string;
  /** The known-error state to show (`draft`, `published`, `retired`), or '' for all. */
  state: string;
  /** The column sorted by (a `data-sort` of the header), and whether descending. */
  sort: string;
  desc: boolean;
}

/** The saved state as far as it is well-formed, else the defaults: every row, by problem. */
export function restoreState(saved: unknown): TableViewState {
  const s = typeof saved === 'object' && saved !== null ? (saved as Record<string, unknown>) : {};
  return {
    filter: typeof s.filter === 'string' ? s.filter : '',
    status: typeof s.status === 'string' ? s.status : '',
    state: typeof s.state === 'string' ? s.state : '',
    sort: typeof s.sort === 'string' ? s.sort : 'problem',
    desc: s.desc === true,
  };
}

/** The permanent fix statuses in the order of the work: a sort by fix status follows it. */
export const FIX_ORDER: readonly string[] = ['open', 'planned', 'in-progress', 'ongoing', 'done'];

/** The known-error states in the order of their life: a sort by state follows it. */
export const STATE_ORDER: readonly string[] = ['draft', 'published', 'retired'];

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const isStringField = (key: string): key is TableRowString => (TABLE_ROW_STRINGS as readonly string[]).includes(key);

function sortKey(r: TableRow, key: string): string {
  if (key === 'symptoms' || key === 'rootCauses') return r[key].join('; ');
  if (key === 'fixStatus') return String(FIX_ORDER.indexOf(r.fixStatus) + 1).padStart(2, '0') + r.fixStatus;
  if (key === 'incidents') return String(r.incidents).padStart(12, '0');
  if (key === 'state') return String(STATE_ORDER.indexOf(r.state) + 1).padStart(2, '0') + r.state + r.replacedBy;
  return isStringField(key) ? r[key] : '';
}

/** Everything a row is found by, lower-cased. */
function haystack(r: TableRow): string {
  return [r.id, r.problem, r.title, r.workaround, r.fixStatus, r.fixDescription, r.problemStatus, r.state, r.replacedBy, ...r.symptoms, ...r.rootCauses].join('\n').toLowerCase();
}

/** The rows the state lets through, sorted by its column (ties by id). */
export function shownRows(rows: readonly TableRow[], state: TableViewState): TableRow[] {
  const words = state.filter.toLowerCase().split(/\s+/).filter(Boolean);
  return rows
    .filter((r) => (!state.status || r.fixStatus === state.status) && (!state.state || r.state === state.state) && words.every((w) => haystack(r).includes(w)))
    .sort((a, b) => collator.compare(sortKey(a, state.sort), sortKey(b, state.sort)) * (state.desc ? -1 : 1) || collator.compare(a.id, b.id));
}

/** The fix statuses the rows have, in work order (ones outside FIX_ORDER first). */
export function presentStatuses(rows: readonly TableRow[]): string[] {
  return [...new Set(rows.map((r) => r.fixStatus).filter(Boolean))].sort((a, b) => FIX_ORDER.indexOf(a) - FIX_ORDER.indexOf(b));
}

/** The known-error states the rows have, in life order. */
export function presentStates(rows: readonly TableRow[]): string[] {
  return [...new Set(rows.map((r) => r.state).filter(Boolean))].sort((a, b) => STATE_ORDER.indexOf(a) - STATE_ORDER.indexOf(b));
}
