// The KEDB table page. No `vscode` import: the browser test builds the same page.
import { escapeHtml, KEDB_COLUMN_KEYS, kedbColumnLabels } from '../../core/kedb';
import { t } from '../../core/base';
import { pageHead } from '../../core/base';
import type { TableLabels } from '../../shared/kedbTable';

/** The page's words in the current language (see `TableLabels`). */
export function tableLabels(): TableLabels {
  return {
    title: t('Known Error Database'),
    toolbar: t('KEDB table'),
    filterPlaceholder: t('Filter: symptom, cause, workaround, id…'),
    filterAria: t('Filter the rows by text'),
    fixStatus: t('Fix status'),
    fixStatusAria: t('Filter by permanent fix status'),
    all: t('all'),
    exportMd: t('Export the table as Markdown'),
    exportCsv: t('Export the table as CSV'),
    exportHtml: t('Export the table as an HTML page'),
    columns: kedbColumnLabels(),
    stateFilter: t('State'),
    stateFilterAria: t('Filter by known-error state'),
    states: { draft: t('Draft'), published: t('Published'), retired: t('Retired') },
    replacedBy: t('replaced by {0}'),
    empty: t('No known errors match.'),
    count: t('{0} of {1}'),
    noProblem: t('(no problem)'),
    rowTitle: t('{0}: {1} (click to open)'),
    openProblem: t('Open {0}'),
    openProblemStatus: t('Open {0} ({1})'),
    // `open` has no entry: "Open" is also a button's word, and one key has one translation.
    statuses: {
      planned: t('Planned'),
      'in-progress': t('In progress'),
      ongoing: t('Ongoing'),
      done: t('Done'),
    },
  };
}

/**
 * The page: a strict CSP (scripts only with this page's nonce, styles and images from our media),
 * the toolbar and an empty table the script fills from the rows the extension posts. Every label
 * is escaped; the labels object rides along as an escaped JSON attribute for the script.
 * `scriptUri` is the webview's URI of dist/webview/kedb-table.js (built from
 * src/webview/kedbTable/), a classic script; `styleUri` that of media/kedb-table.css.
 */
export function tableHtml(cspSource: string, nonce: string, scriptUri: string, styleUri: string, labels: TableLabels = tableLabels()): string {
  const csp = [`default-src 'none'`, `script-src 'nonce-${nonce}'`, `style-src ${cspSource} 'unsafe-inline'`, `img-src ${cspSource} data:`, `font-src ${cspSource}`].join('; ');
  const e = escapeHtml;
  const c = labels.columns;
  return `${pageHead({ cspAttribute: e(csp), title: labels.title, stylesheet: styleUri })}<body data-labels="${e(JSON.stringify(labels))}">
<div id="toolbar" role="toolbar" aria-label="${e(labels.toolbar)}">
  <input id="filter" type="search" placeholder="${e(labels.filterPlaceholder)}" aria-label="${e(labels.filterAria)}">
  <label>${e(labels.fixStatus)} <select id="status" aria-label="${e(labels.fixStatusAria)}"><option value="">${e(labels.all)}</option></select></label>
  <label>${e(labels.stateFilter)} <select id="state" aria-label="${e(labels.stateFilterAria)}"><option value="">${e(labels.all)}</option></select></label>
  <span id="count" aria-live="polite"></span>
  <span class="sep"></span>
  <button id="export-md" title="${e(labels.exportMd)}">Markdown</button>
  <button id="export-csv" title="${e(labels.exportCsv)}">CSV</button>
  <button id="export-html" title="${e(labels.exportHtml)}">HTML</button>
</div>
<table id="kedb">
  <thead><tr>
${KEDB_COLUMN_KEYS.map((k) => `    <th data-sort="${k}" scope="col" tabindex="0">${e(c[k])}</th>`).join('\n')}
  </tr></thead>
  <tbody></tbody>
</table>
<p id="empty" hidden>${e(labels.empty)}</p>
<script nonce="${e(nonce)}" src="${e(scriptUri)}"></script>
</body>
</html>
`;
}
