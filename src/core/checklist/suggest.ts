/**
 * Rule-based suggesters for the checklist fields a ticket leaves empty. Every suggestion carries
 * its value, a confidence between 0 and 1, and the words of the ticket that led to it; where no
 * rule finds evidence, there is no suggestion.
 *
 * Sources, per field:
 * - channel, type: keyword rules (built-in English and Indonesian, plus the workspace's);
 * - category: tags naming a workspace category (the seed's first tag was its category), tag rules,
 *   then keyword rules;
 * - service, configuration_item: the workspace dictionary (`checklist.suggest.services` and
 *   `configuration_items`), by name or alias, in the text or the tags; a configuration item also
 *   suggests the service it belongs to;
 * - impact, urgency: scope and severity words; a service request is low on both (the seed);
 * - priority: the workspace matrix applied to impact × urgency (given or suggested);
 * - status: a service request is `converted-to-service-request` (the seed);
 * - escalation.team: the workspace's routing rules (`escalation.routes`) on the category or
 *   service, only where the priority needs an escalation; never the default team, which is no
 *   evidence; escalated_at and eta as `proposedEscalation` gives them, from `reported_at`.
 *
 * Confidence: each piece of evidence has its rule's confidence; a value's confidence is the
 * strongest one, raised by each further, distinct piece at half its weight:
 * 1 − (1 − c₁) · Π (1 − cᵢ / 2). Where two phrases overlap in the text, the longer one counts
 * ("via the service portal", not also "portal"). The value with the highest confidence wins; the
 * others are kept as alternatives, so that conflicting evidence is shown, not hidden.
 */
import type { KedbConfig } from '../records/config';
import { addHours, escalationTeam, proposedEscalation } from '../priority/policy';
import { classify, type Level, type PriorityMatrix } from '../records/matrix';
import type { RecordStore } from '../workspace/store';
import type { RecordEntry } from '../records/entry';
import { BUILTIN_CATEGORIES, BUILTIN_RULES } from './builtins';
import { TEXT_FIELDS, type DictionaryEntry, type RuleField, type SuggestField, type TextField } from '../records/settings/checklist';
import { escalationNeededFor, isFilled, missingChecklistFields, requiredFields, valueAt } from './fields';
import { fold, PhraseMatcher, tokenize, type PhraseHit, type Token } from '../text/tokens';
import { t } from '../base/l10n';

/** A piece of evidence: where it was found, and the words as the ticket writes them. */
export interface Evidence {
  /** `title`, `description`, `body`, `tags`, or the record field a derived value comes from. */
  in: string;
  text: string;
}

export interface SuggestionCandidate {
  value: string | number;
  /** 0 to 1, two decimals. */
  confidence: number;
  evidence: Evidence[];
  /** Which rule gave the strongest evidence, e.g. `built-in (en)` or `kedb.config.yaml rules[2]`. */
  rule: string;
  /** The evidence in words: "the body says 'portal'". */
  reason: string;
}

export interface FieldSuggestion extends SuggestionCandidate {
  field: SuggestField;
  /** The other values some evidence pointed to, best first. */
  alternatives: SuggestionCandidate[];
}

export interface RecordSuggestions {
  /** The checklist fields the record leaves empty (as the completeness check lists them). */
  missing: string[];
  /** Suggestions for missing fields, in checklist order. */
  suggestions: FieldSuggestion[];
}

/** Fields where a negated match ("not offline", "bukan insiden") is no evidence. */
const NEGATABLE: ReadonlySet<RuleField> = new Set(['channel', 'type', 'impact', 'urgency']);

interface CompiledRule {
  field: RuleField;
  value: string;
  confidence: number;
  label: string;
  in: ReadonlySet<TextField>;
}

interface DictRef {
  kind: 'service' | 'configuration_item';
  entry: DictionaryEntry;
  index: number;
  isName: boolean;
}

