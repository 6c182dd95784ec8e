import * as vscode from 'vscode';
import { isoWithOffset, planPromotion, workaroundState, type KnownErrorHit } from '../../core';
import type { RecordIndex } from '../index/recordIndex';
import { documentOf, pickRecord, recordIdFrom } from './util';
import { toVscodeEdit } from '../convert';
import { count, oneLine, t } from '../../core/base';

export interface PromoteArgs {
  /** The problem to promote; default: the active editor's, else a pick. */
  id?: string;
  /** The workaround to publish, as confirmed (tests, scripts): no input box is shown. */
  workaround?: string;
  /**
   * What to do when known errors already match the draft (tests, scripts): `create` writes it
   * anyway, `cancel` stops; by default the user is asked.
   */
  ifSimilar?: 'create' | 'cancel';
}

export interface PromoteResult {
  knownError: string;
  uri: string;
  /** The problem's state after the promotion. */
  status: string;
}

/**
 * Asks for the workaround the known error publishes, prefilled with the problem's. Undefined when
 * the user presses Escape. Empty, or "None" with no reason, is refused: the service desk needs
 * steps, or the reason there are none.
 */
async function askWorkaround(problemId: string, prefill: string): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: t('Promote {0} to a known error', problemId),
    prompt: t('The workaround the service desk gives users until the permanent fix (or "None: " and the reason there is none).'),
    value: prefill,
    ignoreFocusOut: true,
    validateInput: (v) =>
      workaroundState(v) === 'missing' || workaroundState(v) === 'none-without-reason'
        ? t('Write the workaround, or "None: " and the reason there is none.')
        : undefined,
  });
}

/**
 * "These known errors already match": one item per match (choosing it opens it and writes
 * nothing), and "Create the draft anyway". The id chosen, `create`, or undefined on Escape.
 */
async function askSimilar(problemId: string, similar: readonly KnownErrorHit[]): Promise<string | undefined> {
  const items: (vscode.QuickPickItem & { value: string })[] = similar.map((h) => ({
    label: `$(book) ${h.id}`,
    description: `${h.state === 'draft' ? t('draft') + ' · ' : ''}${h.score.toFixed(2)} · ${oneLine(h.title, 80)}`,
    detail: h.workaround ? t('Workaround: {0}', oneLine(h.workaround, 140)) : undefined,
    value: h.id,
  }));
  items.push({ label: `$(add) ${t('Create the draft anyway')}`, description: t('a new known error for {0}', problemId), value: 'create' });
  const pick = await vscode.window.showQuickPick(items, {
    title: t('These known errors already match {0}', problemId),
    placeHolder: t('Open one of them, or create the draft anyway'),
    ignoreFocusOut: true,
  });
  return pick?.value;
}

/** Asks which problem to promote: those without a known error, the furthest along first. */
function pickProblem(index: RecordIndex): Promise<{ id: string } | undefined> {
  return pickRecord(
    index,
    ({ ws }) =>
      [...ws.records('problem')]
        .filter((p) => p.id !== undefined && p.value.known_error === undefined)
        .map((p) => ({ id: p.id!, description: String(p.value.title ?? ''), detail: String(p.value.status ?? 'new') })),
    t('Promote which problem to a known error?'),
    t('KEDB: every problem already has a known error.'),
  );
}

/**
 * KEDB: Promote Problem to Known Error. Asks for (or confirms) the workaround, then creates
 * known-errors/KE-….yaml drafted from the problem (symptoms from what its incidents share, root
 * causes from its rca, the workaround, the permanent-fix status), links the problem to it and moves
 * the problem to the state the lifecycle wants (statusAfterPromotion), in one WorkspaceEdit applied
 * as a refactoring (VS Code saves it as files.refactoring.autoSave says; one undo reverts it all),
 * then opens the new file and says what was done.
 */
