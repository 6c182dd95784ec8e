import * as vscode from 'vscode';
import { isoWithOffset, LIFECYCLE_CODES, lifecycleFixes, parseRangedFile, type QuickFix } from '../../core';
import { toRange } from '../convert';
import type { FolderIndex, RecordIndex } from '../index/recordIndex';

function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : c === undefined ? undefined : String(c);
}

function toAction(index: RecordIndex, folder: FolderIndex, fix: QuickFix, diagnostic: vscode.Diagnostic): vscode.CodeAction {
  const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  if (fix.isPreferred) action.isPreferred = true;
  if (fix.edits.length) {
    action.edit = new vscode.WorkspaceEdit();
    for (const e of fix.edits) action.edit.replace(index.uriOf(folder, e.file), toRange(e.range), e.newText);
  }
  if (fix.open) action.command = { command: 'kedb._openRecord', title: 'Open', arguments: [{ uri: index.uriOf(folder, fix.open).toString() }] };
  return action;
}

/** Quick fixes for the lifecycle diagnostics (`rca-or-assignee-missing`, `known-error-stale`, …). */
export class LifecycleCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };
  constructor(private readonly index: RecordIndex) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (context.only && !vscode.CodeActionKind.QuickFix.intersects(context.only)) return [];
    const ours = context.diagnostics.filter((d) => d.source === 'kedb' && (LIFECYCLE_CODES as readonly string[]).includes(codeOf(d) ?? ''));
    if (ours.length === 0) return [];
    const loc = this.index.locate(doc.uri);
    if (!loc) return [];
    // Diagnostics come back from the workbench without their data: find the issue they show.
    this.index.syncDocument(doc);
    const { ws } = loc.folder;
    const issues = ws.issuesFor(loc.path);
    const ranged = parseRangedFile(doc.getText(), ws.config);
    const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d] as const));
    const textOf = (path: string) => open.get(this.index.uriOf(loc.folder, path).toString())?.getText();
    const actions: vscode.CodeAction[] = [];
    for (const d of ours) {
      const code = codeOf(d)!;
      const issue = issues.find((i) => i.code === code && i.range.start.line === d.range.start.line && i.range.start.character === d.range.start.character);
      if (!issue) continue;
      const fixes = lifecycleFixes(issue, { workspace: ws, path: loc.path, ranged, now: isoWithOffset(new Date()), textOf });
      for (const fix of fixes) actions.push(toAction(this.index, loc.folder, fix, d));
    }
    return actions;
  }
}
