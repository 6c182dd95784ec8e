/**
 * The incident facts the detector works on, read once from the records' values.
 */
import type { RecordEntry } from '../records/entry';
import { isLanguage } from '../text/analyze';
import type { Language } from '../text/stemmers';

export interface IncidentFacts {
  id: string;
  file: string;
  ordinal: number;
  title: string;
  description: string | undefined;
  body: string | undefined;
  category: string | undefined;
  service: string | undefined;
  ci: string | undefined;
  /** Finer facts the burst rule groups by (location and symptom also from `source.*`, as importers keep them). */
  subcategory?: string;
  assignmentGroup?: string;
  location?: string;
  symptom?: string;
  /** As written (ISO 8601), and as milliseconds since the epoch when it parses. */
  reportedAt: string | undefined;
  time: number | undefined;
  priority: string | undefined;
  /** 1 for P1 … 5 for P5; 6 when there is none. */
  priorityRank: number;
  serviceRequest: boolean;
  closed: boolean;
  /** The problem this incident is already linked to. */
  problem: string | undefined;
  language: Language | undefined;
  /** Position when all incidents are ordered by `reported_at`, then id (undated last). */
  seq: number;
  /** The record's value, for the facets a candidate is refined by (`structure.ts`); read, never copied. */
  value?: Readonly<Record<string, unknown>>;
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string') {
    const t = v.trim();
    return t ? t : undefined;
  }
  if (typeof v === 'number') return String(v);
  return undefined;
}

/** The facts of every incident record with an id. */
export function incidentFacts(records: Iterable<RecordEntry>): IncidentFacts[] {
  const out: IncidentFacts[] = [];
  for (const r of records) {
    if (r.kind !== 'incident' || r.id === undefined) continue;
    const v = r.value;
    const reportedAt = str(v.reported_at);
    const time = reportedAt ? Date.parse(reportedAt) : NaN;
    const priority = str(v.priority);
    const m = priority ? /^P([1-5])$/.exec(priority) : null;
    const status = str(v.status);
    const source = v.source && typeof v.source === 'object' ? (v.source as Record<string, unknown>) : undefined;
    const lang = source?.language;
    out.push({
      id: r.id,
      file: r.file,
      ordinal: r.ordinal,
      title: str(v.title) ?? '',
      description: str(v.description),
      body: str(v.body),
      category: str(v.category),
      service: str(v.service),
      ci: str(v.configuration_item),
      subcategory: str(v.subcategory),
      assignmentGroup: str(v.assignment_group),
      location: str(v.location) ?? str(source?.location),
      symptom: str(v.symptom) ?? str(source?.symptom),
      reportedAt,
      time: Number.isFinite(time) ? time : undefined,
      priority,
      priorityRank: m ? Number(m[1]) : 6,
      serviceRequest: v.type === 'service-request' || status === 'converted-to-service-request',
      closed: status === 'closed' || status === 'resolved',
      problem: str(v.problem),
      language: isLanguage(lang) ? lang : undefined,
      seq: 0,
      value: v,
    });
  }
  // One sort by time and id; everything after orders incidents by comparing `seq`.
  const collator = new Intl.Collator('en', { numeric: true }).compare;
  const sorted = [...out].sort((a, b) => {
    if (a.time !== undefined && b.time !== undefined && a.time !== b.time) return a.time - b.time;
    if (a.time !== undefined && b.time === undefined) return -1;
    if (a.time === undefined && b.time !== undefined) return 1;
    return sameShape(a.id, b.id) ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : collator(a.id, b.id);
  });
  sorted.forEach((f, i) => (f.seq = i));
  return out;
}

/**
 * Two ids of one shape: as long as each other, with a digit in one where the other has a digit and
 * the same other character everywhere else ("INC-000123", "INC-004567"). Their order in natural
 * (numeric) order is their order character by character, which costs no collator call: the
 * incidents of an import often share their time, and are then ordered by id.
 */
function sameShape(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x < 48 || x > 57 || y < 48 || y > 57) return false;
  }
  return true;
}

/** The record's own attribute values a title may restate. */
const RESTATED: readonly (keyof IncidentFacts)[] = ['category', 'subcategory', 'service', 'ci', 'location', 'symptom', 'assignmentGroup'];

/**
 * Whether a title only restates the incident's own attributes: an importer's "Category 53 /
 * Subcategory 271: Symptom 470" or "incident on WBA000124 (Web Based Application)". Such a title
 * is coded data, which the attribute rules already read; as text it makes every incident of one
 * combination "similar", a topic rather than a fault. True when some attribute value appears in
 * the title and fewer than two words of three letters or more are left once they are taken out.
 * `lowered`: attribute values lowered so far, kept by a caller that checks many incidents (a
 * workspace has few distinct values).
 */
export function restatesAttributes(i: IncidentFacts, lowered?: Map<string, string>): boolean {
  let rest = i.title.toLowerCase();
  let found = false;
  for (const key of RESTATED) {
    const v = i[key];
    if (typeof v !== 'string' || v.length < 2) continue;
    let low = lowered?.get(v);
    if (low === undefined) {
      low = v.toLowerCase();
      lowered?.set(v, low);
    }
    const at = rest.indexOf(low);
    if (at < 0) continue;
    found = true;
    rest = rest.slice(0, at) + ' ' + rest.slice(at + v.length);
  }
  if (!found) return false;
  let words = 0;
  for (const w of rest.split(/[^\p{L}]+/u)) if (w.length >= 3 && ++words >= 2) return false;
  return true;
}

/** Oldest first (by `reported_at`, then id). */
export function bySeq(a: IncidentFacts, b: IncidentFacts): number {
  return a.seq - b.seq;
}
