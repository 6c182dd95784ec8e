import * as vscode from 'vscode';
import { isoWithOffset, knownErrorState, planPublish, planRetire, replacementChoices, type StatePlan } from '../../core';
import { oneLine, t } from '../../core/base';
import type { FolderIndex, RecordIndex } from '../index/recordIndex';
import { toVscodeEdit } from '../convert';
import { documentOf, pickRecord, recordIdFrom } from './util';

export interface StateArgs {
  /** The known error; default: the active editor's, else a pick. */
  id?: string;
  /** Retire only: the replacement as chosen (tests, scripts), or null for none; no quick pick is shown. */
  replacement?: string | null;
}

export interface StateResult {
  id: string;
  state: string;
  replacedBy?: string;
}

function argsOf(arg: unknown): StateArgs {
  return arg && typeof arg === 'object' && !(arg instanceof vscode.Uri) ? (arg as StateArgs) : {};
}

/** The known error the command works on: the argument's, the active editor's, else one the user picks in `state`. */
async function target(index: RecordIndex, arg: unknown, wanted: (state: string) => boolean, placeHolder: string): Promise<{ id: string; folder: FolderIndex } | undefined> {
  const args = argsOf(arg);
  if (args.id) return recordIdFrom(index, { id: args.id }, ['known_error']);
  if (arg instanceof vscode.Uri || typeof arg === 'string') return recordIdFrom(index, arg, ['known_error']);
  // The active editor's known error, else a pick.
  const active = recordIdFrom(index, undefined, ['known_error']);
  if (active) return active;
  return pickRecord(
    index,
    (folder) =>
      [...folder.ws.records('known_error')]
        .filter((r) => r.id !== undefined && wanted(knownErrorState(r.value)))
        .map((r) => ({ id: r.id!, description: String(r.value.title ?? ''), detail: knownErrorState(r.value) })),
    placeHolder,
    t('KEDB: no known error to choose.'),
  );
}

/** Applies a planned state change to the known error's document: one edit, one undo. */
async function applyPlan(index: RecordIndex, folder: FolderIndex, file: string, plan: StatePlan & { ok: true }): Promise<boolean> {
  const doc = await documentOf(index, folder, file);
  const edit = new vscode.WorkspaceEdit();
  edit.set(doc.uri, [toVscodeEdit(doc, plan.edit)]);
  return vscode.workspace.applyEdit(edit);
}


/**
 * KEDB: Publish Known Error. Checks what the service desk needs (symptoms, a workaround or "None:"
 * with the reason, a root cause or a statement that it is not yet known); when something is missing
 * it says what and publishes nothing, else sets `state: published` in one undoable edit.
 */
export async function publishKnownError(index: RecordIndex, arg?: unknown): Promise<StateResult | undefined> {
  await index.ready;
  const found = await target(index, arg, (s) => s === 'draft', t('Publish which draft known error?'));
  if (!found) return undefined;
  const { id, folder } = found;
  const ke = folder.ws.get(id)!;
  const doc = await documentOf(index, folder, ke.file);
  const plan = planPublish(folder.ws, id, doc.getText());
  if (!plan.ok) {
    const open = plan.gaps ? t('Open {0}', id) : undefined;
    void (open ? vscode.window.showWarningMessage(`KEDB: ${plan.message}`, open) : vscode.window.showWarningMessage(`KEDB: ${plan.message}`)).then((choice) => {
      if (choice) void vscode.window.showTextDocument(doc);
    });
    return undefined;
  }
  if (!(await applyPlan(index, folder, ke.file, plan))) return undefined;
  void vscode.window.showInformationMessage(t('KEDB: {0} is published: search, matching and Communicate Workaround use it now. One undo takes it back.', id));
  return { id, state: 'published' };
}

/** Asks for the known error that replaces `id`: the published ones most like it first, or none. Undefined on Escape. */
async function askReplacement(folder: FolderIndex, id: string): Promise<string | null | undefined> {
  const none = { label: `$(circle-slash) ${t('No replacement')}`, description: t('retire it without naming one'), id: null as string | null };
  const items = [
    ...replacementChoices(folder.ws, id).map((c) => ({
      label: c.id,
      description: oneLine(c.title, 80),
      detail: c.score > 0 ? t('similarity {0}', c.score.toFixed(2)) + (c.problem ? ` · ${c.problem}` : '') : c.problem,
      id: c.id as string | null,
    })),
    none,
  ];
  const pick = await vscode.window.showQuickPick(items, { title: t('Retire {0}', id), placeHolder: t('Which known error replaces {0}?', id), matchOnDescription: true });
  return pick ? pick.id : undefined;
}

/**
 * KEDB: Retire Known Error. Asks for the known error that replaces it (published ones, the most
 * alike first, or none), then sets `state: retired`, `retired_at` (today) and `replaced_by` in one
 * undoable edit. Incidents and open problems that still link it then get a diagnostic whose quick
 * fix links the replacement.
 */
export async function retireKnownError(index: RecordIndex, arg?: unknown): Promise<StateResult | undefined> {
  await index.ready;
  const found = await target(index, arg, (s) => s !== 'retired', t('Retire which known error?'));
  if (!found) return undefined;
  const { id, folder } = found;
  const args = argsOf(arg);
  const replacement = args.replacement !== undefined ? args.replacement : await askReplacement(folder, id);
  if (replacement === undefined) return undefined;
  const ke = folder.ws.get(id)!;
  const doc = await documentOf(index, folder, ke.file);
  const plan = planRetire(folder.ws, id, isoWithOffset(new Date()).slice(0, 10), replacement ?? undefined, doc.getText());
  if (!plan.ok) {
    void vscode.window.showWarningMessage(`KEDB: ${plan.message}`);
    return undefined;
  }
  if (!(await applyPlan(index, folder, ke.file, plan))) return undefined;
  void vscode.window.showInformationMessage(
    replacement ? t('KEDB: {0} is retired, replaced by {1}. One undo takes it back.', id, replacement) : t('KEDB: {0} is retired. One undo takes it back.', id),
  );
  return { id, state: 'retired', ...(replacement ? { replacedBy: replacement } : {}) };
}
