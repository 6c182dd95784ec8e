import type { RecordKind } from '../base/types';

/**
 * The one folder ↔ kind table. A YAML file under one of these folders is a record of that kind,
 * even when it forgets its `kind`; new records of a kind go to its folder.
 */
export const KIND_FOLDERS: Readonly<Record<RecordKind, string>> = {
  incident: 'incidents',
  problem: 'problems',
  known_error: 'known-errors',
};

/** The kind whose records a folder name holds: `incidents` → incident. */
export const RECORD_FOLDERS: Readonly<Record<string, RecordKind>> = Object.fromEntries(
  Object.entries(KIND_FOLDERS).map(([kind, folder]) => [folder, kind as RecordKind]),
);

/** The kind given by the nearest record folder among a path's folders (`a/problems/x.yaml` → problem). */
export function kindOfPath(path: string): RecordKind | undefined {
  const folders = path.split('/').slice(0, -1);
  for (let i = folders.length - 1; i >= 0; i--) {
    const kind = Object.hasOwn(RECORD_FOLDERS, folders[i]) ? RECORD_FOLDERS[folders[i]] : undefined;
    if (kind) return kind;
  }
  return undefined;
}

/** Whether a path lies inside one of the record folders. */
export function inRecordFolder(path: string): boolean {
  return kindOfPath(path) !== undefined;
}

/**
 * Where new records of `kind` go: the kind's folder beside the nearest record folder of `from`
 * (`ops/problems/PRB-1.yaml` → `ops/known-errors`), or at the root when `from` is in none.
 */
export function folderFor(kind: RecordKind, from = ''): string {
  const folders = from.split('/').slice(0, -1);
  for (let i = folders.length - 1; i >= 0; i--) {
    if (Object.hasOwn(RECORD_FOLDERS, folders[i])) return [...folders.slice(0, i), KIND_FOLDERS[kind]].join('/');
  }
  return KIND_FOLDERS[kind];
}

/**
 * The next free id of a kind: one more than the highest number among `ids` (at least 4 digits,
 * more when the ids in use have more), under `prefix`.
 */
export function nextFreeId(prefix: string, ids: Iterable<string | undefined>): string {
  let max = 0;
  let width = 4;
  for (const id of ids) {
    const m = id?.match(/-(\d+)$/);
    if (m) {
      max = Math.max(max, Number(m[1]));
      width = Math.max(width, m[1].length);
    }
  }
  return `${prefix}-${String(max + 1).padStart(width, '0')}`;
}
