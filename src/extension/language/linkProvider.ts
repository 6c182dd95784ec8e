import * as vscode from 'vscode';
import { definitionsOf, documentLinks } from '../../core';
import { t } from '../../core/base';
import { toRange } from '../convert';
import type { FolderIndex } from '../index/recordIndex';
import { RECORD_SELECTOR, type RecordDocuments } from './documents';

class IdLink extends vscode.DocumentLink {
  constructor(
    range: vscode.Range,
    readonly id: string,
    readonly folder: FolderIndex,
  ) {
    super(range);
  }
}

/** Links on reference values; the target line is found only when a link is followed. */
export class RecordLinkProvider implements vscode.DocumentLinkProvider<IdLink> {
  constructor(private readonly documents: RecordDocuments) {}

  provideDocumentLinks(doc: vscode.TextDocument): IdLink[] {
    const rec = this.documents.get(doc);
    if (!rec) return [];
    const ws = rec.loc.folder.ws;
    return documentLinks(rec.ranged, rec.loc.path, ws).map((l) => {
      const link = new IdLink(toRange(l.range), l.id, rec.loc.folder);
      const title = ws.get(l.id)?.value.title;
      link.tooltip = typeof title === 'string' ? t('Open {0}: {1}', l.id, title) : t('Open {0}', l.id);
      return link;
    });
  }

  resolveDocumentLink(link: IdLink): IdLink {
    const [def] = definitionsOf(this.documents.host(link.folder), link.id);
    if (def) {
      const uri = this.documents.uri(link.folder, def.file);
      // `#L12,5` opens the file at that line and column.
      link.target = uri.with({ fragment: `L${def.range.start.line + 1},${def.range.start.character + 1}` });
    }
    return link;
  }
}

export function register(documents: RecordDocuments): vscode.Disposable {
  return vscode.languages.registerDocumentLinkProvider(RECORD_SELECTOR, new RecordLinkProvider(documents));
}
