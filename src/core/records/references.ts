import type { RecordKind } from '../base/types';

/** A field of a record that names another record by id. */
export interface ReferenceSite {
  /** Path of the value inside the record, e.g. ['incidents', 2]. */
  path: (string | number)[];
  target: string;
  /** The kind the field expects. */
  kind: RecordKind;
}

/** Reference fields per kind; `list` fields hold arrays of ids. */
const FIELDS: Record<RecordKind, { path: string[]; kind: RecordKind; list?: boolean }[]> = {
  incident: [
    { path: ['problem'], kind: 'problem' },
    { path: ['known_error'], kind: 'known_error' },
  ],
  problem: [
    { path: ['incidents'], kind: 'incident', list: true },
    { path: ['known_error'], kind: 'known_error' },
    { path: ['resolution', 'duplicate_of'], kind: 'problem' },
  ],
  known_error: [
    { path: ['problem'], kind: 'problem' },
    { path: ['replaced_by'], kind: 'known_error' },
  ],
};

/** Which reference fields a kind has; used by completion and navigation too. */
export function referenceFields(kind: RecordKind): readonly { path: string[]; kind: RecordKind; list?: boolean }[] {
  return FIELDS[kind];
}

function get(value: unknown, path: readonly string[]): unknown {
  let v = value;
  for (const p of path) {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
    v = (v as Record<string, unknown>)[p];
  }
  return v;
}

/** Every id a record refers to, with where it says so. */
export function referencesOf(kind: RecordKind, value: Record<string, unknown>): ReferenceSite[] {
  const out: ReferenceSite[] = [];
  for (const f of FIELDS[kind]) {
    const v = get(value, f.path);
    if (f.list) {
      if (!Array.isArray(v)) continue;
      v.forEach((item, i) => {
        if (typeof item === 'string' && item) out.push({ path: [...f.path, i], target: item, kind: f.kind });
      });
    } else if (typeof v === 'string' && v) {
      out.push({ path: [...f.path], target: v, kind: f.kind });
    }
  }
  return out;
}
