/**
 * Problem-candidate detection: runs the rules over a workspace's incidents, merges what several
 * rules found alike, scores and ranks the candidates, and says what covers or hides them.
 *
 * Which incidents take part (the defaults, each a setting under `detection` in kedb.config.yaml):
 * - service requests are left out of the CI/service and text rules; the category rule and its
 *   table count them, as the seed's table counts every ticket logged in a category (its Inquiry
 *   and Request rows are all requests);
 * - resolved and closed incidents are kept: history is where repeats show;
 * - incidents already linked to a problem take part, and a candidate says which problems cover
 *   which of its incidents. A candidate is shown as covered, not as a new candidate, when all its
 *   incidents belong to problems or more than half of them to one problem (then it is that
 *   problem recurring, and its unlinked incidents are named as likely to belong to it).
 *
 * The score ranks frequency, severity and recency:
 *
 *     score = rule × size × severity × recency × specificity
 *
 * - `size`: log2(1 + n) for the candidate's `n` incidents, so that each further incident counts a
 *   little less and a topic of thousands cannot bury a fault of twelve; `n` itself when the
 *   category rule runs alone (the seed's method ranks categories by their counts);
 * - `specificity`: how little of the workload it holds (`structure.ts`), 1 for the category rule alone;
 * - `severity`: from its highest priority, P1 1.0, P2 0.8, P3 0.6, P4 0.4, P5 (or none) 0.2;
 * - `recency`: 0.5 + 0.5 × 2^(−age / half-life), where `age` is the days from its newest incident
 *   to the newest incident of the workspace (so an old export ranks as it did then), half-life 30
 *   days by default; 1 when the incidents have no dates;
 * - `rule`: how specific the evidence is: 1 for a configuration item or service window, for
 *   similar text and for a burst (`burstRule.ts`), 0.5 for a whole category (a category is a reporting bucket, not a fault);
 *   +0.25 for each further rule that found the very same incidents.
 *
 * Candidates found only by the category rule rank after the others (see `byRank`).
 */
import type { DetectionSettings } from '../records/config';
import type { RecordEntry } from '../records/entry';
import { dismissalFor, type Dismissal } from './dismissals';
import { incidentFacts, type IncidentFacts } from './incidents';
import { burstGroups } from './burstRule';
import { categoryGroups, categoryTable, ciServiceGroups, type CategoryRow, type RawGroup } from './rules';
import { byTimeThenId, textGroupsSteps, type TextRuleStats } from './textRule';
import { mergeGroups, refineGroups, specificity, trendOf, type Trend } from './structure';
import { sharedGroups } from './sharedRule';
import { inCurrentLanguage, t } from '../base/l10n';

export type RuleId = 'category' | 'ci' | 'text' | 'burst' | 'shared';
export const RULE_IDS: readonly RuleId[] = ['category', 'ci', 'text', 'burst', 'shared'];

/** The `detection.method` of a problem record created from each rule. */
export const RULE_METHOD: Record<RuleId, 'repeated-category' | 'same-ci-or-service' | 'similar-text' | 'trend' | 'shared-attributes'> = {
  category: 'repeated-category',
  ci: 'same-ci-or-service',
  text: 'similar-text',
  burst: 'trend',
  shared: 'shared-attributes',
};

export const RULE_NAMES: Record<RuleId, string> = {
  category: 'same category',
  ci: 'same CI or service',
  text: 'similar text',
  burst: 'burst',
  shared: 'shared profile',
};

/** A rule's name in the current language (`RULE_NAMES` stays English: it goes into drafted records). */
export function ruleName(rule: RuleId): string {
  return rule === 'category' ? t('same category') : rule === 'ci' ? t('same CI or service') : rule === 'burst' ? t('burst') : rule === 'shared' ? t('shared profile') : t('similar text');
}

export const RULE_WEIGHT: Record<RuleId, number> = { category: 0.5, ci: 1, text: 1, burst: 1, shared: 1 };
export const AGREEMENT_BONUS = 0.25;
export const SEVERITY: Record<number, number> = { 1: 1, 2: 0.8, 3: 0.6, 4: 0.4, 5: 0.2, 6: 0.2 };

/** One incident of a candidate, as a list shows it. */
export interface CandidateIncident {
  id: string;
  file: string;
  ordinal: number;
  title: string;
  reportedAt?: string;
  priority?: string;
  category?: string;
  /** The problem this incident already belongs to. */
  problem?: string;
  serviceRequest: boolean;
}

