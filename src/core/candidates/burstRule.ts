/**
 * Rule 4: bursts. Incidents that share a value (a location, assignment group, service,
 * configuration item, category, subcategory or symptom) and arrive together far more often than
 * that value's share of all incidents predicts.
 *
 * The method is Kulldorff's space-time permutation scan statistic, on one attribute value at a
 * time. A value with `n` of the workspace's `N` dated incidents expects, in a time window in which
 * `N_W` incidents of any kind were reported, `e = n × N_W / N` of them: its own history sets its
 * share, and the whole workload sets how busy that window was, so a Monday morning or a busy month
 * is not a burst. For every window that starts and ends at one of the value's incidents, holds at
 * least `minCount` of them and is at most `maxHours` long, the observed count `c` is compared with
 * `e` by the log-likelihood ratio
 *
 *     LLR = c ln(c / e) + (n − c) ln((n − c) / (n − e))      (when c > e)
 *
 * among the windows with `c ≥ 3e` (far above the background, `BURST_MIN_RATIO`), and, for each
 * start, the window of highest LLR is kept. Those windows are taken highest LLR
 * first, each unless it overlaps one already taken (overlapping windows of a value are one burst).
 * A window is a burst when the Poisson chance of `c` or more at mean `e`, multiplied by `n` (the
 * windows that could have started; a Bonferroni bound), is at most `significance`.
 *
 * Cost: one pass per value over the incidents within `maxHours` of each start, so linear in the
 * incidents times the incidents a window holds. Incidents without a valid `reported_at` take no part.
 */
import type { IncidentFacts } from './incidents';
import { groupBy, pairKey, type GroupNotes, type RawGroup } from './rules';
import { t } from '../base/l10n';

export interface BurstSettings {
  minCount: number;
  maxHours: number;
  significance: number;
  /** Also scan the pairs of BURST_PAIRS. */
  pairs?: boolean;
}

/** The attributes a burst may share, with the words the evidence names them by. */
export const BURST_ATTRIBUTES: readonly { key: string; name: string; of: (i: IncidentFacts) => string | undefined }[] = [
  { key: 'location', name: 'location', of: (i) => i.location },
  { key: 'group', name: 'assignment group', of: (i) => i.assignmentGroup },
  { key: 'service', name: 'service', of: (i) => i.service },
  { key: 'ci', name: 'configuration item', of: (i) => i.ci },
  { key: 'category', name: 'category', of: (i) => i.category },
  { key: 'subcategory', name: 'subcategory', of: (i) => i.subcategory },
  { key: 'symptom', name: 'symptom', of: (i) => i.symptom },
];

/**
 * Pairs of attributes a burst may share (`burst.pairs`): one place and one team, or one of them
 * and one category. A fault often shows as one location's tickets to one group over some days,
 * which neither value alone makes stand out. `of` makes a key function for one run (`pairKey`
 * joins each pair once).
 */
export const BURST_PAIRS: readonly { key: string; name: string; of: () => (i: IncidentFacts) => string | undefined }[] = [
  { key: 'location-group', name: 'location and assignment group', of: () => pairKey((i) => i.location, (i) => i.assignmentGroup) },
  { key: 'group-category', name: 'assignment group and category', of: () => pairKey((i) => i.assignmentGroup, (i) => i.category) },
  { key: 'location-category', name: 'location and category', of: () => pairKey((i) => i.location, (i) => i.category) },
];

function attributeName(key: string): string {
  switch (key) {
    case 'location':
      return t('location');
    case 'group':
      return t('assignment group');
    case 'service':
      return t('service');
    case 'ci':
      return t('configuration item');
    case 'category':
      return t('category');
    case 'subcategory':
      return t('subcategory');
    case 'location-group':
      return t('location and assignment group');
    case 'group-category':
      return t('assignment group and category');
    case 'location-category':
      return t('location and category');
    default:
      return t('symptom');
  }
}

const HOUR = 3_600_000;

/** A burst is far above its background: at least this many times the incidents expected. */
export const BURST_MIN_RATIO = 3;

/** ln P(X ≥ c) for X ~ Poisson(e), c ≥ 1, e > 0. */
export function logPoissonTail(c: number, e: number): number {
  // Sum the terms from c upwards in log space until they no longer matter.
  let term = c * Math.log(e) - e - logFactorial(c);
  let total = term;
  for (let k = c + 1; k < c + 10_000; k++) {
    term += Math.log(e) - Math.log(k);
    if (term < total - 40) break;
    total = total > term ? total + Math.log1p(Math.exp(term - total)) : term + Math.log1p(Math.exp(total - term));
  }
  return Math.min(0, total);
}

