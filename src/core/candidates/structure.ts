/**
 * How the rules' groups become a list a manager reads:
 *
 * - **Refinements**: inside a group, the incidents that also share a facet (a closure code, an
 *   impact, the CI that caused them…) far more often than all incidents do. Each is weighed by how
 *   much it says: its size times the log of its lift (its share in the group over its share of all
 *   incidents: a likelihood ratio), so a value a quarter of all incidents hold says little and a
 *   rare value five of them share says a lot. The best few become candidates shown under the group.
 * - **Merging**: groups that hold nearly the same incidents (Jaccard at least `mergeOverlap`) are
 *   one candidate, holding the incidents of both.
 * - **Nesting**: a candidate whose incidents lie (nearly) all inside a larger one is shown under it.
 * - **Context**: a whole category that holds a large share of the incidents, or whose incidents
 *   already belong to several problems, is a reporting bucket, not a fault: it is set apart.
 * - **Specificity**: the score's factor for how much of the workload a candidate holds.
 */
import type { IncidentFacts } from './incidents';
import type { RawGroup } from './rules';
import { SeqSets, seqsOf } from './seqSets';
import { t } from '../base/l10n';

/** The facets a group may be refined by: fields that describe a fault, never an id, a date or the answer. */
export const FACETS: readonly { path: string; name: string }[] = [
  { path: 'service', name: 'service' },
  { path: 'configuration_item', name: 'configuration item' },
  { path: 'category', name: 'category' },
  { path: 'subcategory', name: 'subcategory' },
  { path: 'assignment_group', name: 'assignment group' },
  { path: 'location', name: 'location' },
  { path: 'symptom', name: 'symptom' },
  { path: 'impact', name: 'impact' },
  { path: 'urgency', name: 'urgency' },
  { path: 'channel', name: 'channel' },
  { path: 'source.location', name: 'location' },
  { path: 'source.symptom', name: 'symptom' },
  { path: 'source.closure_code', name: 'closure code' },
  { path: 'source.closed_code', name: 'closure code' },
  { path: 'source.caused_by_ci', name: 'configuration item that caused it' },
  { path: 'source.caused_by_ci_type', name: 'type of the configuration item that caused it' },
  { path: 'source.caused_by_service', name: 'service that caused it' },
  { path: 'source.caused_by', name: 'cause' },
  { path: 'source.related_change', name: 'related change' },
  { path: 'source.rfc', name: 'related change' },
  { path: 'source.vendor', name: 'vendor' },
];

/** A facet's name in the current language. */
export function facetName(name: string): string {
  switch (name) {
    case 'service':
      return t('service');
    case 'configuration item':
      return t('configuration item');
    case 'category':
      return t('category');
    case 'subcategory':
      return t('subcategory');
    case 'assignment group':
      return t('assignment group');
    case 'location':
      return t('location');
    case 'symptom':
      return t('symptom');
    case 'impact':
      return t('impact');
    case 'urgency':
      return t('urgency');
    case 'channel':
      return t('channel');
    case 'closure code':
      return t('closure code');
    case 'configuration item that caused it':
      return t('configuration item that caused it');
    case 'type of the configuration item that caused it':
      return t('type of the configuration item that caused it');
    case 'service that caused it':
      return t('service that caused it');
    case 'cause':
      return t('cause');
    case 'related change':
      return t('related change');
    default:
      return t('vendor');
  }
}

const FACET_PATHS = FACETS.map((f) => f.path.split('.'));

/** One facet's values over a set of incidents, coded as small integers (by `seq`), with their counts. */
interface CodedFacet {
  /** The code of each incident's value by its `seq`, or -1 without one. */
  codes: Int32Array;
  values: string[];
  /** How many of the incidents hold each value. */
  counts: number[];
}

/**
 * Every facet of `all`, coded once. A facet nearly every incident has a different value of (an id
 * in disguise), or one value only, says nothing and is left out (undefined). `within`: incidents
 * that hold all of `all` (the detection's kept incidents, of which the rules' sets are parts):
 * they are coded once, and each part only counts its own values.
 */
