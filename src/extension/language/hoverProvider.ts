import * as vscode from 'vscode';
import { hoverAt, type HoverInfo } from '../../core';
import { toRange } from '../convert';
import { OPEN_RECORD, openRecordLink } from './commands';
import { fromPosition, RECORD_SELECTOR, type RecordDocuments } from './documents';

/** Text from a file, escaped for Markdown but keeping its spaces (appendText turns them into &nbsp;). */
function text(s: string): string {
  return s.replace(/[\\`*_[\]<>|~]/g, '\\$&').replace(/&/g, '&amp;');
}

function code(s: string): string {
  // Inline code cannot hold a backtick run of its own length; none of ours has backticks.
  return '`' + s.replace(/`/g, "'") + '`';
}

/** The hover's Markdown. Record titles come from files, so they go in as escaped text. */
export function hoverMarkdown(info: HoverInfo, near: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  if (info.kind === 'key') {
    md.appendMarkdown(`**${info.key}** · _${info.type}_\n\n`);
    md.appendMarkdown(info.description);
    if (info.allowed && info.allowed.length > 1) md.appendMarkdown(`\n\nAllowed: ${info.allowed.map(code).join(' · ')}`);
    return md;
  }
  const rec = info.record;
  if (!rec) {
    md.appendMarkdown(`${code(info.id)}: `);
    md.appendText(`no ${info.expects?.replace('_', ' ') ?? 'record'} with this id exists in this workspace.`);
    return md;
  }
  md.appendMarkdown(`**${rec.id}** — ${text(rec.title)}`);
  const facts = [
    `${rec.kind.replace('_', ' ')}`,
    rec.status && `status ${code(rec.status)}`,
    rec.priority && `priority ${code(rec.priority)}`,
  ].filter(Boolean);
  md.appendMarkdown(`\n\n${facts.join(' · ')}`);
  if (info.referencedBy.length) md.appendMarkdown(`\n\nReferenced by ${info.referencedBy.map(code).join(', ')}`);
  if (info.role === 'reference') {
    md.appendMarkdown(`\n\n[Open ${rec.id}](${openRecordLink({ id: rec.id, near })} "Open ${rec.file.replace(/"/g, "'")}")`);
    // Only our own open command may run from this hover.
    md.isTrusted = { enabledCommands: [OPEN_RECORD] };
  }
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
