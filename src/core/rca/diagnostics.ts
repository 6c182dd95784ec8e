import type { PathIssue } from '../base/types';
import type { RecordEntry } from '../records/entry';
import type { CheckContext, RecordCheck } from '../workspace/checks';
import { allCauses, readRca, type CauseNode, type RcaModel } from './model';
import { t } from '../base/l10n';

/** How a root cause is compared with the `root_causes` list: case, spacing and a final period aside. */
export function rootCauseKey(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/\.$/, '').toLowerCase();
}

/**
 * Checks of a problem's root cause analysis: a cause marked `root_cause: true` must also be listed
 * in `rca.root_causes` (code `root-cause-unlisted`, at the `root_cause` value).
 */
export function rcaIssues(r: Pick<RecordEntry, 'kind' | 'value'> & { ordinal?: number }): PathIssue[] {
  if (r.kind !== 'problem') return [];
  const model = readRca(r.value, { fishboneCategories: [] });
  const listed = new Set(model.rootCauses.map(rootCauseKey));
  const out: PathIssue[] = [];
  const walk = (causes: CauseNode[]) => {
    for (const c of causes) {
      if (c.rootCause && !listed.has(rootCauseKey(c.text))) {
        out.push({
          code: 'root-cause-unlisted',
          severity: 'warning',
          message: t('"{0}" is marked as a root cause but is not listed in rca.root_causes: add it there.', c.text.trim()),
          path: [...c.itemPath, 'root_cause'],
          data: { rootCause: c.text.trim(), ordinal: r.ordinal ?? 0 },
        });
      }
      walk(c.children);
    }
  };
  for (const cat of model.categories) walk(cat.causes);
  return out;
}

/** A root cause as written, on one line: for messages and for the text a fix writes. */
export function oneLineCause(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The causes of the fishbone at any depth and the answers of every 5 Whys chain: what a root cause may name. */
export function analysisTexts(model: RcaModel): string[] {
  const out: string[] = [];
  for (const { cause } of allCauses(model)) out.push(cause.text);
  for (const chain of model.chains) for (const step of chain.steps) out.push(step.because);
  return out.filter((s) => s.trim() !== '');
}

/**
 * A problem's root causes as its known error takes them (as `kedb promote` drafts them): the
 * fishbone causes marked `root_cause`, those listed in `rca.root_causes`, each 5 Whys chain's last
 * answer; each once.
 */
export function problemRootCauses(model: RcaModel): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (s: string | undefined) => {
    if (s === undefined || s.trim() === '' || seen.has(rootCauseKey(s))) return;
    seen.add(rootCauseKey(s));
    out.push(oneLineCause(s));
  };
  for (const { cause } of allCauses(model)) if (cause.rootCause) add(cause.text);
  for (const rc of model.rootCauses) add(rc);
  for (const chain of model.chains) add(chain.steps[chain.steps.length - 1]?.because);
  return out;
}

/** The string entries of a list with their indexes in it (other items are the schema's concern). */
function stringEntries(v: unknown): { text: string; index: number }[] {
  return Array.isArray(v) ? v.flatMap((text, index) => (typeof text === 'string' && text.trim() !== '' ? [{ text, index }] : [])) : [];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The reverse of `root-cause-unlisted`: each entry of a list of root causes must name something the
 * analysis found (compared as `rootCauseKey` does).
 *
 * - A problem: an entry of `rca.root_causes` that is no fishbone cause (at any depth) and no 5 Whys
 *   answer gets `root-cause-unmatched`, at the entry. A problem whose rca has neither causes nor
 *   answers is not checked: its list is then the whole analysis.
 * - A known error that names its problem (`problem:`): an entry of `root_causes` that is none of the
 *   problem's root causes, fishbone causes and 5 Whys answers gets
 *   `known-error-root-cause-unmatched`, at the entry; when the problem's rca holds nothing, nothing
 *   is checked.
 */
export function rootCauseIssues(r: Pick<RecordEntry, 'kind' | 'value'> & { ordinal?: number }, ctx: Pick<CheckContext, 'get'>): PathIssue[] {
  const out: PathIssue[] = [];
  if (r.kind === 'problem') {
    const model = readRca(r.value, { fishboneCategories: [] });
    const known = new Set(analysisTexts(model).map(rootCauseKey));
    if (known.size === 0) return out;
    const rca = isObject(r.value.rca) ? r.value.rca : {};
    for (const { text, index } of stringEntries(rca.root_causes)) {
      if (known.has(rootCauseKey(text))) continue;
      out.push({
        code: 'root-cause-unmatched',
        severity: 'warning',
        message: t('"{0}" is listed in rca.root_causes but matches no cause in the fishbone and no answer in the 5 Whys.', oneLineCause(text)),
        path: ['rca', 'root_causes', index],
        data: { rootCause: text, index, ordinal: r.ordinal ?? 0 },
      });
    }
  } else if (r.kind === 'known_error' && typeof r.value.problem === 'string') {
    const problem = ctx.get(r.value.problem);
    if (problem?.kind !== 'problem') return out;
    const model = readRca(problem.value, { fishboneCategories: [] });
    const known = new Set([...model.rootCauses, ...analysisTexts(model)].filter((s) => s.trim() !== '').map(rootCauseKey));
    if (known.size === 0) return out;
    for (const { text, index } of stringEntries(r.value.root_causes)) {
      if (known.has(rootCauseKey(text))) continue;
      out.push({
        code: 'known-error-root-cause-unmatched',
        severity: 'warning',
        message: t('"{0}" matches no root cause, fishbone cause or 5 Whys answer of {1}.', oneLineCause(text), r.value.problem),
        path: ['root_causes', index],
        data: { rootCause: text, index, problem: r.value.problem, ordinal: r.ordinal ?? 0 },
      });
    }
  }
  return out;
}

/** The root cause analysis checks, for the workspace's check registry. */
export const rcaCheck: RecordCheck = (r, ctx) => [...rcaIssues(r), ...rootCauseIssues(r, ctx)];