export interface Candidate {
  /** Stable key, for dismissals: `category:Outage`, `ci:VPN-RTR-01@2025-09-21`, `text:INC-0007`. */
  key: string;
  /** Keys of every rule that found the same incidents (the first is `key`). */
  keys: string[];
  /** The rules that found it, the most specific first. */
  rules: RuleId[];
  /** What its incidents share, for a list: a category, a CI, a service and category, or a title. */
  label: string;
  /** Incident ids, oldest first. */
  incidents: string[];
  items: CandidateIncident[];
  count: number;
  firstReportedAt?: string;
  lastReportedAt?: string;
  /** Days between the first and the last incident. */
  spanDays?: number;
  cis: string[];
  services: string[];
  categories: string[];
  /** The highest priority among its incidents (P1 highest). */
  highestPriority?: string;
  score: number;
  scoreParts: { rule: number; n: number; size: number; severity: number; recency: number; specificity: number };
  /** Its incidents per day, week or month, oldest first (none without dates). */
  trend?: Trend;
  /** The share of the incidents it was found among that it holds, in percent. */
  sharePct?: number;
  /** For a refinement: the key of the candidate it was found in. */
  refines?: string;
  /** Candidates whose incidents lie (nearly) all inside this one, shown under it, ranked. */
  children: Candidate[];
  /**
   * `new`: no incident belongs to a problem; `partial`: some do; `covered`: all do, or more than
   * half belong to one problem.
   */
  status: 'new' | 'partial' | 'covered';
  /** Problems its incidents already belong to. */
  problems: string[];
  /** Incidents that belong to no problem yet: what Create Problem Record links. */
  open: string[];
  /** Facts a person can check, one per line. */
  evidence: string[];
  /** For text clusters: the words the incidents share, and the incident most like the others. */
  sharedTerms?: string[];
  representative?: string;
  /** When the candidate was dismissed (and so is hidden). */
  dismissed?: Dismissal;
}

export interface DetectionStats {
  incidents: number;
  serviceRequestsLeftOut: number;
  closedLeftOut: number;
  /** Incidents without a valid reported_at, left out of the CI/service rule. */
  undated: number;
  text?: TextRuleStats;
  /** Milliseconds per phase. */
  ms: Record<string, number>;
}

export interface DetectionResult {
  /** New and partly covered candidates, highest score first (those inside another are its `children`). */
  candidates: Candidate[];
  /**
   * Whole categories that hold a large share of the incidents or already span several problems:
   * reporting buckets, shown apart as context, not ranked among the candidates.
   */
  context: Candidate[];
  /** Candidates whose incidents all belong to problems already. */
  covered: Candidate[];
  /** Dismissed candidates (hidden unless asked for). */
  dismissed: Candidate[];
  /** The seed's table: incidents per category, repeated or not, most first. */
  categories: CategoryRow[];
  /** The newest incident's time: recency is measured back from it. */
  reference?: string;
  stats: DetectionStats;
}

export interface DetectOptions {
  /** The rules to run; default: those the settings enable. */
  rules?: readonly RuleId[];
  dismissals?: readonly Dismissal[];
  /** The config's category list: the table's order among equal counts. */
  categoryOrder?: readonly string[];
  /** `incidentFacts(records)`, when the caller has it already (read, never changed). */
  facts?: readonly IncidentFacts[];
}

