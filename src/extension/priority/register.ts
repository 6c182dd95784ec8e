import * as vscode from 'vscode';
import {
  classify,
  classifyFileEdits,
  disagreements,
  isFilled,
  parseRangedFile,
  priorityEdit,
  type Disagreement,
} from '../../core';
import { t } from '../../core/base';
import { toVscodeEdit } from '../convert';
import type { RecordIndex } from '../index/recordIndex';
import type { Register } from '../features';

/** A CodeLens above each record's `priority` (or `urgency`): the value the matrix gives. */
export class PriorityCodeLensProvider implements vscode.CodeLensProvider {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;
  constructor(private readonly index: RecordIndex) {
    index.onDidChange(() => this.emitter.fire());
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const loc = this.index.locate(doc.uri);
    if (!loc) return [];
    const { ws } = loc.folder;
    const ranged = parseRangedFile(doc.getText(), ws.config);
    const lenses: vscode.CodeLens[] = [];
    ranged.records.forEach((r, ordinal) => {
      if (r.kind !== 'incident' && r.kind !== 'problem') return;
      const expected = classify(ws.matrix, r.value.impact, r.value.urgency);
      if (!expected) return;
      const key = r.value.priority !== undefined ? 'priority' : 'urgency';
      const docNode = ranged.documents[r.docIndex];
      const map = docNode.contents as { items?: { key?: { value?: unknown; range?: [number, number, number] } }[] } | null;
      const pair = map?.items?.find((p) => p.key?.value === key);
      const start = pair?.key?.range?.[0];
      if (start === undefined) return;
      const pos = doc.positionAt(start);
      const agrees = r.value.priority === expected;
      const args = [expected, String(r.value.impact), String(r.value.urgency), ws.matrix.name] as const;
      lenses.push(
        new vscode.CodeLens(
          new vscode.Range(pos, pos),
          agrees
            ? { title: `✓ ${t('{0} from impact {1} × urgency {2} ({3})', ...args)}`, command: '' }
            : { title: `⚠ ${t('{0} from impact {1} × urgency {2} ({3}): set it', ...args)}`, command: 'kedb._setPriority', arguments: [doc.uri, ordinal, expected] },
        ),
      );
    });
    return lenses;
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

/** Collects the files a Classify Priority run works on: the explorer selection, else the active file, else all. */
async function targets(index: RecordIndex, clicked?: vscode.Uri, selected?: vscode.Uri[], scope?: 'file' | 'workspace'): Promise<{ uris: vscode.Uri[]; whole: boolean } | undefined> {
  const picked = selected?.length ? selected : clicked instanceof vscode.Uri ? [clicked] : undefined;
  if (picked) return { uris: picked, whole: false };
  const active = vscode.window.activeTextEditor?.document.uri;
  const choice = scope ? { id: scope === 'file' ? 'file' : 'all' } : await vscode.window.showQuickPick(
    [
      ...(active && index.locate(active) ? [{ label: t('Current file'), description: vscode.workspace.asRelativePath(active), id: 'file' }] : []),
      { label: t('Whole workspace'), description: t('every record file'), id: 'all' },
    ],
    { placeHolder: t('Classify priority in…') },
  );
  if (!choice) return undefined;
  if (choice.id === 'file' && active) return { uris: [active], whole: false };
  const uris = index.all().flatMap((f) => f.ws.recordFiles().map((p) => index.uriOf(f, p)));
  return { uris, whole: true };
}

/** Files read between two turns of the event loop, so a large workspace keeps the editor responsive. */
const FILES_PER_TURN = 200;

/** What a Classify Priority run found and did (for tests and other extensions). */
export interface ClassifyResult {
  files: number;
  records: number;
  /** Incidents and problems the matrix cannot classify: no impact, no urgency, or neither. */
  lacking: { records: number; impact: number; urgency: number };
}

/**
 * KEDB: Classify Priority. Finds the disagreeing priorities from the index (no file is opened to
 * look), with a cancellable progress notification on a whole workspace, and sets them through one
 * WorkspaceEdit marked as a refactoring: VS Code saves the files it changed as
 * `files.refactoring.autoSave` says (so no tab is left dirty), and one undo restores them all.
 * Records the matrix cannot classify, because they lack an impact or an urgency, are counted and
 * named, with the checklist's suggestions one click away.
 */
export async function classifyPriority(
  index: RecordIndex,
  clicked?: vscode.Uri,
  selected?: vscode.Uri[],
  options: { confirm?: boolean; scope?: 'file' | 'workspace' } = {},
): Promise<ClassifyResult | undefined> {
  await index.ready;
  const target = await targets(index, clicked, selected, options.scope);
  if (!target) return undefined;
  const edit = new vscode.WorkspaceEdit();
  const found = { records: 0, files: 0 };
  const lacking = { records: 0, impact: 0, urgency: 0 };
  const scan = async (progress?: vscode.Progress<{ message?: string; increment?: number }>, token?: vscode.CancellationToken): Promise<boolean> => {
    for (let i = 0; i < target.uris.length; i++) {
      if (i > 0 && i % FILES_PER_TURN === 0) {
        progress?.report({ message: t('{0} of {1} files', i.toLocaleString(), target.uris.length.toLocaleString()), increment: (FILES_PER_TURN * 100) / target.uris.length });
        await new Promise((resolve) => setImmediate(resolve));
        if (token?.isCancellationRequested) return false;
      }
      const uri = target.uris[i];
      const loc = index.locate(uri);
      if (!loc) continue;
      const { ws } = loc.folder;
      const records = ws.recordsInFile(loc.path);
      for (const r of records) {
        if (r.kind === 'known_error') continue;
        const noImpact = !isFilled(r.value.impact);
        const noUrgency = !isFilled(r.value.urgency);
        if (noImpact || noUrgency) lacking.records++;
        if (noImpact) lacking.impact++;
        if (noUrgency) lacking.urgency++;
      }
      const wrong: Disagreement[] = disagreements(records, ws.matrix);
      const text = ws.textOf(loc.path);
      if (wrong.length === 0 || text === undefined) continue;
      edit.set(uri, classifyFileEdits(text, wrong, ws.config).map((e) => toVscodeEdit(text, e)));
      found.records += wrong.length;
      found.files++;
    }
    return true;
  };
  const done = target.whole
    ? await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: t('KEDB: classifying priority in {0} files', target.uris.length.toLocaleString()), cancellable: true },
        (progress, token) => scan(progress, token),
      )
    : await scan();
  if (!done) return undefined;
  const result: ClassifyResult = { files: found.files, records: found.records, lacking };
  if (found.records === 0) {
    void reportLacking(lacking, t('KEDB: every priority the matrix can give already agrees with it.'));
    return result;
  }
  if (target.whole && options.confirm !== false) {
    const { records, files } = found;
    const question =
      records === 1
        ? files === 1
          ? t('Set 1 priority in 1 file? One undo restores them.')
          : t('Set 1 priority in {0} files? One undo restores them.', files)
        : files === 1
          ? t('Set {0} priorities in 1 file? One undo restores them.', records)
          : t('Set {0} priorities in {1} files? One undo restores them.', records, files);
    const button = t('Classify');
    const ok = await vscode.window.showWarningMessage(question, { modal: true }, button);
    if (ok !== button) return undefined;
  }
  await vscode.workspace.applyEdit(edit, { isRefactoring: true });
  void reportLacking(lacking, found.records === 1 ? t('KEDB: set 1 priority.') : t('KEDB: set {0} priorities.', found.records));
  return result;
}

