import * as vscode from 'vscode';
import type { Register } from '../features';
import { FORM_VIEW_TYPE } from '../../shared/form';
import { RecordFormProvider } from './formEditor';

function asUri(v: unknown): vscode.Uri | undefined {
  if (v instanceof vscode.Uri) return v;
  if (typeof v === 'string' && v) return vscode.Uri.parse(v);
  return undefined;
}

/**
 * "Open as Form": the custom editor of record files (`priority: option`, so YAML stays the
 * default) and the command behind the editor-title button (package.json).
 */
export const register: Register = ({ extensionUri, index }) => {
  const provider = new RecordFormProvider(extensionUri, index);
  return vscode.Disposable.from(
    provider,
    vscode.window.registerCustomEditorProvider(FORM_VIEW_TYPE, provider, { webviewOptions: { retainContextWhenHidden: false } }),
    vscode.commands.registerCommand('kedb.openRecordForm', async (uri?: unknown) => {
      const target = asUri(uri) ?? vscode.window.activeTextEditor?.document.uri;
      if (target) await vscode.commands.executeCommand('vscode.openWith', target, FORM_VIEW_TYPE);
    }),
    // Hidden, in test builds only: `state` lists the open forms; `receive` hands a message to the
    // form of `source` as if its page had sent it, and resolves with the handler's answer.
    ...(KEDB_TEST_HOOKS
      ? [
          vscode.commands.registerCommand('kedb._recordForm', async (action: unknown, source?: unknown, message?: unknown) => {
            if (action === 'receive') {
              const editor = [...provider.editors].find((e) => e.document.uri.toString() === source);
              return editor ? editor.onMessage(message) : false;
            }
            return [...provider.editors].map((e) => e.probe());
          }),
        ]
      : []),
  );
};
