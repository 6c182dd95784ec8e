/**
 * The Known Error Database as data: one row per known error, in the seed's columns, and the links
 * between problems, known errors and incidents that the commands follow.
 */
import { isClosedIncident } from '../records/states';
import type { RecordStore } from '../workspace/store';
import type { RecordEntry } from '../records/entry';

/** One row of the KEDB, in the JSON shape of `kedb kedb --format json`. */
export interface KedbRow {
  id: string;
  problem: string;
  title: string;
  symptoms: string[];
  root_causes: string[];
  workaround: string;
  permanent_fix: { status: string; description: string };
  /** How many incidents are linked to the known error or its problem (see `linkedIncidents`). */
  linked_incidents: number;
  /** `draft`, `published` (also when the record has no `state`) or `retired`. */
  state: string;
  /** The known error that replaces a retired one, and the day it was retired, when written. */
  replaced_by: string | null;
  retired_at: string | null;
}

/** A row with where it comes from, for the editor (opening the record). */
export interface KedbTableRow extends KedbRow {
  file: string;
  /** The problem's lifecycle state, when the problem exists. */
  problemStatus?: string;
}

export const PERMANENT_FIX_STATUSES = ['open', 'planned', 'in-progress', 'ongoing', 'done'] as const;

/** Incident states that are over: no workaround is sent to them. */
export { CLOSED_INCIDENT_STATES } from '../records/states';

export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}

export function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : [];
}

export function obj(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** Ids in natural order: PRB-0007 before PRB-0022, PRB-0100 after PRB-0099. */
export function byId(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/** The KEDB row of a known error record. Text is kept as written, with runs of white space made one space. */
export function kedbRow(r: RecordEntry): KedbTableRow | undefined {
  if (r.kind !== 'known_error' || r.id === undefined) return undefined;
  const v = r.value;
  const fix = obj(v.permanent_fix);
  const flat = (s: string) => s.replace(/\s+/g, ' ').trim();
  return {
    id: r.id,
    problem: str(v.problem) ?? '',
    title: flat(str(v.title) ?? ''),
    symptoms: strings(v.symptoms).map(flat),
    root_causes: strings(v.root_causes).map(flat),
    workaround: flat(str(v.workaround) ?? ''),
    permanent_fix: { status: str(fix.status) ?? '', description: flat(str(fix.description) ?? '') },
    linked_incidents: 0,
    state: v.state === 'draft' || v.state === 'retired' ? v.state : 'published',
    replaced_by: str(v.replaced_by) ?? null,
    retired_at: v.retired_at instanceof Date ? v.retired_at.toISOString().slice(0, 10) : (str(v.retired_at) ?? null),
    file: r.file,
  };
}

/**
 * Every known error as a KEDB row, sorted by problem id (then known error id), with the number of
 * incidents linked to it or to its problem.
 */
export function kedbTable(ws: RecordStore): KedbTableRow[] {
  const rows: KedbTableRow[] = [];
  for (const r of ws.records('known_error')) {
    const row = kedbRow(r);
    if (!row) continue;
    const found = row.problem ? ws.get(row.problem) : undefined;
    const p = found?.kind === 'problem' ? found : undefined;
    const status = p ? str(p.value.status) : undefined;
    if (status) row.problemStatus = status;
    row.linked_incidents = linkedIncidents(ws, p, r).length;
    rows.push(row);
  }
  return rows.sort((a, b) => byId(a.problem, b.problem) || byId(a.id, b.id));
}

/** A row without its editor-only fields: the JSON export. */
export function plainRow(r: KedbTableRow): KedbRow {
  return {
    id: r.id,
    problem: r.problem,
    title: r.title,
    symptoms: r.symptoms,
    root_causes: r.root_causes,
    workaround: r.workaround,
    permanent_fix: r.permanent_fix,
    linked_incidents: r.linked_incidents,
    state: r.state,
    replaced_by: r.replaced_by,
    retired_at: r.retired_at,
  };
}

/** "In progress: roll the firmware back…": the seed's "Permanent Fix Status" cell. */
export function fixStatusText(fix: KedbRow['permanent_fix']): string {
  const status = fix.status ? fix.status.charAt(0).toUpperCase() + fix.status.slice(1).replace(/-/g, ' ') : '';
  if (status && fix.description) return `${status}: ${fix.description}`;
  return status || fix.description;
}

/** The known errors that document a problem (`problem: PRB-…`), in id order. */
export function knownErrorsOf(ws: RecordStore, problemId: string): RecordEntry[] {
  const out: RecordEntry[] = [];
  for (const ref of ws.referencesTo(problemId)) if (ref.from.kind === 'known_error' && ref.site.path[0] === 'problem') out.push(ref.from);
  return out.sort((a, b) => byId(a.id ?? '', b.id ?? ''));
}

/** The problem a known error documents, when it exists. */
export function problemOf(ws: RecordStore, ke: RecordEntry): RecordEntry | undefined {
  const id = str(ke.value.problem);
  const p = id ? ws.get(id) : undefined;
  return p?.kind === 'problem' ? p : undefined;
}

/** The known error of a problem: the one it names, else the first that names it. */
export function knownErrorOfProblem(ws: RecordStore, problem: RecordEntry): RecordEntry | undefined {
  const named = str(problem.value.known_error);
  const ke = named ? ws.get(named) : undefined;
  if (ke?.kind === 'known_error') return ke;
  const naming = problem.id ? knownErrorsOf(ws, problem.id) : [];
  return naming.find((k) => k.value.state !== 'retired') ?? naming[0];
}

/**
 * The incidents of a problem: those it lists and those that name it, plus, for a known error, the
 * incidents that name the known error. In id order, each once.
 */
export function linkedIncidents(ws: RecordStore, problem: RecordEntry | undefined, knownError: RecordEntry | undefined): RecordEntry[] {
  const seen = new Map<string, RecordEntry>();
  const add = (r: RecordEntry | undefined) => {
    if (r?.kind === 'incident' && r.id !== undefined && !seen.has(r.id)) seen.set(r.id, r);
  };
  if (problem?.id) {
    for (const id of strings(problem.value.incidents)) add(ws.get(id));
    for (const ref of ws.referencesTo(problem.id)) if (ref.from.kind === 'incident') add(ref.from);
  }
  if (knownError?.id) for (const ref of ws.referencesTo(knownError.id)) if (ref.from.kind === 'incident') add(ref.from);
  return [...seen.values()].sort((a, b) => byId(a.id!, b.id!));
}

export function isOpenIncident(r: RecordEntry): boolean {
  return !isClosedIncident(r.value);
}
