import { isClosedIncident } from '../records/states';
import type { KedbConfig } from '../records/config';
import { classify, isLevel, type PriorityMatrix } from '../records/matrix';
import type { PathIssue } from '../base/types';
import { t } from '../base/l10n';
import type { RecordEntry } from '../records/entry';
import type { RecordCheck } from '../workspace/checks';

/** The levels the record schemas accept; which of them apply is the matrix's choice. */
const SCHEMA_LEVELS: readonly unknown[] = ['high', 'medium', 'low', 1, 2, 3, 4, 5];

/** Routes a record to a team by the config's escalation rules: first match wins. */
export function escalationTeam(value: Record<string, unknown>, config: KedbConfig): string {
  const lower = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : '');
  const category = lower(value.category);
  const service = lower(value.service);
  for (const r of config.escalation.routes) {
    if (r.category && category.includes(r.category.toLowerCase())) return r.team;
    if (r.service && service.includes(r.service.toLowerCase())) return r.team;
  }
  return config.escalation.defaultTeam;
}

/** Adds hours to an ISO date-time, keeping its offset as written. */
export function addHours(iso: string, hours: number): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:\d{2})$/i.exec(iso);
  if (!m) return undefined;
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return undefined;
  const offset = m[2].toUpperCase() === 'Z' ? 0 : (m[2][0] === '-' ? -1 : 1) * (Number(m[2].slice(1, 3)) * 60 + Number(m[2].slice(4, 6)));
  // Past the range of dates (a config's resolve_within_hours of 10,000,000,000, say) there is no ETA to give.
  const at = new Date(time + hours * 3_600_000 + offset * 60_000);
  if (!Number.isFinite(at.getTime()) || at.getUTCFullYear() > 9999) return undefined;
  const local = at.toISOString().slice(0, 19);
  return local + (m[2].toUpperCase() === 'Z' ? 'Z' : m[2]);
}

/** The escalation block the rules give a record: team, when, and the ETA by its priority. */
export function proposedEscalation(value: Record<string, unknown>, priority: string, config: KedbConfig, now: string): { team: string; escalated_at: string; eta: string } {
  const at = typeof value.reported_at === 'string' && addHours(value.reported_at, 0) ? value.reported_at : now;
  const hours = config.escalation.resolveWithinHours[priority] ?? 8;
  return { team: escalationTeam(value, config), escalated_at: at, eta: addHours(at, hours) ?? at };
}

/**
 * Priority and escalation checks of one record under the workspace's matrix and rules:
 * levels the matrix does not know, a priority that disagrees with impact × urgency, a missing
 * priority, and an incident that needs escalation but has none.
 */
export function policyIssues(r: RecordEntry, config: KedbConfig, matrix: PriorityMatrix, now: () => string): PathIssue[] {
  if (r.kind === 'known_error') return [];
  const v = r.value;
  const out: PathIssue[] = [];
  let levelsOk = true;
  for (const [key, levels] of [['impact', matrix.impact], ['urgency', matrix.urgency]] as const) {
    if (v[key] === undefined) continue;
    if (!SCHEMA_LEVELS.includes(v[key] as never)) {
      levelsOk = false; // the schema already reports a value that is no level at all
    } else if (!isLevel(levels, v[key])) {
      levelsOk = false;
      out.push({
        code: 'invalid-level',
        severity: 'error',
        message: t('{0} {1} is not a level of the {2} matrix ({3}).', key, String(JSON.stringify(v[key])), matrix.name, levels.join(', ')),
        path: [key],
        data: { allowed: levels, suggestions: [], matrix: matrix.name, ordinal: r.ordinal },
      });
    }
  }
  const expected = levelsOk ? classify(matrix, v.impact, v.urgency) : undefined;
  const given = typeof v.priority === 'string' ? v.priority : undefined;
  if (expected && given && given !== expected) {
    out.push({
      code: 'priority-mismatch',
      severity: 'warning',
      message: t('priority {0}, but impact {1} × urgency {2} gives {3} under {4}.', given, String(v.impact), String(v.urgency), expected, matrix.name),
      path: ['priority'],
      data: { expected, matrix: matrix.name, ordinal: r.ordinal },
    });
  } else if (expected && !given) {
    out.push({
      code: 'priority-missing',
      severity: 'info',
      message: t('No priority: impact {0} × urgency {1} gives {2} under {3}.', String(v.impact), String(v.urgency), expected, matrix.name),
      path: ['urgency'],
      data: { expected, matrix: matrix.name, ordinal: r.ordinal },
    });
  }
  const priority = given ?? expected;
  const closed = isClosedIncident(v);
  if (
    r.kind === 'incident' &&
    priority &&
    config.escalation.priorities.includes(priority) &&
    v.type !== 'service-request' &&
    !closed &&
    v.escalation === undefined
  ) {
    const proposal = proposedEscalation(v, priority, config, now());
    out.push({
      code: 'escalation-missing',
      severity: 'warning',
      message: t(
        'A {0} incident must be escalated: add an escalation (the rules route it to {1}, ETA {2} h).',
        priority,
        proposal.team,
        config.escalation.resolveWithinHours[priority] ?? 8,
      ),
      path: given ? ['priority'] : ['urgency'],
      data: { escalation: proposal, ordinal: r.ordinal },
    });
  }
  return out;
}

/** The priority and escalation checks, for the workspace's check registry. */
export const priorityCheck: RecordCheck = (r, ctx) => policyIssues(r, ctx.config, ctx.matrix, () => ctx.clock());