function codeFacets(all: readonly IncidentFacts[], within: readonly IncidentFacts[] = all): (CodedFacet | undefined)[] {
  const known = CODED.get(all);
  if (known) return known;
  let whole = WHOLE.get(within);
  if (!whole) WHOLE.set(within, (whole = codeFacetsOf(within)));
  const coded = whole.map((f) => {
    const counts = all === within ? f.counts : countsIn(f.codes, f.values.length, all);
    let distinct = 0;
    for (const n of counts) if (n > 0) distinct++;
    return distinct >= 2 && distinct <= all.length / 3 ? { codes: f.codes, values: f.values, counts } : undefined;
  });
  CODED.set(all, coded);
  return coded;
}

/** The coded facets of each set of incidents a detection refines within. */
const CODED = new WeakMap<readonly IncidentFacts[], (CodedFacet | undefined)[]>();
/** The codes of every facet of the incidents the sets are parts of, before any is left out. */
const WHOLE = new WeakMap<readonly IncidentFacts[], CodedFacet[]>();

/** How many of `part` hold each value code. */
function countsIn(codes: Int32Array, size: number, part: readonly IncidentFacts[]): number[] {
  const counts = new Array<number>(size).fill(0);
  for (const i of part) {
    const c = codes[i.seq];
    if (c >= 0) counts[c]++;
  }
  return counts;
}

/** The codes of a facet no incident has: any incident's code reads as none (undefined, not ≥ 0). */
const NO_CODES = new Int32Array(0);

function codeFacetsOf(all: readonly IncidentFacts[]): CodedFacet[] {
  let maxSeq = 0;
  for (const i of all) if (i.seq > maxSeq) maxSeq = i.seq;
  // A facet's codes are made at its first value: most workspaces fill a few of the facets.
  const coded = FACETS.map(() => ({ codes: NO_CODES, byValue: new Map<string, number>(), values: [] as string[], counts: [] as number[] }));
  // One pass over the incidents, each record's value and its `source` read once.
  for (const i of all) {
    const value = i.value;
    if (!value) continue;
    const source = value.source;
    const inSource = typeof source === 'object' && source !== null && !Array.isArray(source) ? (source as Record<string, unknown>) : undefined;
    for (let fi = 0; fi < FACET_PATHS.length; fi++) {
      const path = FACET_PATHS[fi];
      const v = facetText(path.length === 1 ? value[path[0]] : path[0] === 'source' && inSource ? inSource[path[1]] : undefined);
      if (v === undefined) continue;
      const f = coded[fi];
      if (f.codes === NO_CODES) f.codes = new Int32Array(maxSeq + 1).fill(-1);
      let c = f.byValue.get(v);
      if (c === undefined) {
        c = f.values.length;
        f.byValue.set(v, c);
        f.values.push(v);
        f.counts.push(0);
      }
      f.codes[i.seq] = c;
      f.counts[c]++;
    }
  }
  return coded.map(({ codes, values, counts }) => ({ codes, values, counts }));
}

/** A facet's value as text: a number or a yes/no as written, a short string trimmed; else undefined. */
function facetText(v: unknown): string | undefined {
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  return s && s.length <= 80 ? s : undefined;
}


export interface RefineSettings {
  enabled: boolean;
  /** Refinements kept under one group at most. */
  maxPerCandidate: number;
  /** How many times more often than among all incidents a value must occur in the group. */
  minLift: number;
}

/** A refinement holds at most this share of its group: a larger one is the group again. */
export const REFINE_MAX_SHARE = 0.75;

/**
 * The refinements of every group with at least twice `minCount` incidents. `all` are the
 * incidents the group was found among: the background the lift is measured against.
 */
