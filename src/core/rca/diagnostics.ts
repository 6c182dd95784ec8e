import type { PathIssue } from '../base/types';
import type { RecordEntry } from '../records/entry';
import type { RecordCheck } from '../workspace/checks';
import { readRca, type CauseNode } from './model';
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

/** The root cause analysis checks, for the workspace's check registry. */
export const rcaCheck: RecordCheck = (r) => rcaIssues(r);
