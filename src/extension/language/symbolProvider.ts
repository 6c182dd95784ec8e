import * as vscode from 'vscode';
import { outline, type OutlineSymbol } from '../../core';
import { toRange } from '../convert';
import { RECORD_SELECTOR, type RecordDocuments } from './documents';

const KINDS: Record<OutlineSymbol['kind'], vscode.SymbolKind> = {
  record: vscode.SymbolKind.Class,
  category: vscode.SymbolKind.Namespace,
  cause: vscode.SymbolKind.String,
};

function toSymbol(s: OutlineSymbol): vscode.DocumentSymbol {
  const symbol = new vscode.DocumentSymbol(s.name, s.detail, KINDS[s.kind], toRange(s.range), toRange(s.selectionRange));
  symbol.children = s.children.map(toSymbol);
  return symbol;
}

/** The outline: each record as `ID — title`, with its fishbone categories and causes. */
export class RecordSymbolProvider implements vscode.DocumentSymbolProvider {
  constructor(private readonly documents: RecordDocuments) {}

  provideDocumentSymbols(doc: vscode.TextDocument): vscode.DocumentSymbol[] {
    const rec = this.documents.get(doc);
    return rec ? outline(rec.ranged, rec.loc.path).map(toSymbol) : [];
  }
}

export function register(documents: RecordDocuments): vscode.Disposable {
  return vscode.languages.registerDocumentSymbolProvider(RECORD_SELECTOR, new RecordSymbolProvider(documents), { label: 'KEDB' });
}
