import * as fs from 'node:fs';
import { safeWriteFile, WriteError, type FileOps, type WriteResult } from './safeWrite';

export interface WriteBackOptions {
  /** The workspace the record belongs to: no link is followed out of it (see safeWrite.ts). */
  root: string;
  /** The path as messages show it. */
  shownAs?: string;
  /** Replacements for some file operations (tests). */
  ops?: Partial<FileOps>;
}

/**
 * Writes `next` over a record file the workspace read as `read`, keeping a BOM the file had (the
 * workspace's text is BOM-free), through `safeWriteFile`: a temporary file renamed over the record,
 * so that a failed write leaves it whole; a hard-linked record gets a file of its own. Returns
 * false, writing nothing, when the file changed on disk since it was read (checked again right
 * before the rename): the CLI never writes over someone else's newer work. Throws a `WriteError`
 * when the file cannot be written.
 */
export function writeBackIfUnchanged(abs: string, read: string, next: string, options: WriteBackOptions): WriteResult | false {
  let current: Buffer;
  try {
    current = fs.readFileSync(abs);
  } catch {
    return false; // gone (or unreadable) since the workspace read it: changed
  }
  const bom = current.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) ? '\uFEFF' : '';
  if (current.toString('utf8') !== bom + read) return false;
  try {
    return safeWriteFile(abs, bom + next, { root: options.root, expected: current, durable: true, shownAs: options.shownAs, ops: options.ops });
  } catch (e) {
    if (e instanceof WriteError && e.kind === 'changed') return false;
    throw e;
  }
}
