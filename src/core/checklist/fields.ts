/**
 * The seed's incident checklist as four blocks of fields, and which of them a record still lacks.
 *
 * - record: when, who, what, which service and CI, and through which channel;
 * - priority: type, category, status, impact, urgency and the priority they give;
 * - initial_analysis: the six checks and the analyst's understanding;
 * - escalation: team, time, ETA and level; asked only where the priority must be escalated (the
 *   rule `policyIssues` applies: an open incident, not a service request, whose priority the
 *   workspace's `escalation.priorities` lists).
 */
import { isClosedIncident } from '../records/states';
import type { KedbConfig } from '../records/config';
import { classify, type PriorityMatrix } from '../records/matrix';
import { CHECKLIST_BLOCK_NAMES } from '../records/settings/checklist';
import { t } from '../base/l10n';

export type ChecklistBlock = (typeof CHECKLIST_BLOCK_NAMES)[number];

export const CHECKLIST_BLOCKS: Readonly<Record<ChecklistBlock, readonly string[]>> = {
  record: ['reported_at', 'reporter', 'description', 'service', 'configuration_item', 'channel'],
  priority: ['type', 'category', 'status', 'impact', 'urgency', 'priority'],
  initial_analysis: [
    'initial_analysis.understanding',
    'initial_analysis.existing_solutions',
    'initial_analysis.recent_changes',
    'initial_analysis.related_events',
    'initial_analysis.logs_reviewed',
    'initial_analysis.diagnostic_tools',
    'initial_analysis.related_components',
  ],
  escalation: ['escalation.team', 'escalation.escalated_at', 'escalation.eta', 'escalation.level'],
};


function isBlock(name: string): name is ChecklistBlock {
  return Object.hasOwn(CHECKLIST_BLOCKS, name);
}

const splitPaths = new Map<string, string[]>();

