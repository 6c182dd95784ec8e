/**
 * The CLI's parse cache: the text and fast-path parse of each record file, kept on disk between
 * runs of `kedb`, so that a folder of 25,000 records is not read and parsed again when few of its
 * files changed. Parsing YAML is most of the time `kedb stats` and `kedb candidates` take there.
 *
 * A kept parse is used only for a file whose size, modification time, change time and inode are
 * the same as when it was read (git's own test for an unchanged file; for a file read, they come
 * from the open file its bytes came from). A kept file is looked at with lstat, so a link put in a
 * record's place is never taken for it, and is then read as usual (and reported); a file never
 * kept is not looked at twice. A file changed in the two seconds before the load began is not
 * kept: on a file system with coarse timestamps it could change again with the same times.
 * Everything is dropped when the program, the folder, its `kedb.config.yaml` or the language of
 * the messages is another one.
 *
 * One JSON file per folder under `$XDG_CACHE_HOME/kedb-studio/parses/` (`~/.cache` when unset),
 * written through `safeWrite` (a temporary file renamed over the old one), only for folders of at
 * least `CACHE_MIN_FILES` files; the `KEEP` used most recently are kept. `kedb --no-cache CMD`, or
 * `KEDB_NO_CACHE=1`, neither reads nor writes it. A cache that cannot be read or written is
 * ignored: the records are then read from the files, as without it.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CONFIG_FILE, type FastRead, type ParseCache, type ParsedFile } from '../core';
import { l10nLanguage } from '../core/base';
import { Worker } from 'node:worker_threads';
import { fileVersion, readFileUpTo, versionChangedAt } from './fsHost';
import { safeWriteFile } from './safeWrite';

/**
 * The worker of `prepare`: each path's `fileVersion` (lstat: a link is no regular file, and gets
 * null), or null. Plain CommonJS run with `eval`, with `fileVersion`'s own source: it needs no
 * bundle.
 */
