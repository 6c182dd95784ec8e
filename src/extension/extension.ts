import * as vscode from 'vscode';
import { importTickets, type ImportCommandArgs } from './commands/importCommand';
import { registerCandidates } from './candidates/register';
import { validateWorkspace, newRecord } from './commands/recordCommands';
import { createSampleWorkspace, type SampleArgs } from './commands/sampleCommand';
import { DiagnosticsManager } from './diagnostics/diagnosticsManager';
import { ExplorerProvider } from './explorer/explorerProvider';
import { RecordIndex } from './index/recordIndex';
import { registerLanguageFeatures } from './language/register';
import { register as registerPriority } from './priority/priorityFeatures';
import { register as registerChecklist } from './checklist/checklistFeatures';
import { registerFishbonePreview } from './preview/register';
import { registerKedb } from './kedb/register';
import { StatusBar } from './statusBar';
import { setL10nBundle, t } from '../core/base';

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

  context.subscriptions.push(
    vscode.commands.registerCommand('kedb.newIncident', () => newRecord(index, 'incident')),
    vscode.commands.registerCommand('kedb.newProblem', () => newRecord(index, 'problem')),
    vscode.commands.registerCommand('kedb.newKnownError', (args?: { problem?: string }) => newRecord(index, 'known_error', args && typeof args.problem === 'string' ? { problem: args.problem } : {})),
    vscode.commands.registerCommand('kedb.validateWorkspace', () => validateWorkspace(index, diagnostics)),
    vscode.commands.registerCommand('kedb.refreshExplorer', () => explorer.refresh()),
    vscode.commands.registerCommand('kedb.createSample', (args?: SampleArgs) => createSampleWorkspace(context.extensionUri, args ?? {})),
    vscode.commands.registerCommand('kedb.importCsv', (args?: ImportCommandArgs) => importTickets(index, args && typeof args === 'object' && !(args instanceof vscode.Uri) ? args : {})),
  );
  registerLanguageFeatures(context, index);
  registerPriority(context, index);
  registerChecklist(context, index);
  registerCandidates(context, index);
  registerFishbonePreview(context, index);
  registerKedb(context, index);

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
