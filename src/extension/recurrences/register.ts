import * as vscode from 'vscode';
import { listRecurrences, recurrenceTargets, type RecordEntry } from '../../core';
import type { Register } from '../features';
import type { FolderIndex } from '../index/recordIndex';

/** What a folder's recurrence targets were built from: changes to them re-check the incidents. */
interface Seen {
  key: string;
  entries: (RecordEntry | undefined)[];
  flagged: Set<string>;
}

/**
 * Recurrences in the editor. The `recurrence` diagnostic and its two quick fixes come from the
 * core's standard checks and fixes; what this adds is keeping them current. An incident's
 * recurrence depends on records it does not link to (a problem being resolved, a known error
 * reworded), which the store's link tracking cannot know: so when a folder's resolved problems or
 * their known errors change, the incidents flagged before and after are checked again.
 */
export const register: Register = ({ index, diagnostics }) => {
  const seen = new WeakMap<FolderIndex, Seen>();
  const timers = new Map<FolderIndex, ReturnType<typeof setTimeout>>();

  const check = (folder: FolderIndex) => {
    timers.delete(folder);
    const ws = folder.raw;
    const targets = [...recurrenceTargets(ws).values()];
    const key = targets.map((x) => `${x.knownError}>${x.problem.id}:${x.status}:${x.resolvedAt}`).join('|');
    const entries = targets.flatMap((x) => [ws.get(x.knownError), ws.get(x.problem.id)]);
    const before = seen.get(folder);
    if (before && before.key === key && before.entries.length === entries.length && before.entries.every((e, i) => e === entries[i])) return;
    const flagged = new Set(targets.length ? listRecurrences(ws).map((r) => r.incident.file) : []);
    seen.set(folder, { key, entries, flagged });
    const paths = new Set([...(before?.flagged ?? []), ...flagged]);
    if (paths.size > 0) diagnostics.refresh(folder, { all: false, paths: [...paths] });
  };

  const subscription = index.onDidChangeRecords(({ folder, change }) => {
    const ws = folder.raw;
    // Only a change to a problem or a known error (or to everything) can change the targets.
    const relevant = change.affected.all || change.paths.some((p) => !ws.hasFile(p) || ws.recordsInFile(p).some((r) => r.kind !== 'incident'));
    if (!relevant || timers.has(folder)) return;
    timers.set(folder, setTimeout(() => check(folder), 150));
  });

  return vscode.Disposable.from(subscription, {
    dispose: () => {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  });
};
