import { CONFIG_FILE, defaultConfig, resolveConfig, type KedbConfig } from '../records/config';
import { decodeRecordFile, lineBreaksAsLf, MAX_FILE_BYTES, tooLargeIssue } from '../yaml/decode';
import { parseFast, parseLarge, RANGED_MAX_BYTES } from '../records/fastParse';
import { parseRangedFile, sortIssues, type ParsedFile, type RangedFile } from '../records/parse';
import type { RecordEntry } from '../records/entry';
import { inRecordFolder, kindOfPath, nextFreeId } from '../records/kinds';
import type { CheckContext, RecordCheck } from './checks';
import { resolveMatrix, type PriorityMatrix } from '../records/matrix';
import { referencesOf, type ReferenceSite } from '../records/references';
import { isoWithOffset } from '../records/templates';
import { capIssues, countText, joinLeftOut, kindNoun, leftOutIssue, MAX_ISSUES_PER_FILE, schemaIssues, type LeftOut } from '../schema/validate';
import { t } from '../base/l10n';
import { locate, nodeRange, pathLocator, valueRange } from '../yaml/locate';
import { LineIndex } from '../base/lines';
import { documentLineSpans, lineFinder, LocateGiveUp, splitLines, type RangeFinder } from '../yaml/lineLocate';
import { EMPTY_RANGE, type Issue, type PathIssue, type Range, type RecordKind } from '../base/types';

/** How the core reaches files. Paths are relative to the workspace root, with `/` separators. */
export interface WorkspaceHost {
  listFiles(): Promise<string[]> | string[];
  readFile(path: string): Promise<Uint8Array> | Uint8Array;
  /**
   * The file's size, and its bytes unless it is larger than `max`, when the host can tell the size
   * before reading (a local disk does both from one open file): a huge file is then refused
   * without reading it. Throws as `readFile` does.
   */
  readFileUpTo?(path: string, max: number): Promise<FileRead> | FileRead;
  /**
   * What the last `listFiles` could not list or chose not to follow (an unreadable folder, a
   * symbolic link, a FIFO named like a record): each becomes an `unreadable-file` issue, so that
   * nothing is skipped silently.
   */
  unlisted?(): Promise<UnlistedPath[]> | UnlistedPath[];
}

/**
 * What `readFileUpTo` gives. `version`: a text that changes whenever the file does, taken from the
 * open file the bytes were read from (a `ParseCache` keeps the parse under it).
 */
export interface FileRead {
  size: number;
  bytes?: Uint8Array;
  version?: string;
}

/** A path the host left out of its listing, and why (`detail`: the system's error code, a link's target…). */
export interface UnlistedPath {
  path: string;
  reason: 'unreadable-folder' | 'link' | 'not-a-file';
  detail?: string;
}

/** The one issue of a file or folder the host could not read, or left out of its listing. */
export function unreadableIssue(reason: UnlistedPath['reason'] | 'unreadable', detail?: string): Issue {
  const why = detail ? ` (${detail})` : '';
  const message =
    reason === 'unreadable-folder'
      ? t('This folder could not be read{0}, so its records were not checked. Make it readable, then check again.', why)
      : reason === 'link'
        ? t('This is a symbolic link{0}; links are not followed, so it was not checked. Move the records into the workspace instead of linking them.', why)
        : reason === 'not-a-file'
          ? t('This is not a regular file{0}, so it was not checked. Replace it with a YAML file, or remove it.', why)
          : t('This file could not be read{0}, so it was not checked. Check that it still exists and can be read, then check again.', why);
  return { code: 'unreadable-file', severity: 'error', message, range: EMPTY_RANGE };
}

/**
 * What a host throws for a path it will not read because it is a symbolic link (one that appeared
 * after the listing, seen by a file watcher): the file gets the same issue as a listed link.
 */
export class LinkNotFollowed extends Error {
  constructor(readonly target?: string) {
    super('a symbolic link, not followed');
  }
}

/** The error code of what a host threw (`ENOENT`, `EACCES`…), or its message. */
function errorDetail(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return e instanceof Error ? e.message.split('\n')[0] : String(e);
}

interface FileEntry {
  path: string;
  text: string | undefined;
  records: RecordEntry[];
  /** The file's own issues, sorted: the first `MAX_ISSUES_PER_FILE` of them. */
  localIssues: Issue[];
  /** The file's own issues left out of `localIssues`. */
  localLeftOut?: LeftOut;
  isRecordFile: boolean;
  /** The fast path could not read it (a syntax error, or something the line reader gave up on). */
  neededRanged?: boolean;
  /**
   * While the file has a syntax error: the ids it still declares, so references to them do not
   * turn into "does not exist" errors in other files. Its last good records' ids, or, read broken
   * from the start, the ids its `id:` lines show.
   */
  held?: HeldId[];
}

