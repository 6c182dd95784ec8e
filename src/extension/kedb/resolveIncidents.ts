import * as vscode from 'vscode';
import { isFixApplied, isoWithOffset, openLinkedIncidents, planResolveIncidents } from '../../core';
import { t } from '../../core/base';
import { toRange } from '../convert';
import type { RecordIndex } from '../index/recordIndex';
import { documentOf, pickRecord, recordIdFrom } from './util';

export const RESOLVE_LINKED_INCIDENTS = 'kedb.resolveLinkedIncidents';

/** What the command returns: the problem and the incidents it resolved. */
export interface ResolveIncidentsResult {
  problem: string;
  resolved: string[];
}

/** Asks for a problem resolved with its fix applied that still has open incidents. */
function pickResolvedProblem(index: RecordIndex): Promise<{ id: string } | undefined> {
  return pickRecord(
    index,
    ({ ws }) =>
      [...ws.records('problem')]
        .filter((p) => p.id !== undefined && isFixApplied(p))
        .map((p) => ({ p, open: openLinkedIncidents(ws, p).length }))
        .filter(({ open }) => open > 0)
        .map(({ p, open }) => ({ id: p.id!, description: String(p.value.title ?? ''), detail: open === 1 ? t('1 open incident') : t('{0} open incidents', open) })),
    t('Resolve the open incidents of which problem?'),
    t('KEDB: no problem resolved with its fix applied has open incidents.'),
  );
}

/**
 * KEDB: Resolve Linked Incidents: on a problem resolved (or closed) with its fix applied, every
 * linked incident not yet resolved or closed becomes `resolved`, with a resolution naming the
 * problem and the day of its fix. One refactoring edit over all the incident files: one undo.
 */
export async function resolveLinkedIncidents(index: RecordIndex, arg?: unknown): Promise<ResolveIncidentsResult | undefined> {
  await index.ready;
  const target = recordIdFrom(index, arg, ['problem']) ?? (arg === undefined ? await pickResolvedProblem(index).then((p) => (p ? recordIdFrom(index, p, ['problem']) : undefined)) : undefined);
  if (!target) {
    if (arg !== undefined) void vscode.window.showWarningMessage(t('KEDB: Resolve Linked Incidents works on a problem record.'));
    return undefined;
  }
  const { folder, id } = target;
  const ws = folder.ws;
  const problem = ws.get(id)!;
  if (!isFixApplied(problem)) {
    void vscode.window.showWarningMessage(t('KEDB: {0} is not resolved with its fix applied (status resolved or closed, resolution.code fix-applied): its incidents stay as they are.', id));
    return undefined;
  }
  // The texts the user sees: open buffers (unsaved edits included), else the files.
  const docs = new Map<string, vscode.TextDocument>();
  for (const inc of openLinkedIncidents(ws, problem)) if (!docs.has(inc.file)) docs.set(inc.file, await documentOf(index, folder, inc.file));
  const current = folder.ws;
  const plan = planResolveIncidents({ config: current.config, get: (x) => current.get(x), recordsInFile: (f) => current.recordsInFile(f), referrers: (x) => current.referrers(x), textOf: (f) => docs.get(f)?.getText() }, current.get(id)!, isoWithOffset(new Date()));
  if (!plan || plan.resolved.length === 0) {
    void vscode.window.showInformationMessage(t('KEDB: every incident of {0} is already resolved or closed.', id));
    return { problem: id, resolved: [] };
  }
  const edit = new vscode.WorkspaceEdit();
  for (const e of plan.edits) edit.replace(docs.get(e.file)!.uri, toRange(e.range), e.newText);
  // Several incident files in one edit marked as a refactoring: saved as files.refactoring.autoSave
  // says, and undone in one step.
  if (!(await vscode.workspace.applyEdit(edit, { isRefactoring: true }))) {
    void vscode.window.showErrorMessage(t('KEDB: the incidents of {0} could not be edited.', id));
    return undefined;
  }
  void vscode.window.showInformationMessage(
    plan.resolved.length === 1
      ? t('KEDB: {0} resolved by {1}. One undo reverts it.', plan.resolved[0], id)
      : t('KEDB: {0} incidents resolved by {1} ({2}). One undo reverts it.', plan.resolved.length, id, plan.resolved.join(', ')),
  );
  return { problem: id, resolved: plan.resolved };
}

/** The quick fix of `linked-incidents-open`: run Resolve Linked Incidents on the problem. */
export class ResolveIncidentsActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (context.only && !vscode.CodeActionKind.QuickFix.intersects(context.only)) return [];
    const out: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      const code = typeof d.code === 'object' && d.code !== null ? d.code.value : d.code;
      if (d.source !== 'kedb' || code !== 'linked-incidents-open') continue;
      const data = (d as vscode.Diagnostic & { data?: Record<string, unknown> }).data;
      const problem = typeof data?.problem === 'string' ? data.problem : undefined;
      const n = Array.isArray(data?.incidents) ? data.incidents.length : 0;
      // The editor may drop a diagnostic's data: then the title goes without the count.
      const title = n === 1 ? t('Resolve its open incident (KEDB: Resolve Linked Incidents)') : n > 1 ? t('Resolve its {0} open incidents (KEDB: Resolve Linked Incidents)', n) : t('Resolve its open incidents (KEDB: Resolve Linked Incidents)');
      const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [d];
      action.isPreferred = true;
      action.command = { command: RESOLVE_LINKED_INCIDENTS, title: t('Resolve Linked Incidents'), arguments: [problem ? { id: problem } : doc.uri] };
      out.push(action);
    }
    return out;
  }
}
