// The Insights page. No `vscode` import: the browser test and the bench build the same page.
import { escapeHtml, pageHead } from '../../core/base';
import type { InsightsLabels } from '../../shared/insights';
import { insightsLabels } from '../../shared/insightsLabels';

/**
 * The page: a strict CSP (scripts only with this page's nonce, no eval; styles and images from our
 * media, inline styles for the charts' own), a heading, and the place the script draws the charts
 * in from the figures the extension posts. The labels ride along as an escaped JSON attribute.
 * `scriptUri` is the webview's URI of dist/webview/insights.js, `styleUri` that of media/insights.css.
 */
export function insightsHtml(cspSource: string, nonce: string, scriptUri: string, styleUri: string, labels: InsightsLabels = insightsLabels()): string {
  const csp = [`default-src 'none'`, `script-src 'nonce-${nonce}'`, `style-src ${cspSource} 'unsafe-inline'`, `img-src ${cspSource} data:`, `font-src ${cspSource}`].join('; ');
  const e = escapeHtml;
  return `${pageHead({ cspAttribute: e(csp), title: labels.title, stylesheet: styleUri })}<body data-labels="${e(JSON.stringify(labels))}">
<h1>${e(labels.title)}</h1>
<p id="summary" aria-live="polite"></p>
<section id="notes"></section>
<main id="charts"></main>
<script nonce="${e(nonce)}" src="${e(scriptUri)}"></script>
</body>
</html>
`;
}
