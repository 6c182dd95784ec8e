import * as vscode from 'vscode';
import { AUTOMATIC_PROSE_CODES, fixProse } from '../../core';
import type { RecordDocuments } from './documents';

/** The setting that turns it off (`kedb.prose.quoteOnSave`, on by default). */
export const QUOTE_ON_SAVE = 'prose.quoteOnSave';

/**
 * Typing prose does not break the record: when a record file is saved, the prose values YAML would
 * misread (`Data source: replica` in a workaround, a value starting with `@` or a quote that never
 * closes, a tab) are put in quotes, with the same fixes `kedb validate --fix` applies. The change is
 * one edit, made as part of the save (so one undo takes it back), and covers only the characters
 * that differ, so the cursor keeps its place in the text. A ` #` is left alone: it may be a comment.
 */
export function register(documents: RecordDocuments): vscode.Disposable {
  return vscode.workspace.onWillSaveTextDocument((e) => {
    const doc = e.document;
    if (doc.languageId !== 'yaml') return;
    if (!vscode.workspace.getConfiguration('kedb', doc.uri).get<boolean>(QUOTE_ON_SAVE, true)) return;
    const loc = documents.index.locate(doc.uri);
    if (!loc) return;
    // Save participants must be quick (VS Code aborts them after 1.75 s): only a text whose parse
    // (the one the editor's features share, per version) shows a prose mistake is rewritten.
    const parsed = documents.get(doc);
    if (!parsed?.ranged.issues.some((i) => AUTOMATIC_PROSE_CODES.has(i.code))) return;
    const text = doc.getText();
    const fixed = fixProse(text, loc.folder.ws.config).text;
    if (fixed === text) return;
    e.waitUntil(Promise.resolve([differingPart(doc, text, fixed)]));
  });
}

/** One edit that turns `before` into `after`, replacing only what lies between their common start and end. */
function differingPart(doc: vscode.TextDocument, before: string, after: string): vscode.TextEdit {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  return vscode.TextEdit.replace(new vscode.Range(doc.positionAt(start), doc.positionAt(before.length - end)), after.slice(start, after.length - end));
}
