/**
 * The `checklist` section of kedb.config.yaml: which incident fields the workspace requires, and
 * the rules and dictionaries the suggesters use. Resolved here into plain data (no RegExp, no
 * functions) so that the workspace can compare two configs with JSON.stringify.
 */

/** The fields a suggester can fill. */
export const SUGGEST_FIELDS = [
  'channel',
  'type',
  'category',
  'service',
  'configuration_item',
  'impact',
  'urgency',
  'priority',
  'status',
  'escalation.team',
  'escalation.escalated_at',
  'escalation.eta',
] as const;
export type SuggestField = (typeof SUGGEST_FIELDS)[number];

/** The fields a keyword rule in kedb.config.yaml may set. */
export const RULE_FIELDS = ['channel', 'type', 'category', 'service', 'configuration_item', 'impact', 'urgency', 'escalation.team'] as const;
export type RuleField = (typeof RULE_FIELDS)[number];

/** The parts of a ticket a keyword rule reads. Tags are matched by a rule's `tags`, not its `words`. */
export const TEXT_FIELDS = ['title', 'description', 'body'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

/** The languages of the built-in words. */
export const BUILTIN_LANGUAGES = ['en', 'id'] as const;
export type BuiltinLanguage = (typeof BUILTIN_LANGUAGES)[number];

/** A keyword rule: any of `words` in the ticket's text, or any of `tags`, suggests `value` for `field`. */
export interface ChecklistRule {
  field: RuleField;
  value: string;
  /** Words or phrases; `*` at either end of a word matches any letters there (`blokir*`, `*blokir`). */
  words: string[];
  /** Tags (whole tag, ignoring case) that suggest the value. */
  tags: string[];
  /** 0 to 1: how sure one match makes the rule. */
  confidence: number;
  /** Which text fields the words are looked for in. */
  in: TextField[];
}

/** A service or configuration item and the other names the tickets use for it. */
export interface DictionaryEntry {
  name: string;
  aliases: string[];
  /** For a configuration item: the service it belongs to, suggested with it. */
  service?: string;
}

export interface ChecklistConfig {
  /** The completeness check reports information diagnostics: on by default, off with `checklist.diagnostics: false`. */
  diagnostics: boolean;
  /** Blocks (`record`, `priority`, `initial_analysis`, `escalation`) or dotted field paths. */
  required: string[];
  /** Field paths taken out of the required ones. */
  optional: string[];
  /** Blocks or fields a service request need not have. */
  skipForServiceRequests: string[];
  /**
   * Per imported data set (a record's `source.dataset`): the blocks or fields its export cannot
   * hold, which its records are not asked for until the user starts to fill them
   * (`checklist.sources.NAME.lacks`, written by `kedb import` for a new workspace).
   */
  sources: Record<string, { lacks: string[] }>;
  suggest: {
    /** Use the built-in English and Indonesian words. */
    builtins: boolean;
    languages: BuiltinLanguage[];
    /** Suggestions below this confidence are dropped. */
    minConfidence: number;
    rules: ChecklistRule[];
    services: DictionaryEntry[];
    configurationItems: DictionaryEntry[];
  };
}

export const CHECKLIST_BLOCK_NAMES = ['record', 'priority', 'initial_analysis', 'escalation'] as const;

export function defaultChecklistConfig(): ChecklistConfig {
  return {
    diagnostics: true,
    required: [...CHECKLIST_BLOCK_NAMES],
    optional: [],
    skipForServiceRequests: ['initial_analysis'],
    sources: {},
    suggest: { builtins: true, languages: [...BUILTIN_LANGUAGES], minConfidence: 0, rules: [], services: [], configurationItems: [] },
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function strings(v: unknown): string[] | undefined {
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : undefined;
}

function confidence(v: unknown, fallback: number): number {
  return typeof v === 'number' && v > 0 && v <= 1 ? v : fallback;
}

function entries(v: unknown): DictionaryEntry[] {
  if (!Array.isArray(v)) return [];
  const out: DictionaryEntry[] = [];
  for (const e of v) {
    if (typeof e === 'string' && e.trim()) out.push({ name: e, aliases: [] });
    else if (isObject(e) && typeof e.name === 'string' && e.name.trim()) {
      const entry: DictionaryEntry = { name: e.name, aliases: strings(e.aliases) ?? [] };
      if (typeof e.service === 'string' && e.service.trim()) entry.service = e.service;
      out.push(entry);
    }
  }
  return out;
}

/**
 * Reads the `checklist` section. Values of the wrong shape are ignored (the config schema reports
 * them). The completeness diagnostics are on unless the section says `diagnostics: false`.
 */
export function resolveChecklistConfig(raw: unknown): ChecklistConfig {
  const config = defaultChecklistConfig();
  if (!isObject(raw)) return config;
  config.diagnostics = raw.diagnostics !== false;
  config.required = strings(raw.required) ?? config.required;
  config.optional = strings(raw.optional) ?? config.optional;
  config.skipForServiceRequests = strings(raw.skip_for_service_requests) ?? config.skipForServiceRequests;
  if (isObject(raw.sources)) {
    for (const [name, source] of Object.entries(raw.sources)) {
      const lacks = isObject(source) ? strings(source.lacks) : undefined;
      if (lacks) config.sources[name] = { lacks };
    }
  }
  const s = raw.suggest;
  if (isObject(s)) {
    if (typeof s.builtins === 'boolean') config.suggest.builtins = s.builtins;
    const langs = strings(s.languages)?.filter((l): l is BuiltinLanguage => (BUILTIN_LANGUAGES as readonly string[]).includes(l));
    if (langs) config.suggest.languages = langs;
    if (typeof s.min_confidence === 'number' && s.min_confidence >= 0 && s.min_confidence <= 1) config.suggest.minConfidence = s.min_confidence;
    if (Array.isArray(s.rules)) {
      for (const r of s.rules) {
        if (!isObject(r) || typeof r.field !== 'string' || !(RULE_FIELDS as readonly string[]).includes(r.field)) continue;
        // A number is a level of a numeric priority matrix (impact or urgency 1 to 5).
        const value = typeof r.value === 'number' ? String(r.value) : r.value;
        if (typeof value !== 'string' || !value.trim()) continue;
        const words = strings(r.words) ?? [];
        const tags = strings(r.tags) ?? [];
        if (words.length === 0 && tags.length === 0) continue;
        const where = strings(r.in)?.filter((f): f is TextField => (TEXT_FIELDS as readonly string[]).includes(f));
        config.suggest.rules.push({
          field: r.field as RuleField,
          value,
          words,
          tags,
          confidence: confidence(r.confidence, 0.8),
          in: where && where.length ? where : [...TEXT_FIELDS],
        });
      }
    }
    config.suggest.services = entries(s.services);
    config.suggest.configurationItems = entries(s.configuration_items);
  }
  return config;
}
