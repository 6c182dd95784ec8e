/**
 * The progress bar of the long commands (import, validate, candidates, report), drawn with
 * cli-progress on standard error. Only on a terminal, and never with --quiet: when standard error
 * is a pipe or a file (tests, scripts, CI), the commands print exactly what they printed before.
 * The bar is drawn on the first report of progress and cleared when the job ends, so that the
 * command's own output starts on a clean line.
 */
import { SingleBar } from 'cli-progress';
import { Workspace } from '../core';
import { t } from '../core/base';
import { NodeFsHost } from '../node/fsHost';
import { DiskParseCache } from '../node/parseCache';
import type { Print } from './args';
import { displayPath } from './output';

export interface Progress {
  /** False when nothing is drawn: the job need not report its progress at all. */
  readonly active: boolean;
  /** `done` of `total` (which may change as the job learns it); `detail` replaces `done/total`. */
  update(done: number, total: number, detail?: string): void;
  /** Clears the bar; safe to call more than once, and when nothing was drawn. */
  stop(): void;
}

const SILENT: Progress = { active: false, update: () => undefined, stop: () => undefined };

/** True when a bar would be drawn: `stream` is a terminal and the user did not ask for quiet. */
export function showsProgress(quiet: boolean | undefined, stream: NodeJS.WriteStream = process.stderr): boolean {
  return !quiet && stream.isTTY === true;
}

/** A progress bar labelled `label`, or one that draws nothing (see `showsProgress`). */
export function progressBar(label: string, quiet: boolean | undefined, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!showsProgress(quiet, stream)) return SILENT;
  const bar = new SingleBar({
    stream,
    format: `${label} {bar} {percentage}% {detail}`,
    barsize: 20,
    // Cleared at the end; no terminal mode (cursor, line wrapping) to restore if the job fails.
    clearOnComplete: true,
    hideCursor: false,
    linewrap: true,
    barCompleteChar: '█',
    barIncompleteChar: '░',
  });
  let started = false;
  const stop = () => {
    if (!started) return;
    started = false;
    process.removeListener('exit', stop);
    bar.stop();
  };
  return {
    active: true,
    update(done, total, detail) {
      const payload = { detail: `| ${detail ?? `${done}/${total}`}` };
      if (!started) {
        started = true;
        // A job that ends the process (an uncaught error, a closed pipe) still clears its bar.
        process.once('exit', stop);
        bar.start(Math.max(total, 1), done, payload);
        return;
      }
      bar.setTotal(Math.max(total, 1));
      bar.update(done, payload);
    },
    stop,
  };
}

/**
 * Loads the records under `dir`, with a progress bar while the files are read (the longest part of
 * validate, candidates and report on a big folder). The bar is cleared when this returns.
 */
export async function loadWorkspace(dir: string, quiet?: boolean): Promise<Workspace> {
  const bar = progressBar(t('Reading records'), quiet);
  const cache = parseCacheUsed ? new DiskParseCache(dir) : undefined;
  try {
    // Progress every 25 files, so that a small folder shows its bar too; the CLI has nothing to yield to.
    const ws = await Workspace.load(new NodeFsHost(dir), { cache, ...(bar.active ? { batchSize: 25, onProgress: (done, total) => bar.update(done, total) } : {}) });
    if (cache) unsaved.push(cache);
    return ws;
  } finally {
    bar.stop();
  }
}

/** False after `kedb --no-cache`, or with KEDB_NO_CACHE set: no parse is kept or used (see `node/parseCache.ts`). */
let parseCacheUsed = !process.env.KEDB_NO_CACHE;

export function useParseCache(use: boolean): void {
  parseCacheUsed = use;
}

/** The parse caches of this run's loads, written when the command is done (`saveParseCaches`). */
const unsaved: DiskParseCache[] = [];

/** Writes the parse caches of this run: after the command's output, which need not wait for them. */
export function saveParseCaches(): void {
  for (const c of unsaved.splice(0)) c.save();
}

/**
 * Loads the records under `dir` (with the progress bar) and reports each file or folder that
 * could not be read on standard error, as {@link reportUnread} does: every command that reads a
 * whole folder without listing its issues starts here.
 */
export async function loadReporting(dir: string, command: string, err: Print, quiet?: boolean): Promise<{ ws: Workspace; unread: number }> {
  const ws = await loadWorkspace(dir, quiet);
  return { ws, unread: reportUnread(ws, dir, command, err) };
}

/**
 * For the commands that do not list issues (candidates, report): one line on standard error for
 * each file or folder that could not be read or was not followed, so that none is left out
 * silently. Returns how many; the command then exits 1 (something asked for was not done).
 */
export function reportUnread(ws: Workspace, dir: string, command: string, err: Print): number {
  const unread = ws.unreadableFiles();
  for (const { path, issue } of unread) err(`kedb ${command}: ${displayPath(dir, path)}: ${issue.message}`);
  return unread.length;
}
