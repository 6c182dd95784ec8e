import * as vscode from 'vscode';
import { isoWithOffset, planPromotion } from '../../core';
import type { RecordIndex } from '../index/recordIndex';
import { documentOf, pickFolder, recordIdFrom } from './util';
import { toVscodeEdit } from '../convert';
import { t } from '../../core/base';

export interface PromoteResult {
  knownError: string;
  uri: string;
}

/** Asks which problem to promote: those without a known error, the furthest along first. */
async function pickProblem(index: RecordIndex): Promise<{ id: string } | undefined> {
  const folder = await pickFolder(index);
  if (!folder) return undefined;
  const items = [...folder.ws.records('problem')]
    .filter((p) => p.id !== undefined && p.value.known_error === undefined)
    .map((p) => ({ label: p.id!, description: String(p.value.title ?? ''), detail: String(p.value.status ?? 'new') }))
    .sort((a, b) => a.label.localeCompare(b.label, 'en', { numeric: true }));
  if (items.length === 0) {
    void vscode.window.showInformationMessage(t('KEDB: every problem already has a known error.'));
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(items, { placeHolder: t('Promote which problem to a known error?'), matchOnDescription: true });
  return pick ? { id: pick.label } : undefined;
}

/**
 * KEDB: Promote Problem to Known Error. Creates known-errors/KE-….yaml drafted from the problem
 * (symptoms from its incidents, root causes from its rca, its workaround, the permanent-fix
 * status) and links the problem to it, in one WorkspaceEdit (one undo), then opens the new file.
 */
export async function promoteProblem(index: RecordIndex, arg?: unknown): Promise<PromoteResult | undefined> {
  await index.ready;
  const target = recordIdFrom(index, arg, ['problem']) ?? (arg === undefined ? await pickProblem(index).then((p) => (p ? recordIdFrom(index, p, ['problem']) : undefined)) : undefined);
  if (!target) {
    if (arg !== undefined) void vscode.window.showWarningMessage(t('KEDB: Promote to Known Error works on a problem record.'));
    return undefined;
  }
  const { folder, id } = target;
  const problem = folder.ws.get(id)!;
  const problemDoc = await documentOf(index, folder, problem.file);
  const result = planPromotion(folder.ws, id, isoWithOffset(new Date()), problemDoc.getText());
  if (!result.ok) {
    if (result.existing) {
      const existing = result.existing;
      // Not awaited: the command returns at once; the notification's button opens the record later.
      void vscode.window.showInformationMessage(`KEDB: ${result.message}`, t('Open {0}', existing)).then((open) => {
        if (open) void vscode.commands.executeCommand('kedb._openRecord', { id: existing, near: problemDoc.uri.toString() });
      });
    } else void vscode.window.showWarningMessage(`KEDB: ${result.message}`);
    return undefined;
  }
  const plan = result.plan;
  const uri = index.uriOf(folder, plan.path);
  if (await vscode.workspace.fs.stat(uri).then(() => true, () => false)) {
    void vscode.window.showWarningMessage(t('KEDB: {0} already exists; rename it or give it a problem.', plan.path));
    return undefined;
  }
  const edit = new vscode.WorkspaceEdit();
  // An empty file plus an insert: the browser-hosted workbench cannot revive `createFile` contents.
  edit.createFile(uri, { ignoreIfExists: false, overwrite: false });
  edit.insert(uri, new vscode.Position(0, 0), plan.text);
  edit.set(problemDoc.uri, [toVscodeEdit(problemDoc, plan.problemEdit)]);
  if (!(await vscode.workspace.applyEdit(edit))) return undefined;
  const doc = await index.open(uri);
  await vscode.window.showTextDocument(doc, { preview: false });
  void vscode.window.setStatusBarMessage(t('KEDB: {0} drafted from {1}: {2} symptoms, {3} root causes. Save both files to keep it.', plan.knownError, plan.problem, plan.symptoms, plan.rootCauses), 8000);
  return { knownError: plan.knownError, uri: uri.toString() };
}
