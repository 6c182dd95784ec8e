import * as vscode from 'vscode';
import { draftProblem, isoWithOffset, type Candidate, type TextEdit } from '../../core';
import { t } from '../../core/base';
import type { FolderIndex, RecordIndex } from '../index/recordIndex';
import { toVscodeEdit } from '../convert';

/** What Create Problem Record made (for tests and other extensions). */
export interface CreatedProblem {
  uri: string;
  id: string;
  linked: string[];
  skipped: string[];
}

/**
 * Create Problem Record: asks who owns the problem (unless `ownerArg` gives it; empty leaves a
 * placeholder to fill in, Escape creates nothing), then writes the new problem file and
 * `problem:` in each of the candidate's open incidents as one WorkspaceEdit, one undo reverting
 * all. The edit is a refactoring: VS Code saves the incidents it changed (`files.refactoring.autoSave`,
 * on by default) and no incident is shown, so no tab is left open or dirty that the user had not
 * opened. `refresh` runs once the edit has landed, before the new problem opens with the focus
 * (so that an undo there reverts the whole edit).
 */
export async function createProblem(
  index: RecordIndex,
  folder: FolderIndex,
  candidate: Candidate,
  refresh: () => Promise<unknown>,
  ownerArg?: string,
): Promise<CreatedProblem | undefined> {
  const ws = folder.ws;
  if (candidate.open.length === 0) {
    void vscode.window.showInformationMessage(t('KEDB: every incident of this candidate already belongs to {0}.', candidate.problems.join(', ')));
    return undefined;
  }
  const id = await index.freeId(folder, 'problem');
  if (id === undefined) return undefined;
  const owner =
    typeof ownerArg === 'string'
      ? ownerArg
      : await vscode.window.showInputBox({
          title: t('Owner of {0}', id),
          prompt: t('A person or a role; leave empty to fill it in later'),
          ignoreFocusOut: true,
        });
  if (owner === undefined) return undefined;
  // Every incident to be linked is loaded as a document (not shown), and its edit is computed on
  // the text that document holds: an open, unsaved buffer included, and a file changed on disk
  // that the index has not heard of yet. Loaded here, the buffers exist before the edit lands and
  // are held by the extension host after it, so the undo still finds them once the refactoring's
  // auto-save has saved them.
  for (const item of candidate.items) {
    if (item.problem) continue;
    await index.open(index.uriOf(folder, item.file)).catch(() => undefined);
  }
  const draft = draftProblem(ws, candidate, isoWithOffset(new Date()), id, owner);
  const edit = new vscode.WorkspaceEdit();
  const problemUri = index.uriOf(folder, draft.path);
  // The links first, the new file last: the file's creation is then the newest step of the one
  // undo group, so an undo in any of the files removes the problem and goes on to unlink the
  // incidents.
  const byFile = new Map<string, TextEdit[]>();
  for (const l of draft.links) byFile.set(l.file, [...(byFile.get(l.file) ?? []), l.edit]);
  for (const [file, edits] of byFile) {
    const text = ws.textOf(file);
    if (text === undefined) continue;
    edit.set(
      index.uriOf(folder, file),
      edits.map((e) => toVscodeEdit(text, e)),
    );
  }
  edit.createFile(problemUri, { ignoreIfExists: false, contents: new TextEncoder().encode(draft.text) });
  if (!(await vscode.workspace.applyEdit(edit, { isRefactoring: true }))) {
    void vscode.window.showErrorMessage(t('KEDB: the problem record could not be created.'));
    return undefined;
  }
  const doc = await index.open(problemUri);
  // The view shows the candidate covered now; the new problem opens last, with the focus.
  await refresh();
  await vscode.window.showTextDocument(doc, { preserveFocus: false });
  const created = draft.links.length === 1 ? t('KEDB: {0} created and linked to 1 incident.', draft.id) : t('KEDB: {0} created and linked to {1} incidents.', draft.id, draft.links.length);
  const note = draft.skipped.length ? ` ${t('{0} already belonged to a problem.', draft.skipped.length)}` : '';
  const saved = vscode.workspace.getConfiguration('files', problemUri).get<boolean>('refactoring.autoSave', true);
  void vscode.window.showInformationMessage(`${created}${note} ${saved ? t('One undo reverts it.') : t('Save all to keep it; one undo reverts it.')}`);
  return { uri: problemUri.toString(), id: draft.id, linked: draft.links.map((l) => l.id), skipped: draft.skipped.map((s) => s.id) };
}
