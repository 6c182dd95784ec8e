import * as vscode from 'vscode';
import { definitionsOf, type Range } from '../../core';
import { t } from '../../core/base';
import { toRange } from '../convert';
import type { RecordDocuments } from './documents';

/** Internal commands (ids start with `kedb._`, so they stay out of the palette). */
export const OPEN_RECORD = 'kedb._openRecord';
export const PICK_REFERENCE = 'kedb._pickReference';
export const SELECT_RANGE = 'kedb._selectRange';

/** What `kedb._openRecord` opens: a record by id (near a document, for multi-root), or a file. */
export interface OpenRecordArgs {
  id?: string;
  near?: string;
  uri?: string;
}

export interface PickReferenceArgs {
  uri: string;
  range: Range;
  placeHolder: string;
  choices: { label: string; detail?: string; description?: string }[];
}

/** The command link a hover uses to open a record. */
export function openRecordLink(args: OpenRecordArgs): string {
  return `command:${OPEN_RECORD}?${encodeURIComponent(JSON.stringify([args]))}`;
}

async function openRecord(documents: RecordDocuments, args: OpenRecordArgs): Promise<void> {
  if (args.uri && !args.id) {
    await vscode.window.showTextDocument(vscode.Uri.parse(args.uri), { preview: false });
    return;
  }
  if (!args.id) return;
  const found = documents.index.find(args.id, args.near ? vscode.Uri.parse(args.near) : undefined);
  if (!found) {
    void vscode.window.showWarningMessage(t('KEDB: no record with id {0} in this workspace.', args.id));
    return;
  }
  const [def] = definitionsOf(documents.host(found.folder), args.id);
  const uri = documents.uri(found.folder, def?.file ?? found.record.file);
  await vscode.window.showTextDocument(uri, { selection: def ? toRange(def.range) : undefined });
}

async function pickReference(args: PickReferenceArgs): Promise<boolean> {
  const picked = await vscode.window.showQuickPick(args.choices, { placeHolder: args.placeHolder, matchOnDetail: true });
  if (!picked) return false;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(vscode.Uri.parse(args.uri), toRange(args.range), picked.label);
  return vscode.workspace.applyEdit(edit);
}

function selectRange(uri: string, range: Range): void {
  const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri);
  if (!editor) return;
  const r = toRange(range);
  editor.selection = new vscode.Selection(r.start, r.end);
  editor.revealRange(r);
}

export function register(documents: RecordDocuments): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(OPEN_RECORD, (args: OpenRecordArgs) => openRecord(documents, args)),
    vscode.commands.registerCommand(PICK_REFERENCE, (args: PickReferenceArgs) => pickReference(args)),
    vscode.commands.registerCommand(SELECT_RANGE, (uri: string, range: Range) => selectRange(uri, range)),
  );
}
