import * as vscode from 'vscode';
import { safeWriteFile } from '../../node/safeWrite';

/**
 * The extension's one way to write a file of its own (an export, the report, the dismissals): on
 * a local disk through safeWriteFile, the module every write of the product goes through (a
 * temporary file renamed over the target; a symbolic link that leads out of the workspace folder
 * is refused with a message, and a link at a path the user picked outside it is replaced, not
 * written through); on another file system through vscode.workspace.fs. `explicit` says the user
 * picked the path (a save dialog). Throws WriteError with a one-line message.
 */
export async function writeFile(target: vscode.Uri, bytes: Uint8Array, root: vscode.Uri | undefined, explicit: boolean): Promise<void> {
  if (target.scheme === 'file' && (root === undefined || root.scheme === 'file')) {
    safeWriteFile(target.fsPath, bytes, { root: (root ?? vscode.Uri.joinPath(target, '..')).fsPath, explicit: explicit || root === undefined, makeFolders: true, shownAs: target.fsPath });
    return;
  }
  await vscode.workspace.fs.writeFile(target, bytes);
}
