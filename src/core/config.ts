import type { RecordKind } from './types';

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
  detection: Record<string, unknown>;
}

export const DEFAULT_FISHBONE_CATEGORIES = ['People', 'Process', 'Technology', 'Environment', 'Measurement'];

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
    detection: {},
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
    const cats = stringList(raw.fishbone.categories);
    if (cats && cats.length > 0) config.fishboneCategories = cats;
  }
  if (isObject(raw.detection)) config.detection = raw.detection;
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