/** An id a broken file still declares, with its last good record when the file was read before it broke. */
interface HeldId {
  id: string;
  kind: RecordKind | undefined;
  record?: RecordEntry;
}

/** The ids a broken file shows on `id:` lines at the start of a line, each with the kind its folder or `kind:` line gives. */
function visibleIds(path: string, text: string): HeldId[] {
  const kindLine = /^kind:[ \t]*["']?(incident|problem|known_error)\b/m.exec(text)?.[1] as RecordKind | undefined;
  const kind = kindOfPath(path) ?? kindLine;
  const out: HeldId[] = [];
  for (const m of text.matchAll(/^id:[ \t]*["']?([A-Za-z][\w.-]*)/gm)) out.push({ id: m[1], kind });
  return out;
}

export interface Reference {
  file: string;
  ordinal: number;
  from: RecordEntry;
  site: ReferenceSite;
}

/**
 * What one change of the store did: the files it changed, and every file whose issues it may have
 * changed (all of them after a full load or a config change). Each listener gets the same change,
 * so any number of consumers can re-check just those files.
 */
export interface StoreChange {
  paths: string[];
  affected: { all: boolean; paths: string[] };
}

export interface LoadOptions {
  /** Files handled between two calls of `yieldNow`; keeps an editor responsive. */
  batchSize?: number;
  yieldNow?: () => Promise<void>;
  onProgress?: (done: number, total: number) => void;
  isCancelled?: () => boolean;
  /** Parses kept from an earlier load (the CLI keeps them on disk): a file it still holds is not read again. */
  cache?: ParseCache;
}

/**
 * The fast-path parses of files, kept by the host between loads. `get` answers only for a file it
 * knows to be unchanged since it was parsed (the host checks; the store cannot); `set` is given
 * each file this load read and parsed on the fast path.
 */
export interface ParseCache {
  /** Told the files about to be loaded, before any `get`: a host may look at them all at once. */
  prepare?(paths: readonly string[]): Promise<void>;
  get(path: string): FastRead | undefined;
  set(path: string, read: FastRead): void;
}

/** A file's text and the fast path's parse of it. */
export interface FastRead {
  text: string;
  parsed: ParsedFile;
  /** For the config file: its value as read (its issues are in `parsed`). */
  config?: unknown;
  /** The file's version as the host gave it with the bytes (`FileRead.version`). */
  version?: string;
}

export function isYamlPath(path: string): boolean {
  return /\.ya?ml$/i.test(path);
}

export function isConfigPath(path: string): boolean {
  return path === CONFIG_FILE || path.endsWith('/' + CONFIG_FILE);
}

function baseName(path: string): string {
  const slash = path.lastIndexOf('/');
  return path.slice(slash + 1).replace(/\.ya?ml$/i, '');
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

/** "an incident", "a known error": the kind with its article, in the user's language. */
function withArticle(kind: RecordKind): string {
  switch (kind) {
    case 'incident':
      return t('an incident');
    case 'problem':
      return t('a problem');
    case 'known_error':
      return t('a known error');
  }
}

/**
 * The records of one folder, indexed by id and by file, with their issues. Files are updated one
 * at a time; cross-reference issues are computed from the index when asked for.
 *
 * The store knows no feature: it checks ids, file names and links itself, and runs the record
 * checks it is made with (the standard ones come from standard.ts, whose `Workspace` is the store
 * every command uses; a test can make a store with just the checks it is about).
 */
export class RecordStore implements CheckContext {
  config: KedbConfig = defaultConfig();
  /** The priority matrix the config names (itil-3x3 when it names none, or a broken one). */
  matrix: PriorityMatrix = resolveMatrix(this.config.priorityMatrix).matrix;
  /** "Now" for proposals such as an escalation time; tests pin it. */
  clock: () => string = () => isoWithOffset(new Date());
  private readonly files = new Map<string, FileEntry>();
  private readonly ids = new Map<string, RecordEntry[]>();
  /** Ids held by files with a syntax error (see `FileEntry.held`), each with the file that holds it. */
  private readonly heldIds = new Map<string, { file: string; kind: RecordKind | undefined; record?: RecordEntry }>();
  /** For an id used more than once: its files in order, each with how many of the id's records it holds. */
  private readonly idFiles = new Map<string, Map<string, number>>();
  /** Ranged parses kept for the files asked about most recently. */
  private readonly rangedCache = new Map<string, { text: string; ranged: RangedFile }>();
  private readonly listeners = new Set<(change: StoreChange) => void>();
  /** Files that refer to each id: whose cross-reference issues change when that id's record does. */
  private readonly referrerFiles = new Map<string, Set<string>>();
  private readonly affected = new Set<string>();
  /** Ids whose records' files and referring files are affected, resolved when the change is told. */
  private readonly affectedIds = new Set<string>();
  /** Ids referred to by a changed record: the files defining them are affected. */
  private readonly affectedTargets = new Set<string>();
  private affectedAll = false;
  private count = 0;

  constructor(private readonly checks: readonly RecordCheck[] = []) {}

  /** A store of this class (the standard `Workspace` when called on it) with every file the host lists. */
  static async load<T extends RecordStore>(this: new () => T, host: WorkspaceHost, options: LoadOptions = {}): Promise<T> {
    const ws = new this();
    await ws.loadAll(host, options);
    return ws;
  }

  /** The files that refer to `id`. */
  referrers(id: string): Iterable<string> {
    return this.referrerFiles.get(id) ?? [];
  }

  /** Loads every YAML file the host lists, the config first. */
  async loadAll(host: WorkspaceHost, options: LoadOptions = {}): Promise<void> {
    const paths = (await host.listFiles()).filter(isYamlPath).sort();
    const configPath = paths.find((p) => p === CONFIG_FILE);
    if (options.cache?.prepare) await options.cache.prepare(paths);
    if (configPath) await this.loadOne(host, configPath, options.cache);
    const batch = options.batchSize ?? 500;
    let done = 0;
    for (const p of paths) {
      if (p === configPath) continue;
      if (options.isCancelled?.()) break;
      await this.loadOne(host, p, options.cache);
      if (++done % batch === 0) {
        options.onProgress?.(done, paths.length);
        if (options.yieldNow) await options.yieldNow();
      }
    }
    // What the host left out of its listing is reported, not skipped silently.
    for (const u of host.unlisted ? await host.unlisted() : []) {
      this.store({ path: u.path, text: undefined, records: [], localIssues: [unreadableIssue(u.reason, u.detail)], isRecordFile: true }, false);
    }
    options.onProgress?.(paths.length, paths.length);
    this.affectedAll = true;
    this.fire(paths);
  }

  /** One file of a load: from the cache when it holds it, else read (and given to the cache). */
  private async loadOne(host: WorkspaceHost, path: string, cache: ParseCache | undefined): Promise<void> {
    const kept = cache?.get(path);
    if (kept) this.setFileText(path, kept.text, false, kept);
    else {
      const read = await this.readInto(host, path);
      if (read && cache) cache.set(path, read);
    }
  }

  /**
   * Reads one file through the host into the index, refusing huge files before reading them. Gives
   * the text and its parse when the fast path read it (what a `ParseCache` keeps).
   */
  async readInto(host: WorkspaceHost, path: string, notify = false): Promise<FastRead | undefined> {
    let read: Partial<FileRead>;
    try {
      read = host.readFileUpTo ? await host.readFileUpTo(path, MAX_FILE_BYTES) : { bytes: await host.readFile(path) };
    } catch (e) {
      // Deleted while the folder loads, or unreadable: one issue for this file, and the others go on.
      const issue =
        e instanceof LinkNotFollowed
          ? unreadableIssue('link', e.target ? `→ ${e.target}` : undefined)
          : errorDetail(e) === 'ENOTFILE'
            ? unreadableIssue('not-a-file')
            : unreadableIssue('unreadable', errorDetail(e));
      this.store({ path, text: undefined, records: [], localIssues: [issue], isRecordFile: true }, notify);
      return;
    }
    // The host left the bytes unread: the file is over the limit.
    if (read.bytes === undefined) {
      this.store({ path, text: undefined, records: [], localIssues: [tooLargeIssue(read.size ?? MAX_FILE_BYTES + 1)], isRecordFile: true }, notify);
      return;
    }
    const got = this.setFileBytes(path, read.bytes, notify);
    if (got) got.version = read.version;
    return got;
  }

  onDidChange(listener: (change: StoreChange) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Tells every listener what changed, with the files affected since the last change told. */
  private fire(paths: string[]): void {
    const change: StoreChange = { paths, affected: this.drainAffected() };
    for (const l of this.listeners) l(change);
  }

  /** Updates one file from its bytes, as read from disk (see `setFileText` for what it gives). */
  setFileBytes(path: string, bytes: Uint8Array, notify = true): FastRead | undefined {
    const decoded = decodeRecordFile(bytes);
    if (decoded.ok) return this.setFileText(path, decoded.text, notify);
    this.store({ path, text: undefined, records: [], localIssues: [decoded.issue], isRecordFile: true }, notify);
    return undefined;
  }

  /**
   * Updates one file from its text (an open editor's buffer, or a file read from disk). `known`:
   * the fast-path parse of this very text, kept from an earlier load. Gives the text and its parse
   * when the fast path read it.
   */
  setFileText(path: string, text: string, notify = true, known?: FastRead): FastRead | undefined {
    if (isConfigPath(path)) return this.setConfigText(path, text, notify, known);
    // The fast path places schema issues too. A file it could not read last time, that is still
    // broken, is being fixed in an editor: it most likely still needs the ranged parse, so go
    // there at once rather than parse twice.
    const previous = this.files.get(path);
    const tryFast = !previous || !previous.neededRanged || previous.localIssues.length === 0;
    // A large file never takes the ranged parse (seconds per keystroke near the size limit).
    const fast = known?.parsed ?? (text.length > RANGED_MAX_BYTES ? parseLarge(text, this.config) : tryFast ? parseFast(text, this.config) : undefined);
    const parsed: ParsedFile = fast ?? this.ranged(path, text);
    const isRecordFile = inRecordFolder(path) || parsed.declaresKind;
    const records: RecordEntry[] = [];
    parsed.records.forEach((r, ordinal) => {
      if (r.kind) records.push({ file: path, ordinal, docIndex: r.docIndex, kind: r.kind, id: r.id, value: r.value });
    });
    // The parse gave the first issues and one that counts the rest; the store keeps the count apart,
    // to count the issues from other files in with it.
    const leftOut = isRecordFile ? parsed.leftOut : undefined;
    const localIssues = !isRecordFile ? [] : leftOut ? parsed.issues.slice(0, -1) : parsed.issues;
    const held = parsed.broken && isRecordFile ? this.heldBy(path, text, previous, records) : undefined;
    this.store({ path, text, records, localIssues, localLeftOut: leftOut, isRecordFile, neededRanged: !fast, held }, notify);
    return fast && text.length <= RANGED_MAX_BYTES ? { text, parsed: fast } : undefined;
  }

  /** The ids a file that just broke still declares: those it held or read last time, else those its lines show. */
  private heldBy(path: string, text: string, previous: FileEntry | undefined, readNow: readonly RecordEntry[]): HeldId[] | undefined {
    const before = previous?.held ?? previous?.records.flatMap((r) => (r.id === undefined ? [] : [{ id: r.id, kind: r.kind, record: r }]));
    const list = before && before.length ? before : visibleIds(path, text);
    const now = new Set(readNow.map((r) => r.id));
    const held = list.filter((h) => !now.has(h.id));
    return held.length ? held : undefined;
  }

  /**
   * The config: its issues and value, read here or kept from an earlier load (`known`, for this
   * very text). Gives them, for a cache, when the file is the workspace's config and reads as a
   * mapping.
   */
  private setConfigText(path: string, text: string, notify: boolean, known?: FastRead): FastRead | undefined {
    const read = known && known.config !== undefined ? { issues: known.parsed.issues, leftOut: known.parsed.leftOut, raw: known.config } : this.readConfig(text);
    const { issues, leftOut, raw } = read;
    this.store({ path, text, records: [], localIssues: issues, localLeftOut: leftOut, isRecordFile: true }, false);
    const fast: FastRead | undefined = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? { text, parsed: { records: [], issues, leftOut, declaresKind: false }, config: raw } : undefined;
    if (path === CONFIG_FILE) {
      const before = JSON.stringify(this.config);
      this.config = resolveConfig(raw);
      this.matrix = resolveMatrix(this.config.priorityMatrix).matrix;
      // Id prefixes live in the config: when it changes, every record is checked again.
      if (JSON.stringify(this.config) !== before) {
        this.affectedAll = true;
        this.rangedCache.clear(); // ranged parses hold issues judged under the old config
        for (const f of [...this.files.values()]) {
          if (f.path !== path && f.text !== undefined) this.setFileText(f.path, f.text, false);
        }
        if (notify) this.fire([...this.files.keys()]);
        return fast;
      }
    }
    if (notify) this.fire([path]);
    return fast;
  }

  /** The config's issues (capped) and its value, from its text. */
  private readConfig(text: string): { issues: Issue[]; leftOut: LeftOut | undefined; raw: unknown } {
    const ranged = parseRangedFile(text, this.config);
    const issues = ranged.issues.filter((i) => i.code !== 'missing-kind' && i.code !== 'not-a-mapping' && i.code !== 'too-many-issues');
    let leftOut = ranged.leftOut;
    const doc = ranged.documents[0];
    let raw: unknown;
    if (doc && doc.errors.length === 0) {
      try {
        raw = doc.toJS({ maxAliasCount: 100 });
      } catch {
        raw = undefined;
      }
      if (raw !== null && raw !== undefined) {
        const schema = schemaIssues('config', raw, doc, ranged.lines, { limit: MAX_ISSUES_PER_FILE });
        for (const i of schema.issues) issues.push(i);
        leftOut = joinLeftOut(leftOut, schema.leftOut);
      }
      const m = (raw as { priority?: { matrix?: unknown } } | null)?.priority?.matrix;
      if (issues.length === 0 && (typeof m === 'string' || (typeof m === 'object' && m !== null))) {
        for (const p of resolveMatrix(m as KedbConfig['priorityMatrix']).problems) {
          const found = locate(doc, p.path);
          const range = (found && (p.atKey ? nodeRange(found.key, ranged.lines) : valueRange(found, ranged.lines))) ?? EMPTY_RANGE;
          issues.push({ code: 'matrix-error', severity: 'error', message: p.message, range });
        }
      }
    }
    sortIssues(issues);
    const capped = capIssues(issues);
    return { issues: capped.kept, leftOut: joinLeftOut(leftOut, capped.leftOut), raw };
  }

  deleteFile(path: string): void {
    const old = this.files.get(path);
    if (!old) return;
    this.markAffected(old);
    this.unindex(old);
    this.files.delete(path);
    this.rangedCache.delete(path);
    if (path === CONFIG_FILE) {
      this.config = defaultConfig();
      this.matrix = resolveMatrix(this.config.priorityMatrix).matrix;
      this.affectedAll = true;
      this.rangedCache.clear();
      for (const f of [...this.files.values()]) if (f.text !== undefined) this.setFileText(f.path, f.text, false);
    }
    this.fire([path]);
  }

  private store(entry: FileEntry, notify: boolean): void {
    const old = this.files.get(entry.path);
    if (old) {
      this.markAffected(old);
      this.unindex(old);
    }
    this.files.set(entry.path, entry);
    for (const h of entry.held ?? []) this.heldIds.set(h.id, { file: entry.path, kind: h.kind, record: h.record });
    for (const r of entry.records) {
      this.count++;
      for (const site of referencesOf(r.kind, r.value)) addTo(this.referrerFiles, site.target, entry.path);
      if (r.id === undefined) continue;
      this.idFiles.delete(r.id);
      const list = this.ids.get(r.id);
      if (list) list.push(r);
      else this.ids.set(r.id, [r]);
    }
    this.markAffected(entry);
    if (notify) this.fire([entry.path]);
  }

  private unindex(entry: FileEntry): void {
    for (const h of entry.held ?? []) if (this.heldIds.get(h.id)?.file === entry.path) this.heldIds.delete(h.id);
    for (const r of entry.records) {
      this.count--;
      for (const site of referencesOf(r.kind, r.value)) this.referrerFiles.get(site.target)?.delete(entry.path);
      if (r.id === undefined) continue;
      this.idFiles.delete(r.id);
      const list = this.ids.get(r.id);
      if (!list) continue;
      const rest = list.filter((x) => x !== r);
      if (rest.length) this.ids.set(r.id, rest);
      else this.ids.delete(r.id);
    }
  }

  /**
   * Notes every file whose issues may change with this one: itself, the files that share or refer
   * to its ids, and the files that define the ids it refers to (whose link checks look back at it).
   */
  private markAffected(entry: FileEntry): void {
    if (this.affectedAll) return;
    this.affected.add(entry.path);
    // By id, resolved to files when the change is told: loading 5,000 files that share an id would
    // otherwise note every one of them 5,000 times. A file that gained or lost the id since was
    // itself changed, so it is marked either way.
    for (const h of entry.held ?? []) this.affectedIds.add(h.id);
    for (const r of entry.records) {
      if (r.id !== undefined) this.affectedIds.add(r.id);
      for (const site of referencesOf(r.kind, r.value)) this.affectedTargets.add(site.target);
      this.changedRecords.push(r);
    }
  }
  /** The records changed since the last change event, as they were and as they are: what the checks' `reach` is asked about. */
  private changedRecords: RecordEntry[] = [];

  /** The files marked affected since the last change event, which this one carries. */
  private drainAffected(): StoreChange['affected'] {
    if (!this.affectedAll) {
      for (const id of this.affectedIds) {
        for (const x of this.ids.get(id) ?? []) this.affected.add(x.file);
        for (const f of this.referrerFiles.get(id) ?? []) this.affected.add(f);
      }
      for (const id of this.affectedTargets) for (const x of this.ids.get(id) ?? []) this.affected.add(x.file);
      if (this.changedRecords.length) {
        for (const check of this.checks) if (check.reach) for (const f of check.reach(this.changedRecords, this)) this.affected.add(f);
      }
    }
    this.changedRecords = [];
    const out = { all: this.affectedAll, paths: this.affectedAll ? [] : [...this.affected] };
    this.affected.clear();
    this.affectedIds.clear();
    this.affectedTargets.clear();
    this.affectedAll = false;
    return out;
  }

  /** How many records the workspace holds. */
  get recordCount(): number {
    return this.count;
  }

  private ranged(path: string, text: string): RangedFile {
    const hit = this.rangedCache.get(path);
    if (hit && hit.text === text) return hit.ranged;
    const ranged = parseRangedFile(text, this.config);
    this.rangedCache.set(path, { text, ranged });
    if (this.rangedCache.size > 64) this.rangedCache.delete(this.rangedCache.keys().next().value as string);
    return ranged;
  }

  // ---- queries -------------------------------------------------------------------------------

  get fileCount(): number {
    return this.files.size;
  }

  /** Paths of the files that are records (or should be), sorted. */
  recordFiles(): string[] {
    return [...this.files.values()].filter((f) => f.isRecordFile).map((f) => f.path).sort();
  }

  hasFile(path: string): boolean {
    return this.files.has(path);
  }

  textOf(path: string): string | undefined {
    return this.files.get(path)?.text;
  }

  *records(kind?: RecordKind): IterableIterator<RecordEntry> {
    for (const f of this.files.values()) {
      for (const r of f.records) if (!kind || r.kind === kind) yield r;
    }
  }

  recordsInFile(path: string): readonly RecordEntry[] {
    return this.files.get(path)?.records ?? [];
  }

  /** The record with this id; the first one when the id is (wrongly) used twice. */
  /** The record with this id; while its file has a syntax error, its last good record. */
  get(id: string): RecordEntry | undefined {
    return this.ids.get(id)?.[0] ?? this.heldIds.get(id)?.record;
  }

  getAll(id: string): readonly RecordEntry[] {
    return this.ids.get(id) ?? [];
  }

  /** Every place that refers to `id`. */
  referencesTo(id: string): Reference[] {
    // Only the files the index says refer to `id`, in the store's own file order.
    const files = this.referrerFiles.get(id);
    if (!files || files.size === 0) return [];
    const out: Reference[] = [];
    for (const f of this.files.size <= files.size * 8 ? this.files.keys() : this.inStoreOrder(files)) {
      if (!files.has(f)) continue;
      for (const r of this.recordsInFile(f)) {
        for (const site of referencesOf(r.kind, r.value)) {
          if (site.target === id) out.push({ file: r.file, ordinal: r.ordinal, from: r, site });
        }
      }
    }
    return out;
  }

  /** `paths` in the order the store holds its files. */
  private inStoreOrder(paths: ReadonlySet<string>): string[] {
    if (!this.fileOrder || this.fileOrder.size !== this.files.size) this.fileOrder = new Map([...this.files.keys()].map((k, i) => [k, i]));
    const order = this.fileOrder;
    return [...paths].sort((a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity));
  }
  private fileOrder: Map<string, number> | undefined;

  /** The next free id for a kind: one more than the highest in use. */
  nextId(kind: RecordKind): string {
    return nextFreeId(this.config.idPrefixes[kind], [...this.records(kind)].map((r) => r.id));
  }

  // ---- issues --------------------------------------------------------------------------------

  /**
   * All issues of one file: its own, and those that come from other files (ids, links). At most
   * `MAX_ISSUES_PER_FILE`, the first in the file; then one `too-many-issues` issue counts the rest.
   */
  /** The files that could not be read or were left out of the listing, each with its one issue (no cross-file checks run). */
  unreadableFiles(): { path: string; issue: Issue }[] {
    const out: { path: string; issue: Issue }[] = [];
    for (const f of this.files.values()) {
      if (!f.isRecordFile) continue;
      const issue = f.localIssues.find((i) => i.code === 'unreadable-file');
      if (issue) out.push({ path: f.path, issue });
    }
    return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  issuesFor(path: string): Issue[] {
    const f = this.files.get(path);
    if (!f || !f.isRecordFile) return [];
    const cross = this.crossIssues(f);
    if (cross.length === 0 && !f.localLeftOut) return f.localIssues;
    let all = f.localIssues;
    if (cross.length > 0) {
      all = f.localIssues.concat(cross);
      sortIssues(all);
    }
    const { kept, leftOut } = capIssues(all);
    const more = joinLeftOut(f.localLeftOut, leftOut);
    return more ? [...kept, leftOutIssue(more)] : kept;
  }

  /** The files of an id's records, in order, each with how many of them it holds. */
  private filesOf(id: string): Map<string, number> {
    let files = this.idFiles.get(id);
    if (!files) {
      files = new Map();
      for (const x of this.ids.get(id) ?? []) files.set(x.file, (files.get(x.file) ?? 0) + 1);
      this.idFiles.set(id, files);
    }
    return files;
  }

  /**
   * 'Id … is used more than once' for `r`: the other files that hold its id, at most three by name
   * and the rest as a count (5,000 files sharing an id would otherwise print 5,000 names in each).
   */
  private duplicateIdMessage(r: RecordEntry & { id: string }): string {
    const files = this.filesOf(r.id);
    // The file of `r` is another place only when it holds another record with the same id.
    const others = files.size - (files.get(r.file) === 1 ? 1 : 0);
    const named: string[] = [];
    for (const [file, n] of files) {
      if (named.length === 3) break;
      if (file !== r.file || n > 1) named.push(file);
    }
    if (others <= named.length) return t('Id {0} is used more than once; also in {1}.', r.id, named.join(', '));
    return t('Id {0} is used more than once; also in {1} and {2} more.', r.id, named.join(', '), countText(others - named.length));
  }

  /** Issues of every record file, keyed by path; files without issues are left out. */
  allIssues(): Map<string, Issue[]> {
    const out = new Map<string, Issue[]>();
    for (const path of this.recordFiles()) {
      const issues = this.issuesFor(path);
      if (issues.length) out.set(path, issues);
    }
    return out;
  }

  private crossIssues(f: FileEntry): Issue[] {
    type Pending = PathIssue & { ordinal: number };
    const pending: Pending[] = [];
    const single = f.records.length === 1;
    for (const r of f.records) {
      if (r.id !== undefined) {
        const same = this.ids.get(r.id) ?? [];
        if (same.length > 1) {
          pending.push({
            code: 'duplicate-id',
            severity: 'error',
            message: this.duplicateIdMessage(r as RecordEntry & { id: string }),
            ordinal: r.ordinal,
            path: ['id'],
          });
        }
        if (single && baseName(f.path) !== r.id && !isConfigPath(f.path)) {
          pending.push({
            code: 'id-filename-mismatch',
            severity: 'warning',
            message: t('Id {0} does not match the file name {1}; name the file {0}.yaml or change the id.', r.id, baseName(f.path)),
            ordinal: r.ordinal,
            path: ['id'],
            data: { id: r.id, fileId: baseName(f.path) },
          });
        }
      }
      for (const check of this.checks) for (const p of check(r, this)) pending.push({ ...p, ordinal: r.ordinal });
      for (const site of referencesOf(r.kind, r.value)) {
        // While the target's file is broken, its last good record answers; read broken from the start, an info says so.
        const target = this.get(site.target);
        const heldBy = target ? undefined : this.heldIds.get(site.target);
        if (heldBy) {
          pending.push({
            code: 'reference-in-broken-file',
            severity: 'info',
            message: t('{0} is in {1}, which has a syntax error: this reference is checked again once that file is fixed.', site.target, heldBy.file),
            ordinal: r.ordinal,
            path: site.path,
            data: { target: site.target, file: heldBy.file },
          });
          continue;
        }
        if (!target) {
          pending.push({
            code: 'unknown-reference',
            severity: 'error',
            message: t('No {0} with id {1} exists in this workspace.', kindNoun(site.kind), site.target),
            ordinal: r.ordinal,
            path: site.path,
            data: { target: site.target, kind: site.kind },
          });
          continue;
        }
        if (target.kind !== site.kind) {
          pending.push({
            code: 'wrong-reference-kind',
            severity: 'error',
            message: t('{0} is {1}, but this field needs {2} id.', site.target, withArticle(target.kind), withArticle(site.kind)),
            ordinal: r.ordinal,
            path: site.path,
            data: { target: site.target, kind: site.kind },
          });
          continue;
        }
        const mismatch = this.linkMismatch(r, site, target);
        if (mismatch) pending.push({ code: 'link-mismatch', severity: 'warning', message: mismatch, ordinal: r.ordinal, path: site.path, data: { target: site.target } });
      }
    }
    if (pending.length === 0 || f.text === undefined) return [];
    // Most issues sit on a plain scalar of a block-style record: find those by reading the lines of
    // the record's own document, without a full parse (this keeps a workspace where every record
    // has an issue as fast to check as a clean one, and a keystroke in a 500-record file cheap).
    // Anything the line reader is unsure of is located through the ranged parse.
    if (!f.neededRanged) {
      const quick = this.quickRanges(f, pending);
      if (quick) return pending.map(({ ordinal: _o, path: _p, ...issue }, i) => ({ ...issue, range: quick[i] }));
    }
    const ranged = this.ranged(f.path, f.text);
    // One locator per document, which indexes its mappings once: N issues cost N paths, not N scans.
    const locators = new Map<number, ReturnType<typeof pathLocator>>();
    return pending.map(({ ordinal, path, ...issue }) => {
      const rec = ranged.records[ordinal];
      const doc = rec ? ranged.documents[rec.docIndex] : undefined;
      let locateIn = rec ? locators.get(rec.docIndex) : undefined;
      if (rec && doc && !locateIn) locators.set(rec.docIndex, (locateIn = pathLocator(doc)));
      const found = locateIn ? locateIn(path) : null;
      const range = (found && valueRange(found, ranged.lines)) ?? (doc ? nodeRange(doc.contents as never, ranged.lines) : undefined) ?? EMPTY_RANGE;
      return { ...issue, range };
    });
  }

  /** The ranges of pending issues read from the lines of each record's document, or undefined. */
  private quickRanges(f: FileEntry, pending: ReadonlyArray<{ ordinal: number; path: readonly (string | number)[] }>): Range[] | undefined {
    const lineList = splitLines(f.text!);
    const spans = documentLineSpans(lineList);
    if (!spans) return undefined;
    // Lone CRs counted as line breaks, as splitLines and the parse count them.
    const lines = new LineIndex(lineBreaksAsLf(f.text!));
    const finders = new Map<number, RangeFinder>();
    const docOf = new Map(f.records.map((r) => [r.ordinal, r.docIndex]));
    try {
      return pending.map(({ ordinal, path }) => {
        const docIndex = docOf.get(ordinal);
        if (docIndex === undefined || docIndex >= spans.length) throw new LocateGiveUp('no document for the record');
        let finder = finders.get(docIndex);
        if (!finder) finders.set(docIndex, (finder = lineFinder(lineList, spans[docIndex], lines)));
        return finder.value(path) ?? EMPTY_RANGE;
      });
    } catch (e) {
      if (e instanceof LocateGiveUp) return undefined;
      throw e;
    }
  }

  /** Describes how the two ends of a link disagree, or returns undefined when they agree. */
  private linkMismatch(from: RecordEntry, site: ReferenceSite, target: RecordEntry): string | undefined {
    const id = from.id;
    if (id === undefined) return undefined;
    const field = site.path[0];
    if (from.kind === 'incident' && field === 'problem') {
      const listed = target.value.incidents;
      if (!Array.isArray(listed) || !listed.includes(id)) return t('{0} does not list {1} in its incidents.', String(target.id), id);
    } else if (from.kind === 'problem' && field === 'incidents') {
      const back = target.value.problem;
      if (back === undefined) return t('{0} does not link back: its problem is not set to {1}.', String(target.id), id);
      if (back !== id) return t('{0} links to {1}, not to {2}.', String(target.id), String(back), id);
    } else if (from.kind === 'known_error' && field === 'problem') {
      const back = target.value.known_error;
      // A retired known error keeps its problem; the problem links the one that replaced it.
      if (from.value.state === 'retired' && back !== undefined) return undefined;
      if (back === undefined) return t('{0} does not link back: its known_error is not set to {1}.', String(target.id), id);
      if (back !== id) return t('{0} names {1} as its known error, not {2}.', String(target.id), String(back), id);
    } else if (from.kind === 'problem' && field === 'known_error') {
      const back = target.value.problem;
      if (back !== id) return t('{0} documents {1}, not {2}.', String(target.id), String(back), id);
    }
    return undefined;
  }
}
