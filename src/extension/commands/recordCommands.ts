import * as vscode from 'vscode';
import { isoWithOffset, KIND_FOLDERS, recordTemplate, type RecordKind } from '../../core';
import type { FolderIndex, RecordIndex } from '../index/recordIndex';
import type { DiagnosticsManager } from '../diagnostics/diagnosticsManager';

async function pickFolder(index: RecordIndex): Promise<FolderIndex | undefined> {
  await index.ready;
  const all = index.all();
  if (all.length <= 1) return all[0];
  const active = vscode.window.activeTextEditor?.document.uri;
  const near = active ? index.locate(active)?.folder : undefined;
  if (near) return near;
  const pick = await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Workspace folder for the new record' });
  return pick ? all.find((f) => f.folder.uri.toString() === pick.uri.toString()) : undefined;
}

/**
 * Creates a record file with the next free id and opens it. Never overwrites: if the file exists
 * (the index may lag behind the disk), the next id is tried.
 */
export async function newRecord(index: RecordIndex, kind: RecordKind, extra: { problem?: string; title?: string } = {}): Promise<vscode.Uri | undefined> {
  const folder = await pickFolder(index);
  if (!folder) {
    void vscode.window.showWarningMessage('KEDB: open a folder first: records are files in a workspace folder.');
    return undefined;
  }
  let id = folder.ws.nextId(kind);
  for (let attempt = 0; attempt < 1000; attempt++) {
    const uri = index.uriOf(folder, `${KIND_FOLDERS[kind]}/${id}.yaml`);
    const exists = await vscode.workspace.fs.stat(uri).then(
      () => true,
      () => false,
    );
    if (!exists) {
      const text = recordTemplate(kind, { id, now: isoWithOffset(new Date()), ...extra }, folder.ws.config);
      const edit = new vscode.WorkspaceEdit();
      edit.createFile(uri, { ignoreIfExists: false, contents: new TextEncoder().encode(text) });
      if (!(await vscode.workspace.applyEdit(edit))) return undefined;
      folder.ws.setFileText(`${KIND_FOLDERS[kind]}/${id}.yaml`, text);
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      return uri;
    }
    const n = Number(id.slice(id.lastIndexOf('-') + 1)) + 1;
    id = `${folder.ws.config.idPrefixes[kind]}-${String(n).padStart(4, '0')}`;
  }
  return undefined;
}

/** Re-reads every folder from disk and reports the totals. */
export async function validateWorkspace(index: RecordIndex, diagnostics: DiagnosticsManager): Promise<{ records: number; errors: number; warnings: number }> {
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'KEDB: validating' }, async () => {
    await index.ready;
    await index.reloadAll();
  });
  const { records, errors, warnings } = diagnostics.counts;
  const msg = `KEDB: ${records} records, ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}.`;
  if (errors || warnings) {
    void vscode.window.showWarningMessage(msg, 'Show Problems').then((a) => a && vscode.commands.executeCommand('workbench.actions.view.problems'));
  } else {
    void vscode.window.showInformationMessage(msg);
  }
  return diagnostics.counts;
}
