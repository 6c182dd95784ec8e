import * as vscode from 'vscode';
import { appendTopLevelKey, isoWithOffset, KIND_FOLDERS, recordTemplate, summarize, type RecordKind } from '../../core';
import { openDocument, type FolderIndex, type RecordIndex } from '../index/recordIndex';
import { toVscodeEdit } from '../convert';
import type { DiagnosticsManager } from '../diagnostics/diagnosticsManager';
import { t } from '../../core/base';

async function pickFolder(index: RecordIndex): Promise<FolderIndex | undefined> {
  await index.ready;
  const all = index.all();
  if (all.length <= 1) return all[0];
  const active = vscode.window.activeTextEditor?.document.uri;
  const near = active ? index.locate(active)?.folder : undefined;
  if (near) return near;
  const pick = await vscode.window.showWorkspaceFolderPick({ placeHolder: t('Workspace folder for the new record') });
  return pick ? all.find((f) => f.folder.uri.toString() === pick.uri.toString()) : undefined;
}

/** Asks which problem a new known error documents; the active editor's problem comes first. */
async function pickProblem(index: RecordIndex, folder: FolderIndex): Promise<string | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const loc = active ? index.locate(active) : undefined;
  const current = loc ? folder.ws.recordsInFile(loc.path).find((r) => r.kind === 'problem')?.id : undefined;
  const items = [...folder.ws.records('problem')]
    .map(summarize)
    .filter((p): p is NonNullable<typeof p> => !!p)
    .sort((a, b) => (a.id === current ? -1 : b.id === current ? 1 : a.id.localeCompare(b.id)))
    .map((p) => ({ label: p.id, description: p.title, detail: [p.status, p.priority].filter(Boolean).join(' · ') }));
  if (items.length === 0) {
    void vscode.window.showWarningMessage(t('KEDB: a known error documents a problem; create the problem first.'));
    return undefined;
  }
  return (await vscode.window.showQuickPick(items, { placeHolder: t('Which problem does this known error document?') }))?.label;
}


/**
 * Creates a record file with the next free id and opens it. Never overwrites: if the file exists
 * (the index may lag behind the disk), the next id is tried. A new known error names its problem,
 * and the problem gets `known_error` back in the same undoable edit when it has none.
 */
export async function newRecord(index: RecordIndex, kind: RecordKind, extra: { problem?: string; title?: string } = {}): Promise<vscode.Uri | undefined> {
  const folder = await pickFolder(index);
  if (!folder) {
    void vscode.window.showWarningMessage(t('KEDB: open a folder first: records are files in a workspace folder.'));
    return undefined;
  }
  const options = { ...extra };
  if (kind === 'known_error' && !options.problem) {
    options.problem = await pickProblem(index, folder);
    if (!options.problem) return undefined;
  }
  const id = await index.freeId(folder, kind);
  if (id === undefined) return undefined;
  const uri = index.uriOf(folder, `${KIND_FOLDERS[kind]}/${id}.yaml`);
  const text = recordTemplate(kind, { id, now: isoWithOffset(new Date()), ...options }, folder.ws.config);
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(uri, { ignoreIfExists: false, contents: new TextEncoder().encode(text) });
  const problem = kind === 'known_error' && options.problem ? folder.ws.get(options.problem) : undefined;
  if (problem && problem.kind === 'problem' && problem.value.known_error === undefined) {
    const problemUri = index.uriOf(folder, problem.file);
    const open = openDocument(problemUri);
    const source = open?.getText() ?? folder.ws.textOf(problem.file);
    const add = source !== undefined ? appendTopLevelKey(source, problem.ordinal, 'known_error', id, folder.ws.config) : undefined;
    if (add && source !== undefined) edit.set(problemUri, [toVscodeEdit(open ?? source, add)]);
  }
  if (!(await vscode.workspace.applyEdit(edit))) return undefined;
  const doc = await index.open(uri);
  await vscode.window.showTextDocument(doc);
  return uri;
}

/** Re-reads every folder from disk and reports the totals. */
export async function validateWorkspace(index: RecordIndex, diagnostics: DiagnosticsManager): Promise<{ records: number; errors: number; warnings: number }> {
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: t('KEDB: validating') }, async () => {
    await index.ready;
    await index.reloadAll();
  });
  const { records, errors, warnings } = diagnostics.counts;
  const msg = t('KEDB: {0} records, {1}, {2}.', records, errors === 1 ? t('1 error') : t('{0} errors', errors), warnings === 1 ? t('1 warning') : t('{0} warnings', warnings));
  if (errors || warnings) {
    void vscode.window.showWarningMessage(msg, t('Show Problems')).then((a) => a && vscode.commands.executeCommand('workbench.actions.view.problems'));
  } else {
    void vscode.window.showInformationMessage(msg);
  }
  return diagnostics.counts;
}
