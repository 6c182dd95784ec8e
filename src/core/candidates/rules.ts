/**
 * Rules 1 and 2: incidents grouped by category, and by configuration item or service and
 * category within a time window.
 */
import type { IncidentFacts } from './incidents';
import { t } from '../base/l10n';
import { SeqSets, seqsOf } from './seqSets';

/** A group found by a rule, before it is scored. */
export interface RawGroup {
  rule: 'category' | 'ci' | 'text' | 'burst' | 'shared';
  key: string;
  /** What the group has in common, for people: `Outage`, `VPN-RTR-01`, `SaaS Platform / Outage`. */
  label: string;
  members: IncidentFacts[];
  /**
   * Extra facts for the evidence, in English (they go into drafted records) and in the current
   * language, for the screen. Written when asked: most groups are never shown.
   */
  notes?: () => GroupNotes;
  sharedTerms?: string[];
  /** The label in English, when `label` is in the current language: for drafted records. */
  englishLabel?: string;
  /** The few words most of its incidents share, for its label (text clusters). */
  labelTerms?: string[];
  representative?: IncidentFacts;
  /** For a refinement (`structure.ts`): the key of the group it was found in. */
  refines?: string;
  /** `seqsOf(members)`, when the rule has made it already (merging needs it for every group). */
  seqs?: Int32Array;
}

/** A group's facts: `en[i]` in English, `shown[i]` in the current language. */
export interface GroupNotes {
  en: string[];
  shown: string[];
}

/** One line of the seed's "Identify Problems" table. */
export interface CategoryRow {
  category: string;
  count: number;
  repeated: boolean;
  /** How many of the `count` tickets are service requests. */
  serviceRequests: number;
}

/** Groups by a key compared without case or surrounding space; the label is the most used spelling. */
export function groupBy(items: readonly IncidentFacts[], keyOf: (i: IncidentFacts) => string | undefined): Map<string, { label: string; members: IncidentFacts[] }> {
  const groups = new Map<string, { spellings: { raw: string; n: number }[]; members: IncidentFacts[] }>();
  // Each spelling is lowered once: a workspace has few distinct values and many incidents.
  const bySpelling = new Map<string, { raw: string; n: number; members: IncidentFacts[] }>();
  for (const it of items) {
    const raw = keyOf(it);
    if (raw === undefined) continue;
    let s = bySpelling.get(raw);
    if (!s) {
      const k = raw.toLowerCase();
      let g = groups.get(k);
      if (!g) groups.set(k, (g = { spellings: [], members: [] }));
      s = { raw, n: 0, members: g.members };
      g.spellings.push(s);
      bySpelling.set(raw, s);
    }
    s.members.push(it);
    s.n++;
  }
  const out = new Map<string, { label: string; members: IncidentFacts[] }>();
  for (const [k, g] of groups) {
    let label = '';
    let best = -1;
    for (const s of g.spellings) if (s.n > best) [label, best] = [s.raw, s.n];
    out.set(k, { label, members: g.members });
  }
  return out;
}

/**
 * A key of two attributes, `a / b`, undefined when either is missing. Each pair is joined once:
 * a joined string is new on every call, and hashing it again for every incident cost more than
 * the grouping itself (100,000 incidents).
 */
export function pairKey(a: (i: IncidentFacts) => string | undefined, b: (i: IncidentFacts) => string | undefined): (i: IncidentFacts) => string | undefined {
  const joined = new Map<string, Map<string, string>>();
  return (i) => {
    const x = a(i);
    const y = b(i);
    if (!x || !y) return undefined;
    let byB = joined.get(x);
    if (!byB) joined.set(x, (byB = new Map()));
    let k = byB.get(y);
    if (k === undefined) byB.set(y, (k = `${x} / ${y}`));
    return k;
  };
}

/**
 * The seed's table: tickets per category, most first; ties in the order of the config's
 * `categories` list, then alphabetical. A category is repeated from `minCount` tickets.
 */
