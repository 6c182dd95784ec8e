import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { KedbApi } from '../../../src/extension/extension';
import { waitFor } from '../runner';

export function root(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return folder.uri;
}

export function fileUri(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(root(), rel);
}

let api: KedbApi | undefined;

/** The activated extension's API, once its index has loaded. */
export async function kedb(): Promise<KedbApi> {
  if (api) return api;
  const ext = vscode.extensions.getExtension<KedbApi>('kedb-studio.kedb-studio');
  assert.ok(ext, 'extension kedb-studio.kedb-studio is installed');
  api = await ext.activate();
  await api.index.ready;
  return api;
}

/** Diagnostics of a file as "severity code L:C-L:C" strings (1-based), sorted by position. */
export function diagnosticsOf(uri: vscode.Uri): string[] {
  const names = ['error', 'warning', 'info', 'hint'];
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'kedb')
    .sort((a, b) => a.range.start.compareTo(b.range.start))
    .map((d) => {
      const r = d.range;
      const code = typeof d.code === 'object' ? d.code.value : d.code;
      return `${names[d.severity]} ${code} ${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
    });
}

/** Waits until the file's kedb diagnostics equal `expected`; on time-out, says what they were. */
export async function expectDiagnostics(uri: vscode.Uri, expected: string[], timeout = 10_000): Promise<void> {
  await waitFor(() => JSON.stringify(diagnosticsOf(uri)) === JSON.stringify(expected), {
    timeout,
    message: `diagnostics of ${vscode.workspace.asRelativePath(uri)} to be ${JSON.stringify(expected)}, were ${JSON.stringify(diagnosticsOf(uri))}`,
  });
}

/** The position of the `nth` occurrence of `needle` in a document, plus `offset` characters. */
export function positionOf(doc: vscode.TextDocument, needle: string, offset = 0, nth = 0): vscode.Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = doc.getText().indexOf(needle, at + 1);
    assert.ok(at >= 0, `"${needle}" (#${nth + 1}) in ${vscode.workspace.asRelativePath(doc.uri)}`);
  }
  return doc.positionAt(at + offset);
}
