import * as fs from 'node:fs';
import * as path from 'node:path';
import { inRecordFolder, LinkNotFollowed, type FileRead, type UnlistedPath, type WorkspaceHost } from '../core';

/**
 * Reads a file without following a symbolic link at its last component (O_NOFOLLOW: no extra
 * system call); a link throws `LinkNotFollowed` naming its target.
 */
export function readFileNoFollow(full: string): Uint8Array {
  const fd = openNoFollow(full);
  try {
    return fs.readFileSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Opens a file for reading without following a link at its last component, and without waiting
 * on a FIFO put in a record's place since the folder was listed (O_NONBLOCK; a regular file reads
 * as usual).
 */
function openNoFollow(full: string): number {
  try {
    return fs.openSync(full, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ELOOP') throw e;
    let target: string | undefined;
    try {
      target = fs.readlinkSync(full);
    } catch {
      target = undefined;
    }
    throw new LinkNotFollowed(target);
  }
}

/**
 * `readFileNoFollow` that also gives the size, and reads nothing past `max` bytes: one open file
 * answers both (a separate stat looked the path up a second time, a tenth of loading 25,000
 * records). Anything but a regular file is refused with ENOTFILE.
 */
export function readFileUpTo(full: string, max: number): FileRead {
  const fd = openNoFollow(full);
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTFILE' });
    if (st.size > max) return { size: st.size };
    return { size: st.size, bytes: fs.readFileSync(fd), version: fileVersion(st) };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * A file's version for a cache: its size, modification and change times and inode, as git tells
 * an unchanged file. Any write changes the change time.
 */
export function fileVersion(st: { size: number; mtimeMs: number; ctimeMs: number; ino: number }): string {
  return `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}`;
}

/** The last time the file of a `fileVersion` was changed (its modification or change time). */
export function versionChangedAt(version: string): number {
  const [, mtime, ctime] = version.split(':').map(Number);
  return Math.max(mtime, ctime);
}

/** Folders never searched for records. */
const SKIP_DIRS = new Set(['node_modules', 'dist', 'out']);

/**
 * A `WorkspaceHost` over the local disk. Reads are synchronous on purpose: thousands of small
 * reads through promises measured 10x slower here.
 */
export class NodeFsHost implements WorkspaceHost {
  /** What the last `listFiles` left out (see `unlisted`). */
  private skipped: UnlistedPath[] = [];

  /** `readDir` is `fs.readdirSync` but for tests, which make a folder fail that root could read. */
  constructor(
    readonly root: string,
    private readonly readDir: (dir: string) => fs.Dirent[] = (dir) => fs.readdirSync(dir, { withFileTypes: true }),
  ) {}

  /**
   * Every YAML file under the root, through real folders only. Symbolic links are never followed,
   * not even those that stay inside the workspace: a link inside it would list the same records
   * twice (duplicate ids), and one out of it would check and let the tools write files elsewhere.
   * A link to a record folder or a YAML file, a folder that cannot be read and a YAML name that is
   * not a regular file (a FIFO, a socket) are kept for `unlisted`, so that none is skipped silently.
   */
  listFiles(): string[] {
    const out: string[] = [];
    const skipped: UnlistedPath[] = [];
    const walk = (dir: string, rel: string) => {
      let entries: fs.Dirent[];
      try {
        entries = this.readDir(dir);
      } catch (e) {
        skipped.push({ path: rel || '.', reason: 'unreadable-folder', detail: (e as NodeJS.ErrnoException).code ?? (e as Error).message });
        return;
      }
      for (const e of entries) {
        if (e.name.startsWith('.')) continue;
        const childRel = rel ? `${rel}/${e.name}` : e.name;
        const isYaml = /\.ya?ml$/i.test(e.name);
        if (e.isDirectory()) {
          if (!SKIP_DIRS.has(e.name)) walk(path.join(dir, e.name), childRel);
        } else if (e.isFile()) {
          if (isYaml) out.push(childRel);
        } else if (e.isSymbolicLink()) {
          const full = path.join(dir, e.name);
          let target = '';
          try {
            target = fs.readlinkSync(full);
          } catch {
            // its target stays unsaid
          }
          let st: fs.Stats | undefined;
          try {
            st = fs.statSync(full);
          } catch {
            st = undefined; // dangling, or a loop of links
          }
          // A link to a YAML file, or to a record folder (`incidents/`, `problems/`,
          // `known-errors/`, or one inside them), is what the user meant to be checked; one to
          // anything else (a README, a `reports/` folder) is no record's business.
          const recordFolder = st?.isDirectory() === true && inRecordFolder(`${childRel}/x.yaml`);
          if ((isYaml && !st?.isDirectory()) || recordFolder) {
            skipped.push({ path: childRel, reason: 'link', detail: target ? `→ ${target}` : undefined });
          }
        } else if (isYaml) {
          skipped.push({ path: childRel, reason: 'not-a-file' });
        }
      }
    };
    walk(this.root, '');
    this.skipped = skipped;
    return out;
  }

  unlisted(): UnlistedPath[] {
    return this.skipped;
  }

  readFile(rel: string): Uint8Array {
    return readFileNoFollow(path.join(this.root, rel));
  }

  readFileUpTo(rel: string, max: number): FileRead {
    return readFileUpTo(path.join(this.root, rel), max);
  }
}