export function categoryTable(incidents: readonly IncidentFacts[], minCount: number, order: readonly string[] = []): CategoryRow[] {
  const rank = new Map(order.map((c, i) => [c.toLowerCase(), i]));
  const rows = [...groupBy(incidents, (i) => i.category).values()].map((g) => ({
    category: g.label,
    count: g.members.length,
    repeated: g.members.length >= minCount,
    serviceRequests: g.members.filter((m) => m.serviceRequest).length,
  }));
  const r = (c: string) => rank.get(c.toLowerCase()) ?? Number.MAX_SAFE_INTEGER;
  rows.sort((a, b) => b.count - a.count || r(a.category) - r(b.category) || a.category.localeCompare(b.category));
  return rows;
}

/** Rule 1: every category with at least `minCount` incidents. */
export function categoryGroups(incidents: readonly IncidentFacts[], minCount: number): RawGroup[] {
  const out: RawGroup[] = [];
  for (const g of groupBy(incidents, (i) => i.category).values()) {
    if (g.members.length < minCount) continue;
    out.push({ rule: 'category', key: `category:${g.label}`, label: g.label, members: g.members });
  }
  return out;
}

const DAY = 86_400_000;

/**
 * Splits time-sorted incidents into windows of at most `windowMs`, each holding at least
 * `minCount` incidents: from the earliest incident not yet taken, the window takes everything up
 * to `windowMs` later when that is enough, else the start moves on by one incident.
 */
export function timeWindows(sorted: readonly IncidentFacts[], windowMs: number, minCount: number): IncidentFacts[][] {
  const out: IncidentFacts[][] = [];
  let i = 0;
  while (i + minCount <= sorted.length) {
    let j = i;
    const limit = sorted[i].time! + windowMs;
    while (j + 1 < sorted.length && sorted[j + 1].time! <= limit) j++;
    if (j - i + 1 >= minCount) {
      out.push(sorted.slice(i, j + 1));
      i = j + 1;
    } else i++;
  }
  return out;
}

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Rule 2: at least `minCount` incidents on one configuration item, or on one service in one
 * category, within `windowDays`. Incidents without a valid `reported_at` take no part. A service
 * window with exactly the incidents of a CI window is left to the CI one, which names more.
 */
export function ciServiceGroups(incidents: readonly IncidentFacts[], minCount: number, windowDays: number): RawGroup[] {
  const timed = incidents.filter((i) => i.time !== undefined).sort((a, b) => a.seq - b.seq);
  const windowMs = windowDays * DAY;
  const out: RawGroup[] = [];
  const seen = new SeqSets();
  const emit = (kind: 'ci' | 'service', label: string, members: IncidentFacts[][]) => {
    for (const w of members) {
      const seqs = seqsOf(w);
      if (seen.addOrFind(seqs) !== undefined) continue;
      out.push({
        rule: 'ci',
        key: `${kind}:${label}@${day(w[0].time!)}`,
        label,
        members: w,
        seqs,
        notes: () => {
          const span = (w[w.length - 1].time! - w[0].time!) / DAY;
          const within = span < 1 ? 'within a day' : `within ${Math.ceil(span)} days`;
          const what = kind === 'ci' ? `on the configuration item ${label}` : `on the service and category ${label}`;
          const from = day(w[0].time!);
          const to = day(w[w.length - 1].time!);
          const days = Math.ceil(span);
          let shown: string;
          if (kind === 'ci') {
            shown =
              span < 1
                ? t('{0} incidents on the configuration item {1} within a day ({2} to {3}; window {4} days).', w.length, label, from, to, windowDays)
                : t('{0} incidents on the configuration item {1} within {2} days ({3} to {4}; window {5} days).', w.length, label, days, from, to, windowDays);
          } else {
            shown =
              span < 1
                ? t('{0} incidents on the service and category {1} within a day ({2} to {3}; window {4} days).', w.length, label, from, to, windowDays)
                : t('{0} incidents on the service and category {1} within {2} days ({3} to {4}; window {5} days).', w.length, label, days, from, to, windowDays);
          }
          return { en: [`${w.length} incidents ${what} ${within} (${from} to ${to}; window ${windowDays} days).`], shown: [shown] };
        },
      });
    }
  };
  for (const g of groupBy(timed, (i) => i.ci).values()) emit('ci', g.label, timeWindows(g.members, windowMs, minCount));
  const svc = groupBy(timed, pairKey((i) => i.service, (i) => i.category));
  for (const g of svc.values()) emit('service', g.label, timeWindows(g.members, windowMs, minCount));
  return out;
}