interface Compiled {
  words: PhraseMatcher<CompiledRule>;
  /** Folded tag → the rules it fires. */
  tagRules: Map<string, CompiledRule[]>;
  /** Folded category name → its spelling in the workspace. */
  categories: Map<string, string>;
  /** Categories in the workspace's order, for tag matching. */
  categoryList: readonly string[];
  dictionary: PhraseMatcher<DictRef>;
  dictionaryTags: Map<string, DictRef[]>;
  services: Map<string, string>;
}

const compiledCache = new WeakMap<KedbConfig, Compiled>();

/** Appends to the list at `key`, creating it. */
function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function compile(config: KedbConfig): Compiled {
  const hit = compiledCache.get(config);
  if (hit) return hit;
  const s = config.checklist.suggest;
  const categoryList = config.categories ?? BUILTIN_CATEGORIES;
  const categories = new Map(categoryList.map((c) => [fold(c), c]));
  const words = new PhraseMatcher<CompiledRule>();
  const tagRules = new Map<string, CompiledRule[]>();
  s.rules.forEach((r, i) => {
    const rule: CompiledRule = { field: r.field, value: r.value, confidence: r.confidence, label: `kedb.config.yaml checklist.suggest.rules[${i}]`, in: new Set(r.in) };
    for (const w of r.words) words.add(w, rule);
    for (const t of r.tags) {
      const key = fold(t.trim());
      pushTo(tagRules, key, rule);
    }
  });
  if (s.builtins) {
    for (const b of BUILTIN_RULES) {
      if (!s.languages.includes(b.lang)) continue;
      let value = b.value;
      if (b.field === 'category') {
        // Built-in categories only where the workspace uses them, in its spelling.
        const own = categories.get(fold(b.value));
        if (!own) continue;
        value = own;
      }
      const rule: CompiledRule = { field: b.field, value, confidence: b.confidence, label: `built-in (${b.lang})`, in: new Set(TEXT_FIELDS) };
      for (const w of b.words) words.add(w, rule);
    }
  }
  const dictionary = new PhraseMatcher<DictRef>();
  const dictionaryTags = new Map<string, DictRef[]>();
  const services = new Map<string, string>();
  const addEntries = (kind: DictRef['kind'], list: readonly DictionaryEntry[]) =>
    list.forEach((entry, index) => {
      if (kind === 'service') services.set(fold(entry.name), entry.name);
      for (const [name, isName] of [[entry.name, true], ...entry.aliases.map((a) => [a, false] as const)] as const) {
        const ref: DictRef = { kind, entry, index, isName };
        dictionary.add(name, ref);
        const key = fold(name.trim());
        pushTo(dictionaryTags, key, ref);
      }
    });
  addEntries('service', s.services);
  addEntries('configuration_item', s.configurationItems);
  const compiled: Compiled = { words, tagRules, categories, categoryList, dictionary, dictionaryTags, services };
  compiledCache.set(config, compiled);
  return compiled;
}

// ---- scoring -----------------------------------------------------------------------------------

