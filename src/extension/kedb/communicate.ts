import * as vscode from 'vscode';
import { communicationDraft, isoWithOffset, knownErrorState, noteEdit, planCommunication, type CommunicationPlan, type IncidentNote } from '../../core';
import type { FolderIndex } from '../index/recordIndex';
import { safeWriteUri, WriteError } from '../util/safeWrite';
import type { RecordIndex } from '../index/recordIndex';
import { documentOf, pickRecord, recordIdFrom } from './util';
import { toVscodeEdit } from '../convert';
import { oneLine } from '../../core/base';
import { t } from '../../core/base';

export interface CommunicateArgs {
  /** A problem or known error id; default: the active editor's record. */
  id?: string;
  /** false: write to every open incident without asking (tests, scripts). */
  confirm?: boolean;
}

export interface CommunicateResult {
  source: string;
  written: string[];
  skipped: string[];
  /** The message drafted for the service desk and the users (communications/….md), when written. */
  draft?: string;
}

/**
 * Writes the message for the service desk and the affected users (communications/KE-…-workaround.md,
 * through the one safe write) and opens it beside the editor. Undefined when it could not be written.
 */
async function writeDraft(folder: FolderIndex, plan: CommunicationPlan, now: string): Promise<vscode.Uri | undefined> {
  const draft = communicationDraft(folder.ws, plan, now);
  const uri = vscode.Uri.joinPath(folder.folder.uri, ...draft.path.split('/'));
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open?.isDirty) {
    void vscode.window.showWarningMessage(t('KEDB: {0} has unsaved changes; the new draft was not written over them.', draft.path));
  } else {
    try {
      await safeWriteUri(uri, new TextEncoder().encode(draft.text), { root: folder.folder.uri });
    } catch (e) {
      if (!(e instanceof WriteError)) throw e;
      void vscode.window.showErrorMessage(t('KEDB: the message draft was not written: {0}', e.message));
      return undefined;
    }
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  return uri;
}

async function pickSource(index: RecordIndex): Promise<string | undefined> {
  const pick = await pickRecord(
    index,
    ({ ws }) =>
      [...ws.records('known_error'), ...ws.records('problem')]
        // A draft's or a retired known error's workaround is not sent to users.
        .filter((r) => r.id !== undefined && typeof r.value.workaround === 'string' && r.value.workaround.trim() && (r.kind !== 'known_error' || knownErrorState(r.value) === 'published'))
        .map((r) => ({ id: r.id!, description: String(r.value.title ?? ''), detail: oneLine(String(r.value.workaround), 120) })),
    t('Communicate the workaround of which known error or problem?'),
    t('KEDB: no published known error or problem has a workaround to communicate.'),
  );
  return pick?.id;
}

/**
 * KEDB: Communicate Workaround. Lists the open incidents linked to a problem or known error, lets
 * the user untick any, then appends a dated note with the workaround to each, in one edit, and
 * drafts the message for the service desk and the affected users (communications/…-workaround.md),
 * opened beside the editor.
 */
export async function communicateWorkaround(index: RecordIndex, arg?: unknown): Promise<CommunicateResult | undefined> {
  await index.ready;
  const args: CommunicateArgs = arg && typeof arg === 'object' && !(arg instanceof vscode.Uri) ? (arg as CommunicateArgs) : {};
  const target = recordIdFrom(index, args.id ? { id: args.id } : arg instanceof vscode.Uri ? arg : undefined, ['problem', 'known_error']);
  const id = target?.id ?? (args.id ? undefined : await pickSource(index));
  const found = id ? index.find(id) : undefined;
  if (!id || !found) {
    if (args.id) void vscode.window.showWarningMessage(t('KEDB: no problem or known error {0}.', args.id));
    return undefined;
  }
  const { folder } = found;
  const now = isoWithOffset(new Date());
  const result = planCommunication(folder.ws, id, now);
  if (!result.ok) {
    void vscode.window.showWarningMessage(`KEDB: ${result.message}`);
    return undefined;
  }
  const plan = result.plan;
  const todo = plan.incidents.filter((i) => i.needed);
  const closed = plan.skipped.length === 0 ? '' : ' ' + (plan.skipped.length === 1 ? t('1 closed incident left out.') : t('{0} closed incidents left out.', plan.skipped.length));
  if (todo.length === 0) {
    const msg = plan.incidents.length
      ? t('Every open incident of {0} already has this workaround.', String(plan.problem ?? plan.knownError))
      : t('{0} has no open incident.', String(plan.problem ?? plan.knownError));
    const draft = await writeDraft(folder, plan, now);
    const drafted = draft ? ' ' + t('The message to send is drafted in {0}.', vscode.workspace.asRelativePath(draft)) : '';
    void vscode.window.showInformationMessage(`KEDB: ${msg}${closed}${drafted}`);
    return { source: plan.source, written: [], skipped: plan.skipped.map((s) => s.id), ...(draft ? { draft: draft.toString() } : {}) };
  }
  let chosen: IncidentNote[] = todo;
  if (args.confirm !== false) {
    const items = plan.incidents.map((i) => ({
      label: i.id,
      description: i.needed ? i.status : `${i.status} · ${t('already told')}`,
      detail: i.title,
      picked: i.needed,
      incident: i,
    }));
    const picked = await vscode.window.showQuickPick(items, {
      canPickMany: true,
      title: todo.length === 1 ? t('Communicate the workaround of {0} to 1 open incident', plan.source) : t('Communicate the workaround of {0} to {1} open incidents', plan.source, todo.length),
      placeHolder: t('Each ticked incident gets the note “{0}”.', oneLine(plan.note, 90)) + closed,
      matchOnDetail: true,
    });
    if (!picked || picked.length === 0) return undefined;
    chosen = picked.map((p) => p.incident).filter((i) => i.needed);
  }
  const edit = new vscode.WorkspaceEdit();
  const written: string[] = [];
  for (const inc of chosen) {
    const doc = await documentOf(index, folder, inc.file);
    const record = folder.ws.recordsInFile(inc.file)[inc.ordinal];
    const e = record && noteEdit(folder.ws, doc.getText(), record, plan.note);
    if (!e) continue;
    edit.set(doc.uri, [...(edit.get(doc.uri) ?? []), toVscodeEdit(doc, e)]);
    written.push(inc.id);
  }
  if (written.length === 0 || !(await vscode.workspace.applyEdit(edit, { isRefactoring: true }))) return undefined;
  const draft = await writeDraft(folder, plan, now);
  const drafted = draft ? ' ' + t('The message to send is drafted in {0}.', vscode.workspace.asRelativePath(draft)) : '';
  void vscode.window.showInformationMessage(t('KEDB: the workaround of {0} is noted on {1}. Save the files to keep it (one undo takes it back).', plan.source, written.join(', ')) + drafted);
  return { source: plan.source, written, skipped: plan.skipped.map((s) => s.id), ...(draft ? { draft: draft.toString() } : {}) };
}