export interface DetectProgress {
  phase: 'rules' | 'text' | 'ranking';
  /** 0 to 1 over the whole run. */
  fraction: number;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** The `reportedAt` of the last incident reported at `time` (incidents in time order). */
function lastAt(members: readonly IncidentFacts[], time: number | undefined): string | undefined {
  for (let k = members.length - 1; k >= 0; k--) if (members[k].time === time) return members[k].reportedAt;
  return undefined;
}

function mostCommon(values: (string | undefined)[]): string | undefined {
  const counts = new Map<string, number>();
  let best: string | undefined;
  for (const v of values) {
    if (!v) continue;
    const n = (counts.get(v) ?? 0) + 1;
    counts.set(v, n);
    if (best === undefined || n > counts.get(best)!) best = v;
  }
  return best;
}

const DAY = 86_400_000;

function plural(n: number, one: string, many = one + 's'): string {
  return `${n} ${n === 1 ? one : many}`;
}

function quote(s: string, max = 90): string {
  return `“${s.length > max ? s.slice(0, max - 1).trimEnd() + '…' : s}”`;
}

/**
 * What the detector keeps of each candidate beside its public fields: what its lists and evidence
 * are written from, when first read. One object per candidate, without closures: a large
 * workspace has tens of thousands of candidates, nested ones included.
 */
class Behind {
  /** Its incidents by their sequence numbers, for nesting. */
  seqs: Int32Array = EMPTY_SEQS;
  /** Its label in English when `label` is in the current language, for drafted records. */
  englishLabel: string | undefined = undefined;
  groups: readonly RawGroup[] = [];
  members: readonly IncidentFacts[] = [];
  settings!: DetectionSettings;
  /** Messages in the language current when it was found. */
  inLanguage!: <T>(fn: () => T) => T;
  n = 0;
  first: number | undefined = undefined;
  last: number | undefined = undefined;
  highestRank = 6;
  serviceRequests = 0;
  openCount = 0;
  problems: string[] = [];
  perProblem: number[] = [];
  most = 0;
  status: Candidate['status'] = 'new';
  private lists: { [K in LazyKey]?: Candidate[K] } = {};
  private explained: { evidence: string[]; shown: string[] } | undefined = undefined;
  private trendValue: Trend | undefined | null = null;

