import * as vscode from 'vscode';
import { hoverAt, hoverMarkdownText, type HoverInfo } from '../../core';
import { toRange } from '../convert';
import { OPEN_RECORD, openRecordLink } from './commands';
import { fromPosition, RECORD_SELECTOR, type RecordDocuments } from './documents';

/** The hover's Markdown, composed by the core in the user's language; only the open command may run from it. */
export function hoverMarkdown(info: HoverInfo, near: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(hoverMarkdownText(info, (id) => openRecordLink({ id, near })));
  // Only our own open command may run from this hover.
  if (info.kind === 'id' && info.record && info.role === 'reference') md.isTrusted = { enabledCommands: [OPEN_RECORD] };
  return md;
}

/** Key descriptions from the schemas; a record's title, status and priority on its id. */
export class RecordHoverProvider implements vscode.HoverProvider {
  constructor(private readonly documents: RecordDocuments) {}

  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const rec = this.documents.get(doc);
    if (!rec) return undefined;
    const info = hoverAt(rec.ranged, rec.loc.path, fromPosition(position), rec.loc.folder.ws);
    if (!info) return undefined;
    return new vscode.Hover(hoverMarkdown(info, doc.uri.toString()), toRange(info.range));
  }
}

export function register(documents: RecordDocuments): vscode.Disposable {
  return vscode.languages.registerHoverProvider(RECORD_SELECTOR, new RecordHoverProvider(documents));
}
