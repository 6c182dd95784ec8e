/**
 * The one module that writes files for the `kedb` command and the Node importer (and, on a local
 * disk, for the extension's report and export). Every write:
 *
 * - goes to a temporary file in the target's own folder (`.NAME.PID.RANDOM.tmp`, dot-named so that
 *   a workspace scan skips it, created exclusively so that it never follows a link planted there),
 *   which is then renamed over the target. A write that fails (a full disk, a file size limit, a
 *   permission) leaves the old file whole, and the temporary file is removed.
 * - leaves a file the user may not write (no write permission, immutable) as it is, as writing
 *   in place would, though the rename could replace it; root may write any file, as before.
 * - keeps the mode of the file it replaces (and, when run as root, its owner and group); a new file
 *   gets the usual `0666` less the umask.
 * - never follows a symbolic link out of the workspace (`root`). A target inside the workspace whose
 *   folder is reached through a link that leads outside it is refused (`outside-folder`), and so is
 *   a target that is itself a link to a file outside it (`outside-link`): nothing is written. A link
 *   that stays inside the workspace is followed: the file it leads to is replaced, and the link
 *   kept.
 * - for a path the user named explicitly (`explicit`: `--out`, a save dialog) outside the workspace,
 *   replaces a link found at the target rather than writing through it: the rename puts the new file
 *   where the link was, and the file the link pointed to is left as it was (`replacedLink`). The
 *   folders of such a path are the user's choice and are followed.
 * - breaks a hard link: the rename gives the target a new inode, so the file's other names keep
 *   the old content (`brokeHardLink` says when it had any).
 * - when given the content the file had when it was read (`expected`), checks right before the
 *   rename that the file still holds it, and leaves it alone (`changed`) when someone else wrote it
 *   meanwhile. `expected: null` creates the file exclusively: it is published with link(2), which
 *   fails rather than replace a file that appeared meanwhile (`exists`).
 *
 * It is atomic against failed writes and concurrent readers, not against a power cut: the file is
 * only fsync'ed with `durable`, and the folder never.
 *
 * Failures are `WriteError`s whose message is one line for the user: the path, what happened, and
 * what to do. The CLI prints it after `kedb CMD: ` with no stack trace, and exits 4.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { t } from '../core/base';

/** Why a write was refused or failed. */
export type WriteErrorKind =
  /** The target is a symbolic link to a file outside the workspace. */
  | 'outside-link'
  /** The target's folder is reached through a symbolic link that leads outside the workspace. */
  | 'outside-folder'
  /** The target is outside the workspace and was not named by the user. */
  | 'outside'
  /** The target exists and is a folder or another thing that is not a regular file. */
  | 'not-a-file'
  /** The target's folder does not exist (and was not to be made). */
  | 'no-folder'
  /** A file stands where a folder of the path should be. */
  | 'not-a-folder'
  /** Exclusive creation: the file exists. */
  | 'exists'
  /** The file changed on disk since it was read. */
  | 'changed'
  /** The operating system refused (a full disk, a permission, a size limit…): see `code`. */
  | 'io';

/** A write that did not happen; `message` is one line for the user. */
export class WriteError extends Error {
  override readonly name = 'WriteError';
  constructor(
    readonly kind: WriteErrorKind,
    /** The target as given (or as shown). */
    readonly path: string,
    message: string,
    /** The operating system's error code (`ENOSPC`, `EACCES`…), for `io`. */
    readonly code?: string,
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
  }
}

/** The file operations a write uses; tests replace some of them to make a write fail midway. */
export interface FileOps {
  openSync(file: string, flags: string, mode: number): number;
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number): number;
  fsyncSync(fd: number): void;
  fchmodSync(fd: number, mode: number): void;
  fchownSync(fd: number, uid: number, gid: number): void;
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  linkSync(existing: string, created: string): void;
  unlinkSync(file: string): void;
}

