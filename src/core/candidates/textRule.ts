/**
 * Rule 3: clusters of incidents whose texts say the same thing.
 */
import type { DetectionSettings } from '../records/config';
import { bySeq, restatesAttributes, type IncidentFacts } from './incidents';
import type { RawGroup } from './rules';
import { cluster, duplicateGroups, similarPairsSteps, type SearchStats } from './similarity';
import { vectorizeSteps, type VectorOptions, type VectorSet } from './vectors';

/** Characters of the body read: the start of a ticket says what it is about. */
export const BODY_CHARS = 1000;
/** Up to this many distinct texts, `auto` linkage is `star`; beyond, `leader`. */
export const AUTO_STAR_LIMIT = 20_000;

/**
 * Star and single linkage: a text similar to this many earlier ones is not indexed
 * (`SearchOptions.maxNeighbours`), which bounds the work on a flood of near-identical tickets to
 * a small multiple of this many exact comparisons per text (20,000 near-identical: about 175). No text of the real datasets in the benchmark has
 * more than 121 similar earlier texts (UCI; BPIC 73, Tobi Bueck 47), so their results are exact.
 */
export const NEIGHBOUR_CAP = 128;

/** Weight of a word pair relative to a single term. */
export const PAIR_WEIGHT = 0.5;

/** Weight factor of words no other incident uses (see `VectorOptions.singletonWeight`). */
export const SINGLETON_WEIGHT = 0.3;

export function vectorOptions(settings: DetectionSettings['text']): VectorOptions {
  return { weights: settings.weights, pairWeight: PAIR_WEIGHT, bodyChars: BODY_CHARS, singletonWeight: SINGLETON_WEIGHT };
}

export interface TextRuleStats extends SearchStats {
  /** The linkage used (`auto` resolved). */
  linkage?: string;
  /** Incidents with text, and the distinct texts among them. */
  documents: number;
  distinct: number;
  pairs: number;
}

/**
 * The terms most of a cluster's members share, most telling first, for the evidence; and up to
 * three of those most members have, for the label. Words nearly every text of the workspace has
 * (a template's "Category", "Subcategory") name nothing, and a number alone ("223") names nothing
 * without the word before it. `counts` is zero on entry and left so.
 */
function sharedTerms(v: VectorSet, members: readonly number[], counts: Int32Array): { shared: string[]; label: string[] } {
  const seen: number[] = [];
  for (const d of members) {
    for (let i = v.offsets[d]; i < v.offsets[d + 1]; i++) {
      const f = v.features[i];
      if (v.termOf[f] === undefined) continue;
      if (counts[f]++ === 0) seen.push(f);
    }
  }
  const need = Math.max(2, Math.ceil(members.length / 2));
  const common: { f: number; n: number; score: number }[] = [];
  for (const f of seen) {
    const n = counts[f];
    counts[f] = 0;
    if (n >= need) common.push({ f, n, score: n * Math.log(1 + v.count / v.df[f]) });
  }
  const surface = (f: number) => v.surfaces[f].join('/') || String(v.termOf[f]);
  const shared = common.sort((a, b) => b.score - a.score || a.f - b.f).slice(0, 8).map(({ f }) => surface(f));
  const label = common
    .filter(({ f }) => v.df[f] <= v.count / 2)
    .sort((a, b) => b.n - a.n || b.score - a.score || a.f - b.f)
    .slice(0, 6)
    .map(({ f }) => surface(f).split('/')[0])
    .filter((term) => !/^\d+$/.test(term))
    .slice(0, 3);
  return { shared, label };
}

/** The clusters of similar incident texts with at least `minCount` incidents. Yields progress in [0, 1]. */
export function* textGroupsSteps(incidents: readonly IncidentFacts[], settings: DetectionSettings['text'], stats?: TextRuleStats): Generator<number, RawGroup[]> {
  // A title that only restates the incident's attributes is left to the rules that read them.
  const withoutTitle = new Uint8Array(incidents.length);
  const lowered = new Map<string, string>();
  for (let d = 0; d < incidents.length; d++) if (restatesAttributes(incidents[d], lowered)) withoutTitle[d] = 1;
  const vecIt = vectorizeSteps(incidents, vectorOptions(settings), withoutTitle);
  let v: VectorSet;
  for (;;) {
    const r = vecIt.next();
    if (r.done) {
      v = r.value;
      break;
    }
    yield (0.6 * r.value) / Math.max(1, incidents.length);
  }
  const rep = duplicateGroups(v);
  const weight = new Int32Array(v.count);
  const distinct: number[] = [];
  for (let d = 0; d < v.count; d++) {
    if (rep[d] < 0) continue;
    weight[rep[d]]++;
    if (rep[d] === d) distinct.push(d);
  }
  const search: SearchStats = { searched: 0, verified: 0, postings: 0 };
  // Oldest first: in leader mode the first report of a fault leads its cluster.
  distinct.sort((a, b) => byTimeThenId(incidents[a], incidents[b]));
  const linkage = settings.linkage === 'auto' ? (distinct.length <= AUTO_STAR_LIMIT ? 'star' : 'leader') : settings.linkage;
  const pairIt = similarPairsSteps(v, distinct, settings.threshold, { stats: search, leaders: linkage === 'leader', maxNeighbours: NEIGHBOUR_CAP });
  let pairs;
  for (;;) {
    const r = pairIt.next();
    if (r.done) {
      pairs = r.value;
      break;
    }
    yield 0.6 + (0.35 * r.value) / Math.max(1, distinct.length);
  }
  const dupes = new Map<number, number[]>();
  for (let d = 0; d < v.count; d++) {
    if (rep[d] >= 0 && rep[d] !== d) {
      const list = dupes.get(rep[d]);
      if (list) list.push(d);
      else dupes.set(rep[d], [d]);
    }
  }
  const out: RawGroup[] = [];
  const counts = new Int32Array(v.featureCount);
  for (const c of cluster(v.count, pairs, linkage, weight)) {
    const all: number[] = [];
    for (const m of c.members) {
      all.push(m);
      const same = dupes.get(m);
      if (same) for (const d of same) all.push(d);
    }
    if (all.length < settings.minCount) continue;
    const members = all.map((d) => incidents[d]);
    let first = members[0];
    for (const m of members) if (byTimeThenId(m, first) < 0) first = m;
    const repr = incidents[c.representative];
    const terms = sharedTerms(v, all, counts);
    out.push({
      rule: 'text',
      key: `text:${first.id}`,
      label: repr.title,
      members,
      sharedTerms: terms.shared,
      labelTerms: terms.label,
      representative: repr,
    });
  }
  if (stats) Object.assign(stats, search, { linkage, documents: distinct.length === 0 ? 0 : [...weight].reduce((a, b) => a + b, 0), distinct: distinct.length, pairs: pairs.length });
  return out;
}

/** Oldest first: by `reported_at`, then id. */
export const byTimeThenId = bySeq;
