import * as vscode from 'vscode';
import { t } from '../../core/base';
import { safeWriteFile, WriteError } from '../../node/safeWrite';

// The extension's files import the write and its error from here, never from node/safeWrite.
export { WriteError };

export interface WriteOptions {
  /** The workspace folder the file belongs to: no symbolic link is followed out of it. */
  root?: vscode.Uri;
  /** The user picked the path (a save dialog, a command argument): it may lie outside `root`. */
  explicit?: boolean;
  /** The file must not exist yet (a copy that never writes over anything). */
  createOnly?: boolean;
}

/**
 * A file of the extension's own (the report, an export, a fishbone image, the dismissals, the
 * import summary, a message draft, the sample workspace) handed to safeWriteFile, the one module
 * every write of the product goes through: a temporary file beside the target renamed over it,
 * no link followed out of the workspace, missing folders made. This only turns the URI into a
 * path; a file on another file system (a remote or virtual one) is refused with a one-line
 * message rather than written some other way. Throws WriteError.
 */
export async function safeWriteUri(target: vscode.Uri, bytes: Uint8Array, options: WriteOptions = {}): Promise<void> {
  const { root, createOnly = false } = options;
  if (target.scheme !== 'file' || (root !== undefined && root.scheme !== 'file')) {
    const shown = target.toString(true);
    throw new WriteError('io', shown, t('{0} is not on a local disk; KEDB Studio writes files on a local disk only, so nothing was written', shown));
  }
  safeWriteFile(target.fsPath, bytes, {
    root: (root ?? vscode.Uri.joinPath(target, '..')).fsPath,
    explicit: options.explicit === true || root === undefined,
    makeFolders: true,
    expected: createOnly ? null : undefined,
    shownAs: target.fsPath,
  });
}