interface Piece {
  value: string | number;
  confidence: number;
  evidence: Evidence;
  rule: string;
  /** Set for derived values, whose reason is not a quotation. */
  reason?: string;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

const SOURCE_ORDER = ['title', 'description', 'body', 'tags'];

/** "the body says 'portal' and 'ticket'; the tags include 'Network'". */
export function quoteEvidence(evidence: readonly Evidence[]): string {
  const bySource = new Map<string, string[]>();
  for (const e of evidence) pushTo(bySource, e.in, e.text);
  const parts: string[] = [];
  const sources = [...bySource.keys()].sort((a, b) => (SOURCE_ORDER.indexOf(a) + 1 || 99) - (SOURCE_ORDER.indexOf(b) + 1 || 99));
  for (const src of sources) {
    // The ticket's words are quoted as they are; only the sentence around them is translated.
    const texts = bySource.get(src)!.slice(0, 3).map((w) => `'${w}'`);
    const list = texts.length > 1 ? t('{0} and {1}', texts.slice(0, -1).join(', '), texts.at(-1)!) : texts[0];
    if (src === 'tags') parts.push(t('the tags include {0}', list));
    else if (src === 'title') parts.push(t('the title says {0}', list));
    else if (src === 'description') parts.push(t('the description says {0}', list));
    else if (src === 'body') parts.push(t('the body says {0}', list));
    else parts.push(t('{0} is {1}', src, list));
  }
  return parts.join('; ');
}

/** Combines the pieces for one field into ranked candidates. */
function rank(pieces: readonly Piece[]): SuggestionCandidate[] {
  const byValue = new Map<string, Piece[]>();
  for (const p of pieces) {
    const key = String(p.value);
    pushTo(byValue, key, p);
  }
  const out: (SuggestionCandidate & { order: number })[] = [];
  let order = 0;
  for (const list of byValue.values()) {
    // One piece per distinct wording: the same words found by two rules, or again in another
    // field (a description often repeats the title), count once, where first found.
    const best = new Map<string, Piece>();
    for (const p of list) {
      const key = fold(p.evidence.text);
      const seen = best.get(key);
      if (!seen) best.set(key, p);
      else if (p.confidence > seen.confidence) best.set(key, { ...p, evidence: seen.evidence });
    }
    const sorted = [...best.values()].sort((a, b) => b.confidence - a.confidence);
    let rest = 1 - sorted[0].confidence;
    for (const p of sorted.slice(1)) rest *= 1 - p.confidence / 2;
    const evidence = sorted.map((p) => p.evidence);
    out.push({
      value: sorted[0].value,
      confidence: round(Math.min(0.99, 1 - rest)),
      evidence,
      rule: sorted[0].rule,
      reason: sorted[0].reason ?? quoteEvidence(evidence),
      order: order++,
    });
  }
  out.sort((a, b) => b.confidence - a.confidence || a.order - b.order);
  return out.map(({ order: _order, ...c }) => c);
}

/** Keeps, of overlapping hits for one field in one text, the longest; equal lengths all stay. */
function longestOnly<T>(hits: PhraseHit<T>[]): PhraseHit<T>[] {
  return hits.filter((h) => !hits.some((o) => o !== h && o.length > h.length && o.start < h.end && h.start < o.end));
}

/** Abstract levels (`high`, `medium`, `low`) as the matrix names them; its own level names pass. */
export function matrixLevel(levels: readonly Level[], value: string): Level | undefined {
  const own = levels.find((l) => String(l) === value);
  if (own !== undefined) return own;
  if (levels.length === 0) return undefined;
  if (value === 'high') return levels[0];
  if (value === 'low') return levels[levels.length - 1];
  if (value === 'medium') return levels[Math.floor((levels.length - 1) / 2)];
  return undefined;
}

// ---- the suggesters ----------------------------------------------------------------------------

/** The text fields of a record, tokenized once. */
function textsOf(value: Record<string, unknown>): { in: TextField; text: string; tokens: Token[] }[] {
  const out: { in: TextField; text: string; tokens: Token[] }[] = [];
  for (const f of TEXT_FIELDS) {
    const v = value[f];
    if (typeof v === 'string' && v.trim()) out.push({ in: f, text: v, tokens: tokenize(v) });
  }
  return out;
}

function tagsOf(value: Record<string, unknown>): string[] {
  return Array.isArray(value.tags) ? value.tags.filter((t): t is string => typeof t === 'string' && t.trim() !== '') : [];
}

/** Evidence pieces for every rule field, from the text's words and the tags. */
function keywordPieces(c: Compiled, texts: ReturnType<typeof textsOf>, tags: string[]): Map<RuleField, Piece[]> {
  const out = new Map<RuleField, Piece[]>();
  const add = (field: RuleField, p: Piece) => pushTo(out, field, p);
  for (const t of texts) {
    const hits = c.words.match(t.tokens).filter((h) => h.ref.in.has(t.in) && !(h.negated && NEGATABLE.has(h.ref.field)));
    const byField = new Map<RuleField, PhraseHit<CompiledRule>[]>();
    for (const h of hits) pushTo(byField, h.ref.field, h);
    for (const [field, list] of byField) {
      for (const h of longestOnly(list)) {
        add(field, { value: h.ref.value, confidence: h.ref.confidence, evidence: { in: t.in, text: t.text.slice(h.start, h.end) }, rule: h.ref.label });
      }
    }
  }
  // Tags: a tag naming a workspace category suggests it, the first such tag most strongly (the
  // seed's category was its first tag); then the rules' tag lists.
  let rankOfTag = 0;
  for (const tag of tags) {
    const key = fold(tag.trim());
    const category = c.categories.get(key);
    if (category !== undefined) {
      add('category', { value: category, confidence: Math.max(0.7, 0.9 - 0.05 * rankOfTag++), evidence: { in: 'tags', text: tag }, rule: 'a tag that names a category' });
    }
    for (const rule of c.tagRules.get(key) ?? []) add(rule.field, { value: rule.value, confidence: rule.confidence, evidence: { in: 'tags', text: tag }, rule: rule.label });
  }
  return out;
}

/** Service and CI pieces from the dictionary: names weigh more than aliases. */
function dictionaryPieces(c: Compiled, texts: ReturnType<typeof textsOf>, tags: string[]): { service: Piece[]; configuration_item: Piece[] } {
  const out = { service: [] as Piece[], configuration_item: [] as Piece[] };
  const add = (ref: DictRef, evidence: Evidence) => {
    const confidence = ref.isName ? 0.85 : 0.75;
    const rule = `kedb.config.yaml checklist.suggest.${ref.kind === 'service' ? 'services' : 'configuration_items'}[${ref.index}]`;
    out[ref.kind].push({ value: ref.entry.name, confidence, evidence, rule });
    if (ref.kind === 'configuration_item' && ref.entry.service) {
      const service = c.services.get(fold(ref.entry.service)) ?? ref.entry.service;
      out.service.push({
        value: service,
        confidence: round(confidence * 0.9),
        evidence,
        rule,
        reason: t('{0}, and {1} belongs to {2}', quoteEvidence([evidence]), ref.entry.name, service),
      });
    }
  };
  for (const t of texts) {
    for (const h of longestOnly(c.dictionary.match(t.tokens))) add(h.ref, { in: t.in, text: t.text.slice(h.start, h.end) });
  }
  for (const tag of tags) for (const ref of c.dictionaryTags.get(fold(tag.trim())) ?? []) add(ref, { in: 'tags', text: tag });
  return out;
}

const SERVICE_REQUEST_LOW = 0.6;
const SERVICE_REQUEST_RULE = 'a service request is low (seed)';

/**
 * Suggestions for one incident's missing checklist fields. `value` is the record as parsed; only
 * its title, description, body and tags are read as the ticket's words (never `source`, which
 * may hold the imported ground truth).
 */
export function suggestChecklist(value: Record<string, unknown>, config: KedbConfig, matrix: PriorityMatrix): RecordSuggestions {
  const missing = missingChecklistFields(value, config, matrix);
  const c = compile(config);
  const texts = textsOf(value);
  const tags = tagsOf(value);
  const pieces = keywordPieces(c, texts, tags);
  const ranked = new Map<SuggestField, SuggestionCandidate[]>();
  const view: Record<string, unknown> = { ...value };
  const empty = (path: string) => !isFilled(valueAt(value, path));
  const top = (field: SuggestField) => ranked.get(field)?.[0];
  /** Ranks a field's pieces, and lets later suggesters see the winner when the record has no value. */
  const decide = (field: SuggestField, list: readonly Piece[]) => {
    if (list.length === 0) return;
    const r = rank(list);
    ranked.set(field, r);
    if (empty(field) && !field.includes('.')) view[field] = r[0].value;
  };

  decide('channel', pieces.get('channel') ?? []);
  decide('type', pieces.get('type') ?? []);
  decide('category', pieces.get('category') ?? []);
  const dict = dictionaryPieces(c, texts, tags);
  decide('configuration_item', [...dict.configuration_item, ...(pieces.get('configuration_item') ?? [])]);
  decide('service', [...dict.service, ...(pieces.get('service') ?? [])]);

  // The record is a service request: as given, or as its words suggest.
  const givenRequest = value.type === 'service-request';
  const typeEvidence: Piece | undefined = givenRequest
    ? { value: 'service-request', confidence: 0.9, evidence: { in: 'type', text: 'service-request' }, rule: 'the record type' }
    : !isFilled(value.type) && top('type')?.value === 'service-request'
      ? { value: 'service-request', confidence: top('type')!.confidence, evidence: top('type')!.evidence[0], rule: top('type')!.rule }
      : undefined;
  // A service request is low impact and low urgency: the seed's policy, applied to records the
  // workspace has typed as requests. Not chained from a suggested type: request phrasing says
  // what a ticket is, not how urgent it is (on the Tobi Bueck tickets, 77% of requests carry
  // a medium or high priority), and a policy on a guess is a guess. Words can still say otherwise.
  const requestPolicy = givenRequest ? typeEvidence : undefined;
  for (const field of ['impact', 'urgency'] as const) {
    const levels = field === 'impact' ? matrix.impact : matrix.urgency;
    const list: Piece[] = [];
    for (const p of pieces.get(field) ?? []) {
      const level = matrixLevel(levels, String(p.value));
      if (level !== undefined) list.push({ ...p, value: level });
    }
    const low = matrixLevel(levels, 'low');
    if (requestPolicy && low !== undefined) {
      list.push({
        value: low,
        confidence: SERVICE_REQUEST_LOW,
        evidence: requestPolicy.evidence,
        rule: SERVICE_REQUEST_RULE,
        reason: t('it is a service request ({0})', quoteEvidence([requestPolicy.evidence])),
      });
    }
    decide(field, list);
  }

  // A priority the record already has: impact and urgency must give it under the matrix, or
  // writing them would raise a priority-mismatch warning.
  if (!empty('priority') && typeof value.priority === 'string') fitToPriority(value, value.priority, matrix, ranked, view);

  // Priority: the matrix on impact × urgency, as given or suggested.
  if (empty('priority')) {
    const imp = isFilled(value.impact) ? { value: value.impact, confidence: 1, evidence: [{ in: 'impact', text: String(value.impact) }] } : top('impact');
    const urg = isFilled(value.urgency) ? { value: value.urgency, confidence: 1, evidence: [{ in: 'urgency', text: String(value.urgency) }] } : top('urgency');
    const p = imp && urg ? classify(matrix, imp.value, urg.value) : undefined;
    if (p && imp && urg) {
      const confidence = round(Math.min(imp.confidence, urg.confidence, 0.95));
      ranked.set('priority', [
        {
          value: p,
          confidence,
          evidence: [...imp.evidence, ...urg.evidence].filter((e, i, all) => all.findIndex((x) => x.in === e.in && x.text === e.text) === i),
          rule: `priority matrix ${matrix.name}`,
          reason: t('impact {0} × urgency {1} gives {2} ({3})', String(imp.value), String(urg.value), p, matrix.name),
        },
      ]);
      view.priority = p;
    }
  }

  // Status: a service request is converted (the seed); an incident's status is no word's to say.
  if (typeEvidence) {
    ranked.set('status', [
      {
        value: 'converted-to-service-request',
        confidence: round(Math.min(0.9, typeEvidence.confidence)),
        evidence: [typeEvidence.evidence],
        rule: 'a service request is converted (seed)',
        reason: t('it is a service request ({0})', quoteEvidence([typeEvidence.evidence])),
      },
    ]);
  }

  // Escalation, where the (suggested) priority needs one.
  const priority = escalationNeededFor(view, config, matrix);
  if (priority) suggestEscalation(value, view, priority, config, ranked, pieces.get('escalation.team') ?? []);

  // The record's own empty fields, and those the suggested values make required (an escalation
  // for a suggested P1).
  const targets = [...new Set([...requiredFields(view, config, matrix).filter(empty), ...missing])];
  const min = config.checklist.suggest.minConfidence;
  const suggestions: FieldSuggestion[] = [];
  for (const field of targets) {
    const list = ranked.get(field as SuggestField)?.filter((s) => s.confidence >= min);
    if (!list || list.length === 0) continue;
    suggestions.push({ field: field as SuggestField, ...list[0], alternatives: list.slice(1) });
  }
  return { missing, suggestions };
}

/**
 * Makes suggested impact and urgency agree with the priority the record already has. The level
 * that is given, or else suggested by the ticket's words with the higher confidence, is kept; the
 * other is the one level that gives the priority with it, when the matrix has exactly one (the
 * word-based candidates stay as alternatives). Candidates that cannot agree are dropped, and the
 * seed's service-request policy never outweighs a given priority.
 */
function fitToPriority(value: Record<string, unknown>, priority: string, matrix: PriorityMatrix, ranked: Map<SuggestField, SuggestionCandidate[]>, view: Record<string, unknown>): void {
  type Side = { field: 'impact' | 'urgency'; value: unknown; confidence: number; evidence: Evidence[]; given: boolean };
  const side = (field: 'impact' | 'urgency'): Side | undefined => {
    if (isFilled(value[field])) return { field, value: value[field], confidence: 1, evidence: [{ in: field, text: String(value[field]) }], given: true };
    const top = ranked.get(field)?.[0];
    if (!top || top.rule === SERVICE_REQUEST_RULE) return undefined;
    return { field, value: top.value, confidence: top.confidence, evidence: top.evidence, given: false };
  };
  const impact = side('impact');
  const urgency = side('urgency');
  const gives = (i: unknown, u: unknown) => classify(matrix, i, u) === priority;
  if (impact && urgency && gives(impact.value, urgency.value)) return;
  const anchors = [impact, urgency].filter((x): x is Side => !!x).sort((a, b) => Number(b.given) - Number(a.given) || b.confidence - a.confidence);
  const anchor = anchors[0];
  for (const field of ['impact', 'urgency'] as const) {
    if (isFilled(value[field]) || anchor?.field === field) continue;
    const candidates = ranked.get(field) ?? [];
    const levels = field === 'impact' ? matrix.impact : matrix.urgency;
    const fits = anchor ? levels.filter((l) => (field === 'impact' ? gives(l, anchor.value) : gives(anchor.value, l))) : [];
    if (fits.length !== 1 || !anchor) {
      // No single level agrees: keep only candidates that do, if any.
      const agreeing = anchor ? candidates.filter((c) => fits.some((l) => String(l) === String(c.value))) : [];
      if (agreeing.length) ranked.set(field, agreeing);
      else ranked.delete(field);
      if (!agreeing.length) delete view[field];
      else view[field] = agreeing[0].value;
      continue;
    }
    const level = fits[0];
    const derived: SuggestionCandidate = {
      value: level,
      confidence: round(Math.min(0.9, anchor.confidence * 0.9)),
      evidence: [{ in: 'priority', text: priority }, ...anchor.evidence],
      rule: `priority matrix ${matrix.name}`,
      reason: anchor.given
        ? t('priority {0} with {1} {2} needs {3} {4} ({5})', priority, anchor.field, String(anchor.value), field, String(level), matrix.name)
        : t('priority {0} with {1} {2} ({3}) needs {4} {5} ({6})', priority, anchor.field, String(anchor.value), quoteEvidence(anchor.evidence), field, String(level), matrix.name),
    };
    ranked.set(field, [derived, ...candidates.filter((c) => String(c.value) !== String(level))]);
    view[field] = level;
  }
}

function suggestEscalation(
  value: Record<string, unknown>,
  view: Record<string, unknown>,
  priority: string,
  config: KedbConfig,
  ranked: Map<SuggestField, SuggestionCandidate[]>,
  keywordTeam: Piece[],
): void {
  const esc = (typeof value.escalation === 'object' && value.escalation !== null ? value.escalation : {}) as Record<string, unknown>;
  const priorityGiven = isFilled(value.priority) || (isFilled(value.impact) && isFilled(value.urgency));
  const priorityConfidence = priorityGiven ? 0.95 : ranked.get('priority')?.[0]?.confidence ?? 0;
  if (!isFilled(esc.team)) {
    // The routing rules, without their default team: a default is no evidence.
    const none = '\u0000no route';
    const routed = { ...config, escalation: { ...config.escalation, defaultTeam: none } };
    const pieces: Piece[] = [...keywordTeam];
    for (const key of ['category', 'service'] as const) {
      const v = view[key];
      if (typeof v !== 'string' || !v) continue;
      const team = escalationTeam({ [key]: v }, routed);
      if (team === none) continue;
      const given = isFilled(value[key]);
      const from = given ? undefined : ranked.get(key)?.[0];
      pieces.push({
        value: team,
        confidence: round(0.9 * (from ? from.confidence : 1)),
        evidence: from ? from.evidence[0] : { in: key, text: v },
        rule: 'kedb.config.yaml escalation.routes',
        reason: given ? t("{0} is '{1}', which routes to {2}", key, v, team) : t("{0} would be '{1}' ({2}), which routes to {3}", key, v, from?.reason ?? t('suggested'), team),
      });
    }
    if (pieces.length) ranked.set('escalation.team', rank(pieces));
  }
  // When and until when: from the record's own times, as the escalation quick fix proposes them.
  const hours = config.escalation.resolveWithinHours[priority] ?? 8;
  const reported = typeof value.reported_at === 'string' && addHours(value.reported_at, 0) ? value.reported_at : undefined;
  const escalatedAt = typeof esc.escalated_at === 'string' && addHours(esc.escalated_at, 0) ? esc.escalated_at : undefined;
  const confidence = round(Math.min(0.95, priorityConfidence));
  if (!escalatedAt && reported) {
    const proposal = proposedEscalation(value, priority, config, reported);
    ranked.set('escalation.escalated_at', [
      { value: proposal.escalated_at, confidence, evidence: [{ in: 'reported_at', text: reported }], rule: 'escalated when reported', reason: t('{0} is {1}', 'reported_at', `'${reported}'`) },
    ]);
  }
  const base = escalatedAt ?? reported;
  if (!isFilled(esc.eta) && base) {
    const eta = addHours(base, hours) ?? base;
    ranked.set('escalation.eta', [
      {
        value: eta,
        confidence,
        evidence: [{ in: escalatedAt ? 'escalation.escalated_at' : 'reported_at', text: base }, { in: 'priority', text: priority }],
        rule: `kedb.config.yaml escalation.resolve_within_hours ${priority}`,
        reason: escalatedAt
          ? t("a {0} is resolved within {1} h of escalation ('{2}')", priority, hours, base)
          : t("a {0} is resolved within {1} h of the report ('{2}')", priority, hours, base),
      },
    ]);
  }
}

/** A checklist quick fix's title: "Set channel: portal, because the body says 'via the portal'", kept to a readable length. */
export function checklistFixTitle(s: Pick<FieldSuggestion, 'field' | 'value' | 'reason'>): string {
  const reason = s.reason.length > 110 ? s.reason.slice(0, 109) + '…' : s.reason;
  return t('Set {0}: {1}, because {2}', s.field, String(s.value), reason);
}

/** One record's suggestions, located. */
export interface LocatedSuggestions extends RecordSuggestions {
  file: string;
  ordinal: number;
  id: string | undefined;
}

/** Suggestions for every incident of the workspace (or of some files), by file and position. */
export function workspaceSuggestions(ws: RecordStore, files?: readonly string[]): LocatedSuggestions[] {
  const records: RecordEntry[] = files ? files.flatMap((f) => ws.recordsInFile(f).filter((r) => r.kind === 'incident')) : [...ws.records('incident')];
  records.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.ordinal - b.ordinal));
  return records.map((r) => ({ file: r.file, ordinal: r.ordinal, id: r.id, ...suggestChecklist(r.value, ws.config, ws.matrix) }));
}