export async function promoteProblem(index: RecordIndex, arg?: unknown): Promise<PromoteResult | undefined> {
  await index.ready;
  const target = recordIdFrom(index, arg, ['problem']) ?? (arg === undefined ? await pickProblem(index).then((p) => (p ? recordIdFrom(index, p, ['problem']) : undefined)) : undefined);
  if (!target) {
    if (arg !== undefined) void vscode.window.showWarningMessage(t('KEDB: Promote to Known Error works on a problem record.'));
    return undefined;
  }
  const { folder, id } = target;
  const given = arg && typeof arg === 'object' && !(arg instanceof vscode.Uri) ? (arg as PromoteArgs).workaround : undefined;
  const problem = folder.ws.get(id)!;
  const problemDoc = await documentOf(index, folder, problem.file);
  // Refused before anything is asked: a problem that has its known error.
  const first = planPromotion(folder.ws, id, isoWithOffset(new Date()), problemDoc.getText());
  if (!first.ok) {
    if (first.existing) {
      const existing = first.existing;
      // Not awaited: the command returns at once; the notification's button opens the record later.
      void vscode.window.showInformationMessage(`KEDB: ${first.message}`, t('Open {0}', existing)).then((open) => {
        if (open) void vscode.commands.executeCommand('kedb._openRecord', { id: existing, near: problemDoc.uri.toString() });
      });
    } else void vscode.window.showWarningMessage(`KEDB: ${first.message}`);
    return undefined;
  }
  const prefill = typeof problem.value.workaround === 'string' ? problem.value.workaround.replace(/\s+/g, ' ').trim() : '';
  const workaround = typeof given === 'string' ? given : await askWorkaround(id, prefill);
  if (workaround === undefined) return undefined;
  const result = planPromotion(folder.ws, id, isoWithOffset(new Date()), problemDoc.getText(), { workaround });
  if (!result.ok) {
    void vscode.window.showWarningMessage(`KEDB: ${result.message}`);
    return undefined;
  }
  const plan = result.plan;
  // A duplicate caught at birth: the known errors that already match the draft's symptoms.
  if (plan.similar.length > 0) {
    const choice = (arg as PromoteArgs | undefined)?.ifSimilar ?? (await askSimilar(plan.problem, plan.similar));
    if (choice !== 'create') {
      if (choice && choice !== 'cancel') await vscode.commands.executeCommand('kedb._openRecord', { id: choice, near: problemDoc.uri.toString() });
      return undefined;
    }
  }
  const uri = index.uriOf(folder, plan.path);
  if (await vscode.workspace.fs.stat(uri).then(() => true, () => false)) {
    void vscode.window.showWarningMessage(t('KEDB: {0} already exists; rename it or give it a problem.', plan.path));
    return undefined;
  }
  const edit = new vscode.WorkspaceEdit();
  // The problem's edit first, the new file last: the creation is then the newest step of the one
  // undo group. The file is created with its text, so no empty file is ever on disk.
  edit.set(problemDoc.uri, [toVscodeEdit(problemDoc, plan.problemEdit)]);
  edit.createFile(uri, { ignoreIfExists: false, overwrite: false, contents: new TextEncoder().encode(plan.text) });
  if (!(await vscode.workspace.applyEdit(edit, { isRefactoring: true }))) {
    void vscode.window.showErrorMessage(t('KEDB: {0} could not be created.', plan.path));
    return undefined;
  }
  const doc = await index.open(uri);
  await vscode.window.showTextDocument(doc, { preview: false });
  const symptoms = count(plan.symptoms, t('{0} symptom', plan.symptoms), t('{0} symptoms', plan.symptoms));
  const causes = count(plan.rootCauses, t('{0} root cause', plan.rootCauses), t('{0} root causes', plan.rootCauses));
  const drafted = t('KEDB: {0} drafted from {1}: {2}, {3}; publish it when it is ready.', plan.knownError, plan.problem, symptoms, causes);
  const moved = plan.status ? ' ' + t('{0} moved from {1} to {2}.', plan.problem, plan.status.from, plan.status.to) : '';
  void vscode.window.showInformationMessage(`${drafted}${moved} ${t('One undo reverts it.')}`);
  return { knownError: plan.knownError, uri: uri.toString(), status: plan.status?.to ?? String(problem.value.status ?? 'new') };
}
