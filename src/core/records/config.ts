import type { RecordKind } from '../base/types';
import { defaultChecklistConfig, resolveChecklistConfig, type ChecklistConfig } from './settings/checklist';
import { defaultLifecycle, resolveLifecycle, type LifecycleConfig } from './settings/lifecycle';
import { defaultProfiles, profileOf, type SharedProfile, type SharedSettings } from './settings/shared';

export type { ProfileField, SharedProfile, SharedSettings } from './settings/shared';

export const CONFIG_FILE = 'kedb.config.yaml';

export interface EscalationRoute {
  category?: string;
  service?: string;
  team: string;
}

/** The workspace settings with every default filled in. */
export interface KedbConfig {
  idPrefixes: Record<RecordKind, string>;
  /** A preset name or a custom table, as written; interpreted by the priority module. */
  priorityMatrix: string | Record<string, unknown>;
  categories: string[] | undefined;
  escalation: {
    priorities: string[];
    resolveWithinHours: Record<string, number>;
    routes: EscalationRoute[];
    defaultTeam: string;
  };
  fishboneCategories: string[];
  detection: DetectionSettings;
  /** Problem-lifecycle rules and known-error matching (`lifecycle` in kedb.config.yaml). */
  lifecycle: LifecycleConfig;
  /** The incident checklist: required fields, and the suggesters' rules and dictionaries (`checklist`). */
  checklist: ChecklistConfig;
}

export const DEFAULT_FISHBONE_CATEGORIES = ['People', 'Process', 'Technology', 'Environment', 'Measurement'];

/** The sets of bones `fishbone.preset` can name in kedb.config.yaml. */
export const FISHBONE_PRESETS: Readonly<Record<string, readonly string[]>> = {
  default: DEFAULT_FISHBONE_CATEGORIES,
  '6M': ['Man', 'Machine', 'Method', 'Material', 'Measurement', 'Mother Nature'],
  '4S': ['Surroundings', 'Suppliers', 'Systems', 'Skills'],
  '8P': ['Product', 'Price', 'Place', 'Promotion', 'People', 'Process', 'Physical Evidence', 'Productivity & Quality'],
};

