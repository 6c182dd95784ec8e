import * as vscode from 'vscode';
import { idAt, planRename, type RenamePlan } from '../../core';
import { t } from '../../core/base';
import { toRange } from '../convert';
import type { FolderIndex } from '../index/recordIndex';
import { fromPosition, RECORD_SELECTOR, type RecordDocuments } from './documents';

/**
 * One WorkspaceEdit for a rename plan: the file renames first, then the text edits, those of a
 * renamed file addressed to its new name. VS Code applies text edits to open buffers (dirty ones
 * move with their file), so nothing is written behind the user, and one undo reverts it all.
 *
 * Renames go first because the API's own conversion of a WorkspaceEdit (as returned by
 * `vscode.executeDocumentRenameProvider`) puts file operations before text edits: this order is
 * then the same on every path.
 */
export function renameEdit(documents: RecordDocuments, folder: FolderIndex, plan: RenamePlan): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  const moved = new Map(plan.renames.map((r) => [r.from, r.to] as const));
  for (const r of plan.renames) edit.renameFile(documents.uri(folder, r.from), documents.uri(folder, r.to), { overwrite: false });
  for (const e of plan.edits) edit.replace(documents.uri(folder, moved.get(e.file) ?? e.file), toRange(e.range), e.newText);
  return edit;
}

/** Rename Symbol on an id: every occurrence in every file, and the file named after it. */
export class RecordRenameProvider implements vscode.RenameProvider {
  constructor(private readonly documents: RecordDocuments) {}

  prepareRename(doc: vscode.TextDocument, position: vscode.Position): { range: vscode.Range; placeholder: string } {
    const rec = this.documents.get(doc);
    const site = rec && idAt(rec.ranged, rec.loc.path, fromPosition(position));
    if (!site) throw new Error(t('Only record ids can be renamed: put the cursor on an id or on a reference to one.'));
    return { range: toRange(site.range), placeholder: site.id };
  }

  provideRenameEdits(doc: vscode.TextDocument, position: vscode.Position, newName: string): vscode.WorkspaceEdit {
    const rec = this.documents.get(doc);
    const site = rec && idAt(rec.ranged, rec.loc.path, fromPosition(position));
    if (!rec || !site) throw new Error(t('Only record ids can be renamed.'));
    const folder = rec.loc.folder;
    const plan = planRename(this.documents.host(folder), site.id, newName.trim(), site.kind, [rec.loc.path]);
    if ('error' in plan) throw new Error(plan.error);
    return renameEdit(this.documents, folder, plan);
  }
}

export function register(documents: RecordDocuments): vscode.Disposable {
  return vscode.languages.registerRenameProvider(RECORD_SELECTOR, new RecordRenameProvider(documents));
}
