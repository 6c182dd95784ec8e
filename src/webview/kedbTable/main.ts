// The KEDB table webview: sorts and filters the rows the extension sends, and asks it to open a
// record on a click. Every record text goes into the page through textContent, never as HTML.
// Messages: see src/shared/kedbTable.ts; what arrives is checked before use. Bundled by
// esbuild.mjs into dist/webview/kedb-table.js, a classic script the page loads with its nonce.
import { fillLabel } from '../../shared/wire';
import { parseTableHostMessage, parseTableTexts, TABLE_EXPORT_FORMATS, type TableRow, type TableWebviewMessage } from '../../shared/kedbTable';
import { presentStatuses, restoreState, shownRows, type TableViewState } from './rows';

interface VsCodeApi {
  postMessage(message: TableWebviewMessage): void;
  getState(): unknown;
  setState(state: TableViewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
let rows: TableRow[] = [];
const state = restoreState(vscode.getState());

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const tbody = document.querySelector('#kedb tbody') as HTMLTableSectionElement;
const filter = $<HTMLInputElement>('filter');
const status = $<HTMLSelectElement>('status');
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

function rowElement(r: TableRow): HTMLTableRowElement {
  const tr = document.createElement('tr');
  tr.dataset.id = r.id;
  tr.tabIndex = 0;
  tr.title = fillLabel(texts.rowTitle, r.id, r.title);
  const head = document.createElement('th');
  head.scope = 'row';
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
  const ke = document.createElement('div');
  ke.className = 'ke';
  ke.textContent = r.id;
  head.append(problem, ke);
  tr.appendChild(head);
  tr.appendChild(cell(r.symptoms));
  tr.appendChild(cell(r.rootCauses));
  tr.appendChild(cell(r.workaround));
  const fix = cell(r.fixDescription);
  if (r.fixStatus) {
    const badge = document.createElement('span');
    badge.className = 'status';
    badge.dataset.status = r.fixStatus;
    badge.textContent = label(r.fixStatus);
    fix.prepend(badge, document.createTextNode(r.fixDescription ? ': ' : ''));
  }
  tr.appendChild(fix);
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
}

filter.addEventListener('input', () => {
  state.filter = filter.value;
  render();
});
status.addEventListener('change', () => {
  state.status = status.value;
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
