// The KEDB table webview: sorts and filters the rows the extension sends, and asks it to open a
// record on a click. Every record text goes into the page through textContent, never as HTML.
// Messages: see src/shared/kedbTable.ts; what arrives is checked before use. Bundled by
// esbuild.mjs into dist/webview/kedb-table.js, a classic script the page loads with its nonce.
import { fillLabel } from '../../shared/wire';
import { vscodeApi } from '../host';
import { parseTableHostMessage, parseTableTexts, TABLE_EXPORT_FORMATS, type TableRow, type TableWebviewMessage } from '../../shared/kedbTable';
import { presentStates, presentStatuses, restoreState, shownRows, type TableViewState } from './rows';

const vscode = vscodeApi<TableWebviewMessage, TableViewState>();
let rows: TableRow[] = [];
const state = restoreState(vscode.getState());

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const tbody = document.querySelector('#kedb tbody') as HTMLTableSectionElement;
const filter = $<HTMLInputElement>('filter');
const status = $<HTMLSelectElement>('status');
const stateSelect = $<HTMLSelectElement>('state');
const sortHeaders = () => document.querySelectorAll<HTMLTableCellElement>('th[data-sort]');
filter.value = state.filter;

// The words this script writes, in the user's language: the extension puts them in the page as
// the JSON data-labels attribute (see TableLabels in src/shared/kedbTable.ts). Each goes in
// through textContent, title or new Option, never as HTML; a missing one is English.
const texts = parseTableTexts(document.body.getAttribute('data-labels'));

function post(message: TableWebviewMessage): void {
  vscode.postMessage(message);
}

/** A table cell with a text, or with a list of them (one item stays plain text). */
function cell(content: string[] | string): HTMLTableCellElement {
  const td = document.createElement('td');
  if (Array.isArray(content)) {
    if (content.length > 1) {
      const ul = document.createElement('ul');
      for (const item of content) {
        const li = document.createElement('li');
        li.textContent = item;
        ul.appendChild(li);
      }
      td.appendChild(ul);
    } else td.textContent = content[0] || '';
  } else td.textContent = content;
  return td;
}

/** A fix status as the user reads it: the translation, else the value spelled out. */
function label(s: string): string {
  const translated = texts.statuses[s];
  if (typeof translated === 'string') return translated;
  return s ? s.charAt(0).toUpperCase() + s.slice(1).replace(/-/g, ' ') : '';
}

/** The problem cell: a link that asks to open the problem. */
function problemCell(r: TableRow): HTMLTableCellElement {
  const td = document.createElement('td');
  const problem = document.createElement('a');
  problem.href = '#';
  problem.className = 'problem';
  problem.textContent = r.problem || texts.noProblem;
  problem.title = r.problemStatus ? fillLabel(texts.openProblemStatus, r.problem, r.problemStatus) : fillLabel(texts.openProblem, r.problem);
  problem.addEventListener('click', (e) => {
    e.preventDefault();
    e.stopPropagation();
    if (r.problem) post({ type: 'open', id: r.problem, folder: r.folder });
  });
  td.appendChild(problem);
  return td;
}

/** The permanent fix cell: the status as a badge, then what the fix is. */
function fixCell(r: TableRow): HTMLTableCellElement {
  const fix = cell(r.fixDescription);
  if (r.fixStatus) {
    const badge = document.createElement('span');
    badge.className = 'status';
    badge.dataset.status = r.fixStatus;
    badge.textContent = label(r.fixStatus);
    fix.prepend(badge, document.createTextNode(r.fixDescription ? ': ' : ''));
  }
  return fix;
}

/** A known-error state as the user reads it. */
function stateLabel(s: string): string {
  const translated = (texts.states as Record<string, string | undefined>)[s];
  return typeof translated === 'string' ? translated : s;
}

/** The state cell: a badge, and for a retired known error the one that replaces it. */
function stateCell(r: TableRow): HTMLTableCellElement {
  const td = document.createElement('td');
  const badge = document.createElement('span');
  badge.className = 'state';
  badge.dataset.state = r.state;
  badge.textContent = stateLabel(r.state);
  td.appendChild(badge);
  if (r.replacedBy) td.appendChild(document.createTextNode(' ' + fillLabel(texts.replacedBy, r.replacedBy)));
  return td;
}

