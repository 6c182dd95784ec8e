import * as vscode from 'vscode';
import { knownErrorState, parseRangedFile } from '../../core';
import type { RecordIndex } from '../index/recordIndex';
import { t } from '../../core/base';

/**
 * Above a problem that has no known error yet: "Promote to Known Error". Above a draft known error:
 * "Publish Known Error"; above a published one: "Retire Known Error". Above a problem or a published
 * known error with a workaround: "Communicate workaround". Each runs the palette command on this record.
 */
export class KedbCommandLensProvider implements vscode.CodeLensProvider {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly index: RecordIndex) {
    this.subscription = index.onDidChange(() => this.emitter.fire());
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const loc = this.index.locate(doc.uri);
    const text = doc.getText();
    if (!loc || !/^kind:\s*(problem|known_error)\b/m.test(text)) return [];
    const ranged = parseRangedFile(text, loc.folder.ws.config);
    const lenses: vscode.CodeLens[] = [];
    for (const r of ranged.records) {
      if ((r.kind !== 'problem' && r.kind !== 'known_error') || !r.id) continue;
      const map = ranged.documents[r.docIndex].contents as { items?: { key?: { value?: unknown; range?: [number, number, number] } }[] } | null;
      const at = map?.items?.find((p) => p.key?.value === 'id')?.key?.range?.[0];
      if (at === undefined) continue;
      const range = new vscode.Range(doc.positionAt(at), doc.positionAt(at));
      const hasKnownError = r.kind === 'problem' && (r.value.known_error !== undefined || loc.folder.ws.referencesTo(r.id).some((x) => x.from.kind === 'known_error'));
      if (r.kind === 'problem' && !hasKnownError) {
        lenses.push(new vscode.CodeLens(range, { title: `$(book) ${t('Promote to Known Error')}`, command: 'kedb.promoteToKnownError', arguments: [{ id: r.id }] }));
      }
      const state = r.kind === 'known_error' ? knownErrorState(r.value) : undefined;
      if (state === 'draft') {
        lenses.push(new vscode.CodeLens(range, { title: `$(pass) ${t('Publish Known Error')}`, command: 'kedb.publishKnownError', arguments: [{ id: r.id }] }));
      } else if (state === 'published') {
        lenses.push(new vscode.CodeLens(range, { title: `$(archive) ${t('Retire Known Error')}`, command: 'kedb.retireKnownError', arguments: [{ id: r.id }] }));
      }
      // Only a published known error's workaround goes to users.
      if ((state === undefined || state === 'published') && typeof r.value.workaround === 'string' && r.value.workaround.trim()) {
        lenses.push(new vscode.CodeLens(range, { title: `$(megaphone) ${t('Communicate workaround')}`, command: 'kedb.communicateWorkaround', arguments: [{ id: r.id }] }));
      }
    }
    return lenses;
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
