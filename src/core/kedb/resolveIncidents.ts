/**
 * Incidents resolved by their problem: once a problem is resolved (or closed) with its fix applied,
 * the incidents it caused that are still open are resolved too, each with a resolution that names
 * the problem and the day its fix was applied. The check offers it (`linked-incidents-open`, an
 * information); "KEDB: Resolve Linked Incidents" writes it, one edit over every incident file.
 */
import type { FileEdit, PathIssue, Severity } from '../base/types';
import type { CheckContext, RecordCheck } from '../workspace/checks';
import type { RecordEntry } from '../records/entry';
import type { KedbConfig } from '../records/config';
import { isClosedIncident } from '../records/states';
import { chainEdits, setIn, toFileEdit, yamlString } from '../records/edits';
import { t } from '../base/l10n';
import { byId, obj, str, strings } from './model';

/** Whether a problem is resolved or closed with its fix applied. */
export function isFixApplied(problem: RecordEntry): boolean {
  const status = str(problem.value.status);
  return problem.kind === 'problem' && (status === 'resolved' || status === 'closed') && obj(problem.value.resolution).code === 'fix-applied';
}

/** The incidents linked to a problem (listed by it, or naming it) that are not resolved or closed, in id order. */
export function openLinkedIncidents(ctx: Pick<CheckContext, 'get' | 'recordsInFile' | 'referrers'>, problem: RecordEntry): (RecordEntry & { id: string })[] {
  if (problem.id === undefined) return [];
  const seen = new Map<string, RecordEntry & { id: string }>();
  const add = (r: RecordEntry | undefined) => {
    if (r?.kind === 'incident' && r.id !== undefined && !seen.has(r.id) && !isClosedIncident(r.value)) seen.set(r.id, r as RecordEntry & { id: string });
  };
  for (const id of strings(problem.value.incidents)) add(ctx.get(id));
  for (const file of ctx.referrers(problem.id)) for (const r of ctx.recordsInFile(file)) if (r.value.problem === problem.id) add(r);
  return [...seen.values()].sort((a, b) => byId(a.id, b.id));
}

/** "INC-0019, INC-0029 and 3 more": at most five ids by name. */
function idList(ids: readonly string[]): string {
  return ids.length <= 5 ? ids.join(', ') : t('{0} and {1} more', ids.slice(0, 5).join(', '), ids.length - 5);
}

/** The `linked-incidents-open` issue of a problem resolved with its fix applied whose incidents are still open. */
export const linkedIncidentsCheck: RecordCheck = (r, ctx): PathIssue[] => {
  if (r.kind !== 'problem' || !isFixApplied(r)) return [];
  const level = ctx.config.lifecycle.rules['linked-incidents-open'];
  if (level === 'off') return [];
  const open = openLinkedIncidents(ctx, r).map((i) => i.id);
  if (open.length === 0) return [];
  const status = String(r.value.status);
  return [
    {
      code: 'linked-incidents-open',
      severity: level as Severity,
      message:
        open.length === 1
          ? t('This problem is {0} with its fix applied, but its incident {1} is still open: run KEDB: Resolve Linked Incidents to resolve it.', status, open[0])
          : t('This problem is {0} with its fix applied, but {1} of its incidents are still open ({2}): run KEDB: Resolve Linked Incidents to resolve them.', status, open.length, idList(open)),
      path: ['status'],
      data: { ordinal: r.ordinal, problem: r.id, incidents: open },
    },
  ];
};

/** What Resolve Linked Incidents writes: the edits of every incident file, and the incidents they resolve. */
export interface ResolveIncidentsPlan {
  problem: string;
  edits: FileEdit[];
  resolved: string[];
}

export interface ResolveIncidentsHost extends Pick<CheckContext, 'get' | 'recordsInFile' | 'referrers'> {
  readonly config: KedbConfig;
  /** The current text of a file (an open buffer's, else the file's). */
  textOf(path: string): string | undefined;
}

/**
 * The edits that resolve a problem's open linked incidents: `status: resolved`, and a resolution
 * with `code: solved` (unless one is written), `resolved_at` now, and notes naming the problem and
 * the day its fix was applied (added after any notes already written). Undefined when the problem
 * is not resolved or closed with its fix applied.
 */
export function planResolveIncidents(host: ResolveIncidentsHost, problem: RecordEntry, now: string): ResolveIncidentsPlan | undefined {
  if (problem.id === undefined || !isFixApplied(problem)) return undefined;
  const problemId = problem.id;
  const resolution = obj(problem.value.resolution);
  const resolvedAt = resolution.resolved_at instanceof Date ? resolution.resolved_at.toISOString() : str(resolution.resolved_at);
  const day = resolvedAt && /^\d{4}-\d{2}-\d{2}/.test(resolvedAt.trim()) ? resolvedAt.trim().slice(0, 10) : undefined;
  const note = day ? t('Resolved by the permanent fix of {0}, applied on {1}.', problemId, day) : t('Resolved by the permanent fix of {0}.', problemId);
  const byFile = new Map<string, (RecordEntry & { id: string })[]>();
  const incidents = openLinkedIncidents(host, problem);
  for (const inc of incidents) byFile.set(inc.file, [...(byFile.get(inc.file) ?? []), inc]);
  const edits: FileEdit[] = [];
  const resolved: string[] = [];
  const { config } = host;
  for (const [file, list] of byFile) {
    const text = host.textOf(file);
    if (text === undefined) continue;
    const steps = list.flatMap((inc) => {
      const o = inc.ordinal;
      const res = obj(inc.value.resolution);
      const notes = str(res.notes);
      return [
        (x: string) => setIn(x, o, ['status'], { inline: 'resolved' }, config, { after: ['priority', 'urgency', 'impact', 'type', 'title'] }),
        (x: string) => (str(res.code) ? undefined : setIn(x, o, ['resolution', 'code'], { inline: 'solved' }, config, { after: ['known_error', 'problem', 'escalation'] })),
        (x: string) => setIn(x, o, ['resolution', 'notes'], yamlString(notes ? `${notes.trimEnd()}\n${note}` : note), config, { after: ['known_error', 'problem', 'escalation'] }),
        (x: string) => setIn(x, o, ['resolution', 'resolved_at'], { inline: JSON.stringify(now) }, config, { after: ['known_error', 'problem', 'escalation'] }),
      ];
    });
    const e = chainEdits(text, steps);
    if (!e) continue;
    edits.push(toFileEdit(file, text, e));
    resolved.push(...list.map((i) => i.id));
  }
  return { problem: problemId, edits, resolved: resolved.sort(byId) };
}