const NODE_OPS: FileOps = {
  openSync: (file, flags, mode) => fs.openSync(file, flags, mode),
  writeSync: (fd, buffer, offset, length) => fs.writeSync(fd, buffer, offset, length),
  fsyncSync: (fd) => fs.fsyncSync(fd),
  fchmodSync: (fd, mode) => fs.fchmodSync(fd, mode),
  fchownSync: (fd, uid, gid) => fs.fchownSync(fd, uid, gid),
  closeSync: (fd) => fs.closeSync(fd),
  renameSync: (from, to) => fs.renameSync(from, to),
  linkSync: (existing, created) => fs.linkSync(existing, created),
  unlinkSync: (file) => fs.unlinkSync(file),
};

export interface SafeWriteOptions {
  /**
   * The workspace: no symbolic link is followed out of it. A root that is itself a link is the
   * user's choice and is followed.
   */
  root: string;
  /**
   * The user named this path (`--out`, a save dialog): it may lie outside the workspace, and a
   * link found there is replaced rather than written through. Inside the workspace it changes
   * nothing.
   */
  explicit?: boolean;
  /**
   * What the file held when it was read (text is compared as UTF-8): the write is refused with
   * `changed` when it holds anything else right before the rename. `null`: the file must not exist,
   * and is created exclusively. Undefined: no check.
   */
  expected?: string | Uint8Array | null;
  /** Create the missing folders of the path (inside the workspace only through real folders). */
  makeFolders?: boolean;
  /** fsync the file before the rename. */
  durable?: boolean;
  /** The path as messages show it (default: as given). */
  shownAs?: string;
  /** Replacements for some file operations (tests). */
  ops?: Partial<FileOps>;
}

export interface WriteResult {
  /** The file written: the target, or the file a link inside the workspace leads to. */
  path: string;
  /** There was no file before. */
  created: boolean;
  /** The target had other names (hard links); they keep the old content. */
  brokeHardLink: boolean;
  /** The target was a link (outside the workspace, named by the user), replaced by the file. */
  replacedLink: boolean;
}

/** True when `child` is `parent` or lies under it (both absolute). */
export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + path.sep) && !path.isAbsolute(rel));
}

function codeOf(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : undefined;
}

function lstatOf(file: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(file, { throwIfNoEntry: false });
  } catch (e) {
    if (codeOf(e) === 'ENOTDIR') return undefined;
    throw e;
  }
}

/** The real path of `p`: its longest existing head resolved through links, the rest as written. */
function realPathOf(p: string): string {
  const rest: string[] = [];
  for (let at = p; ; ) {
    try {
      return path.join(fs.realpathSync.native(at), ...rest);
    } catch (e) {
      const code = codeOf(e);
      if (code !== 'ENOENT' && code !== 'ENOTDIR') return p;
      const up = path.dirname(at);
      if (up === at) return p;
      rest.unshift(path.basename(at));
      at = up;
    }
  }
}

/** Where the link `file` finally leads, as a real path; the last link may dangle. */
function linkDestination(file: string): string {
  try {
    return fs.realpathSync.native(file);
  } catch (e) {
    if (codeOf(e) !== 'ENOENT') throw e;
  }
  let at = file;
  for (let hops = 0; hops < 40; hops++) {
    const st = lstatOf(at);
    if (!st?.isSymbolicLink()) return realPathOf(at);
    at = path.resolve(realPathOf(path.dirname(at)), fs.readlinkSync(at));
  }
  throw Object.assign(new Error('too many levels of symbolic links'), { code: 'ELOOP' });
}

/** What happened and what to do, for an operating system error. */
function ioReason(e: unknown): { what: string; todo: string } {
  const code = codeOf(e);
  switch (code) {
    case 'ENOSPC':
      return { what: t('the disk is full'), todo: t('free some space, then run again') };
    case 'EDQUOT':
      return { what: t('the disk quota is used up'), todo: t('free some space, then run again') };
    case 'EFBIG':
      return { what: t('the file is larger than this process may write (EFBIG)'), todo: t('raise the file size limit (ulimit -f), then run again') };
    case 'EACCES':
    case 'EPERM':
      return { what: t('permission denied ({0})', code), todo: t("check the permissions and attributes of the file and its folder (ls -l, lsattr), then run again") };
    case 'EROFS':
      return { what: t('the file system is read-only'), todo: t('write to another place') };
    case 'EBUSY':
    case 'ETXTBSY':
      return { what: t('the file is busy'), todo: t('close the program that uses it, then run again') };
    default:
      return { what: code ? `${code}: ${(e as Error).message.replace(/^[A-Z]+: /, '')}` : String((e as Error)?.message ?? e), todo: t('check the path, then run again') };
  }
}

