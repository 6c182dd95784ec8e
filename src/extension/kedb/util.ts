import * as vscode from 'vscode';
import type { FolderIndex, RecordIndex } from '../index/recordIndex';
import { t } from '../../core/base';

/** The folder of the active editor, the only folder, or the one the user picks. */
export async function pickFolder(index: RecordIndex, near?: vscode.Uri): Promise<FolderIndex | undefined> {
  await index.ready;
  const all = index.all();
  const uri = near ?? vscode.window.activeTextEditor?.document.uri;
  const here = uri ? index.locate(uri)?.folder : undefined;
  if (here) return here;
  if (all.length <= 1) return all[0];
  const pick = await vscode.window.showWorkspaceFolderPick({ placeHolder: t('Which workspace folder?') });
  return pick ? all.find((f) => f.folder.uri.toString() === pick.uri.toString()) : undefined;
}

/** One record offered in a pick: its id, and what the list shows beside it. */
export interface RecordChoice {
  id: string;
  description?: string;
  detail?: string;
}

/**
 * Asks for one record of the folder `pickFolder` gives: `choices` lists them (ids in numeric
 * order in the list); with none, says `none` (when given) and asks nothing.
 */
export async function pickRecord(
  index: RecordIndex,
  choices: (folder: FolderIndex) => RecordChoice[],
  placeHolder: string,
  none?: string,
): Promise<{ id: string; folder: FolderIndex } | undefined> {
  const folder = await pickFolder(index);
  if (!folder) return undefined;
  const items = choices(folder)
    .map((c) => ({ label: c.id, description: c.description, detail: c.detail }))
    .sort((a, b) => a.label.localeCompare(b.label, 'en', { numeric: true }));
  if (items.length === 0) {
    if (none) void vscode.window.showInformationMessage(none);
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true });
  return pick ? { id: pick.label, folder } : undefined;
}

/** A file's text as the editor has it: its open buffer, else the file as `openTextDocument` reads it. */
export function documentOf(index: RecordIndex, folder: FolderIndex, path: string): Promise<vscode.TextDocument> {
  return index.open(index.uriOf(folder, path));
}

/** A record id from a command argument: `{ id }`, a record file's URI, or the active editor's record of `kind`. */
export function recordIdFrom(index: RecordIndex, arg: unknown, kinds: readonly string[]): { id: string; folder: FolderIndex } | undefined {
  if (arg && typeof arg === 'object' && !(arg instanceof vscode.Uri) && typeof (arg as { id?: unknown }).id === 'string') {
    const found = index.find((arg as { id: string }).id);
    return found && kinds.includes(found.record.kind) ? { id: found.record.id!, folder: found.folder } : undefined;
  }
  const uri = arg instanceof vscode.Uri ? arg : typeof arg === 'string' ? vscode.Uri.parse(arg) : vscode.window.activeTextEditor?.document.uri;
  if (!uri) return undefined;
  const loc = index.locate(uri);
  if (!loc) return undefined;
  const records = loc.folder.ws.recordsInFile(loc.path);
  const r = records.find((x) => kinds.includes(x.kind) && x.id !== undefined);
  return r ? { id: r.id!, folder: loc.folder } : undefined;
}

export function plural(n: number, word: string, many = word + 's'): string {
  return `${n} ${n === 1 ? word : many}`;
}