const LOG_FACTORIALS: number[] = [0];
function logFactorial(n: number): number {
  for (let k = LOG_FACTORIALS.length; k <= n; k++) LOG_FACTORIALS.push(LOG_FACTORIALS[k - 1] + Math.log(k));
  return LOG_FACTORIALS[n];
}

/** Kulldorff's log-likelihood ratio of `c` observed against `e` expected, of `n` in all. */
export function burstLlr(c: number, e: number, n: number): number {
  if (c <= e) return 0;
  return c * Math.log(c / e) + (n > c ? (n - c) * Math.log((n - c) / (n - e)) : 0);
}

/** A rate for people: 12, 1.5, 0.6, 0.04, 0.0013. */
export function formatRate(r: number): string {
  if (r >= 10) return String(Math.round(r));
  if (r >= 0.1) return (Math.round(r * 10) / 10).toString();
  if (r <= 0) return '0';
  return Number(r.toPrecision(2)).toString();
}

function formatP(logP: number): string {
  const p = Math.exp(logP);
  return p < 0.001 ? 'p < 0.001' : `p = ${Number(p.toPrecision(1))}`;
}

function iso(ms: number): { date: string; time: string } {
  const s = new Date(ms).toISOString();
  return { date: s.slice(0, 10), time: s.slice(11, 16) };
}

/** A burst window of one value, before it becomes a group. */
interface Window {
  llr: number;
  i: number;
  j: number;
  e: number;
  all: number;
}

/**
 * Rule 4: bursts of incidents sharing an attribute value, as described above. Groups come per
 * value, oldest burst first within a value.
 */
export function burstGroups(incidents: readonly IncidentFacts[], settings: BurstSettings): RawGroup[] {
  const timed = incidents.filter((i) => i.time !== undefined).sort((a, b) => a.seq - b.seq);
  const total = timed.length;
  const minCount = Math.max(2, settings.minCount);
  if (total < minCount) return [];
  // For each incident, the position of the first and one past the last incident at its very time:
  // the incidents of any kind reported within [t_a, t_b] are after[b] − first[a].
  let maxSeq = 0;
  for (const i of timed) if (i.seq > maxSeq) maxSeq = i.seq;
  const pos = new Int32Array(maxSeq + 1); // by seq
  const first = new Int32Array(total);
  const after = new Int32Array(total);
  for (let k = 0; k < total; k++) {
    pos[timed[k].seq] = k;
    first[k] = k > 0 && timed[k - 1].time === timed[k].time ? first[k - 1] : k;
  }
  for (let k = total - 1; k >= 0; k--) after[k] = k + 1 < total && timed[k + 1].time === timed[k].time ? after[k + 1] : k + 1;
  const hours = Math.max(1, (timed[total - 1].time! - timed[0].time!) / HOUR);
  const maxMs = settings.maxHours * HOUR;
  const logAlpha = Math.log(settings.significance);
  const out: RawGroup[] = [];

  const attributes = settings.pairs ? [...BURST_ATTRIBUTES, ...BURST_PAIRS.map((p) => ({ ...p, of: p.of() }))] : BURST_ATTRIBUTES;
  for (const attr of attributes) {
    for (const g of groupBy(timed, attr.of).values()) {
      const m = g.members;
      const n = m.length;
      if (n < minCount) continue;
      const share = n / total;
      // A window holds at least its own c incidents of the value (all ≥ c), so c ≥ 3e = 3 × share
      // × all cannot hold when share > 1/3: a value that common has no burst, and a flood on one
      // value (every incident on one CI) costs nothing here instead of its count times a window's.
      if (BURST_MIN_RATIO * share > 1) continue;
      const starts = new Int32Array(n);
      const ends = new Int32Array(n);
      const times = new Float64Array(n);
      for (let k = 0; k < n; k++) {
        const p = pos[m[k].seq];
        starts[k] = first[p];
        ends[k] = after[p];
        times[k] = m[k].time!;
      }
      const best: Window[] = [];
      const logN = Math.log(n);
      let end = 0; // one past the last incident within maxHours of the start
      for (let i = 0; i + minCount <= n; i++) {
        const limit = times[i] + maxMs;
        if (end < i) end = i;
        while (end < n && times[end] <= limit) end++;
        const cMax = end - i;
        if (cMax < minCount) continue;
        // Every window from this start holds at most cMax incidents of the value against at least
        // eMin expected (its shortest window's): its chance of c or more at e is at least that of
        // cMax or more at eMin. When even that cannot be a burst, no window from here is one.
        if (neverSignificant(cMax, share * (ends[i + minCount - 1] - starts[i]), logN, logAlpha)) continue;
        let topLlr = 0;
        let topJ = -1;
        for (let j = i + minCount - 1; j < end; j++) {
          const all = ends[j] - starts[i];
          const c = j - i + 1;
          const e = share * all;
          if (c < BURST_MIN_RATIO * e) continue;
          const llr = burstLlr(c, e, n);
          if (llr > topLlr) [topLlr, topJ] = [llr, j];
        }
        if (topJ >= 0) {
          const all = ends[topJ] - starts[i];
          const c = topJ - i + 1;
          const e = share * all;
          // Never a burst, and never blocking one (only windows taken do): dropped here rather
          // than sorted and tested.
          if (neverSignificant(c, e, logN, logAlpha)) continue;
          best.push({ llr: topLlr, i, j: topJ, e, all });
        }
      }
      best.sort((x, y) => y.llr - x.llr || x.i - y.i);
      const taken: Window[] = [];
      for (const w of best) {
        if (taken.some((o) => w.i <= o.j && o.i <= w.j)) continue;
        if (logP(w, n) > logAlpha) continue;
        taken.push(w);
      }
      taken.sort((x, y) => x.i - y.i);
      for (const w of taken) out.push(toGroup(attr.key, attr.name, g.label, m.slice(w.i, w.j + 1), w, n / hours, share, logP(w, n)));
    }
  }
  return out;
}