/** An operating system's refusal as a WriteError: the path, what happened, what was left, what to do. */
export function ioError(e: unknown, shown: string, existed: boolean): WriteError {
  const { what, todo } = ioReason(e);
  const left = existed ? t('the file was left as it was') : t('nothing was written');
  return new WriteError('io', shown, t('{0}: could not write it: {1}; {2} — {3}', shown, what, left, todo), codeOf(e), e);
}

/** Linux file systems that hold no files of their own (statfs magic numbers). */
const KERNEL_FILE_SYSTEMS: ReadonlyMap<number, string> = new Map([
  [0x9fa0, 'proc'],
  [0x62656572, 'sysfs'],
  [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'],
  [0x73636673, 'securityfs'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
  [0x62656570, 'configfs'],
  [0xcafe4a11, 'bpf'],
  [0x6165676c, 'pstore'],
  [0xde5e81e4, 'efivarfs'],
  [0x1cd1, 'devpts'],
]);

/** The name of the kernel file system `at` is on, or undefined (a disk, or not known). */
function kernelFileSystem(at: string): string | undefined {
  try {
    return KERNEL_FILE_SYSTEMS.get(Number(fs.statfsSync(at).type));
  } catch {
    return undefined;
  }
}

/** The first existing folder or file at or above `dir`. */
function nearestExisting(dir: string): { at: string; st: fs.Stats } | undefined {
  for (let at = dir; ; ) {
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(at, { throwIfNoEntry: false });
    } catch (e) {
      if (codeOf(e) !== 'ENOTDIR') throw e;
    }
    if (st) return { at, st };
    const up = path.dirname(at);
    if (up === at) return undefined;
    at = up;
  }
}

/**
 * Why nothing could be written in `dir` (a file stands where a folder of its path should be, or the
 * folder does not exist and is not to be made), or undefined when it exists or could be made.
 */
export function folderProblem(dir: string, shown: string, make: boolean): WriteError | undefined {
  const found = nearestExisting(path.resolve(dir));
  const special = found ? kernelFileSystem(found.at) : undefined;
  if (found && special) {
    // /proc, /sys and the like are no disk: creating folders there can loop for a minute, and a
    // file there is a kernel setting, not a report.
    return new WriteError('not-a-folder', shown, t('{0}: {1} is on the kernel file system {2}, not a normal folder; nothing was written — give a folder on a disk', shown, found.at, special));
  }
  if (found && found.at === path.resolve(dir) && found.st.isDirectory()) return undefined;
  if (found && !found.st.isDirectory()) {
    return new WriteError('not-a-folder', shown, t('{0}: {1} is a file, not a folder, so nothing can be written under it; nothing was written — give another path', shown, found.at));
  }
  if (make) return undefined;
  return new WriteError('no-folder', shown, t('{0}: the folder {1} does not exist; nothing was written — create it first, or give another path', shown, dir));
}

/** Makes `dir` and its missing parents, or says why it cannot. */
function makeFolder(dir: string, shown: string, make: boolean): void {
  const problem = folderProblem(dir, shown, make);
  if (problem) throw problem;
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw folderProblem(dir, shown, false) ?? ioError(e, shown, false);
  }
}

interface Plan {
  /** The file to replace (a link inside the workspace is resolved to its destination). */
  file: string;
  /** What is there now (never a link), or undefined. */
  st: fs.Stats | undefined;
  replacedLink: boolean;
}

/**
 * Refuses a folder that lies in the workspace only through a symbolic link out of it, or that is
 * outside the workspace when the user did not name it; `probe` is a path in that folder.
 */
