/**
 * The detector's results as JSON, Markdown (the seed's two tables) and plain text.
 */
import { RULE_NAMES, type Candidate, type DetectionResult } from './detector';

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
  }[];
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
  };
}

export function toJson(r: DetectionResult): CandidatesJson {
  return {
    candidates: r.candidates.map(candidateJson),
    categories: r.categories.map(({ category, count, repeated, serviceRequests }) => ({ category, count, repeated, serviceRequests })),
    covered: r.covered.map((c) => ({ key: c.key, count: c.count, problems: c.problems })),
    dismissed: r.dismissed.map((c) => ({ key: c.key, count: c.count, reason: c.dismissed?.reason ?? '' })),
  };
}

/** A Markdown table cell: pipes escaped, line breaks flattened. */
function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/** Why a candidate matters, in one sentence, for the seed's "Penjelasan" column. */
export function candidateReason(c: Candidate): string {
  const parts: string[] = [];
  parts.push(`${c.count} incidents (${c.rules.map((r) => RULE_NAMES[r]).join(', ')})`);
  if (c.highestPriority) parts.push(`highest priority ${c.highestPriority}`);
  if (c.cis.length === 1) parts.push(`all on ${c.cis[0]}`);
  else if (c.services.length === 1) parts.push(`all on ${c.services[0]}`);
  if (c.sharedTerms?.length) parts.push(`shared terms: ${c.sharedTerms.slice(0, 4).join(', ')}`);
  if (c.problems.length) parts.push(`${c.count - c.open.length} already under ${c.problems.join(', ')}`);
  return parts.join('; ') + '.';
}

/**
 * The seed's two tables: "Identify Problems" (category | count | repeated or non-repeated) and
 * the problem candidates (candidate | frequency | reason), `top` of them.
 */
export function toMarkdown(r: DetectionResult, top = 10): string {
  const out = ['## Identify Problems', '', '| Category | Count | Type |', '| --- | ---: | --- |'];
  for (const row of r.categories) out.push(`| ${cell(row.category)} | ${row.count} | ${row.repeated ? 'Repeated' : 'Non-repeated'} |`);
  out.push('', '## Problem Candidates', '', '| Problem Candidate | Frequency | Reason |', '| --- | ---: | --- |');
  for (const c of r.candidates.slice(0, top)) out.push(`| ${cell(c.label)} | ${c.count} | ${cell(candidateReason(c))} |`);
  if (r.candidates.length > top) out.push('', `${r.candidates.length - top} more candidates; \`kedb candidates --format json\` lists them all.`);
  return out.join('\n') + '\n';
}

/** Plain text for a terminal: the ranked candidates with their evidence, then the category table. */
export function toText(r: DetectionResult, top = 20): string {
  const out: string[] = [];
  const shown = r.candidates.slice(0, top);
  out.push(`Problem candidates: ${r.candidates.length} new${r.covered.length ? `, ${r.covered.length} covered by problems` : ''}${r.dismissed.length ? `, ${r.dismissed.length} dismissed` : ''}.`);
  shown.forEach((c, i) => {
    out.push('');
    out.push(`${i + 1}. ${c.label}  [${c.key}]  score ${c.score}, ${c.count} incidents${c.highestPriority ? `, ${c.highestPriority}` : ''}${c.status === 'partial' ? ', partly covered' : ''}`);
    out.push(`   ${c.incidents.length > 12 ? c.incidents.slice(0, 12).join(', ') + `, … (${c.incidents.length - 12} more)` : c.incidents.join(', ')}`);
    for (const e of c.evidence) out.push(`   - ${e}`);
  });
  if (r.candidates.length > top) out.push('', `… ${r.candidates.length - top} more (--format json lists all).`);
  out.push('', 'Category            Count  Type');
  for (const row of r.categories) out.push(`${row.category.padEnd(18).slice(0, 18)}  ${String(row.count).padStart(5)}  ${row.repeated ? 'Repeated' : 'Non-repeated'}`);
  return out.join('\n');
}
