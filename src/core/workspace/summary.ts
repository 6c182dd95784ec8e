import type { RecordStore } from './store';
import type { RecordEntry } from '../records/entry';
import type { RecordKind } from '../base/types';
import { t } from '../base/l10n';

/** What a list, a tree or a hover shows of a record. */
export interface RecordSummary {
  id: string;
  kind: RecordKind;
  title: string;
  status: string | undefined;
  priority: string | undefined;
  category: string | undefined;
  file: string;
  ordinal: number;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v ? v : undefined;
}

export function summarize(r: RecordEntry): RecordSummary | undefined {
  if (r.id === undefined) return undefined;
  const v = r.value;
  const status = r.kind === 'known_error' ? str((v.permanent_fix as Record<string, unknown> | undefined)?.status) : str(v.status);
  return {
    id: r.id,
    kind: r.kind,
    title: str(v.title) ?? t('(untitled)'),
    status,
    priority: str(v.priority),
    category: str(v.category),
    file: r.file,
    ordinal: r.ordinal,
  };
}

export interface RecordGroup {
  label: string;
  records: RecordSummary[];
}

const PROBLEM_STATES = ['new', 'assessed', 'root-cause-analysis', 'fix-in-progress', 'resolved', 'closed', 'cancelled'];

function byId(a: RecordSummary, b: RecordSummary): number {
  return a.id.localeCompare(b.id, undefined, { numeric: true });
}

/**
 * The explorer's groups: incidents by category, problems by status (in lifecycle order), and
 * known errors in one flat group.
 */
export function groupForExplorer(ws: RecordStore, kind: RecordKind): RecordGroup[] {
  const summaries: RecordSummary[] = [];
  for (const r of ws.records(kind)) {
    const s = summarize(r);
    if (s) summaries.push(s);
  }
  summaries.sort(byId);
  // The label is the explorer's key for this one group, which it never shows: it stays English.
  if (kind === 'known_error') return [{ label: 'Known Errors', records: summaries }];
  const key = (s: RecordSummary) => (kind === 'incident' ? s.category ?? t('Uncategorised') : s.status ?? 'new');
  const groups = new Map<string, RecordSummary[]>();
  for (const s of summaries) {
    const k = key(s);
    const list = groups.get(k);
    if (list) list.push(s);
    else groups.set(k, [s]);
  }
  const labels = [...groups.keys()];
  if (kind === 'problem') labels.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  else labels.sort((a, b) => (groups.get(b)!.length - groups.get(a)!.length) || a.localeCompare(b));
  return labels.map((label) => ({ label, records: groups.get(label)! }));
}

function rank(status: string): number {
  const i = PROBLEM_STATES.indexOf(status);
  return i < 0 ? PROBLEM_STATES.length : i;
}
