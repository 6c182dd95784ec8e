import * as vscode from 'vscode';
import { addDismissal, DISMISSED_FILE, isoWithOffset, type Candidate } from '../../core';
import { t } from '../../core/base';
import type { FolderIndex } from '../index/recordIndex';
import { safeWriteUri } from '../util/safeWrite';
import { readDismissed } from './detect';

/** What Dismiss kept (for tests and other extensions). */
export interface Dismissed {
  key: string;
  reason: string;
  file: string;
}

/**
 * Dismiss: asks why (unless `reasonArg` gives it), keeps the reason in .kedb/dismissed.yaml, and
 * runs `refresh` so the view hides the candidate. Undefined when the user cancels.
 */
export async function dismissCandidate(folder: FolderIndex, candidate: Candidate, reasonArg: string | undefined, refresh: () => Promise<unknown>): Promise<Dismissed | undefined> {
  const reason =
    typeof reasonArg === 'string'
      ? reasonArg
      : await vscode.window.showInputBox({
          title: t('Dismiss “{0}”', candidate.label),
          prompt: t('Why is this not a problem? The reason is kept in the workspace with the dismissal.'),
          placeHolder: t('e.g. information requests, not faults'),
          ignoreFocusOut: true,
        });
  if (reason === undefined) return undefined;
  const uri = vscode.Uri.joinPath(folder.folder.uri, DISMISSED_FILE);
  const text = addDismissal(await readDismissed(folder), { key: candidate.key, reason: reason.trim(), dismissedAt: isoWithOffset(new Date()), incidents: candidate.count });
  await safeWriteUri(uri, new TextEncoder().encode(text), { root: folder.folder.uri });
  await refresh();
  return { key: candidate.key, reason: reason.trim(), file: uri.toString() };
}