/** A row's cell for a column (the `data-sort` key of its header); the known error's id heads the row. */
function columnCell(r: TableRow, column: string): HTMLTableCellElement {
  switch (column) {
    case 'id': {
      const head = document.createElement('th');
      head.scope = 'row';
      head.textContent = r.id;
      return head;
    }
    case 'problem':
      return problemCell(r);
    case 'title':
      return cell(r.title);
    case 'symptoms':
      return cell(r.symptoms);
    case 'rootCauses':
      return cell(r.rootCauses);
    case 'workaround':
      return cell(r.workaround);
    case 'fixStatus':
      return fixCell(r);
    case 'incidents': {
      const td = cell(String(r.incidents));
      td.className = 'num';
      return td;
    }
    case 'state':
      return stateCell(r);
    default:
      return cell('');
  }
}

/** The columns in the order of the page's headers, which the host builds from the core's list. */
const columns = [...sortHeaders()].map((th) => th.dataset.sort ?? '');

function rowElement(r: TableRow): HTMLTableRowElement {
  const tr = document.createElement('tr');
  tr.dataset.id = r.id;
  tr.dataset.state = r.state;
  tr.tabIndex = 0;
  tr.title = fillLabel(texts.rowTitle, r.id, r.title);
  for (const column of columns) tr.appendChild(columnCell(r, column));
  const open = () => post({ type: 'open', id: r.id, folder: r.folder });
  tr.addEventListener('click', open);
  tr.addEventListener('keydown', (e) => e.key === 'Enter' && open());
  return tr;
}

function render(): void {
  const shown = shownRows(rows, state);
  const frag = document.createDocumentFragment();
  for (const r of shown) frag.appendChild(rowElement(r));
  tbody.replaceChildren(frag);
  $('count').textContent = fillLabel(texts.count, shown.length, rows.length);
  $('empty').hidden = shown.length > 0 || rows.length === 0;
  for (const th of sortHeaders()) {
    const key = th.dataset.sort;
    th.setAttribute('aria-sort', key === state.sort ? (state.desc ? 'descending' : 'ascending') : 'none');
  }
  vscode.setState(state);
  post({ type: 'rendered', ids: shown.map((r) => r.id) });
}

/** The status filter's options: all, then the statuses the rows have; a chosen one that went is dropped. */
function fillStatuses(): void {
  const present = presentStatuses(rows);
  const options = [new Option(texts.all, '')].concat(present.map((s) => new Option(label(s), s)));
  status.replaceChildren(...options);
  status.value = present.includes(state.status) ? state.status : '';
  state.status = status.value;
  const states = presentStates(rows);
  stateSelect.replaceChildren(...[new Option(texts.all, '')].concat(states.map((s) => new Option(stateLabel(s), s))));
  stateSelect.value = states.includes(state.state) ? state.state : '';
  state.state = stateSelect.value;
}

filter.addEventListener('input', () => {
  state.filter = filter.value;
  render();
});
status.addEventListener('change', () => {
  state.status = status.value;
  render();
});
stateSelect.addEventListener('change', () => {
  state.state = stateSelect.value;
  render();
});
for (const th of sortHeaders()) {
  const sortBy = () => {
    const key = th.dataset.sort || 'problem';
    state.desc = state.sort === key ? !state.desc : false;
    state.sort = key;
    render();
  };
  th.addEventListener('click', sortBy);
  th.addEventListener('keydown', (e) => e.key === 'Enter' && sortBy());
}
for (const format of TABLE_EXPORT_FORMATS) $(`export-${format}`).addEventListener('click', () => post({ type: 'export', format }));

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const m = parseTableHostMessage(event.data);
  if (m?.type === 'rows') {
    rows = m.rows;
    fillStatuses();
    render();
  } else if (m?.type === 'click') {
    for (const tr of tbody.rows) if (tr.dataset.id === m.id) tr.click();
  }
});
post({ type: 'ready' });
