/**
 * The importer's `ImportTarget` on disk: one folder of record files. It only ever touches plain
 * `<name>.yaml` files directly inside that folder and refuses symbolic links. Every write goes
 * through `safeWriteFile` (a temporary file beside the record, renamed over it), so a record is
 * never left half written, not even a new one. A new file is published exclusively (it fails rather
 * than overwrite a file that appeared meanwhile); an existing one is replaced only if it still holds
 * what `read` returned. (Publishing new files through a temporary file costs about 1.5 times the
 * direct exclusive create here, for 10k files; a half-written record is worse.)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { t } from '../core/base';
import type { ImportTarget } from '../core/import';
import { safeWriteFile } from './safeWrite';

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*\.yaml$/;

export class RecordFolder implements ImportTarget {
  readonly dir: string;
  private made = false;
  /** What `read` last returned, by name (undefined: absent): `write` checks the file still holds it. */
  private lastRead: { name: string; text: string | undefined } | undefined;

  constructor(dir: string) {
    this.dir = path.resolve(dir);
  }

  /** The full path of a record file, after checking that the name cannot leave the folder. */
  private pathOf(name: string): string {
    const full = path.resolve(this.dir, name);
    if (!SAFE_NAME.test(name) || path.dirname(full) !== this.dir) {
      throw new Error(t('{0} is not a plain record file name inside {1}; refused', JSON.stringify(name), this.dir));
    }
    return full;
  }

  read(name: string): string | undefined {
    const full = this.pathOf(name);
    const stat = fs.lstatSync(full, { throwIfNoEntry: false });
    this.lastRead = undefined;
    if (stat === undefined) {
      this.lastRead = { name, text: undefined };
      return undefined;
    }
    if (stat.isSymbolicLink()) throw new Error(t('{0} is a symbolic link; refused, so that nothing is written outside {1}', name, this.dir));
    if (!stat.isFile()) throw new Error(t('{0} exists but is not a regular file; refused', name));
    const text = fs.readFileSync(full, 'utf8');
    this.lastRead = { name, text };
    return text;
  }

  write(name: string, text: string): void {
    const full = this.pathOf(name);
    const last = this.lastRead?.name === name ? this.lastRead : undefined;
    this.lastRead = undefined;
    // Without a read just before (a caller that only writes), an existing file is replaced as it is.
    safeWriteFile(full, text, { root: this.dir, expected: last ? (last.text ?? null) : undefined, makeFolders: !this.made });
    this.made = true;
  }
}
