/**
 * The importer's `ImportTarget` on disk: one folder of record files. It only ever touches plain
 * `<name>.yaml` files directly inside that folder and refuses symbolic links. A new file is
 * created exclusively (`wx`: it fails rather than follow a link or overwrite a file that appeared
 * meanwhile); an existing file is replaced by writing a temporary file beside it and renaming it
 * over, so a record the user may have worked on is never left half written. (Renaming every new
 * file too measured two to three times slower here, for 25k files.)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { t } from '../core/base';
import type { ImportTarget } from '../core/import';

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*\.yaml$/;

export class RecordFolder implements ImportTarget {
  readonly dir: string;
  private made = false;
  private tmpCount = 0;
  /** The name `read` last found absent: `write` creates it exclusively instead of replacing. */
  private absent: string | undefined;

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
    this.absent = stat === undefined ? name : undefined;
    if (stat === undefined) return undefined;
    if (stat.isSymbolicLink()) throw new Error(t('{0} is a symbolic link; refused, so that nothing is written outside {1}', name, this.dir));
    if (!stat.isFile()) throw new Error(t('{0} exists but is not a regular file; refused', name));
    return fs.readFileSync(full, 'utf8');
  }

  write(name: string, text: string): void {
    const full = this.pathOf(name);
    if (!this.made) {
      fs.mkdirSync(this.dir, { recursive: true });
      this.made = true;
    }
    if (this.absent === name) {
      this.absent = undefined;
      fs.writeFileSync(full, text, { flag: 'wx' });
      return;
    }
    // Dot-named, so that a workspace scan skips it if a crash ever leaves one behind.
    const tmp = path.join(this.dir, `.${name}.${process.pid}.${this.tmpCount++}.tmp`);
    fs.writeFileSync(tmp, text, { flag: 'wx' });
    try {
      fs.renameSync(tmp, full);
    } catch (e) {
      fs.rmSync(tmp, { force: true });
      throw e;
    }
  }
}