const LOOK_AT_FILES = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');
const fileVersion = ${fileVersion.toString()};
parentPort.postMessage(workerData.paths.map((p) => {
  try {
    const st = fs.lstatSync(path.join(workerData.root, p));
    return st.isFile() ? fileVersion(st) : null;
  } catch {
    return null;
  }
}));
`;

declare const KEDB_BUILD: string | undefined;

/** Below this many files a folder is read fast enough without a cache, and none is written. */
export const CACHE_MIN_FILES = 1000;
/** Cache files kept, the most recently used. */
export const KEEP = 16;
/** A file changed this close before the load began is read again next time. */
const RACY_MS = 2000;
/** A cache file larger than this is not read. */
const MAX_CACHE_BYTES = 1024 * 1024 * 1024;
const FORMAT = 2;

/** A file's stat key, text and parse, and for the config its value. */
type Entry = [key: string, text: string, parsed: ParsedFile, config?: unknown];

interface CacheFile {
  format: number;
  build: string;
  root: string;
  /** The language of the issues' messages. */
  language: string;
  config: string;
  files: Record<string, Entry>;
}

/** Where the caches are: `$XDG_CACHE_HOME/kedb-studio/parses`, or `~/.cache/kedb-studio/parses`. */
export function parseCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
  return path.join(base, 'kedb-studio', 'parses');
}


/** True when JSON gives `v` back as it is (no NaN, infinity or -0, which YAML can write). */
function jsonSafe(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0);
  if (typeof v !== 'object' || v === null) return true;
  if (Array.isArray(v)) return v.every(jsonSafe);
  for (const k in v) if (!jsonSafe((v as Record<string, unknown>)[k])) return false;
  return true;
}

export interface DiskParseCacheOptions {
  /** The folder of cache files (default `parseCacheDir()`). */
  dir?: string;
  /** Names the program that parsed (default: this build's). Without one, nothing is kept. */
  build?: string;
  /** Fewest files a folder needs for its cache to be written (default `CACHE_MIN_FILES`). */
  minFiles?: number;
  /** The time the load began (tests). */
  now?: number;
}

/** The parse cache of one workspace folder, for one load. */
export class DiskParseCache implements ParseCache {
  private readonly root: string;
  private readonly dir: string;
  private readonly file: string;
  private readonly build: string | undefined;
  private readonly config: string;
  private readonly language = l10nLanguage();
  private readonly minFiles: number;
  private readonly started: number;
  /** The folder's own path, links resolved: it names the cache file. */
  private readonly real: string;
  /** Whether the cache file was read (`readCache`). */
  private cacheRead = false;
  /** The versions `prepare` took: null for a file that could not be looked at. */
  private readonly versions = new Map<string, string | null>();
  private old: Record<string, Entry> = {};
  /** What the cache will hold after this load: the parses used and those just made. */
  private readonly next = new Map<string, Entry>();
  private added = 0;
  /** How many files were answered from the cache, and how many were read. */
  readonly counts = { kept: 0, read: 0 };

  constructor(root: string, options: DiskParseCacheOptions = {}) {
    this.root = root;
    let real = path.resolve(root);
    try {
      real = fs.realpathSync(root);
    } catch {
      // the folder's own name then
    }
    this.dir = options.dir ?? parseCacheDir();
    this.file = path.join(this.dir, `${createHash('sha256').update(real).digest('hex').slice(0, 32)}.json`);
    this.build = options.build ?? (typeof KEDB_BUILD === 'string' ? KEDB_BUILD : undefined);
    this.minFiles = options.minFiles ?? CACHE_MIN_FILES;
    this.started = options.now ?? Date.now();
    let config = 'none';
    try {
      config = fileVersion(fs.lstatSync(path.join(root, CONFIG_FILE)));
    } catch {
      // no config: the defaults
    }
    this.config = config;
    this.real = real;
  }

  /** Reads the cache file, once. */
  private readCache(): void {
    if (this.cacheRead) return;
    this.cacheRead = true;
    if (!this.build) return;
    try {
      const read = readFileUpTo(this.file, MAX_CACHE_BYTES);
      if (!read.bytes) return;
      const data = JSON.parse(Buffer.from(read.bytes.buffer, read.bytes.byteOffset, read.bytes.byteLength).toString('utf8')) as Partial<CacheFile> | null;
      if (data && data.format === FORMAT && data.build === this.build && data.root === this.real && data.language === this.language && data.config === this.config && typeof data.files === 'object' && data.files !== null) {
        this.old = data.files;
      }
    } catch {
      // none yet, or unreadable: every file is read
    }
  }

  /**
   * Looks at the kept files on a worker thread while this one reads the cache file: on 25,000
   * records the two take about as long, and the worker's system calls leave this thread free.
   * Without a worker, `get` looks at each file itself.
   */
  async prepare(paths: readonly string[]): Promise<void> {
    if (!this.build || this.cacheRead || paths.length < this.minFiles) return;
    try {
      fs.lstatSync(this.file);
    } catch {
      this.cacheRead = true; // nothing kept: nothing to look at
      return;
    }
    let looked: Promise<(string | null)[]> | undefined;
    try {
      const worker = new Worker(LOOK_AT_FILES, { eval: true, workerData: { root: this.root, paths } });
      looked = new Promise((resolve) => {
        worker.once('message', (v: (string | null)[]) => resolve(v));
        worker.once('error', () => resolve([]));
        worker.once('exit', () => resolve([]));
      });
    } catch {
      looked = undefined;
    }
    this.readCache();
    const versions = looked ? await looked : [];
    if (versions.length === paths.length) paths.forEach((p, i) => this.versions.set(p, versions[i]));
  }

  get(p: string): FastRead | undefined {
    this.readCache();
    const e = Object.hasOwn(this.old, p) ? this.old[p] : undefined;
    // A file never kept is read at once (its version comes with its bytes).
    if (!Array.isArray(e) || (e.length !== 3 && e.length !== 4) || typeof e[1] !== 'string' || !Array.isArray(e[2]?.records)) {
      this.counts.read++;
      return undefined;
    }
    let version = this.versions.get(p);
    if (version === undefined) {
      try {
        const st = fs.lstatSync(path.join(this.root, p));
        version = st.isFile() ? fileVersion(st) : null;
      } catch {
        version = null;
      }
    }
    if (version === null) return undefined;
    if (e[0] !== version) {
      this.counts.read++;
      return undefined;
    }
    this.next.set(p, e);
    this.counts.kept++;
    return e.length === 4 ? { text: e[1], parsed: e[2], config: e[3] } : { text: e[1], parsed: e[2] };
  }

  set(p: string, read: FastRead): void {
    const key = read.version;
    // A file changed just before this load began may change again with the same times: not kept.
    if (key === undefined || !(versionChangedAt(key) < this.started - RACY_MS) || !jsonSafe(read.parsed) || !jsonSafe(read.config)) return;
    this.next.set(p, read.config === undefined ? [key, read.text, read.parsed] : [key, read.text, read.parsed, read.config]);
    this.added++;
  }

  /**
   * Writes what this load read, when it differs from what was kept and the folder is big enough,
   * and removes the least recently used caches past `KEEP`. Never throws.
   */
  save(): void {
    if (!this.build || this.next.size < this.minFiles) return;
    try {
      const same = this.added === 0 && this.next.size === Object.keys(this.old).length;
      if (same) {
        // Used again: its time says so, for the pruning.
        const now = new Date();
        fs.utimesSync(this.file, now, now);
      } else {
        fs.mkdirSync(this.dir, { recursive: true });
        const data: CacheFile = { format: FORMAT, build: this.build, root: this.real, language: this.language, config: this.config, files: Object.fromEntries(this.next) };
        safeWriteFile(this.file, JSON.stringify(data), { root: this.dir });
      }
      this.prune();
    } catch {
      // A cache is a help, never a failure.
    }
  }

  private prune(): void {
    const files = fs
      .readdirSync(this.dir)
      .filter((f) => /^[0-9a-f]{32}\.json$/.test(f))
      .map((f) => {
        const full = path.join(this.dir, f);
        return { full, time: fs.lstatSync(full).mtimeMs };
      })
      .sort((a, b) => b.time - a.time);
    for (const f of files.slice(KEEP)) fs.rmSync(f.full, { force: true });
  }
}
