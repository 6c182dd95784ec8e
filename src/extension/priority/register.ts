import * as vscode from 'vscode';
import {
  classify,
  classifyFileEdits,
  disagreements,
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

/**
 * KEDB: Classify Priority. Sets every disagreeing priority through one WorkspaceEdit, so one undo
 * restores all files; open documents are edited in their buffers, never on disk behind the user.
 */
export async function classifyPriority(
  index: RecordIndex,
  clicked?: vscode.Uri,
  selected?: vscode.Uri[],
  options: { confirm?: boolean; scope?: 'file' | 'workspace' } = {},
): Promise<{ files: number; records: number } | undefined> {
  await index.ready;
  const target = await targets(index, clicked, selected, options.scope);
  if (!target) return undefined;
  const edit = new vscode.WorkspaceEdit();
  let records = 0;
  let files = 0;
  for (const uri of target.uris) {
    const loc = index.locate(uri);
    if (!loc) continue;
    const doc = await index.open(uri);
    const { ws } = loc.folder;
    const found: Disagreement[] = disagreements(ws.recordsInFile(loc.path), ws.matrix);
    if (found.length === 0) continue;
    const edits = classifyFileEdits(doc.getText(), found, ws.config);
    edit.set(uri, edits.map((e) => toVscodeEdit(doc, e)));
    records += found.length;
    files++;
  }
  if (records === 0) {
    void vscode.window.showInformationMessage(t('KEDB: every priority already agrees with the matrix.'));
    return { files: 0, records: 0 };
  }
  if (target.whole && options.confirm !== false) {
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
  await vscode.workspace.applyEdit(edit);
  return { files, records };
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