/** The value at a dotted path, or undefined. */
export function valueAt(value: Record<string, unknown>, path: string): unknown {
  if (!path.includes('.')) return value[path];
  let keys = splitPaths.get(path);
  if (!keys) {
    keys = path.split('.');
    if (splitPaths.size < 1000) splitPaths.set(path, keys);
  }
  let v: unknown = value;
  for (const key of keys) {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/**
 * Whether a checklist item has an answer. `false` is an answer (restart: false says it was not
 * tried); an empty string, list or block is not. A block such as `reporter` or
 * `existing_solutions` counts as answered when any of its fields is.
 */
export function isFilled(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'string') return v.trim() !== '';
  if (Array.isArray(v)) return v.some(isFilled);
  if (typeof v === 'object') {
    // Stops at the first filled value without listing them all (a block may hold 100,000 keys).
    const o = v as Record<string, unknown>;
    for (const k in o) if (Object.prototype.hasOwnProperty.call(o, k) && isFilled(o[k])) return true;
    return false;
  }
  return true;
}

/** Blocks and paths as a flat list of paths, in the order given, each once. */
export function expandFields(list: readonly string[]): string[] {
  const out: string[] = [];
  for (const item of list) for (const p of isBlock(item) ? CHECKLIST_BLOCKS[item] : [item]) if (!out.includes(p)) out.push(p);
  return out;
}

/** True when `path` is `item` or lies inside it (`initial_analysis.logs_reviewed` inside `initial_analysis`). */
function covers(item: string, path: string): boolean {
  if (isBlock(item)) return CHECKLIST_BLOCKS[item].includes(path);
  return path === item || path.startsWith(item + '.');
}

/**
 * The priority that makes this incident need an escalation, or undefined when it needs none: the
 * priority given (or the one impact × urgency gives), listed in `escalation.priorities`, on an
 * open incident that is not a service request. The same rule as the `escalation-missing` check.
 */
export function escalationNeededFor(value: Record<string, unknown>, config: KedbConfig, matrix: PriorityMatrix): string | undefined {
  const priority = typeof value.priority === 'string' ? value.priority : classify(matrix, value.impact, value.urgency);
  if (!priority || !config.escalation.priorities.includes(priority)) return undefined;
  if (value.type === 'service-request' || isClosedIncident(value)) return undefined;
  return priority;
}

/** The checklist fields the workspace requires of this incident, in checklist order. */
export function requiredFields(value: Record<string, unknown>, config: KedbConfig, matrix: PriorityMatrix): string[] {
  const c = config.checklist;
  const serviceRequest = value.type === 'service-request';
  const escalate = escalationNeededFor(value, config, matrix) !== undefined;
  const lacks = activeLacks(value, sourceLacks(value, config));
  return expandFields(c.required).filter(
    (p) =>
      !c.optional.some((o) => covers(o, p)) &&
      !(serviceRequest && c.skipForServiceRequests.some((o) => covers(o, p))) &&
      !lacks.some((l) => covers(l, p)) &&
      (escalate || !p.startsWith('escalation.')),
  );
}

/** What the export a record was imported from cannot hold (`checklist.sources.NAME.lacks`, NAME its `source.dataset`). */
export function sourceLacks(value: Record<string, unknown>, config: KedbConfig): string[] {
  const dataset = sourceDataset(value);
  return dataset !== undefined ? (config.checklist.sources[dataset]?.lacks ?? []) : [];
}

/** The data set a record was imported from (`source.dataset`), if any. */
export function sourceDataset(value: Record<string, unknown>): string | undefined {
  const source = value.source;
  const dataset = source && typeof source === 'object' ? (source as Record<string, unknown>).dataset : undefined;
  return typeof dataset === 'string' && dataset !== '' ? dataset : undefined;
}

/**
 * The lacked items still in force. A whole block the export lacked (`initial_analysis`) is asked
 * for again once the user fills one of its fields: they have started on that part of the
 * checklist. A single field stays left out; filled, it is not missing anyway. (A field the export
 * carries in under 1 % of its rows, such as ServiceNow's `cmdb_ci`, is one of these: the few
 * records that have it do not bring back the rest of their block.)
 */
function activeLacks(value: Record<string, unknown>, lacks: readonly string[]): string[] {
  return lacks.filter((l) => !(isBlock(l) && CHECKLIST_BLOCKS[l].some((p) => isFilled(valueAt(value, p)))));
}

/**
 * Which checklist fields a stream of records fills, seen one record at a time (an import does not
 * keep its records): `lacks()` then names the blocks and fields the export does not carry, a block
 * by its name when all its fields are. A field counts as not carried when fewer than 1 % of the
 * records fill it (ServiceNow's `cmdb_ci` is "?" in all but 54 of 24,918 incidents): asking every
 * record for it would bury the few that matter. What an import writes for its data set.
 */
export class ChecklistCoverage {
  private readonly filled = new Map<string, number>();
  private readonly all = expandFields([...CHECKLIST_BLOCK_NAMES]);
  private count = 0;

  add(value: Record<string, unknown>): void {
    this.count++;
    for (const p of this.all) if (isFilled(valueAt(value, p))) this.filled.set(p, (this.filled.get(p) ?? 0) + 1);
  }

  lacks(): string[] {
    const carried = (p: string) => (this.filled.get(p) ?? 0) >= Math.max(1, this.count * 0.01);
    const out: string[] = [];
    for (const block of CHECKLIST_BLOCK_NAMES) {
      const empty = CHECKLIST_BLOCKS[block].filter((p) => !carried(p));
      if (empty.length === CHECKLIST_BLOCKS[block].length) out.push(block);
      else out.push(...empty);
    }
    return out;
  }
}

/** The required checklist fields this incident leaves empty, in checklist order. */
export function missingChecklistFields(value: Record<string, unknown>, config: KedbConfig, matrix: PriorityMatrix): string[] {
  return requiredFields(value, config, matrix).filter((p) => !isFilled(valueAt(value, p)));
}

/**
 * The missing fields as a reader scans them: `channel, service, initial_analysis (diagnostic_tools,
 * related_components), escalation (all 4 fields)`.
 */
export function describeMissing(paths: readonly string[]): string {
  const groups = new Map<string, string[]>();
  for (const p of paths) {
    const dot = p.indexOf('.');
    const head = dot < 0 ? p : p.slice(0, dot);
    const list = groups.get(head) ?? [];
    if (dot >= 0) list.push(p.slice(dot + 1));
    groups.set(head, list);
  }
  return [...groups]
    .map(([head, rest]) => {
      if (rest.length === 0) return head;
      const block = isBlock(head) ? CHECKLIST_BLOCKS[head] : undefined;
      if (block && rest.length === block.length && rest.length > 1) return t('{0} (all {1} fields)', head, rest.length);
      return `${head} (${rest.join(', ')})`;
    })
    .join(', ');
}
