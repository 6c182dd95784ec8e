import * as vscode from 'vscode';
import { t } from '../../core/base';
import { ioError, safeWriteFile, WriteError } from '../../node/safeWrite';

export interface WriteOptions {
  /** The workspace folder the file belongs to: no symbolic link is followed out of it. */
  root?: vscode.Uri;
  /** The user picked the path (a save dialog, a command argument): it may lie outside `root`. */
  explicit?: boolean;
  /** The file must not exist yet (a copy that never writes over anything). */
  createOnly?: boolean;
}

/**
 * The extension's one way to write a file of its own (the report, an export, a fishbone image,
 * the dismissals, the sample workspace): always a temporary file beside the target renamed over
 * it, so a failed write leaves the old file whole. On a local disk this is safeWriteFile, the
 * module every write of the product goes through (links out of the workspace refused, a link at
 * a path the user picked replaced, the file's mode kept). On another file system the same steps
 * run through vscode.workspace.fs, where a target that is a symbolic link is refused. Missing
 * folders are made. Throws WriteError with a one-line message.
 */
export async function writeFile(target: vscode.Uri, bytes: Uint8Array, options: WriteOptions = {}): Promise<void> {
  const { root, createOnly = false } = options;
  const explicit = options.explicit === true || root === undefined;
  if (target.scheme === 'file' && (root === undefined || root.scheme === 'file')) {
    safeWriteFile(target.fsPath, bytes, {
      root: (root ?? vscode.Uri.joinPath(target, '..')).fsPath,
      explicit,
      makeFolders: true,
      expected: createOnly ? null : undefined,
      shownAs: target.fsPath,
    });
    return;
  }
  await writeThroughWorkspaceFs(target, bytes, createOnly);
}

/** The temporary-file-and-rename write over vscode.workspace.fs (a remote or virtual file system). */
async function writeThroughWorkspaceFs(target: vscode.Uri, bytes: Uint8Array, createOnly: boolean): Promise<void> {
  const shown = target.toString(true);
  const fsys = vscode.workspace.fs;
  const stat = await Promise.resolve(fsys.stat(target)).then(
    (s) => s,
    () => undefined,
  );
  if (stat && createOnly) throw new WriteError('exists', shown, t('{0} already exists; left as it is', shown));
  if (stat && stat.type & vscode.FileType.SymbolicLink) {
    throw new WriteError('outside-link', shown, t('{0} is a symbolic link; nothing was written through it — remove the link, or write to another path', shown));
  }
  if (stat && !(stat.type & vscode.FileType.File)) throw new WriteError('not-a-file', shown, t('{0} is not a regular file; nothing was written — give the path of a regular file', shown));
  const name = target.path.slice(target.path.lastIndexOf('/') + 1);
  const temp = vscode.Uri.joinPath(target, '..', `.${name}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`);
  try {
    await fsys.createDirectory(vscode.Uri.joinPath(target, '..'));
    await fsys.writeFile(temp, bytes);
    await fsys.rename(temp, target, { overwrite: !createOnly });
  } catch (e) {
    await Promise.resolve(fsys.delete(temp)).then(undefined, () => undefined);
    throw ioError(e, shown, stat !== undefined);
  }
}
