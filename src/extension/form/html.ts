// The record form page. No `vscode` import: the browser test builds the same page.
import { escapeHtml, pageHead, t } from '../../core/base';
import type { FormLabels } from '../../shared/form';

/** The page's words in the current language (see `FormLabels`). */
export function formLabels(): FormLabels {
  return {
    title: t('Record form'),
    openYaml: t('Open as YAML'),
    readOnly: t('This file has YAML syntax errors, so the form is read-only. Fix them in the YAML editor.'),
    add: t('Add'),
    remove: t('Remove'),
    moveUp: t('Move up'),
    moveDown: t('Move down'),
    rootCause: t('Root cause'),
    addCause: t('Add cause'),
    addSubCause: t('Add sub-cause'),
    addCategory: t('Add category'),
    addStep: t('Add step'),
    why: t('Why?'),
    because: t('Because'),
    chain: t('Chain {0}'),
    newItem: t('New item…'),
    notSet: t('(not set)'),
    zone: t('Time zone {0}'),
    otherValue: t('Edit this value in the YAML editor.'),
    recordIssues: t('Issues of the record'),
    moreRecords: t('This file holds {0} records; the form shows the first.'),
    line: t('Line {0}: {1}'),
    evidence: t('Evidence'),
    required: t('required'),
    cause: t('Cause'),
    addEvidence: t('Add evidence'),
    addChain: t('Add chain'),
    newChain: t('Name of the new chain…'),
    newWhy: t('Why did it happen?'),
    newBecause: t('Because…'),
    addTask: t('Add task'),
    newTask: t('What is to be done?'),
    owner: t('Owner'),
    due: t('Due'),
    markDone: t('Mark done'),
    overdueOne: t('1 day overdue'),
    overdueMany: t('{0} days overdue'),
  };
}

/**
 * The page: a strict CSP (scripts only with this page's nonce, no eval; styles from our media),
 * an empty form the script fills from the `render` messages. The labels ride along escaped, as the
 * JSON `data-labels` attribute. `scriptUri` is dist/webview/form.js, `styleUri` media/form.css.
 */
export function formHtml(cspSource: string, nonce: string, scriptUri: string, styleUri: string, labels: FormLabels = formLabels()): string {
  const csp = [`default-src 'none'`, `script-src 'nonce-${nonce}'`, `style-src ${cspSource}`, `img-src ${cspSource}`, `font-src ${cspSource}`].join('; ');
  const e = escapeHtml;
  return `${pageHead({ cspAttribute: e(csp), title: labels.title, stylesheet: styleUri })}<body data-labels="${e(JSON.stringify(labels))}">
<div id="banner" role="alert" hidden><p id="banner-text"></p><ul id="banner-issues"></ul><button id="open-yaml" type="button">${e(labels.openYaml)}</button></div>
<main id="form" aria-label="${e(labels.title)}"></main>
<script nonce="${e(nonce)}" src="${e(scriptUri)}"></script>
</body>
</html>
`;
}
