import * as vscode from 'vscode';
import { t } from '../../core/base';
import { safeWriteUri } from '../util/safeWrite';

export interface SampleArgs {
  /** The parent folder; skips the folder picker. */
  parent?: vscode.Uri;
  /** Open the new folder in the window (default true). */
  open?: boolean;
}

/** Copies a folder tree through the extension's one write, refusing to write over anything. */
async function copyTree(from: vscode.Uri, to: vscode.Uri, root = to): Promise<number> {
  let files = 0;
  for (const [name, type] of await vscode.workspace.fs.readDirectory(from)) {
    const src = vscode.Uri.joinPath(from, name);
    const dst = vscode.Uri.joinPath(to, name);
    if (type & vscode.FileType.Directory) files += await copyTree(src, dst, root);
    else {
      await safeWriteUri(dst, await vscode.workspace.fs.readFile(src), { root, createOnly: true });
      files++;
    }
  }
  return files;
}

/**
 * KEDB: Create Sample Workspace: copies the lab-02 sample (52 incidents, 11 problems and known
 * errors, the PRB-0007 fishbone) into a new folder under the one the user picks, and opens it.
 */
export async function createSampleWorkspace(extensionUri: vscode.Uri, args: SampleArgs = {}): Promise<vscode.Uri | undefined> {
  const parent =
    args.parent ??
    (await vscode.window.showOpenDialog({ canSelectFiles: false, canSelectFolders: true, canSelectMany: false, openLabel: t('Create the sample here') }))?.[0];
  if (!parent) return undefined;
  let target = vscode.Uri.joinPath(parent, 'kedb-lab-02');
  for (let n = 2; await exists(target); n++) target = vscode.Uri.joinPath(parent, `kedb-lab-02-${n}`);
  await copyTree(vscode.Uri.joinPath(extensionUri, 'samples', 'lab-02'), target);
  if (args.open !== false) await vscode.commands.executeCommand('vscode.openFolder', target, { forceNewWindow: false });
  return target;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  return Promise.resolve(vscode.workspace.fs.stat(uri)).then(
    () => true,
    () => false,
  );
}
