// The KEDB table page. No `vscode` import: the browser test builds the same page.
import { escapeHtml } from '../../core/kedb/export';

/**
 * The page: a strict CSP (scripts only with this page's nonce, styles and images from our media),
 * the toolbar and an empty table the script fills from the rows the extension posts.
 */
export function tableHtml(cspSource: string, nonce: string, scriptUri: string, styleUri: string): string {
  const csp = [`default-src 'none'`, `script-src 'nonce-${nonce}'`, `style-src ${cspSource} 'unsafe-inline'`, `img-src ${cspSource} data:`, `font-src ${cspSource}`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(styleUri)}">
<title>Known Error Database</title>
</head>
<body>
<div id="toolbar" role="toolbar" aria-label="KEDB table">
  <input id="filter" type="search" placeholder="Filter: symptom, cause, workaround, id…" aria-label="Filter the rows by text">
  <label>Fix status <select id="status" aria-label="Filter by permanent fix status"><option value="">all</option></select></label>
  <span id="count" aria-live="polite"></span>
  <span class="sep"></span>
  <button id="export-md" title="Export the table as Markdown">Markdown</button>
  <button id="export-csv" title="Export the table as CSV">CSV</button>
  <button id="export-html" title="Export the table as an HTML page">HTML</button>
</div>
<table id="kedb">
  <thead><tr>
    <th data-sort="problem" scope="col" tabindex="0">Problem ID</th>
    <th data-sort="symptoms" scope="col" tabindex="0">Symptoms</th>
    <th data-sort="rootCauses" scope="col" tabindex="0">Root Causes</th>
    <th data-sort="workaround" scope="col" tabindex="0">Workaround</th>
    <th data-sort="fixStatus" scope="col" tabindex="0">Permanent Fix Status</th>
  </tr></thead>
  <tbody></tbody>
</table>
<p id="empty" hidden>No known errors match.</p>
<script nonce="${escapeHtml(nonce)}" src="${escapeHtml(scriptUri)}"></script>
</body>
</html>
`;
}

