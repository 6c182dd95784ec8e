import * as vscode from 'vscode';
import { definitionsOf, findReferences, idAt } from '../../core';
import { toRange } from '../convert';
import { fromPosition, RECORD_SELECTOR, type RecordDocuments } from './documents';

/** Go to Definition on an id: the `id:` value of the record it names. */
export class RecordDefinitionProvider implements vscode.DefinitionProvider {
  constructor(private readonly documents: RecordDocuments) {}

  provideDefinition(doc: vscode.TextDocument, position: vscode.Position): vscode.DefinitionLink[] | undefined {
    const rec = this.documents.get(doc);
    if (!rec) return undefined;
    const site = idAt(rec.ranged, rec.loc.path, fromPosition(position));
    if (!site) return undefined;
    // The index must know this buffer's records before it is asked where an id is defined.
    const folder = rec.loc.folder;
    return definitionsOf(this.documents.host(folder), site.id).map((d) => ({
      originSelectionRange: toRange(site.range),
      targetUri: this.documents.uri(folder, d.file),
      targetRange: toRange(d.range),
      targetSelectionRange: toRange(d.range),
    }));
  }
}

/** Find All References on an id: its definition and every field that names it, across files. */
export class RecordReferenceProvider implements vscode.ReferenceProvider {
  constructor(private readonly documents: RecordDocuments) {}

  provideReferences(doc: vscode.TextDocument, position: vscode.Position, context: vscode.ReferenceContext): vscode.Location[] | undefined {
    const rec = this.documents.get(doc);
    if (!rec) return undefined;
    const site = idAt(rec.ranged, rec.loc.path, fromPosition(position));
    if (!site) return undefined;
    const folder = rec.loc.folder;
    return findReferences(this.documents.host(folder), site.id, context.includeDeclaration, [rec.loc.path]).map((r) =>
      this.documents.location(folder, r.file, r.range),
    );
  }
}

export function register(documents: RecordDocuments): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.languages.registerDefinitionProvider(RECORD_SELECTOR, new RecordDefinitionProvider(documents)),
    vscode.languages.registerReferenceProvider(RECORD_SELECTOR, new RecordReferenceProvider(documents)),
  );
}
