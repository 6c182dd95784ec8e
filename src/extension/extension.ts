import * as vscode from 'vscode';
import * as candidates from './candidates/register';
import * as checklist from './checklist/register';
import * as commands from './commands/register';
import { DiagnosticsManager } from './diagnostics/diagnosticsManager';
import { ExplorerProvider } from './explorer/explorerProvider';
import type { FeatureContext } from './features';
import { RecordIndex } from './index/recordIndex';
import * as form from './form/register';
import * as kedb from './kedb/register';
import * as language from './language/register';
import * as rca from './rca/register';
import * as priority from './priority/register';
import { StatusBar } from './statusBar';
import * as tasks from './tasks/register';
import * as stats from './stats/register';
import { setL10nBundle, t } from '../core/base';

/** The extension's features, each registered the same way (see features.ts). */
const FEATURES = [commands, language, priority, checklist, candidates, tasks, rca, kedb, form, stats];

/** What `activate` returns: the extension's API, used by the integration tests and other extensions. */
export interface KedbApi {
  index: RecordIndex;
  diagnostics: DiagnosticsManager;
  explorer: ExplorerProvider;
  /** How long `activate` took to return, and the first index build after it (ms). */
  timings: { activateMs: number; firstIndexMs?: number };
}

/**
 * Activation registers everything and returns at once; the workspace index is built afterwards,
 * in batches, so that opening a large workspace never blocks the editor.
 */
export function activate(context: vscode.ExtensionContext): KedbApi {
  const started = performance.now();
  // The core's messages (diagnostics, quick fixes) in the display language VS Code loaded l10n/ for.
  setL10nBundle(vscode.l10n.bundle, vscode.env.language);
  const index = new RecordIndex();
  context.subscriptions.push(index);
  const diagnostics = new DiagnosticsManager(index);
  context.subscriptions.push(diagnostics);
  context.subscriptions.push(new StatusBar(diagnostics));

  const explorer = new ExplorerProvider(index);
  context.subscriptions.push(explorer);
  context.subscriptions.push(vscode.window.createTreeView('kedb.explorer', { treeDataProvider: explorer, showCollapseAll: true }));

  const features: FeatureContext = { extensionUri: context.extensionUri, index, diagnostics, explorer };
  for (const feature of FEATURES) context.subscriptions.push(feature.register(features));

  const timings: KedbApi['timings'] = { activateMs: 0 };
  setImmediate(() => {
    const indexStarted = performance.now();
    index.start().then(
      () => (timings.firstIndexMs = performance.now() - indexStarted),
      (err) => void vscode.window.showErrorMessage(t('KEDB: could not index the workspace: {0}', err instanceof Error ? err.message : String(err))),
    );
  });
  timings.activateMs = performance.now() - started;
  return { index, diagnostics, explorer, timings };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
