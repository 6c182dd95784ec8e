// The preview page. No `vscode` import: the browser test and the benchmark build the same page.
import type { PreviewInit } from '../../shared/protocol';
import { escapeHtml } from '../../core/html';

export { escapeHtml };

export interface PreviewHtmlOptions {
  /** The webview's `cspSource`: the origin our bundle and media are served from. */
  cspSource: string;
  /** A fresh nonce for this page (crypto.randomUUID()). */
  nonce: string;
  /** `asWebviewUri` of dist/webview/preview.js and media/preview.css. */
  scriptUri: string;
  styleUri: string;
  init: PreviewInit;
}

/**
 * The CSP: nothing by default; scripts only with this page's nonce (the ES module graph of our
 * bundle inherits it); styles from our media and Mermaid's inline SVG styles; images from our
 * media and data: URLs (the PNG export draws the SVG through one).
 */
export function previewCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'unsafe-inline'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

export function previewHtml(o: PreviewHtmlOptions): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(previewCsp(o.cspSource, o.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(o.styleUri)}">
<title>Fishbone Preview</title>
</head>
<body data-init="${escapeHtml(JSON.stringify(o.init))}">
<div id="toolbar" role="toolbar" aria-label="Fishbone preview">
  <span id="title"></span>
  <div role="tablist" aria-label="Diagram">
    <button id="tab-fishbone" role="tab" aria-selected="true" title="The fishbone (Ishikawa) diagram">Fishbone</button>
    <button id="tab-whys" role="tab" aria-selected="false" title="The 5 Whys chains">5 Whys</button>
  </div>
  <span class="sep"></span>
  <button id="zoom-out" title="Zoom out (-)" aria-label="Zoom out">−</button>
  <button id="zoom-in" title="Zoom in (+)" aria-label="Zoom in">+</button>
  <button id="fit" title="Fit to window (0)">Fit</button>
  <span class="sep"></span>
  <button id="export-svg" title="Save the diagram as an SVG file">Export SVG</button>
  <button id="export-png" title="Save the diagram as a PNG image">Export PNG</button>
  <span class="sep"></span>
  <button id="lock" aria-pressed="false" title="Follow the active problem editor, or stay on this record">Follow editor</button>
</div>
<div id="banner" role="alert" hidden></div>
<div id="viewport"><div id="stage"></div></div>
<script type="module" nonce="${escapeHtml(o.nonce)}" src="${escapeHtml(o.scriptUri)}"></script>
</body>
</html>
`;
}
