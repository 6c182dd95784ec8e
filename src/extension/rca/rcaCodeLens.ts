import * as vscode from 'vscode';
import { isProblemDocument } from './fishbonePreview';
import { t } from '../../core/base';

/** A CodeLens on a problem's top-level `rca:` key: "Open Fishbone Preview to the Side". */
export class RcaCodeLensProvider implements vscode.CodeLensProvider {
  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (!isProblemDocument(doc)) return [];
    const lenses: vscode.CodeLens[] = [];
    for (let line = 0; line < doc.lineCount; line++) {
      const text = doc.lineAt(line).text;
      if (!/^rca\s*:/.test(text)) continue;
      lenses.push(
        new vscode.CodeLens(new vscode.Range(line, 0, line, 3), {
          title: `$(type-hierarchy-sub) ${t('Open Fishbone Preview to the Side')}`,
          tooltip: t('Draw this root cause analysis beside the editor'),
          command: 'kedb.openFishbonePreview',
          arguments: [doc.uri],
        }),
      );
    }
    return lenses;
  }
}