/** Says what was done, and, when some records lack an impact or an urgency, how many, with the way to fill them. */
async function reportLacking(lacking: ClassifyResult['lacking'], done: string): Promise<void> {
  if (lacking.records === 0) {
    void vscode.window.showInformationMessage(done);
    return;
  }
  const which = t('{0} without an impact, {1} without an urgency', lacking.impact.toLocaleString(), lacking.urgency.toLocaleString());
  const message =
    lacking.records === 1
      ? t('{0} 1 record has no impact or urgency ({1}), so the matrix cannot give it a priority.', done, which)
      : t('{0} {1} records have no impact or urgency ({2}), so the matrix cannot give them a priority.', done, lacking.records.toLocaleString(), which);
  const fill = t('Suggest from the Tickets');
  if ((await vscode.window.showWarningMessage(message, fill)) === fill) await vscode.commands.executeCommand('kedb.completeMissingFields');
}

export const register: Register = ({ index }) => {
  const selector: vscode.DocumentSelector = [{ language: 'yaml' }];
  const lenses = new PriorityCodeLensProvider(index);
  return vscode.Disposable.from(
    lenses,
    vscode.languages.registerCodeLensProvider(selector, lenses),
    vscode.commands.registerCommand('kedb.classifyPriority', (clicked?: vscode.Uri, selected?: vscode.Uri[], options?: { confirm?: boolean; scope?: 'file' | 'workspace' }) =>
      classifyPriority(index, clicked, selected, options),
    ),
    vscode.commands.registerCommand('kedb._setPriority', async (uri: vscode.Uri, ordinal: number, expected: string) => {
      const doc = await vscode.workspace.openTextDocument(uri);
      const loc = index.locate(uri);
      const e = loc && priorityEdit(doc.getText(), ordinal, expected, loc.folder.ws.config);
      if (!e) return;
      const edit = new vscode.WorkspaceEdit();
      edit.set(uri, [toVscodeEdit(doc, e)]);
      await vscode.workspace.applyEdit(edit);
    }),
  );
};