export function refineGroups(groups: readonly RawGroup[], all: readonly IncidentFacts[], minCount: number, settings: RefineSettings, within?: readonly IncidentFacts[]): RawGroup[] {
  if (!settings.enabled || settings.maxPerCandidate <= 0) return [];
  const parents = groups.filter((g) => g.members.length >= 2 * minCount);
  if (parents.length === 0) return [];
  const coded = codeFacets(all, within);
  const total = all.length;
  const out: RawGroup[] = [];
  // One tally per value code, reused for every group and facet: counting costs no strings.
  const tally = new Int32Array(Math.max(1, ...coded.map((f) => (f ? f.values.length : 0))));
  for (const g of parents) {
    const found: { weight: number; members: IncidentFacts[]; facet: (typeof FACETS)[number]; value: string; lift: number; allShare: number }[] = [];
    for (let fi = 0; fi < FACETS.length; fi++) {
      const f = coded[fi];
      if (!f) continue;
      // Count first; only the values that pass collect their incidents (most values pass nothing),
      // all of them in one more pass: `tally` then holds the place of each passing value's list, + 1.
      const touched: number[] = [];
      for (const m of g.members) {
        const c = f.codes[m.seq];
        if (c >= 0 && tally[c]++ === 0) touched.push(c);
      }
      const lists: IncidentFacts[][] = [];
      for (const c of touched) {
        const k = tally[c];
        tally[c] = 0;
        if (k < minCount || k > REFINE_MAX_SHARE * g.members.length) continue;
        const allShare = f.counts[c] / total;
        const lift = k / g.members.length / allShare;
        if (!(lift >= settings.minLift)) continue;
        const members: IncidentFacts[] = [];
        lists.push(members);
        tally[c] = lists.length;
        found.push({ weight: k * Math.log(lift), members, facet: FACETS[fi], value: f.values[c], lift, allShare });
      }
      if (lists.length === 0) continue;
      for (const m of g.members) {
        const c = f.codes[m.seq];
        if (c >= 0 && tally[c] > 0) lists[tally[c] - 1].push(m);
      }
      for (const c of touched) tally[c] = 0;
    }
    found.sort((a, b) => b.weight - a.weight || b.members.length - a.members.length || a.facet.path.localeCompare(b.facet.path) || a.value.localeCompare(b.value));
    // The same incidents found through two facets are one refinement.
    const seen = new SeqSets();
    let kept = 0;
    for (const r of found) {
      const seqs = seqsOf(r.members);
      if (seen.addOrFind(seqs) !== undefined) continue;
      out.push({
        rule: g.rule,
        key: `${g.key}|${r.facet.path}=${r.value}`,
        label: `${g.label} · ${r.facet.name} ${r.value}`,
        members: r.members,
        seqs,
        notes: () => {
          const k = r.members.length;
          const here = Math.round((100 * k) / g.members.length);
          const there = Math.max(1, Math.round(100 * r.allShare));
          const times = r.lift >= 10 ? Math.round(r.lift) : Math.round(r.lift * 10) / 10;
          return {
            en: [`${k} of the ${g.members.length} incidents of ${g.label} share the ${r.facet.name} ${r.value}: ${here} % of them, against ${there} % of all incidents (${times} times as often).`],
            shown: [t('{0} of the {1} incidents of {2} share the {3} {4}: {5} % of them, against {6} % of all incidents ({7} times as often).', k, g.members.length, g.label, facetName(r.facet.name), r.value, here, there, times)],
          };
        },
        refines: g.key,
      });
      if (++kept >= settings.maxPerCandidate) break;
    }
  }
  return out;
}

/**
 * Groups that hold the same incidents, or nearly (Jaccard at least `overlap`), as lists of groups:
 * each list becomes one candidate. Exact repeats always join; `overlap` above 1 joins only those.
 */
