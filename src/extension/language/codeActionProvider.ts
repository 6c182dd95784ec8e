import * as vscode from 'vscode';
import { isoWithOffset, quickFixesFor, type FixableIssue, type QuickFix } from '../../core';
import { t } from '../../core/base';
import { toRange, type KedbDiagnostic } from '../convert';
import type { FolderIndex } from '../index/recordIndex';
import { OPEN_RECORD, PICK_REFERENCE, SELECT_RANGE, type PickReferenceArgs } from './commands';
import { fromRange, RECORD_SELECTOR, type RecordDocument, type RecordDocuments } from './documents';

function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (typeof c === 'string') return c;
  if (typeof c === 'object' && c !== null && typeof c.value === 'string') return c.value;
  return undefined;
}

function sameRange(a: { start: { line: number; character: number }; end: { line: number; character: number } }, b: vscode.Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** A quick fix's WorkspaceEdit and follow-up command. */
export function toCodeAction(documents: RecordDocuments, folder: FolderIndex, doc: vscode.TextDocument, fix: QuickFix, diagnostic: vscode.Diagnostic): vscode.CodeAction {
  const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  if (fix.isPreferred) action.isPreferred = true;
  const uri = (path: string) => documents.uri(folder, path);
  if (fix.edits.length || fix.createFile || fix.renameFile) {
    // File operations first, then text: the order VS Code's own WorkspaceEdit conversion uses.
    const edit = new vscode.WorkspaceEdit();
    if (fix.renameFile) edit.renameFile(uri(fix.renameFile.from), uri(fix.renameFile.to), { overwrite: false });
    if (fix.createFile) {
      // An empty file plus an insert rather than `createFile({ contents })`, whose contents the
      // browser-hosted workbench (code-server) fails to revive.
      const created = uri(fix.createFile.path);
      edit.createFile(created, { ignoreIfExists: false, overwrite: false });
      edit.insert(created, new vscode.Position(0, 0), fix.createFile.contents);
    }
    for (const e of fix.edits) edit.replace(uri(e.file), toRange(e.range), e.newText);
    action.edit = edit;
  }
  if (fix.open) action.command = { command: OPEN_RECORD, title: t('Open'), arguments: [{ uri: uri(fix.open).toString() }] };
  else if (fix.select) action.command = { command: SELECT_RANGE, title: t('Select'), arguments: [doc.uri.toString(), fix.select] };
  else if (fix.pick) {
    const args: PickReferenceArgs = { uri: doc.uri.toString(), range: fix.pick.range, placeHolder: fix.pick.placeHolder, choices: fix.pick.choices };
    action.command = { command: PICK_REFERENCE, title: fix.title, arguments: [args] };
  }
  return action;
}

/**
 * The one code-action provider: the quick fixes of every issue code, from the core's fix registry
 * (schema, links, priority, RCA, checklist, lifecycle), for the code and data each diagnostic carries.
 */
export class RecordCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly documents: RecordDocuments) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (context.only && !vscode.CodeActionKind.QuickFix.intersects(context.only)) return [];
    const ours = context.diagnostics.filter((d) => d.source === 'kedb' && codeOf(d));
    if (ours.length === 0) return [];
    const rec = this.documents.get(doc);
    if (!rec) return [];
    const actions: vscode.CodeAction[] = [];
    for (const d of ours) {
      const issue = this.issueOf(rec, d);
      const fixes = quickFixesFor(issue, {
        workspace: rec.loc.folder.ws,
        path: rec.loc.path,
        ranged: rec.ranged,
        now: isoWithOffset(new Date()),
        textOf: this.documents.host(rec.loc.folder).textOf,
      });
      for (const fix of fixes) actions.push(toCodeAction(this.documents, rec.loc.folder, doc, fix, d));
    }
    return actions;
  }

  /** The diagnostic as the core's issue; its data is looked up again if the editor dropped it. */
  private issueOf(rec: RecordDocument, d: KedbDiagnostic): FixableIssue {
    const code = codeOf(d)!;
    let data = d.data;
    if (!data) data = rec.loc.folder.ws.issuesFor(rec.loc.path).find((i) => i.code === code && sameRange(i.range, d.range))?.data;
    return { code, range: fromRange(d.range), data };
  }
}

export function register(documents: RecordDocuments): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(RECORD_SELECTOR, new RecordCodeActionProvider(documents), RecordCodeActionProvider.metadata);
}
