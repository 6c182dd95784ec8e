/**
 * The detector's results as JSON, Markdown (the seed's two tables) and plain text.
 */
import { t } from '../base/l10n';
import { ruleName, shownEvidence, type Candidate, type DetectionResult } from './detector';
import { sparkline } from './structure';
import { escapeMarkdownCell } from '../base/markdown';

/** The JSON shape of `kedb candidates --format json`. */
export interface CandidatesJson {
  candidates: {
    rule: string;
    rules: string[];
    key: string;
    label: string;
    count: number;
    incidents: string[];
    score: number;
    status: Candidate['status'];
    problems: string[];
    highestPriority?: string;
    firstReportedAt?: string;
    lastReportedAt?: string;
    cis: string[];
    services: string[];
    evidence: string[];
    sharedTerms?: string[];
    representative?: string;
    /** Its incidents per day, week or month, oldest first. */
    trend?: { unit: string; from: string; counts: number[] };
    /** For a refinement: the key of the candidate it was found in. */
    refines?: string;
    /** The candidates inside this one, ranked. */
    children: CandidatesJson['candidates'];
  }[];
  /** Whole categories holding a large share of the incidents, or spanning several problems: context, not ranked. */
  context: { key: string; label: string; count: number; share: number; problems: string[] }[];
  categories: { category: string; count: number; repeated: boolean; serviceRequests: number }[];
  covered: { key: string; count: number; problems: string[] }[];
  dismissed: { key: string; count: number; reason: string }[];
}

function candidateJson(c: Candidate): CandidatesJson['candidates'][number] {
  return {
    rule: c.rules[0],
    rules: c.rules,
    key: c.key,
    label: c.label,
    count: c.count,
    incidents: c.incidents,
    score: c.score,
    status: c.status,
    problems: c.problems,
    highestPriority: c.highestPriority,
    firstReportedAt: c.firstReportedAt,
    lastReportedAt: c.lastReportedAt,
    cis: c.cis,
    services: c.services,
    evidence: c.evidence,
    sharedTerms: c.sharedTerms,
    representative: c.representative,
    trend: c.trend,
    refines: c.refines,
    children: c.children.map(candidateJson),
  };
}

export function toJson(r: DetectionResult): CandidatesJson {
  return {
    candidates: r.candidates.map(candidateJson),
    context: r.context.map((c) => ({ key: c.key, label: c.label, count: c.count, share: contextShare(r, c), problems: c.problems })),
    categories: r.categories.map(({ category, count, repeated, serviceRequests }) => ({ category, count, repeated, serviceRequests })),
    covered: r.covered.map((c) => ({ key: c.key, count: c.count, problems: c.problems })),
    dismissed: r.dismissed.map((c) => ({ key: c.key, count: c.count, reason: c.dismissed?.reason ?? '' })),
  };
}

/** A context category's share of the incidents the category table counts (rounded to 0.001). */
export function contextShare(r: DetectionResult, c: Candidate): number {
  const total = r.categories.reduce((a, row) => a + row.count, 0);
  return total ? Math.round((c.count / total) * 1000) / 1000 : 0;
}

/** Why a category is context, in words. */
export function contextReason(r: DetectionResult, c: Candidate): string {
  const pct = Math.round(contextShare(r, c) * 100);
  return c.problems.length >= 2
    ? t('{0} incidents ({1} % of all); they already belong to {2} problems ({3}), so the category holds several faults.', c.count, pct, c.problems.length, c.problems.join(', '))
    : t('{0} incidents ({1} % of all): a category this large is a reporting bucket, not one fault.', c.count, pct);
}

/** The trend in one line ("per week from 2016-03-07: ▁▃█▅"); empty with fewer than two periods. */
export function trendLine(c: Candidate): string {
  if (!c.trend || c.trend.counts.length < 2) return '';
  const unit = c.trend.unit === 'day' ? t('per day') : c.trend.unit === 'week' ? t('per week') : t('per month');
  return t('{0} from {1}: {2}', unit, c.trend.from, sparkline(c.trend));
}

/** First and last occurrence and the trend, in one line; empty without dates. */
export function occurrenceLine(c: Candidate): string {
  if (!c.firstReportedAt || !c.lastReportedAt) return '';
  const trend = trendLine(c);
  return t('first {0}, last {1}', c.firstReportedAt.slice(0, 10), c.lastReportedAt.slice(0, 10)) + (trend ? `, ${trend}` : '');
}

/** A Markdown table cell: the one escaping every Markdown table we write uses. */
const cell = escapeMarkdownCell;

/** The seed's "Repeated" / "Non-repeated", in the current language. */
export function repeatedLabel(repeated: boolean): string {
  return repeated ? t('Repeated') : t('Non-repeated');
}

/**
 * The score in plain words, each factor named with what it comes from; a factor the data cannot
 * support (no priorities, no dates) is left out of the score, and the sentence says so.
 */
export function scoreSentence(c: Candidate): string {
  const incidents = c.count === 1 ? t('1 incident') : t('{0} incidents', c.count);
  // Each further incident counts a little less (log2(1 + n)) unless the category rule ran alone.
  const parts = [c.scoreParts.size === c.scoreParts.n ? incidents : t('{0} (×{1}, each further incident counting a little less)', incidents, c.scoreParts.size)];
  parts.push(t('found by {0} (×{1})', c.rules.map(ruleName).join(' + '), c.scoreParts.rule));
  if (c.highestPriority) parts.push(t('the highest priority among them {0} (×{1})', c.highestPriority, c.scoreParts.severity));
  if (c.lastReportedAt) parts.push(t('the newest reported {0} (×{1} for how recent)', c.lastReportedAt.slice(0, 10), c.scoreParts.recency));
  if (c.scoreParts.specificity < 1) parts.push(t('holding {0} % of the incidents (×{1}: the larger the share, the less it says)', Math.max(1, Math.round(sharePct(c))), c.scoreParts.specificity));
  const missing: string[] = [];
  if (!c.highestPriority && c.scoreParts.severity === 1) missing.push(t('no priority'));
  if (!c.lastReportedAt) missing.push(t('no dates'));
  const left =
    missing.length === 0
      ? ''
      : ' ' + (missing.length === 1 ? t('Its incidents have {0}, so that is not counted.', missing[0]) : t('Its incidents have {0} and {1}, so neither is counted.', missing[0], missing[1]));
  return t('Score {0}: {1}.', c.score, parts.join(', ')) + left;
}