export function defaultConfig(): KedbConfig {
  return {
    idPrefixes: { incident: 'INC', problem: 'PRB', known_error: 'KE' },
    priorityMatrix: 'itil-3x3',
    categories: undefined,
    escalation: {
      priorities: ['P1', 'P2'],
      resolveWithinHours: { P1: 4, P2: 8, P3: 24, P4: 72, P5: 168 },
      routes: [],
      defaultTeam: 'Service Desk L2',
    },
    fishboneCategories: [...DEFAULT_FISHBONE_CATEGORIES],
    detection: defaultDetection(),
    lifecycle: defaultLifecycle(),
    checklist: defaultChecklistConfig(),
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringList(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
}

/**
 * Merges a parsed `kedb.config.yaml` over the defaults. Values of the wrong shape are ignored here
 * (the config schema reports them), so a half-broken config still gives a usable workspace.
 */
export function resolveConfig(raw: unknown): KedbConfig {
  const config = defaultConfig();
  if (!isObject(raw)) return config;
  const prefixes = raw.id_prefixes;
  if (isObject(prefixes)) {
    for (const kind of ['incident', 'problem', 'known_error'] as const) {
      const p = prefixes[kind];
      if (typeof p === 'string' && /^[A-Z][A-Z0-9]*$/.test(p)) config.idPrefixes[kind] = p;
    }
  }
  if (isObject(raw.priority)) {
    const m = raw.priority.matrix;
    if (typeof m === 'string' || isObject(m)) config.priorityMatrix = m;
  }
  config.categories = stringList(raw.categories) ?? config.categories;
  const esc = raw.escalation;
  if (isObject(esc)) {
    config.escalation.priorities = stringList(esc.priorities) ?? config.escalation.priorities;
    if (isObject(esc.resolve_within_hours)) {
      for (const [k, v] of Object.entries(esc.resolve_within_hours)) {
        if (typeof v === 'number' && v > 0) config.escalation.resolveWithinHours[k] = v;
      }
    }
    if (Array.isArray(esc.routes)) {
      config.escalation.routes = esc.routes.filter(
        (r): r is EscalationRoute => isObject(r) && typeof r.team === 'string',
      );
    }
    if (typeof esc.default_team === 'string') config.escalation.defaultTeam = esc.default_team;
  }
  if (isObject(raw.fishbone)) {
    const preset = raw.fishbone.preset;
    if (typeof preset === 'string' && Object.hasOwn(FISHBONE_PRESETS, preset)) config.fishboneCategories = [...FISHBONE_PRESETS[preset]];
    const cats = stringList(raw.fishbone.categories);
    if (cats && cats.length > 0) config.fishboneCategories = cats;
  }
  config.detection = resolveDetection(raw.detection);
  config.lifecycle = resolveLifecycle(raw.lifecycle);
  config.checklist = resolveChecklistConfig(raw.checklist);
  return config;
}

/** The regular expression an id of `kind` must match under this config. */
export function idPattern(config: KedbConfig, kind: RecordKind): RegExp {
  return new RegExp(`^${config.idPrefixes[kind]}-[0-9]{4,}$`);
}

/** The kind an id belongs to, judged by its prefix, or undefined. */
export function kindOfId(config: KedbConfig, id: string): RecordKind | undefined {
  for (const kind of ['incident', 'problem', 'known_error'] as const) {
    if (id.startsWith(config.idPrefixes[kind] + '-')) return kind;
  }
  return undefined;
}

// ---- problem-candidate detection -------------------------------------------------------------

/** Settings of one detection rule. */
export interface RuleSettings {
  enabled: boolean;
  /** Incidents a group needs to become a candidate. */
  minCount: number;
}

/** The `detection` section of kedb.config.yaml, with every default filled in. */
export interface DetectionSettings {
  /** Let service requests into the CI/service and text rules (default false: they are left out). */
  serviceRequests: boolean;
  /** Keep resolved and closed incidents (default true: history is where repeats show). */
  closed: boolean;
  /** Rule 1, the seed's: incidents of one category. */
  category: RuleSettings & {
    /** Count service requests too (default true: the seed's table counts every ticket). */
    serviceRequests: boolean;
  };
  /** Rule 2: one configuration item, or one service and category, within a time window. */
  ciOrService: RuleSettings & { windowDays: number };
  /** Rule 3: incidents whose title and description say the same thing. */
  text: RuleSettings & {
    /** Cosine similarity two texts need to be linked. */
    threshold: number;
    /**
     * How links make clusters: `star` (every member like its centre, the centres most connected
     * first), `leader` (each incident joins the most similar earlier leader, or leads), `single`
     * (chains), or `auto`: star up to 20,000 incidents with text, leader beyond, where all the
     * pairs among near-repeats cost too much.
     */
    linkage: 'auto' | 'leader' | 'star' | 'single';
    /** Weight of each field in the text. */
    weights: { title: number; description: number; body: number };
  };
  /**
   * Rule 4: a burst, incidents sharing a location, assignment group, service, CI, category,
   * subcategory or symptom that arrive together far above that value's share of all incidents.
   */
  burst: RuleSettings & {
    /** Longest window scanned, in hours. */
    maxHours: number;
    /** Chance a burst may have of arising by chance (after allowing for every window tried). */
    significance: number;
    /** Also look for bursts on pairs: location and assignment group, group and category, location and category. */
    pairs: boolean;
  };
  /**
   * Rule 5: incidents that agree on every attribute of a profile (a configuration item with the
   * impact, urgency and type they were triaged with; a caller with the one who resolved them).
   */
  shared: SharedSettings;
  /** Days after which a candidate's recency factor has fallen halfway to its floor. */
  recencyHalfLifeDays: number;
  /** A whole category holding at least this share of the incidents is context, not a candidate. */
  contextShare: number;
  /** Candidates whose incidents overlap at least this much (Jaccard) are merged into one. */
  mergeOverlap: number;
  /** Refinements: the incidents of a candidate that also share a facet far more often than all do. */
  refine: { enabled: boolean; maxPerCandidate: number; minLift: number };
}

/**
 * The built-in detection settings. The text threshold, linkage and field weights are the ones
 * `bench/candidates.bench.ts` measured best on the labelled incidents it reports.
 */
export function defaultDetection(): DetectionSettings {
  return {
    serviceRequests: false,
    closed: true,
    category: { enabled: true, minCount: 2, serviceRequests: true },
    ciOrService: { enabled: true, minCount: 3, windowDays: 30 },
    text: { enabled: true, minCount: 3, threshold: 0.35, linkage: 'auto', weights: { title: 3, description: 1, body: 1 } },
    // max_hours and pairs chosen on the first 60 % of the UCI and BPIC logs (KEDB_BENCH_ONLY=tune-burst).
    burst: { enabled: true, minCount: 3, maxHours: 72, significance: 0.01, pairs: true },
    // The profiles were chosen on the first 60 % of the UCI and BPIC logs (bench/README.md).
    shared: { enabled: true, minCount: 3, profiles: defaultProfiles() },
    recencyHalfLifeDays: 30,
    contextShare: 0.15,
    // Chosen on the first 60 % of the UCI and BPIC logs (KEDB_BENCH_ONLY=tune in bench/candidates.bench.ts).
    mergeOverlap: 0.9,
    refine: { enabled: true, maxPerCandidate: 10, minLift: 1.2 },
  };
}

function positiveNumber(v: unknown, fallback: number, min = 0): number {
  return typeof v === 'number' && Number.isFinite(v) && v > min ? v : fallback;
}

function countAtLeastTwo(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 2 ? v : fallback;
}

/** Merges a raw `detection` section over the defaults; values of the wrong shape keep their default. */
export function resolveDetection(raw: unknown): DetectionSettings {
  const d = defaultDetection();
  if (!isObject(raw)) return d;
  if (typeof raw.service_requests === 'boolean') d.serviceRequests = raw.service_requests;
  if (typeof raw.closed === 'boolean') d.closed = raw.closed;
  d.recencyHalfLifeDays = positiveNumber(raw.recency_half_life_days, d.recencyHalfLifeDays);
  if (typeof raw.context_share === 'number' && raw.context_share > 0 && raw.context_share <= 1) d.contextShare = raw.context_share;
  if (typeof raw.merge_overlap === 'number' && raw.merge_overlap > 0 && raw.merge_overlap <= 1) d.mergeOverlap = raw.merge_overlap;
  if (isObject(raw.refine)) {
    const r = raw.refine;
    if (typeof r.enabled === 'boolean') d.refine.enabled = r.enabled;
    if (typeof r.max_per_candidate === 'number' && Number.isInteger(r.max_per_candidate) && r.max_per_candidate >= 0) d.refine.maxPerCandidate = r.max_per_candidate;
    d.refine.minLift = positiveNumber(r.min_lift, d.refine.minLift, 1);
  }
  const rule = (r: unknown, into: RuleSettings) => {
    if (!isObject(r)) return undefined;
    if (typeof r.enabled === 'boolean') into.enabled = r.enabled;
    into.minCount = countAtLeastTwo(r.min_count, into.minCount);
    return r;
  };
  const cat = rule(raw.category, d.category);
  if (cat && typeof cat.service_requests === 'boolean') d.category.serviceRequests = cat.service_requests;
  const ci = rule(raw.ci_or_service, d.ciOrService);
  if (ci) d.ciOrService.windowDays = positiveNumber(ci.window_days, d.ciOrService.windowDays);
  const burst = rule(raw.burst, d.burst);
  if (burst) {
    d.burst.maxHours = positiveNumber(burst.max_hours, d.burst.maxHours);
    if (typeof burst.significance === 'number' && burst.significance > 0 && burst.significance < 1) d.burst.significance = burst.significance;
    if (typeof burst.pairs === 'boolean') d.burst.pairs = burst.pairs;
  }
  const shared = rule(raw.shared, d.shared);
  if (shared && Array.isArray(shared.profiles)) {
    const profiles = shared.profiles.map(profileOf);
    if (profiles.every((p) => p !== undefined)) d.shared.profiles = profiles as SharedProfile[];
  }
  const text = rule(raw.text, d.text);
  if (text) {
    if (typeof text.threshold === 'number' && text.threshold > 0 && text.threshold <= 1) d.text.threshold = text.threshold;
    if (text.linkage === 'auto' || text.linkage === 'leader' || text.linkage === 'star' || text.linkage === 'single') d.text.linkage = text.linkage;
    if (isObject(text.weights)) {
      for (const k of ['title', 'description', 'body'] as const) {
        const w = text.weights[k];
        if (typeof w === 'number' && Number.isFinite(w) && w >= 0) d.text.weights[k] = w;
      }
    }
  }
  return d;
}
