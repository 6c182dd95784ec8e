/**
 * Quick fixes for the lifecycle diagnostics, as plain data (the editor turns them into code actions).
 */
import type { FixableIssue, FixProvider, QuickFix, QuickFixContext } from '../workspace/fixes';
import type { RecordEntry } from '../records/entry';
import { addDays } from './lifecycle';
import { byId, knownErrorOfProblem, linkedIncidents, obj, str } from './model';
import { TextIndex } from './textIndex';
import { propertyOrder } from '../schema/schemas';
import { t } from '../base/l10n';
import { oneLine } from '../base/lines';
import { setIn, toFileEdit, yamlInline, yamlString, type YamlValue } from '../records/edits';

export const LIFECYCLE_CODES = [
  'rca-or-assignee-missing',
  'change-reference-missing',
  'resolution-code-missing',
  'duplicate-of-missing',
  'workaround-missing',
  'known-error-unlinked',
  'known-error-stale',
] as const;

export const RESOLUTION_CODES = ['fix-applied', 'duplicate', 'risk-accepted', 'cancelled'] as const;

/** Keys a new problem key goes after: those before it in the schema's order, nearest first. */
function afterFor(key: string): string[] {
  const order = propertyOrder('problem');
  const i = order.indexOf(key);
  return i < 0 ? [] : order.slice(0, i).reverse();
}

/** The team most of a problem's incidents went to (escalation, else assignment), else the default team. */
export function proposedAssignee(ctx: QuickFixContext, problem: RecordEntry): string {
  const counts = new Map<string, number>();
  for (const inc of linkedIncidents(ctx.workspace, problem, undefined)) {
    const team = str(obj(inc.value.escalation).team) ?? str(inc.value.assignment_group);
    if (team) counts.set(team, (counts.get(team) ?? 0) + 1);
  }
  let best: string | undefined;
  for (const [team, n] of counts) if (!best || n > counts.get(best)! || (n === counts.get(best)! && team < best)) best = team;
  return best ?? ctx.workspace.config.escalation.defaultTeam;
}

/** The problems most like this one by title, statement and description, best first. */
export function similarProblems(ctx: QuickFixContext, problem: RecordEntry, limit = 3): { id: string; title: string; score: number }[] {
  const others = [...ctx.workspace.records('problem')].filter((p) => p.id !== undefined && p.id !== problem.id);
  const weights = ctx.workspace.config.detection.text.weights;
  const fields = (p: RecordEntry) => ({
    fields: [
      { text: str(p.value.title), weight: weights.title },
      { text: str(p.value.problem_statement), weight: weights.description },
      { text: str(p.value.description), weight: weights.body, body: true },
    ],
  });
  const index = TextIndex.build(others.map(fields));
  return index.query(fields(problem), limit, 0.05).map((h) => ({ id: others[h.doc].id!, title: str(others[h.doc].value.title) ?? '', score: h.score }));
}

/** The quick fixes for one lifecycle diagnostic, best first; none for other codes. */
export function lifecycleFixes(issue: FixableIssue, ctx: QuickFixContext): QuickFix[] {
  if (!(LIFECYCLE_CODES as readonly string[]).includes(issue.code)) return [];
  const ws = ctx.workspace;
  const text = ctx.ranged.lines.text;
  const ordinal = typeof issue.data?.ordinal === 'number' ? issue.data.ordinal : 0;
  const record = ws.recordsInFile(ctx.path)[ordinal];
  if (!record) return [];
  const here = (path: string[], value: YamlValue, after: string[] = []) => {
    const e = setIn(text, ordinal, path, value, ws.config, { after });
    return e ? [toFileEdit(ctx.path, text, e, ctx.ranged.lines)] : undefined;
  };
  const fixes: QuickFix[] = [];
  switch (issue.code) {
    case 'rca-or-assignee-missing': {
      const field = ws.config.lifecycle.assigneeFields[0] ?? 'assignment_group';
      const team = proposedAssignee(ctx, record);
      const edits = here([field], { inline: yamlInline(team) }, afterFor(field));
      if (edits) fixes.push({ title: t('Assign to {0}', team), isPreferred: true, edits });
      break;
    }
    case 'change-reference-missing': {
      const ke = knownErrorOfProblem(ws, record);
      const keText = ke ? (ctx.textOf?.(ke.file) ?? ws.textOf(ke.file)) : undefined;
      if (ke && keText !== undefined) {
        const e = setIn(keText, ke.ordinal, ['permanent_fix', 'change'], { inline: '""' }, ws.config);
        if (e) fixes.push({ title: t("Add a change id to {0}'s permanent fix", String(ke.id)), isPreferred: true, edits: [toFileEdit(ke.file, keText, e)], open: ke.file });
      } else {
        const edits = here(['resolution', 'change'], { inline: '""' }, afterFor('resolution'));
        if (edits) fixes.push({ title: t('Add resolution.change'), isPreferred: true, edits });
      }
      break;
    }
    case 'resolution-code-missing':
      RESOLUTION_CODES.forEach((code, i) => {
        const edits = here(['resolution', 'code'], { inline: code }, afterFor('resolution'));
        if (edits) fixes.push({ title: t('Set resolution.code: {0}', code), isPreferred: i === 0 ? true : undefined, edits });
      });
      break;
    case 'duplicate-of-missing':
      similarProblems(ctx, record).forEach((p, i) => {
        const edits = here(['resolution', 'duplicate_of'], { inline: p.id });
        if (edits) fixes.push({ title: t('Duplicate of {0} ({1}, similarity {2})', p.id, oneLine(p.title, 48), p.score.toFixed(2)), isPreferred: i === 0 ? true : undefined, edits });
      });
      break;
    case 'workaround-missing': {
      const from = typeof issue.data?.fromProblem === 'string' ? ws.get(issue.data.fromProblem) : undefined;
      const workaround = from ? str(from.value.workaround) : undefined;
      if (from && workaround) {
        const edits = here(['workaround'], yamlString(workaround.replace(/\s+/g, ' ').trim()), ['root_causes', 'symptoms', 'title']);
        if (edits) fixes.push({ title: t('Copy the workaround from {0}: {1}', String(from.id), oneLine(workaround, 50)), isPreferred: true, edits });
      }
      break;
    }
    case 'known-error-unlinked': {
      const ids = Array.isArray(issue.data?.knownErrors) ? (issue.data.knownErrors as string[]) : [];
      [...ids].sort(byId).forEach((id, i) => {
        const edits = here(['known_error'], { inline: id }, afterFor('known_error'));
        const named = str(ws.get(id)?.value.title);
        if (edits) fixes.push({ title: named ? t('Link to {0} ({1})', id, oneLine(named, 48)) : t('Link to {0}', id), isPreferred: i === 0 ? true : undefined, edits });
      });
      break;
    }
    case 'known-error-stale': {
      const to = typeof issue.data?.reviewedTo === 'string' ? issue.data.reviewedTo : addDays(ws.clock().slice(0, 10), ws.config.lifecycle.reviewDays);
      const edits = here(['valid_to'], { inline: JSON.stringify(to) });
      if (edits) fixes.push({ title: t('Mark reviewed: valid until {0}', to), isPreferred: true, edits });
      break;
    }
  }
  return fixes;
}

/** The problem-lifecycle fixes, for the workspace's fix registry. */
export const lifecycleFixProvider: FixProvider = { codes: LIFECYCLE_CODES, fixes: lifecycleFixes };