export function mergeGroups(groups: readonly RawGroup[], overlap: number): RawGroup[][] {
  const parent = groups.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const join = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  // Each group's incidents as sorted, distinct sequence numbers.
  const sets = groups.map((g) => (g.seqs ??= seqsOf(g.members)));
  const exact = new SeqSets();
  groups.forEach((_, i) => {
    const j = exact.addOrFind(sets[i], i);
    if (j !== undefined) join(i, j);
  });
  if (overlap <= 1) {
    // Pairs that share an incident, through an index from incident to groups (compressed rows),
    // their shared incidents counted in one array reset after each group.
    let maxSeq = -1;
    for (const a of sets) for (const x of a) if (x > maxSeq) maxSeq = x;
    const start = new Int32Array(maxSeq + 2);
    for (const a of sets) for (const x of a) start[x + 1]++;
    for (let x = 0; x <= maxSeq; x++) start[x + 1] += start[x];
    const fill = start.slice(0, maxSeq + 1);
    const holders = new Int32Array(start[maxSeq + 1]);
    sets.forEach((a, i) => {
      for (const x of a) holders[fill[x]++] = i;
    });
    const shared = new Int32Array(groups.length);
    const touched = new Int32Array(groups.length);
    for (let i = 0; i < groups.length; i++) {
      let nt = 0;
      for (const x of sets[i]) {
        for (let h = start[x]; h < start[x + 1]; h++) {
          const j = holders[h];
          if (j > i && shared[j]++ === 0) touched[nt++] = j;
        }
      }
      for (let k = 0; k < nt; k++) {
        const j = touched[k];
        const n = shared[j];
        shared[j] = 0;
        if (n / (sets[i].length + sets[j].length - n) >= overlap) join(i, j);
      }
    }
  }
  const lists = new Map<number, RawGroup[]>();
  groups.forEach((g, i) => {
    const r = find(i);
    const list = lists.get(r);
    if (list) list.push(g);
    else lists.set(r, [g]);
  });
  return [...lists.values()];
}

/**
 * How much a candidate's size says, from 1 (the fewest incidents a candidate can hold) down to 0
 * (all of them): ln(N / n) / ln(N / minCount), never below 0.05. A group holding a quarter of all
 * incidents is a topic more than a fault.
 */
export function specificity(n: number, total: number, minCount: number): number {
  if (total <= minCount || n <= minCount) return 1;
  return Math.max(0.05, Math.min(1, Math.log(total / n) / Math.log(total / minCount)));
}

/** The members' counts per day, week or month (whichever gives at most 26 bins), oldest first. */
export interface Trend {
  unit: 'day' | 'week' | 'month';
  /** The first bin's start (YYYY-MM-DD; a week starts on Monday). */
  from: string;
  counts: number[];
}

const DAY = 86_400_000;

export function trendOf(times: readonly number[]): Trend | undefined {
  if (times.length === 0) return undefined;
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of times) {
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  const dayStart = (x: number) => Math.floor(x / DAY) * DAY;
  const days = Math.round((dayStart(hi) - dayStart(lo)) / DAY) + 1;
  if (days <= 26) {
    const counts = new Array<number>(days).fill(0);
    for (const x of times) counts[Math.round((dayStart(x) - dayStart(lo)) / DAY)]++;
    return { unit: 'day', from: new Date(dayStart(lo)).toISOString().slice(0, 10), counts };
  }
  const monday = (x: number) => {
    const d = dayStart(x);
    return d - ((new Date(d).getUTCDay() + 6) % 7) * DAY;
  };
  const weeks = Math.round((monday(hi) - monday(lo)) / (7 * DAY)) + 1;
  if (weeks <= 26) {
    const counts = new Array<number>(weeks).fill(0);
    for (const x of times) counts[Math.round((monday(x) - monday(lo)) / (7 * DAY))]++;
    return { unit: 'week', from: new Date(monday(lo)).toISOString().slice(0, 10), counts };
  }
  const month = (x: number) => {
    const d = new Date(x);
    return d.getUTCFullYear() * 12 + d.getUTCMonth();
  };
  const m0 = month(lo);
  const counts = new Array<number>(month(hi) - m0 + 1).fill(0);
  for (const x of times) counts[month(x) - m0]++;
  const first = new Date(Date.UTC(Math.floor(m0 / 12), m0 % 12, 1));
  return { unit: 'month', from: first.toISOString().slice(0, 10), counts };
}

/** The trend drawn in eight block characters, for a line of text. */
export function sparkline(trend: Trend | undefined, width = 26): string {
  if (!trend || trend.counts.length === 0) return '';
  const bars = '▁▂▃▄▅▆▇█';
  let counts = trend.counts;
  if (counts.length > width) {
    const per = Math.ceil(counts.length / width);
    const folded: number[] = [];
    for (let i = 0; i < counts.length; i += per) folded.push(counts.slice(i, i + per).reduce((a, b) => a + b, 0));
    counts = folded;
  }
  const max = Math.max(...counts);
  return counts.map((c) => (c === 0 ? ' ' : bars[Math.min(7, Math.floor((c / max) * 7.999))])).join('');
}