  /** All its incidents are service requests: a repeated request, ranked after every fault. */
  get requestsOnly(): boolean {
    return this.serviceRequests === this.n;
  }
  incidents(): string[] {
    return (this.lists.incidents ??= this.members.map((m) => m.id));
  }
  open(): string[] {
    return (this.lists.open ??= this.openCount === this.n ? this.incidents() : this.members.filter((m) => !m.problem).map((m) => m.id));
  }
  items(): CandidateIncident[] {
    return (this.lists.items ??= this.members.map((m) => ({
      id: m.id,
      file: m.file,
      ordinal: m.ordinal,
      title: m.title,
      reportedAt: m.reportedAt,
      priority: m.priority,
      category: m.category,
      problem: m.problem,
      serviceRequest: m.serviceRequest,
    })));
  }
  cis(): string[] {
    return (this.lists.cis ??= distinctValues(this.members, 'ci'));
  }
  services(): string[] {
    return (this.lists.services ??= distinctValues(this.members, 'service'));
  }
  categories(): string[] {
    return (this.lists.categories ??= distinctValues(this.members, 'category'));
  }
  trend(): Trend | undefined {
    if (this.trendValue === null) this.trendValue = trendOf(this.members.map((m) => m.time).filter((x): x is number => x !== undefined));
    return this.trendValue;
  }
  evidence(): string[] {
    return this.explain().evidence;
  }
  /**
   * Its evidence in the current language, line for line with `Candidate.evidence`, which stays
   * English because it is written into drafted problem records and JSON output.
   */
  shown(): string[] {
    return this.explain().shown;
  }
  private explain(): { evidence: string[]; shown: string[] } {
    return (this.explained ??= this.inLanguage(() => explainNow(this)));
  }
}

const EMPTY_SEQS = new Int32Array(0);

/** A priority rank as the label the records use: 1 → "P1"; none (6) → undefined. */
function priorityLabel(rank: number): string | undefined {
  return rank <= 5 ? `P${rank}` : undefined;
}

/** A candidate's evidence: each fact in English (for records and JSON) and in the current language. */
function explainNow(b: Behind): { evidence: string[]; shown: string[] } {
  const { groups, settings, members, n, first, last, highestRank, problems, perProblem, most, status, openCount } = b;
  const main = groups[0];
  const highest = priorityLabel(highestRank);
  const sr = b.serviceRequests;
  const evidence: string[] = [];
  const shown: string[] = [];
  const say = (english: string, local: string) => {
    evidence.push(english);
    shown.push(local);
  };
  for (const g of groups) {
    if (g.rule === 'category' && !g.refines) {
      const k = g.members.length;
      const min = settings.category.minCount;
      say(
        `${plural(k, 'incident')} in the category ${g.label} (repeated from ${min}).`,
        k === 1 ? t('1 incident in the category {0} (repeated from {1}).', g.label, min) : t('{0} incidents in the category {1} (repeated from {2}).', k, g.label, min),
      );
    }
    const notes = g.notes?.();
    notes?.en.forEach((note, i) => say(note, notes.shown[i] ?? note));
    if (g.rule === 'text' && g.sharedTerms?.length) say(`Their texts share: ${g.sharedTerms.join(', ')}.`, t('Their texts share: {0}.', g.sharedTerms.join(', ')));
    if (g.rule === 'text' && g.representative) {
      say(`Representative: ${g.representative.id} ${quote(g.representative.title)}.`, t('Representative: {0} {1}.', g.representative.id, quote(g.representative.title)));
    }
  }
  const cis = b.cis();
  if (main.rule !== 'ci' && cis.length > 0 && cis.length <= 3) say(`Configuration items: ${cis.join(', ')}.`, t('Configuration items: {0}.', cis.join(', ')));
  if (highest) {
    const atHighest = members.filter((m) => m.priorityRank === highestRank).length;
    say(`Highest priority ${highest} (${atHighest} of ${n}).`, t('Highest priority {0} ({1} of {2}).', highest, atHighest, n));
  }
  if (first !== undefined && last !== undefined) {
    const span = (last - first) / DAY;
    const from = new Date(first).toISOString().slice(0, 10);
    const to = new Date(last).toISOString().slice(0, 10);
    const days = Math.ceil(span);
    say(
      `Reported ${from} to ${to} (${span < 1 ? 'within a day' : plural(days, 'day')}).`,
      span < 1 ? t('Reported {0} to {1} (within a day).', from, to) : days === 1 ? t('Reported {0} to {1} (1 day).', from, to) : t('Reported {0} to {1} ({2} days).', from, to, days),
    );
  }
  for (const p of problems) {
    const ids = members.filter((m) => m.problem === p).map((m) => m.id);
    say(
      `${ids.join(', ')} already ${ids.length === 1 ? 'belongs' : 'belong'} to ${p}.`,
      ids.length === 1 ? t('{0} already belongs to {1}.', ids[0], p) : t('{0} already belong to {1}.', ids.join(', '), p),
    );
  }
  if (status === 'covered' && openCount > 0) {
    const open = b.open();
    const owner = problems[perProblem.indexOf(most)];
    say(
      `${open.join(', ')} ${open.length === 1 ? 'is' : 'are'} not linked yet and may belong to ${owner}.`,
      open.length === 1 ? t('{0} is not linked yet and may belong to {1}.', open[0], owner) : t('{0} are not linked yet and may belong to {1}.', open.join(', '), owner),
    );
  }
  if (sr === n) say('All are service requests: a repeated request (a standard change or a self-service candidate), not a fault.', t('All are service requests: a repeated request (a standard change or a self-service candidate), not a fault.'));
  else if (sr > 0) say(`${plural(sr, 'service request')} among them.`, sr === 1 ? t('1 service request among them.') : t('{0} service requests among them.', sr));

  return { evidence, shown };
}

/** The distinct configuration items, services or categories of some incidents, sorted. */
function distinctValues(members: readonly IncidentFacts[], key: 'ci' | 'service' | 'category'): string[] {
  return [...new Set(members.map((m) => m[key]).filter((v): v is string => !!v))].sort();
}

/**
 * Where a candidate keeps its `Behind`: a property that is neither enumerable nor written, so
 * that JSON and copies leave it out. A weak map did the same, but filling it took 80 ms for the
 * 38,000 candidates of 100,000 incidents, and ranking reads it in every comparison.
 */
const BEHIND = Symbol('behind');

function behindOf(c: Candidate): Behind | undefined {
  return (c as Candidate & { [BEHIND]?: Behind })[BEHIND];
}

/**
 * A candidate's lists that are written when first read: thousands of candidates hold millions of
 * incidents on a large workspace, and a reader opens a few. They are getters defined one by one
 * as new properties, with one getter function each for every candidate: an object literal with
 * getters, or a data property redefined as one, would make every candidate a slow dictionary.
 */
type LazyKey = 'incidents' | 'items' | 'cis' | 'services' | 'categories' | 'open' | 'evidence' | 'trend';
const LAZY = Object.fromEntries(
  (['incidents', 'items', 'cis', 'services', 'categories', 'open', 'evidence', 'trend'] as const).map((key) => [
    key,
    {
      enumerable: true,
      configurable: true,
      get(this: Candidate) {
        return behindOf(this)![key]();
      },
    },
  ]),
) as Record<LazyKey, PropertyDescriptor>;

/** A candidate's evidence as the user reads it: in the current language when detected, else English. */
export function shownEvidence(c: Candidate): readonly string[] {
  const shown = behindOf(c)?.shown();
  return shown && shown.length === c.evidence.length ? shown : c.evidence;
}

/** Builds a candidate from the rule groups that found the same incidents. */
function toCandidate(groups: RawGroup[], newest: number | undefined, settings: DetectionSettings, anyPriority: boolean, totals: { faults: number; category: number; specificity: boolean; inLanguage: <T>(fn: () => T) => T }, scratch: Uint8Array): Candidate {
  const order: RuleId[] = ['ci', 'shared', 'burst', 'text', 'category'];
  // Whole groups before refinements, then the most specific rule.
  groups.sort((a, b) => (a.refines ? 1 : 0) - (b.refines ? 1 : 0) || order.indexOf(a.rule) - order.indexOf(b.rule));
  const main = groups[0];
  let members: IncidentFacts[];
  if (groups.length === 1) {
    // Most rules list their incidents in order already: the group's own list is then used as is.
    members = main.members as IncidentFacts[];
    for (let k = 1; k < members.length; k++) {
      if (members[k - 1].seq > members[k].seq) {
        members = [...main.members].sort(byTimeThenId);
        break;
      }
    }
  } else {
    // The union, in order of `seq`: each incident marked once in `scratch` (all zero on entry and left so).
    members = [];
    for (const g of groups) {
      for (const m of g.members) {
        if (scratch[m.seq]) continue;
        scratch[m.seq] = 1;
        members.push(m);
      }
    }
    for (const m of members) scratch[m.seq] = 0;
    members.sort(byTimeThenId);
  }
  const rules = [...new Set(groups.map((g) => g.rule))];
  // One pass over the incidents for every figure the ranking needs.
  let first: number | undefined;
  let last: number | undefined;
  let highestRank = 6;
  let sr = 0;
  // Most candidates hold no linked incident: the map is made for the first.
  let perProblemCount: Map<string, number> | undefined;
  let openCount = 0;
  // A group's own incidents, in order and each once: its sorted seqs are the candidate's.
  const seqs = members === main.members && main.seqs?.length === members.length ? main.seqs : new Int32Array(members.length);
  const fill = seqs !== main.seqs;
  for (let k = 0; k < members.length; k++) {
    const m = members[k];
    if (fill) seqs[k] = m.seq;
    if (m.time !== undefined) {
      if (first === undefined || m.time < first) first = m.time;
      if (last === undefined || m.time > last) last = m.time;
    }
    if (m.priorityRank < highestRank) highestRank = m.priorityRank;
    if (m.serviceRequest) sr++;
    if (m.problem) {
      perProblemCount ??= new Map();
      perProblemCount.set(m.problem, (perProblemCount.get(m.problem) ?? 0) + 1);
    } else openCount++;
  }
  const n = members.length;
  // A workspace whose incidents carry no priority at all cannot rank by severity: the factor is left out (1).
  const severity = anyPriority ? SEVERITY[highestRank] : 1;
  const recency = last !== undefined && newest !== undefined ? 0.5 + 0.5 * Math.pow(2, -Math.max(0, newest - last) / DAY / settings.recencyHalfLifeDays) : 1;
  const rule = Math.max(...rules.map((r) => RULE_WEIGHT[r])) + AGREEMENT_BONUS * (rules.length - 1);
  const wholeCategory = rules.length === 1 && rules[0] === 'category' && !main.refines;
  const size = totals.specificity ? round2(Math.log2(1 + n)) : n;
  const spec = !totals.specificity ? 1 : round2(specificity(n, wholeCategory ? totals.category : totals.faults, wholeCategory ? settings.category.minCount : Math.min(settings.text.minCount, settings.burst.minCount, settings.ciOrService.minCount, settings.shared.minCount)));
  const problems = perProblemCount ? [...perProblemCount.keys()].sort() : [];
  const perProblem = problems.map((p) => perProblemCount!.get(p)!);
  const most = Math.max(0, ...perProblem);
  // Covered: nothing left to link, or most of it already is one problem's (its recurrence, not a new problem).
  const status = openCount === n ? 'new' : openCount === 0 || most * 2 > n ? 'covered' : 'partial';
  const text = groups.find((g) => g.rule === 'text');
  const highest = priorityLabel(highestRank);

  // What the lists and the evidence are written from, when first read.
  const behind = new Behind();
  behind.seqs = seqs;
  behind.englishLabel = main.englishLabel;
  behind.groups = groups;
  behind.members = members;
  behind.settings = settings;
  behind.inLanguage = totals.inLanguage;
  behind.n = n;
  behind.first = first;
  behind.last = last;
  behind.highestRank = highestRank;
  behind.serviceRequests = sr;
  behind.openCount = openCount;
  behind.problems = problems;
  behind.perProblem = perProblem;
  behind.most = most;
  behind.status = status;

  let label = main.label;
  if (main.rule === 'text' && !main.refines) {
    // Two words or more that most of them share; else the title most like the others.
    const what = main.labelTerms && main.labelTerms.length >= 2 ? main.labelTerms.join(', ') : main.label;
    const where = mostCommon(members.map((m) => m.category));
    const inWhere = where ? members.filter((m) => m.category === where).length : 0;
    const kinds = behind.categories().length;
    const place = where && inWhere * 2 > n ? where : kinds > 1 ? t('{0} categories', kinds) : undefined;
    label = place ? t('{0}: {1} incidents, {2}', what, n, place) : t('{0}: {1} incidents', what, n);
  }
  // Properties in this order, which the JSON keeps; the lists as getters (see `LAZY`).
  const candidate = { key: main.key, keys: groups.map((g) => g.key), rules, label } as Candidate;
  Object.defineProperty(candidate, 'incidents', LAZY.incidents);
  Object.defineProperty(candidate, 'items', LAZY.items);
  candidate.count = n;
  candidate.firstReportedAt = members.find((m) => m.time === first)?.reportedAt;
  candidate.lastReportedAt = lastAt(members, last);
  candidate.spanDays = first !== undefined && last !== undefined ? round2((last - first) / DAY) : undefined;
  Object.defineProperty(candidate, 'cis', LAZY.cis);
  Object.defineProperty(candidate, 'services', LAZY.services);
  Object.defineProperty(candidate, 'categories', LAZY.categories);
  candidate.highestPriority = highest;
  candidate.score = round2(rule * size * severity * recency * spec);
  candidate.scoreParts = { rule, n, size, severity, recency: round2(recency), specificity: spec };
  candidate.sharePct = round2((100 * n) / Math.max(1, wholeCategory ? totals.category : totals.faults));
  candidate.refines = main.refines;
  candidate.children = [];
  candidate.status = status;
  candidate.problems = problems;
  Object.defineProperty(candidate, 'open', LAZY.open);
  Object.defineProperty(candidate, 'evidence', LAZY.evidence);
  candidate.sharedTerms = text?.sharedTerms;
  candidate.representative = text?.representative?.id;
  Object.defineProperty(candidate, 'trend', LAZY.trend);
  Object.defineProperty(candidate, BEHIND, { value: behind });
  return candidate;
}

/**
 * `items` added at the end of `list`, one by one: spread into `push`, tens of thousands of groups
 * are copied onto the stack as arguments, and past its size the spread throws.
 */
function append<T>(list: T[], items: readonly T[]): void {
  for (const x of items) list.push(x);
}

/** A candidate the category rule alone found, holding a whole category. */
function isWholeCategory(c: Candidate): boolean {
  return c.rules.length === 1 && c.rules[0] === 'category' && !c.refines;
}

/**
 * Candidates with specific evidence (a configuration item or service window, similar text) rank
 * before whole categories, then by score. A category is a reporting bucket: on a real export its
 * candidates hold thousands of incidents and would bury every specific one, and the seed itself
 * went from its top category to one specific problem inside it. Repeated service requests rank
 * with the categories: worth a standard change or self-service, but not a fault.
 */
function byRank(a: Candidate, b: Candidate): number {
  const tier = (c: Candidate) => (isWholeCategory(c) || behindOf(c)?.requestsOnly ? 1 : 0);
  return tier(a) - tier(b) || b.score - a.score || b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/**
 * Runs the detector step by step, yielding progress, so that an editor can stay responsive and
 * report how far it is on a large workspace. `detect` runs it to the end.
 */
export function* detectSteps(records: Iterable<RecordEntry>, settings: DetectionSettings, options: DetectOptions = {}): Generator<DetectProgress, DetectionResult> {
  const ms: Record<string, number> = {};
  let t0 = performance.now();
  const lap = (name: string) => {
    const t = performance.now();
    ms[name] = round2(t - t0);
    t0 = t;
  };
  const all = options.facts ?? incidentFacts(records);
  const kept = settings.closed ? all : all.filter((i) => !i.closed);
  const forCategory = settings.category.serviceRequests ? kept : kept.filter((i) => !i.serviceRequest);
  const forFaults = settings.serviceRequests ? kept : kept.filter((i) => !i.serviceRequest);
  const wanted = new Set(options.rules ?? RULE_IDS.filter((r) => (r === 'category' ? settings.category.enabled : r === 'ci' ? settings.ciOrService.enabled : r === 'burst' ? settings.burst.enabled : r === 'shared' ? settings.shared.enabled : settings.text.enabled)));
  lap('read');

  const groups: RawGroup[] = [];
  if (wanted.has('category')) append(groups, categoryGroups(forCategory, settings.category.minCount));
  if (wanted.has('ci')) append(groups, ciServiceGroups(forFaults, settings.ciOrService.minCount, settings.ciOrService.windowDays));
  if (wanted.has('burst')) append(groups, burstGroups(forFaults, settings.burst));
  if (wanted.has('shared')) append(groups, sharedGroups(kept, settings.shared));
  lap('rules');
  yield { phase: 'rules', fraction: 0.05 };

  let textStats: TextRuleStats | undefined;
  if (wanted.has('text')) {
    textStats = { searched: 0, verified: 0, postings: 0, documents: 0, distinct: 0, pairs: 0 };
    const it = textGroupsSteps(forFaults, settings.text, textStats);
    for (;;) {
      const r = it.next();
      if (r.done) {
        append(groups, r.value);
        break;
      }
      yield { phase: 'text', fraction: 0.05 + 0.9 * r.value };
    }
  }
  lap('text');
  yield { phase: 'ranking', fraction: 0.95 };

  // Refinements inside each group, then groups holding (nearly) the same incidents make one candidate.
  const minOf = (rule: RuleId) => Math.max(3, rule === 'category' ? settings.category.minCount : rule === 'ci' ? settings.ciOrService.minCount : rule === 'burst' ? settings.burst.minCount : rule === 'shared' ? settings.shared.minCount : settings.text.minCount);
  const refinements: RawGroup[] = [];
  for (const rule of RULE_IDS) {
    const ofRule = groups.filter((g) => g.rule === rule);
    if (ofRule.length) append(refinements, refineGroups(ofRule, rule === 'category' ? forCategory : rule === 'shared' ? kept : forFaults, minOf(rule), settings.refine, kept));
  }
  append(groups, refinements);
  const merged = mergeGroups(groups, settings.mergeOverlap);
  let newest: number | undefined;
  for (const i of kept) if (i.time !== undefined && (newest === undefined || i.time > newest)) newest = i.time;
  const anyPriority = kept.some((i) => i.priorityRank < 6);
  const result: DetectionResult = {
    candidates: [],
    context: [],
    covered: [],
    dismissed: [],
    categories: categoryTable(forCategory, settings.category.minCount, options.categoryOrder),
    reference: newest !== undefined ? new Date(newest).toISOString() : undefined,
    stats: {
      incidents: all.length,
      serviceRequestsLeftOut: kept.length - forFaults.length,
      closedLeftOut: all.length - kept.length,
      undated: forFaults.filter((i) => i.time === undefined).length,
      text: textStats,
      ms,
    },
  };
  // Whole categories are set apart as context, and size weighs against a candidate, only when a
  // more specific rule runs beside the category rule: the category rule alone is the seed's
  // method, and ranks the categories by their counts.
  const moreSpecific = [...wanted].some((rule) => rule !== 'category');
  // Every candidate's messages in the language current now (one capture for them all).
  const totals = { faults: forFaults.length, category: forCategory.length, specificity: moreSpecific, inLanguage: inCurrentLanguage() };
  let maxSeq = 0;
  for (const i of all) if (i.seq > maxSeq) maxSeq = i.seq;
  const scratch = new Uint8Array(maxSeq + 1);
  for (const list of merged) {
    const c = toCandidate(list, newest, settings, anyPriority, totals, scratch);
    const d = options.dismissals ? dismissalFor(options.dismissals, c.keys, c.count) : undefined;
    if (d) {
      c.dismissed = d;
      result.dismissed.push(c);
      continue;
    }
    const earlier = options.dismissals?.find((x) => c.keys.includes(x.key));
    if (earlier) {
      const day = earlier.dismissedAt.slice(0, 10);
      c.evidence.push(`Dismissed ${day} with ${earlier.incidents} incidents (${earlier.reason || 'no reason given'}); back with ${c.count}.`);
      behindOf(c)?.shown().push(
        earlier.reason
          ? t('Dismissed {0} with {1} incidents ({2}); back with {3}.', day, String(earlier.incidents), earlier.reason, c.count)
          : t('Dismissed {0} with {1} incidents (no reason given); back with {2}.', day, String(earlier.incidents), c.count),
      );
    }
    if (c.status === 'covered') result.covered.push(c);
    else if (moreSpecific && isWholeCategory(c) && (c.count >= settings.contextShare * forCategory.length || c.problems.length >= 2)) result.context.push(c);
    else result.candidates.push(c);
  }
  result.candidates = nest(result.candidates);
  result.context.sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
  result.covered.sort(byRank);
  result.dismissed.sort(byRank);
  lap('ranking');
  return result;
}

/**
 * Puts each candidate whose incidents lie at least 90 % inside a larger one under the smallest
 * such candidate, and ranks every level. Returns the top level.
 */
function nest(all: Candidate[]): Candidate[] {
  // Each candidate's incidents by their sequence numbers, and for each incident the candidates
  // that hold it (compressed rows).
  const rows = all.map((c) => behindOf(c)?.seqs ?? new Int32Array());
  let size = 0;
  for (const r of rows) for (const x of r) if (x >= size) size = x + 1;
  const start = new Int32Array(size + 1);
  for (const r of rows) for (const x of r) start[x + 1]++;
  for (let x = 0; x < size; x++) start[x + 1] += start[x];
  const fill = start.slice(0, size);
  const holders = new Int32Array(start[size]);
  rows.forEach((r, i) => {
    for (const x of r) holders[fill[x]++] = i;
  });
  // For each candidate, how many of its incidents every larger candidate holds, counted in one
  // array reset after each; the smallest holder of 90 % or more is its parent.
  const shared = new Int32Array(all.length);
  const touched = new Int32Array(all.length);
  const counts = Int32Array.from(all, (c) => c.count);
  const parentOf = new Map<Candidate, Candidate>();
  all.forEach((c, i) => {
    const need = Math.ceil(0.9 * c.count);
    const own = counts[i];
    let nt = 0;
    for (const x of rows[i]) {
      for (let h = start[x]; h < start[x + 1]; h++) {
        const j = holders[h];
        if (counts[j] > own && shared[j]++ === 0) touched[nt++] = j;
      }
    }
    let best: Candidate | undefined;
    for (let k = 0; k < nt; k++) {
      const j = touched[k];
      const n = shared[j];
      shared[j] = 0;
      const p = all[j];
      if (n >= need && (!best || p.count < best.count || (p.count === best.count && byRank(p, best) < 0))) best = p;
    }
    if (best) parentOf.set(c, best);
  });
  const top: Candidate[] = [];
  for (const c of all) {
    const p = parentOf.get(c);
    if (p) p.children.push(c);
    else top.push(c);
  }
  for (const c of all) c.children.sort(byRank);
  return top.sort(byRank);
}

/** Every candidate of `list` and, after each, those shown under it (depth first, in rank order). */
export function withChildren(list: readonly Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  const walk = (cs: readonly Candidate[]) => {
    for (const c of cs) {
      out.push(c);
      walk(c.children);
    }
  };
  walk(list);
  return out;
}

/** Detects problem candidates among `records` (incidents; other kinds are ignored). */
export function detect(records: Iterable<RecordEntry>, settings: DetectionSettings, options: DetectOptions = {}): DetectionResult {
  const it = detectSteps(records, settings, options);
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
  }
}

/** A representative title for a candidate, used by lists and by a drafted problem. */
export function candidateTitle(c: Candidate): string {
  const rule = c.rules[0];
  if (rule === 'category') return `Repeated ${c.label} incidents`;
  if (rule === 'burst') return `Burst of incidents: ${c.label}`;
  if (rule === 'shared') return `Repeated incidents with the same ${behindOf(c)?.englishLabel ?? c.label}`;
  if (rule === 'ci') return c.key.startsWith('ci:') ? `Repeated incidents on ${c.label}` : `Repeated incidents on ${c.label.replace(' / ', ' (')})`;
  return c.label;
}

/** Most common value among the candidate's incidents' field, for a drafted problem. */
export function commonValue(values: (string | undefined)[]): string | undefined {
  return mostCommon(values);
}
