import * as vscode from 'vscode';
import { checklistEdits, suggestChecklist, type FieldSuggestion, type TextEdit } from '../../core';
import { toVscodeEdit } from '../convert';
import { t } from '../../core/base';
import type { FolderIndex, RecordIndex } from '../index/recordIndex';
import type { Register } from '../features';

/** Names a suggestion to pre-select in tests and scripts: by record id (or file) and field. */
export interface SuggestionPick {
  id?: string;
  /** Workspace-relative path of the record file. */
  file?: string;
  field: string;
}

export interface CompleteFieldsArgs {
  scope?: 'file' | 'workspace';
  /** The file to complete (with scope `file`); default the active editor's. */
  uri?: vscode.Uri | string;
  /** Apply these suggestions without showing the list (tests, scripts); others are left. */
  pick?: SuggestionPick[];
}

export interface CompleteFieldsResult {
  /** Suggestions offered in the list. */
  offered: number;
  files: number;
  records: number;
  fields: number;
}

interface Item extends vscode.QuickPickItem {
  folder: FolderIndex;
  file: string;
  ordinal: number;
  id: string | undefined;
  suggestion: FieldSuggestion;
}

async function chooseFiles(index: RecordIndex, clicked?: vscode.Uri, selected?: vscode.Uri[], args: CompleteFieldsArgs = {}): Promise<vscode.Uri[] | undefined> {
  const picked = selected?.length ? selected : clicked instanceof vscode.Uri ? [clicked] : undefined;
  if (picked) return picked;
  const given = typeof args.uri === 'string' ? vscode.Uri.parse(args.uri) : args.uri;
  const active = given ?? vscode.window.activeTextEditor?.document.uri;
  let scope = args.scope;
  if (!scope) {
    const choice = await vscode.window.showQuickPick(
      [
        ...(active && index.locate(active) ? [{ label: t('Current file'), description: vscode.workspace.asRelativePath(active), id: 'file' as const }] : []),
        { label: t('Whole workspace'), description: t('every incident'), id: 'workspace' as const },
      ],
      { placeHolder: t('Complete missing checklist fields in…') },
    );
    if (!choice) return undefined;
    scope = choice.id;
  }
  if (scope === 'file') return active ? [active] : [];
  return index.all().flatMap((f) => f.ws.recordFiles().map((p) => index.uriOf(f, p)));
}

/**
 * KEDB: Complete Missing Fields. Lists every suggestion for the chosen file or the workspace, all
 * ticked; the user unticks what is wrong, and what stays ticked is written as one WorkspaceEdit
 * (one undo), into the open buffers, with comments kept.
 */
export async function completeMissingFields(
  index: RecordIndex,
  clicked?: vscode.Uri,
  selected?: vscode.Uri[],
  args: CompleteFieldsArgs = {},
): Promise<CompleteFieldsResult | undefined> {
  await index.ready;
  const uris = await chooseFiles(index, clicked, selected, args);
  if (!uris) return undefined;
  const items: Item[] = [];
  for (const uri of uris) {
    const loc = index.locate(uri);
    if (!loc) continue;
    const { ws } = loc.folder;
    for (const r of ws.recordsInFile(loc.path)) {
      if (r.kind !== 'incident') continue;
      for (const s of suggestChecklist(r.value, ws.config, ws.matrix).suggestions) {
        const also = s.alternatives.map((a) => `${String(a.value)} ${a.confidence.toFixed(2)}`).join(', ');
        items.push({
          label: `${r.id ?? loc.path} · ${s.field}: ${String(s.value)}`,
          description: `${s.confidence.toFixed(2)}${uris.length > 1 ? ` · ${loc.path}` : ''}`,
          detail: also ? t('because {0}; also {1}', s.reason, also) : t('because {0}', s.reason),
          picked: true,
          folder: loc.folder,
          file: loc.path,
          ordinal: r.ordinal,
          id: r.id,
          suggestion: s,
        });
      }
    }
  }
  if (items.length === 0) {
    void vscode.window.showInformationMessage(t('KEDB: no missing checklist field has evidence for a suggestion here.'));
    return { offered: 0, files: 0, records: 0, fields: 0 };
  }
  let chosen: readonly Item[];
  if (args.pick) {
    const wanted = args.pick;
    chosen = items.filter((i) => wanted.some((p) => p.field === i.suggestion.field && (p.id === undefined || p.id === i.id) && (p.file === undefined || p.file === i.file)));
  } else {
    const answer = await vscode.window.showQuickPick(items, {
      canPickMany: true,
      matchOnDescription: true,
      matchOnDetail: true,
      placeHolder:
        items.length === 1
          ? t('1 suggested value: untick what is wrong, then press Enter to write the rest (one undo)')
          : t('{0} suggested values: untick what is wrong, then press Enter to write the rest (one undo)', items.length),
      title: t('KEDB: Complete Missing Fields'),
    });
    if (!answer) return undefined;
    chosen = answer;
  }
  const edit = new vscode.WorkspaceEdit();
  const byFile = new Map<string, Item[]>();
  for (const i of chosen) {
    const key = index.uriOf(i.folder, i.file).toString();
    byFile.set(key, [...(byFile.get(key) ?? []), i]);
  }
  let records = 0;
  let fields = 0;
  let files = 0;
  for (const [key, list] of byFile) {
    const uri = vscode.Uri.parse(key);
    const doc = await vscode.workspace.openTextDocument(uri);
    const text = doc.getText();
    const config = list[0].folder.ws.config;
    const byRecord = new Map<number, Item[]>();
    for (const i of list) byRecord.set(i.ordinal, [...(byRecord.get(i.ordinal) ?? []), i]);
    const edits: TextEdit[] = [];
    for (const [ordinal, its] of byRecord) {
      const e = checklistEdits(text, ordinal, its.map((i) => ({ field: i.suggestion.field, value: i.suggestion.value })), config);
      if (e.length) {
        edits.push(...e);
        records++;
        fields += its.length;
      }
    }
    if (edits.length === 0) continue;
    edit.set(uri, edits.map((e) => toVscodeEdit(doc, e)));
    files++;
  }
  // One edit marked as a refactoring: VS Code saves the files it changed (files.refactoring.autoSave), one undo reverts all.
  if (fields > 0) await vscode.workspace.applyEdit(edit, { isRefactoring: true });
  return { offered: items.length, files, records, fields };
}

export const register: Register = ({ index }) =>
  vscode.Disposable.from(
    vscode.commands.registerCommand('kedb.completeMissingFields', (clicked?: unknown, selected?: unknown, args?: CompleteFieldsArgs) => {
      // From the palette: no arguments; from the explorer: (uri, uris); from tests: (undefined, undefined, args) or (args).
      const opts = args ?? (clicked && typeof clicked === 'object' && !(clicked instanceof vscode.Uri) ? (clicked as CompleteFieldsArgs) : {});
      return completeMissingFields(
        index,
        clicked instanceof vscode.Uri ? clicked : undefined,
        Array.isArray(selected) ? selected.filter((u): u is vscode.Uri => u instanceof vscode.Uri) : undefined,
        opts,
      );
    }),
  );
