import * as vscode from 'vscode';
import { appendToList, chainEdits, incidentMatches, KnownErrorCache, knownErrorState, setIn, type IncidentMatch, type KnownErrorHit, type Workspace } from '../../core';
import type { RecordIndex } from '../index/recordIndex';
import { documentOf, pickFolder } from './util';
import { toVscodeEdit } from '../convert';
import { oneLine } from '../../core/base';
import { t } from '../../core/base';

export const LINK_INCIDENT = 'kedb._linkIncidentToKnownError';

/** One known-error index per workspace, rebuilt only when a known error changes. */
export class KnownErrorIndexes implements vscode.Disposable {
  private readonly caches = new WeakMap<Workspace, KnownErrorCache>();
  private readonly all = new Set<KnownErrorCache>();

  get(ws: Workspace) {
    let c = this.caches.get(ws);
    if (!c) {
      c = new KnownErrorCache();
      this.caches.set(ws, c);
      this.all.add(c);
    }
    return c.get(ws);
  }

  dispose(): void {
    for (const c of this.all) c.dispose();
    this.all.clear();
  }
}

/** The lens title: "Matches KE-0007 (0.82): restart the router, …". */
export function matchTitle(hit: KnownErrorHit): string {
  const what = hit.workaround ?? hit.title;
  const text = oneLine(what.charAt(0).toLowerCase() + what.slice(1), 90);
  // A draft is shown, marked: its workaround is not confirmed yet.
  return hit.state === 'draft'
    ? `$(lightbulb) ${t('Matches {0}, a draft ({1}): {2}', hit.id, hit.score.toFixed(2), text)}`
    : `$(lightbulb) ${t('Matches {0} ({1}): {2}', hit.id, hit.score.toFixed(2), text)}`;
}

/**
 * Above an incident being written: the known errors its text resembles, from the configured
 * threshold up. Shown for open incidents that belong to no problem yet; one click links them.
 */
