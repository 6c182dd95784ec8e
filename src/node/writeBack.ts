import * as fs from 'node:fs';

/**
 * Writes `next` over a record file the workspace read as `read`, keeping a BOM the file had (the
 * workspace's text is BOM-free). Returns false, writing nothing, when the file changed on disk
 * since it was read: the CLI never writes over someone else's newer work.
 */
export function writeBackIfUnchanged(abs: string, read: string, next: string): boolean {
  const current = fs.readFileSync(abs);
  const bom = current.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) ? '\uFEFF' : '';
  if (current.toString('utf8') !== bom + read) return false;
  fs.writeFileSync(abs, bom + next);
  return true;
}
