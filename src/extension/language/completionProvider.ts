import * as vscode from 'vscode';
import { completionsAt, isoWithOffset, type CompletionEntry } from '../../core';
import { t } from '../../core/base';
import { toRange } from '../convert';
import { fromPosition, RECORD_SELECTOR, type RecordDocuments } from './documents';

const KINDS: Record<CompletionEntry['kind'], vscode.CompletionItemKind> = {
  property: vscode.CompletionItemKind.Property,
  block: vscode.CompletionItemKind.Snippet,
  value: vscode.CompletionItemKind.EnumMember,
  reference: vscode.CompletionItemKind.Reference,
};

/** Above this many characters (a multi-record file), completion does not parse the file. */
const LARGE_FILE = 64 * 1024;

export const TRIGGER_CHARACTERS = [':', ' ', '-', '[', ','];

export function toCompletionItem(e: CompletionEntry): vscode.CompletionItem {
  const item = new vscode.CompletionItem(e.kind === 'reference' ? { label: e.label, description: e.description } : e.label, KINDS[e.kind]);
  if (e.kind === 'reference') item.detail = e.detail + (e.description ? ` (${e.description})` : '');
  else item.detail = e.detail;
  if (e.documentation) item.documentation = new vscode.MarkdownString(e.documentation);
  item.insertText = e.snippet ? new vscode.SnippetString(e.insertText) : e.insertText;
  item.range = toRange(e.range);
  item.sortText = e.sortText;
  if (e.filterText) item.filterText = e.filterText;
  if (e.preselect) item.preselect = true;
  if (e.retrigger) item.command = { command: 'editor.action.triggerSuggest', title: t('Suggest') };
  return item;
}

/**
 * Property names, values, whole blocks, new list items and record ids, from the schemas and the
 * index. VS Code asks its providers in groups by selector score and stops at the first group that
 * returns an item; its word-based suggestions (`editor.wordBasedSuggestions`) are a `*` provider,
 * scored below this `yaml` one, so wherever the core offers structure (after `causes:`, on a new
 * list line, in a 5 Whys step) no words from the file are mixed in, and no setting is changed for
 * other YAML files.
 */
export class RecordCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly documents: RecordDocuments) {}

  provideCompletionItems(doc: vscode.TextDocument, position: vscode.Position): vscode.CompletionList | undefined {
    const loc = this.documents.index.locate(doc.uri);
    if (!loc) return undefined;
    // The syntax tree only refines completion (ids already listed, multi-line scalars): a large
    // file is not parsed again on each keystroke for it.
    const text = doc.getText();
    const ranged = text.length <= LARGE_FILE ? this.documents.get(doc)?.ranged : this.documents.peek(doc);
    const result = completionsAt(text, fromPosition(position), {
      path: loc.path,
      workspace: loc.folder.ws,
      now: isoWithOffset(new Date()),
      documents: ranged?.documents,
    });
    return new vscode.CompletionList(result.items.map(toCompletionItem), result.isIncomplete);
  }
}

export function register(documents: RecordDocuments): vscode.Disposable {
  return vscode.languages.registerCompletionItemProvider(RECORD_SELECTOR, new RecordCompletionProvider(documents), ...TRIGGER_CHARACTERS);
}
