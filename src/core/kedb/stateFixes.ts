/**
 * Quick fixes for the known-error state diagnostics that have one right answer: link the
 * replacement of a retired known error, name the end of a `replaced_by` chain, and move a
 * reviewed known error's `review_by` on. Edits go through `setIn`, so comments stay.
 */
import type { FixableIssue, FixProvider, QuickFix, QuickFixContext } from '../workspace/fixes';
import { setIn, toFileEdit, type YamlValue } from '../records/edits';
import { oneLine } from '../base/lines';
import { t } from '../base/l10n';
import { addDays } from './lifecycle';
import { str } from './model';

/** The quick fixes for one state diagnostic, best first; none for other codes. */
export function stateFixes(issue: FixableIssue, ctx: QuickFixContext): QuickFix[] {
  const ordinal = typeof issue.data?.ordinal === 'number' ? issue.data.ordinal : 0;
  const text = ctx.ranged.lines.text;
  const ws = ctx.workspace;
  const set = (path: string[], value: YamlValue, after: string[] = []) => {
    const e = setIn(text, ordinal, path, value, ws.config, { after });
    return e ? [toFileEdit(ctx.path, text, e, ctx.ranged.lines)] : undefined;
  };
  const replacement = typeof issue.data?.replacement === 'string' ? issue.data.replacement : undefined;
  switch (issue.code) {
    case 'retired-known-error-linked': {
      if (!replacement) return [];
      const title = str(ws.get(replacement)?.value.title);
      const edits = set(['known_error'], { inline: replacement });
      return edits ? [{ title: title ? t('Link the replacement, {0} ({1})', replacement, oneLine(title, 48)) : t('Link the replacement, {0}', replacement), isPreferred: true, edits }] : [];
    }
    case 'replaced-by-retired': {
      if (!replacement) return [];
      const edits = set(['replaced_by'], { inline: replacement });
      return edits ? [{ title: t('Replaced by {0}, the known error in use', replacement), isPreferred: true, edits }] : [];
    }
    case 'known-error-review-due': {
      const to = typeof issue.data?.reviewedTo === 'string' ? issue.data.reviewedTo : addDays((ctx.now ?? ws.clock()).slice(0, 10), ws.config.lifecycle.reviewDays);
      const edits = set(['review_by'], { inline: JSON.stringify(to) });
      return edits ? [{ title: t('Mark reviewed: next review by {0}', to), isPreferred: true, edits }] : [];
    }
    default:
      return [];
  }
}

/** The state fixes, for the workspace's fix registry. */
export const stateFixProvider: FixProvider = { codes: ['retired-known-error-linked', 'replaced-by-retired', 'known-error-review-due'], fixes: stateFixes };