/**
 * True when a window of `c` incidents against `e` expected, among `n` windows (`logN` = ln n),
 * surely fails the significance test of `logP`: the chance of c or more is at least that of
 * exactly c, and already that, times n, is above the level. Exact pruning, without the tail sum.
 */
function neverSignificant(c: number, e: number, logN: number, logAlpha: number): boolean {
  return c * Math.log(e) - e - logFactorial(c) + logN > logAlpha + 1e-9;
}

/** ln of the window's Poisson chance, times the `n` windows that could have started (Bonferroni). */
function logP(w: Window, n: number): number {
  return logPoissonTail(w.j - w.i + 1, w.e) + Math.log(n);
}

function toGroup(key: string, name: string, label: string, members: IncidentFacts[], w: Window, perHour: number, share: number, lp: number): RawGroup {
  const c = members.length;
  const from = iso(members[0].time!);
  const notes = (): GroupNotes => {
    const to = iso(members[c - 1].time!);
    const sameDay = from.date === to.date;
    const usual = formatRate(perHour);
    const pct = formatRate(share * 100);
    const expected = formatRate(w.e);
    const p = formatP(lp);
    const line1 = sameDay
      ? `${c} incidents with the ${name} ${label} between ${from.time} and ${to.time} on ${from.date} (UTC), against ${usual} an hour usually.`
      : `${c} incidents with the ${name} ${label} between ${from.date} ${from.time} and ${to.date} ${to.time} (UTC), against ${usual} an hour usually.`;
    const shown1 = sameDay
      ? t('{0} incidents with the {1} {2} between {3} and {4} on {5} (UTC), against {6} an hour usually.', c, attributeName(key), label, from.time, to.time, from.date, usual)
      : t('{0} incidents with the {1} {2} between {3} {4} and {5} {6} (UTC), against {7} an hour usually.', c, attributeName(key), label, from.date, from.time, to.date, to.time, usual);
    const line2 = `It has ${pct}% of all incidents, so ${expected} of the ${w.all} reported in that window were expected (${p}).`;
    const shown2 = t('It has {0}% of all incidents, so {1} of the {2} reported in that window were expected ({3}).', pct, expected, w.all, p);
    return { en: [line1, line2], shown: [shown1, shown2] };
  };
  return {
    rule: 'burst',
    key: `burst:${key}=${label}@${from.date}T${from.time}`,
    label,
    members,
    notes,
  };
}