export class KnownErrorMatchLensProvider implements vscode.CodeLensProvider {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly index: RecordIndex,
    private readonly indexes: KnownErrorIndexes,
  ) {
    this.subscription = index.onDidChange(() => this.emitter.fire());
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const loc = this.index.locate(doc.uri);
    if (!loc) return [];
    const text = doc.getText();
    // Cheap test first: most YAML files in a workspace are not incidents.
    if (!/^kind:\s*incident\b/m.test(text) && !/(^|\/)incidents\//.test(loc.path)) return [];
    return matchLenses(loc.folder.ws, this.indexes, text).map((m) => {
      const pos = doc.positionAt(m.offset);
      return new vscode.CodeLens(new vscode.Range(pos, pos), {
        title: matchTitle(m.hit),
        tooltip: `${m.hit.id}: ${m.hit.title}\n${m.hit.problem ? t('Link this incident to {0} and {1}.', m.hit.problem, m.hit.id) : t('Link this incident to its problem and {0}.', m.hit.id)}`,
        command: LINK_INCIDENT,
        arguments: [doc.uri.toString(), m.ordinal, m.hit.id],
      });
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

/** The matches of each open, unlinked incident in a file's text, with where its lens goes. */
export function matchLenses(ws: Workspace, indexes: KnownErrorIndexes, text: string): IncidentMatch[] {
  return incidentMatches(ws, indexes.get(ws), text);
}

/**
 * Links an incident to a known error's problem, both ways, in one edit: the incident gets
 * `problem` and `known_error`, the problem lists the incident.
 */
export async function linkIncident(index: RecordIndex, uriText: string, ordinal: number, knownErrorId: string): Promise<boolean> {
  const uri = vscode.Uri.parse(uriText);
  const loc = index.locate(uri);
  if (!loc) return false;
  const { ws } = loc.folder;
  const ke = ws.get(knownErrorId);
  const problemId = typeof ke?.value.problem === 'string' ? ke.value.problem : undefined;
  const problem = problemId ? ws.get(problemId) : undefined;
  const doc = await index.open(uri);
  const incident = ws.recordsInFile(loc.path)[ordinal];
  if (!ke || !incident || incident.kind !== 'incident') return false;
  const edit = new vscode.WorkspaceEdit();
  const { config } = ws;
  const both = chainEdits(doc.getText(), [
    (t) => (problemId ? setIn(t, ordinal, ['problem'], { inline: problemId }, config, { after: ['escalation', 'assigned_to', 'assignment_group', 'status'] }) : undefined),
    (t) => setIn(t, ordinal, ['known_error'], { inline: knownErrorId }, config, { after: ['problem', 'escalation', 'status'] }),
  ]);
  if (both) edit.set(uri, [toVscodeEdit(doc, both)]);
  if (problem && problem.kind === 'problem' && incident.id && !(Array.isArray(problem.value.incidents) && problem.value.incidents.includes(incident.id))) {
    const pdoc = await documentOf(index, loc.folder, problem.file);
    const add = appendToList(pdoc.getText(), problem.ordinal, ['incidents'], incident.id, ws.config, { after: ['created_at', 'assignment_group', 'owner', 'priority', 'status'] });
    if (add) edit.set(pdoc.uri, [toVscodeEdit(pdoc, add)]);
  }
  // The incident and its problem in one edit marked as a refactoring: the problem, edited in the
  // background, is saved as files.refactoring.autoSave says instead of left as a dirty tab.
  return vscode.workspace.applyEdit(edit, { isRefactoring: true });
}

/** KEDB: Search Known Errors…: a quick pick ranked as the user types; the choice opens. */
export async function searchKnownErrors(index: RecordIndex, indexes: KnownErrorIndexes, initial?: string): Promise<string | undefined> {
  const folder = await pickFolder(index);
  if (!folder) return undefined;
  const qp = vscode.window.createQuickPick<vscode.QuickPickItem & { id: string }>();
  qp.title = t('Search Known Errors');
  qp.placeholder = t('Describe the symptom: words from a title, a symptom or a root cause');
  // Ranked by similarity, not by the quick pick's own label filter.
  qp.matchOnDescription = false;
  qp.matchOnDetail = false;
  // Retired known errors are left out until the button lets them in.
  let includeRetired = false;
  const retiredButton = (): vscode.QuickInputButton => ({
    iconPath: new vscode.ThemeIcon(includeRetired ? 'archive' : 'eye-closed'),
    tooltip: includeRetired ? t('Hide retired known errors') : t('Show retired known errors'),
  });
  qp.buttons = [retiredButton()];
  const update = () => {
    const ki = indexes.get(folder.ws);
    const q = qp.value.trim();
    const hits = q ? ki.search(q, 50, 0, { includeRetired }) : [];
    if (q && hits.length === 0) {
      qp.items = [];
      qp.placeholder = t('No known error matches “{0}”', oneLine(q, 40));
      return;
    }
    const rank = { published: 0, draft: 1, retired: 2 };
    const rows = q
      ? hits.map((h) => ({ id: h.id, score: h.score, title: h.title, problem: h.problem, workaround: h.workaround, state: h.state }))
      : [...folder.ws.records('known_error')]
          .filter((r) => r.id !== undefined && (includeRetired || knownErrorState(r.value) !== 'retired'))
          .map((r) => ({ id: r.id!, score: undefined as number | undefined, title: String(r.value.title ?? ''), problem: r.value.problem as string | undefined, workaround: r.value.workaround as string | undefined, state: knownErrorState(r.value) }))
          .sort((a, b) => rank[a.state] - rank[b.state] || a.id.localeCompare(b.id, 'en', { numeric: true }));
    const mark = (state: string) => (state === 'draft' ? `$(edit) ${t('draft')} · ` : state === 'retired' ? `$(archive) ${t('retired')} · ` : '');
    qp.items = rows.map((r) => ({
      id: r.id,
      label: r.id,
      description: `${mark(r.state)}${r.score !== undefined ? r.score.toFixed(2) + ' · ' : ''}${r.title}`,
      detail: r.workaround ? t('Workaround: {0}', oneLine(r.workaround, 140)) : r.problem ? t('Problem {0}', r.problem) : undefined,
      alwaysShow: true,
    }));
  };
  return new Promise((resolve) => {
    qp.onDidChangeValue(update);
    qp.onDidTriggerButton(() => {
      includeRetired = !includeRetired;
      qp.buttons = [retiredButton()];
      update();
    });
    qp.onDidAccept(async () => {
      const pick = qp.selectedItems[0];
      qp.hide();
      if (pick) await vscode.commands.executeCommand('kedb._openRecord', { id: pick.id, near: folder.folder.uri.toString() });
      resolve(pick?.id);
    });
    qp.onDidHide(() => {
      qp.dispose();
      resolve(undefined);
    });
    if (initial) qp.value = initial;
    update();
    qp.show();
  });
}
