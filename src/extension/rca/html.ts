// The preview page. No `vscode` import: the browser test and the benchmark build the same page.
import type { PreviewInit, PreviewLabels } from '../../shared/protocol';
import { escapeHtml, pageHead } from '../../core/base';
import { t } from '../../core/base';

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
  /** The words the script writes; default: `previewLabels()` in the current language. */
  labels?: PreviewLabels;
}

/** The words the preview's script writes at run time, in the current language (see `PreviewLabels`). */
export function previewLabels(): PreviewLabels {
  return {
    locked: t('Locked'),
    follow: t('Follow editor'),
    noWhys: t('No 5 Whys yet: add steps under rca.five_whys (why / because).'),
    drawFailed: t('Mermaid could not draw this diagram: {0}'),
    keepLast: t('{0} Showing the last good diagram.'),
    atLine: t('Line {0}: {1}'),
    exportFailed: t('Export failed: {0}'),
    rootCause: t('{0} (root cause)'),
    evidence: t('Evidence: {0}'),
    revealLine: t('Line {0}: click to reveal'),
  };
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
  const labels = o.labels ?? previewLabels();
  // Every word goes in escaped: a translation is text, never markup.
  const e = escapeHtml;
  return `${pageHead({ cspAttribute: e(previewCsp(o.cspSource, o.nonce)), title: t('Fishbone Preview'), stylesheet: o.styleUri })}<body data-init="${e(JSON.stringify(o.init))}" data-labels="${e(JSON.stringify(labels))}">
<div id="toolbar" role="toolbar" aria-label="${e(t('Fishbone preview'))}">
  <span id="title"></span>
  <div role="tablist" aria-label="${e(t('Diagram'))}">
    <button id="tab-fishbone" role="tab" aria-selected="true" title="${e(t('The fishbone (Ishikawa) diagram'))}">${e(t('Fishbone'))}</button>
    <button id="tab-whys" role="tab" aria-selected="false" title="${e(t('The 5 Whys chains'))}">${e(t('5 Whys'))}</button>
  </div>
  <span class="sep"></span>
  <button id="zoom-out" title="${e(t('Zoom out (-)'))}" aria-label="${e(t('Zoom out'))}">−</button>
  <button id="zoom-in" title="${e(t('Zoom in (+)'))}" aria-label="${e(t('Zoom in'))}">+</button>
  <button id="fit" title="${e(t('Fit to window (0)'))}">${e(t('Fit'))}</button>
  <span class="sep"></span>
  <button id="export-svg" title="${e(t('Save the diagram as an SVG file'))}">${e(t('Export SVG'))}</button>
  <button id="export-png" title="${e(t('Save the diagram as a PNG image'))}">${e(t('Export PNG'))}</button>
  <span class="sep"></span>
  <button id="lock" aria-pressed="false" title="${e(t('Follow the active problem editor, or stay on this record'))}">${e(labels.follow)}</button>
</div>
<div id="banner" role="alert" hidden></div>
<div id="viewport"><div id="stage"></div></div>
<script type="module" nonce="${e(o.nonce)}" src="${e(o.scriptUri)}"></script>
</body>
</html>
`;
}