/** The share of the incidents a candidate holds, in percent. */
function sharePct(c: Candidate): number {
  return c.sharePct ?? 0;
}

/** Why a candidate matters, in one sentence, for the seed's "Penjelasan" column. */
export function candidateReason(c: Candidate): string {
  const parts: string[] = [];
  parts.push(t('{0} incidents ({1})', c.count, c.rules.map(ruleName).join(', ')));
  if (c.highestPriority) parts.push(t('highest priority {0}', c.highestPriority));
  if (c.cis.length === 1) parts.push(t('all on {0}', c.cis[0]));
  else if (c.services.length === 1) parts.push(t('all on {0}', c.services[0]));
  if (c.sharedTerms?.length) parts.push(t('shared terms: {0}', c.sharedTerms.slice(0, 4).join(', ')));
  if (c.problems.length) parts.push(t('{0} already under {1}', c.count - c.open.length, c.problems.join(', ')));
  const when = occurrenceLine(c);
  if (when) parts.push(when);
  return parts.join('; ') + '.';
}

/**
 * The seed's two tables: "Identify Problems" (category | count | repeated or non-repeated) and
 * the problem candidates (candidate | frequency | reason), `top` of them.
 */
export function toMarkdown(r: DetectionResult, top = 10): string {
  const out = [`## ${t('Identify Problems')}`, '', `| ${t('Category')} | ${t('Count')} | ${t('Type')} |`, '| --- | ---: | --- |'];
  for (const row of r.categories) out.push(`| ${cell(row.category)} | ${row.count} | ${repeatedLabel(row.repeated)} |`);
  out.push('', `## ${t('Problem Candidates')}`, '', `| ${t('Problem Candidate')} | ${t('Frequency')} | ${t('Reason')} |`, '| --- | ---: | --- |');
  for (const c of r.candidates.slice(0, top)) {
    out.push(`| ${cell(c.label)} | ${c.count} | ${cell(candidateReason(c))} |`);
    for (const k of c.children) out.push(`| ↳ ${cell(k.label)} | ${k.count} | ${cell(candidateReason(k))} |`);
  }
  if (r.candidates.length > top) out.push('', t('{0} more candidates; `kedb candidates --format json` lists them all.', r.candidates.length - top));
  if (r.context.length) {
    out.push('', `## ${t('Context: large categories')}`, '', `| ${t('Category')} | ${t('Count')} | ${t('Why it is context')} |`, '| --- | ---: | --- |');
    for (const c of r.context) out.push(`| ${cell(c.label)} | ${c.count} | ${cell(contextReason(r, c))} |`);
  }
  return out.join('\n') + '\n';
}

/** Plain text for a terminal: the ranked candidates with their evidence, then the category table. */
export function toText(r: DetectionResult, top = 20): string {
  const out: string[] = [];
  const shown = r.candidates.slice(0, top);
  const counts = [t('{0} new', r.candidates.length)];
  if (r.covered.length) counts.push(t('{0} covered by problems', r.covered.length));
  if (r.dismissed.length) counts.push(t('{0} dismissed', r.dismissed.length));
  out.push(t('Problem candidates: {0}.', counts.join(', ')));
  shown.forEach((c, i) => {
    out.push('');
    const facts = [t('score {0}', c.score), t('{0} incidents', c.count)];
    if (c.highestPriority) facts.push(c.highestPriority);
    if (c.status === 'partial') facts.push(t('partly covered'));
    out.push(`${i + 1}. ${c.label}  [${c.key}]  ${facts.join(', ')}`);
    out.push(`   ${c.incidents.length > 12 ? c.incidents.slice(0, 12).join(', ') + ', … ' + t('({0} more)', c.incidents.length - 12) : c.incidents.join(', ')}`);
    const trend = trendLine(c);
    if (trend) out.push(`   ${trend}`);
    for (const e of shownEvidence(c)) out.push(`   - ${e}`);
    c.children.forEach((k, j) => {
      out.push(`   ${i + 1}.${j + 1} ${k.label}  [${k.key}]  ${[t('score {0}', k.score), t('{0} incidents', k.count)].join(', ')}`);
      const own = shownEvidence(k).filter((e) => !shownEvidence(c).includes(e));
      for (const e of own.slice(0, 2)) out.push(`        - ${e}`);
    });
  });
  if (r.candidates.length > top) out.push('', t('… {0} more (--format json lists all).', r.candidates.length - top));
  if (r.context.length) {
    out.push('', t('Context (large categories, not ranked):'));
    for (const c of r.context) out.push(`   ${c.label}: ${contextReason(r, c)}`);
  }
  out.push('', `${t('Category').padEnd(18).slice(0, 18)}  ${t('Count').padStart(5)}  ${t('Type')}`);
  for (const row of r.categories) out.push(`${row.category.padEnd(18).slice(0, 18)}  ${String(row.count).padStart(5)}  ${repeatedLabel(row.repeated)}`);
  return out.join('\n');
}