function checkFolder(probe: string, dir: string, shown: string, options: Pick<SafeWriteOptions, 'root' | 'explicit'>): { inWorkspace: boolean; realRoot: string } {
  const rootAbs = path.resolve(options.root);
  const realRoot = realPathOf(rootAbs);
  const realDir = realPathOf(path.resolve(dir));
  const inWorkspace = isInside(probe, rootAbs) || isInside(realDir, realRoot);
  if (inWorkspace && !isInside(realDir, realRoot)) {
    throw new WriteError(
      'outside-folder',
      shown,
      t('{0}: its folder is a symbolic link to {1}, outside the workspace {2}; nothing was written, so that nothing outside is overwritten — remove the link, or write to another path', shown, realDir, options.root),
    );
  }
  if (!inWorkspace && !options.explicit) {
    throw new WriteError('outside', shown, t('{0} is outside the workspace {1}; nothing was written — write inside the workspace', shown, options.root));
  }
  return { inWorkspace, realRoot };
}

/** Where to write, after the checks on links and folders; throws a `WriteError` when refused. */
function planWrite(abs: string, shown: string, options: SafeWriteOptions): Plan {
  const dir = path.dirname(abs);
  const { inWorkspace, realRoot } = checkFolder(abs, dir, shown, options);
  makeFolder(dir, shown, options.makeFolders === true);
  let st = lstatOf(abs);
  let file = abs;
  let replacedLink = false;
  if (st?.isSymbolicLink()) {
    if (inWorkspace) {
      let dest: string;
      try {
        dest = linkDestination(abs);
      } catch (e) {
        throw ioError(e, shown, true);
      }
      if (!isInside(dest, realRoot)) {
        throw new WriteError(
          'outside-link',
          shown,
          t('{0} is a symbolic link to {1}, outside the workspace {2}; nothing was written, so that the file outside is not overwritten — remove the link, or write to another path', shown, dest, options.root),
        );
      }
      file = dest;
      st = lstatOf(dest);
      const problem = folderProblem(path.dirname(dest), shown, false);
      if (problem) throw problem;
    } else {
      replacedLink = true;
      st = undefined;
    }
  }
  if (st?.isFile()) {
    // A file the user may not write stays as it is, though the rename could replace it.
    try {
      fs.accessSync(file, fs.constants.W_OK);
    } catch (e) {
      throw ioError(e, shown, true);
    }
  } else if (st) {
    throw new WriteError(
      'not-a-file',
      shown,
      st.isDirectory()
        ? t('{0} is a folder, not a file; nothing was written — give the path of a file', shown)
        : t('{0} is not a regular file; nothing was written — give the path of a regular file', shown),
    );
  }
  return { file, st, replacedLink };
}

/** True when `file` holds `expected` (see `SafeWriteOptions.expected`). */
function holds(file: string, expected: string | Uint8Array | null, shown: string): boolean {
  let current: Buffer | undefined;
  try {
    current = fs.readFileSync(file);
  } catch (e) {
    if (codeOf(e) !== 'ENOENT') throw ioError(e, shown, true);
  }
  if (expected === null || current === undefined) return expected === null && current === undefined;
  return typeof expected === 'string' ? current.toString('utf8') === expected : current.equals(expected);
}

function changedError(shown: string): WriteError {
  return new WriteError('changed', shown, t('{0} changed on disk since it was read; left as it is — run again to work on the new content', shown));
}

function existsError(shown: string): WriteError {
  return new WriteError('exists', shown, t('{0} already exists; left as it is', shown));
}

/**
 * Writes `data` to `target` through a temporary file and a rename (see the module's comment for
 * links, hard links, modes and the `expected` check). Throws a `WriteError` (and nothing else),
 * and leaves the old file whole and no temporary file, when it cannot.
 */
