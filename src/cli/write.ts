import * as path from 'node:path';
import { WriteError, writeNotes } from '../node/safeWrite';
import { writeBackIfUnchanged } from '../node/writeBack';

/** What became of one file a `--write` or `--fix` rewrote. */
export type WriteOutcome = 'written' | 'changed' | 'failed';

/**
 * The one step every rewriting command (`classify --write`, `suggest --write`, `validate --fix`)
 * takes per file: `next` written over `text` through the safe write, unless the file changed on
 * disk since it was read (`changed`, said with the command's own `changedMessage`); a file that
 * cannot be written is one line on stderr (`failed`), and the notes of a write (a hard link broken,
 * a link replaced) are said too.
 */
export function rewriteFile(command: string, dir: string, file: string, shown: string, text: string, next: string, changedMessage: string, err: (s: string) => void): WriteOutcome {
  try {
    const result = writeBackIfUnchanged(path.join(dir, file), text, next, { root: dir, shownAs: shown });
    if (!result) {
      err(changedMessage);
      return 'changed';
    }
    for (const note of writeNotes(result, shown)) err(`kedb ${command}: ${note}`);
    return 'written';
  } catch (e) {
    if (!(e instanceof WriteError)) throw e;
    err(`kedb ${command}: ${e.message}`);
    return 'failed';
  }
}
