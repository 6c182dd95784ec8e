import * as vscode from 'vscode';
import type { Register } from '../features';
import type { RecordIndex } from '../index/recordIndex';
import { communicateWorkaround } from './communicate';
import { KedbCommandLensProvider } from './lenses';
import { KnownErrorIndexes, KnownErrorMatchLensProvider, LINK_INCIDENT, linkIncident, matchLenses, searchKnownErrors } from './matching';
import { promoteProblem } from './promote';
import { RESOLVE_LINKED_INCIDENTS, ResolveIncidentsActionProvider, resolveLinkedIncidents } from './resolveIncidents';
import { publishKnownError, retireKnownError } from './states';
import { exportTable, generateReport, type ExportArgs, type ReportArgs } from './report';
import { KedbTablePanel, KedbTableSerializer } from './table';
import { KEDB_TABLE_VIEW_TYPE } from './tableProtocol';

/**
 * The Known Error Database in the editor: lifecycle quick fixes, Promote to Known Error,
 * Communicate Workaround, Search Known Errors, the match CodeLens on incidents, the KEDB table
 * webview and its exports, and the problem-management report.
 */
export const register: Register = ({ extensionUri, index }) => {
  const selector: vscode.DocumentSelector = [{ language: 'yaml' }];
  const indexes = new KnownErrorIndexes();
  const matches = new KnownErrorMatchLensProvider(index, indexes);
  const commandLenses = new KedbCommandLensProvider(index);
  return vscode.Disposable.from(
    indexes,
    matches,
    commandLenses,
    vscode.languages.registerCodeLensProvider(selector, matches),
    vscode.languages.registerCodeLensProvider(selector, commandLenses),
    vscode.window.registerWebviewPanelSerializer(KEDB_TABLE_VIEW_TYPE, new KedbTableSerializer(extensionUri, index)),
    { dispose: () => KedbTablePanel.current?.dispose() },
    vscode.commands.registerCommand('kedb.promoteToKnownError', (arg?: unknown) => promoteProblem(index, arg)),
    vscode.commands.registerCommand(RESOLVE_LINKED_INCIDENTS, (arg?: unknown) => resolveLinkedIncidents(index, arg)),
    vscode.languages.registerCodeActionsProvider(selector, new ResolveIncidentsActionProvider(), ResolveIncidentsActionProvider.metadata),
    vscode.commands.registerCommand('kedb.communicateWorkaround', (arg?: unknown) => communicateWorkaround(index, arg)),
    vscode.commands.registerCommand('kedb.publishKnownError', (arg?: unknown) => publishKnownError(index, arg)),
    vscode.commands.registerCommand('kedb.retireKnownError', (arg?: unknown) => retireKnownError(index, arg)),
    vscode.commands.registerCommand('kedb.searchKnownErrors', (query?: unknown) => searchKnownErrors(index, indexes, typeof query === 'string' ? query : undefined)),
    vscode.commands.registerCommand('kedb.openKedbTable', async () => {
      await index.ready;
      KedbTablePanel.show(extensionUri, index);
    }),
    vscode.commands.registerCommand('kedb.exportKedbTable', (args?: ExportArgs) => exportTable(index, args && typeof args === 'object' && !(args instanceof vscode.Uri) ? args : {})),
    vscode.commands.registerCommand('kedb.generateReport', (args?: ReportArgs) => generateReport(index, extensionUri, args && typeof args === 'object' ? args : {})),
    vscode.commands.registerCommand(LINK_INCIDENT, (uri: string, ordinal: number, id: string) => linkIncident(index, uri, ordinal, id)),
    // Hidden, in test builds only: the table's state, a row click, and the matches of a document.
    ...(KEDB_TEST_HOOKS ? testHooks(index, indexes) : []),
  );
};

function testHooks(index: RecordIndex, indexes: KnownErrorIndexes): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('kedb._kedbTable', (action?: unknown, id?: unknown) => {
      const panel = KedbTablePanel.current;
      if (!panel) return undefined;
      if (action === 'click' && typeof id === 'string') panel.click(id);
      return panel.probe();
    }),
    vscode.commands.registerCommand('kedb._knownErrorMatches', async (uri: unknown) => {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(String(uri)));
      const loc = index.locate(doc.uri);
      return loc ? matchLenses(loc.folder.ws, indexes, doc.getText()).map((m) => ({ id: m.hit.id, score: m.hit.score, ordinal: m.ordinal })) : [];
    }),
  ];
}
