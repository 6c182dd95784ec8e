import * as vscode from 'vscode';
import { isoWithOffset, noteEdit, planCommunication, type IncidentNote } from '../../core';
import type { RecordIndex } from '../index/recordIndex';
import { documentOf, pickFolder, plural, recordIdFrom, short, syncOpenDocuments, toVscodeEdit } from './util';

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
}

async function pickSource(index: RecordIndex): Promise<string | undefined> {
  const folder = await pickFolder(index);
  if (!folder) return undefined;
  const items = [...folder.ws.records('known_error'), ...folder.ws.records('problem')]
    .filter((r) => r.id !== undefined && typeof r.value.workaround === 'string' && r.value.workaround.trim())
    .map((r) => ({ label: r.id!, description: String(r.value.title ?? ''), detail: short(String(r.value.workaround), 120) }))
    .sort((a, b) => a.label.localeCompare(b.label, 'en', { numeric: true }));
  const pick = await vscode.window.showQuickPick(items, { placeHolder: 'Communicate the workaround of which known error or problem?', matchOnDescription: true });
  return pick?.label;
}

/**
 * KEDB: Communicate Workaround. Lists the open incidents linked to a problem or known error, lets
 * the user untick any, then appends a dated note with the workaround to each, in one edit.
 */
export async function communicateWorkaround(index: RecordIndex, arg?: unknown): Promise<CommunicateResult | undefined> {
  await index.ready;
  syncOpenDocuments(index);
  const args: CommunicateArgs = arg && typeof arg === 'object' && !(arg instanceof vscode.Uri) ? (arg as CommunicateArgs) : {};
  const target = recordIdFrom(index, args.id ? { id: args.id } : arg instanceof vscode.Uri ? arg : undefined, ['problem', 'known_error']);
  const id = target?.id ?? (args.id ? undefined : await pickSource(index));
  const found = id ? index.find(id) : undefined;
  if (!id || !found) {
    if (args.id) void vscode.window.showWarningMessage(`KEDB: no problem or known error ${args.id}.`);
    return undefined;
  }
  const { folder } = found;
  const result = planCommunication(folder.ws, id, isoWithOffset(new Date()));
  if (!result.ok) {
    void vscode.window.showWarningMessage(`KEDB: ${result.message}`);
    return undefined;
  }
  const plan = result.plan;
  const todo = plan.incidents.filter((i) => i.needed);
  const closed = plan.skipped.length ? ` ${plural(plan.skipped.length, 'closed incident')} left out.` : '';
  if (todo.length === 0) {
    const msg = plan.incidents.length
      ? `Every open incident of ${plan.problem ?? plan.knownError} already has this workaround.`
      : `${plan.problem ?? plan.knownError} has no open incident.`;
    void vscode.window.showInformationMessage(`KEDB: ${msg}${closed}`);
    return { source: plan.source, written: [], skipped: plan.skipped.map((s) => s.id) };
  }
  let chosen: IncidentNote[] = todo;
  if (args.confirm !== false) {
    const items = plan.incidents.map((i) => ({
      label: i.id,
      description: `${i.status}${i.needed ? '' : ' · already told'}`,
      detail: i.title,
      picked: i.needed,
      incident: i,
    }));
    const picked = await vscode.window.showQuickPick(items, {
      canPickMany: true,
      title: `Communicate the workaround of ${plan.source} to ${plural(todo.length, 'open incident')}`,
      placeHolder: `Each ticked incident gets the note “${short(plan.note, 90)}”.${closed}`,
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
  if (written.length === 0 || !(await vscode.workspace.applyEdit(edit))) return undefined;
  void vscode.window.showInformationMessage(`KEDB: the workaround of ${plan.source} is noted on ${written.join(', ')}. Save the files to keep it (one undo takes it back).`);
  return { source: plan.source, written, skipped: plan.skipped.map((s) => s.id) };
}