export function safeWriteFile(target: string, data: string | Uint8Array, options: SafeWriteOptions): WriteResult {
  const ops: FileOps = { ...NODE_OPS, ...options.ops };
  const shown = options.shownAs ?? target;
  let plan: Plan;
  try {
    plan = planWrite(path.resolve(target), shown, options);
  } catch (e) {
    throw e instanceof WriteError ? e : ioError(e, shown, false);
  }
  const { file, st } = plan;
  const expected = options.expected;
  if (expected !== undefined && (expected === null ? st !== undefined : !holds(file, expected, shown))) {
    throw expected === null ? existsError(shown) : changedError(shown);
  }
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  let tmpMade = false;
  try {
    fd = ops.openSync(tmp, 'wx', st ? 0o600 : 0o666);
    tmpMade = true;
    if (st) {
      // Owner first: changing it clears set-id bits, which the mode then puts back.
      if (process.getuid?.() === 0 && (st.uid !== 0 || st.gid !== 0)) {
        try {
          ops.fchownSync(fd, st.uid, st.gid);
        } catch {
          // Another owner is a courtesy: the content matters more.
        }
      }
      ops.fchmodSync(fd, st.mode & 0o7777);
    }
    for (let off = 0; off < bytes.length; ) off += ops.writeSync(fd, bytes, off, bytes.length - off);
    if (options.durable) ops.fsyncSync(fd);
    const done = fd;
    fd = undefined;
    ops.closeSync(done);
    if (expected === null) {
      publishExclusively(tmp, file, shown, ops);
    } else {
      if (expected !== undefined && !holds(file, expected, shown)) throw changedError(shown);
      ops.renameSync(tmp, file);
    }
    tmpMade = false;
  } catch (e) {
    if (fd !== undefined) {
      try {
        ops.closeSync(fd);
      } catch {
        // already failing: the first error is the one to report
      }
    }
    if (tmpMade) {
      try {
        ops.unlinkSync(tmp);
      } catch {
        // nothing more can be done; the name is dot-named and skipped by workspace scans
      }
    }
    throw e instanceof WriteError ? e : ioError(e, shown, st !== undefined);
  }
  return { path: file, created: st === undefined, brokeHardLink: st !== undefined && st.nlink > 1, replacedLink: plan.replacedLink };
}

/** Gives the temporary file the target's name unless a file appeared there meanwhile. */
function publishExclusively(tmp: string, file: string, shown: string, ops: FileOps): void {
  try {
    ops.linkSync(tmp, file);
  } catch (e) {
    const code = codeOf(e);
    if (code === 'EEXIST') throw existsError(shown);
    // A file system without hard links: check, then rename (a narrow window instead of none).
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS' && code !== 'EMLINK') throw e;
    if (lstatOf(file)) throw existsError(shown);
    ops.renameSync(tmp, file);
    return;
  }
  try {
    ops.unlinkSync(tmp);
  } catch {
    // The record is in place; a stray dot-named temporary file is skipped by workspace scans.
  }
}

/**
 * Makes a folder for output (the report's), with the same checks as a write into it: inside the
 * workspace only through real folders.
 */
export function safeMakeFolder(dir: string, options: Pick<SafeWriteOptions, 'root' | 'explicit' | 'shownAs'>): void {
  try {
    makeOutputFolder(dir, options);
  } catch (e) {
    throw e instanceof WriteError ? e : ioError(e, options.shownAs ?? dir, false);
  }
}

function makeOutputFolder(dir: string, options: Pick<SafeWriteOptions, 'root' | 'explicit' | 'shownAs'>): void {
  const shown = options.shownAs ?? dir;
  checkFolder(path.join(path.resolve(dir), '.kedb-probe'), dir, shown, options);
  makeFolder(path.resolve(dir), shown, true);
}

/** What the user should know about a write that went well (a broken hard link, a replaced link). */
export function writeNotes(result: WriteResult, shown: string): string[] {
  const notes: string[] = [];
  if (result.brokeHardLink) notes.push(t('{0} had other names (hard links); it now has a file of its own, and the other names keep the old content', shown));
  if (result.replacedLink) notes.push(t('{0} was a symbolic link; the link was replaced by the file, and the file it pointed to was left as it was', shown));
  return notes;
}

/** The `kedb` command's exit code when a file it was asked to write could not be written. */
export const EXIT_NOT_WRITTEN = 4;
