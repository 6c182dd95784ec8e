/**
 * Communicate Workaround: a problem's or known error's workaround, written into each linked
 * incident that is still open as a dated note appended to its `notes`. The editor shows the list,
 * then applies every note in one undoable edit.
 */
import type { TextEdit } from '../records/edits';
import type { RecordStore } from '../workspace/store';
import type { RecordEntry } from '../records/entry';
import { dayOf, workaroundState } from './lifecycle';
import { isOpenIncident, knownErrorOfProblem, linkedIncidents, problemOf, str, strings } from './model';
import { draftSymptoms } from './promote';
import { knownErrorState } from './states';
import { escapeMarkdownText } from '../base/markdown';
import { setIn, yamlString } from '../records/edits';
import { t } from '../base/l10n';

export interface IncidentNote {
  id: string;
  file: string;
  ordinal: number;
  title: string;
  status: string;
  /** False when the incident already carries this note (it is then left alone). */
  needed: boolean;
}

export interface CommunicationPlan {
  /** The record the workaround comes from (a known error, else the problem). */
  source: string;
  problem: string | undefined;
  knownError: string | undefined;
  workaround: string;
  /** The line appended to each incident's notes. */
  note: string;
  /** Open linked incidents; closed ones are listed in `skipped`. */
  incidents: IncidentNote[];
  skipped: { id: string; status: string }[];
}

export type CommunicationResult = { ok: true; plan: CommunicationPlan } | { ok: false; message: string };

/** The dated note: `[2025-09-23] Workaround (KE-0007): Restart the router …`. */
export function workaroundNote(day: string, source: string, workaround: string): string {
  return `[${day}] Workaround (${source}): ${workaround.replace(/\s+/g, ' ').trim()}`;
}

/**
 * Finds the workaround and the incidents to tell, for a problem or a known error id. The known
 * error's workaround comes first (it is the published one), then the problem's.
 */
export function planCommunication(ws: RecordStore, recordId: string, now: string): CommunicationResult {
  const r = ws.get(recordId);
  if (!r || r.kind === 'incident') return { ok: false, message: t('{0} is not a problem or a known error in this workspace.', recordId) };
  // Only a published known error's workaround goes to users: a draft is not confirmed yet, and a
  // retired one no longer applies.
  if (r.kind === 'known_error') {
    const state = knownErrorState(r.value);
    if (state === 'draft') return { ok: false, message: t('{0} is a draft: publish it first (KEDB: Publish Known Error), so users get a confirmed workaround.', recordId) };
    if (state === 'retired') {
      const next = str(r.value.replaced_by);
      return { ok: false, message: next ? t('{0} is retired and replaced by {1}: communicate the workaround of {1}.', recordId, next) : t('{0} is retired: its workaround no longer applies.', recordId) };
    }
  }
  const problem = r.kind === 'problem' ? r : problemOf(ws, r);
  const knownError = r.kind === 'known_error' ? r : knownErrorOfProblem(ws, r);
  const published = knownError && knownErrorState(knownError.value) === 'published' ? knownError : undefined;
  const from = [published, problem].find((x): x is RecordEntry => !!x && workaroundState(x.value.workaround) === 'given');
  if (!from && knownError && !published && knownErrorState(knownError.value) === 'draft' && workaroundState(knownError.value.workaround) === 'given') {
    return { ok: false, message: t('{0} is a draft: publish it first (KEDB: Publish Known Error), so users get a confirmed workaround.', String(knownError.id)) };
  }
  if (!from) {
    const ids = [knownError?.id, problem?.id].filter((x): x is string => !!x);
    const message =
      ids.length === 2 ? t('Neither {0} nor {1} has a workaround to communicate.', ids[0], ids[1]) : t('Neither {0} has a workaround to communicate.', ids[0] ?? '');
    return { ok: false, message };
  }
  const workaround = str(from.value.workaround)!.replace(/\s+/g, ' ').trim();
  const note = workaroundNote(dayOf(now), from.id!, workaround);
  const incidents: IncidentNote[] = [];
  const skipped: CommunicationPlan['skipped'] = [];
  for (const inc of linkedIncidents(ws, problem, knownError)) {
    const status = str(inc.value.status) ?? 'new';
    if (!isOpenIncident(inc)) {
      skipped.push({ id: inc.id!, status });
      continue;
    }
    const notes = str(inc.value.notes) ?? '';
    const needed = !notes.replace(/\s+/g, ' ').includes(`Workaround (${from.id}): ${workaround}`);
    incidents.push({ id: inc.id!, file: inc.file, ordinal: inc.ordinal, title: str(inc.value.title) ?? '', status, needed });
  }
  return { ok: true, plan: { source: from.id!, problem: problem?.id, knownError: knownError?.id, workaround, note, incidents, skipped } };
}

/**
 * The edit that appends the note to an incident's `notes` (after a blank line), or adds `notes`
 * as the record's last key. The old notes keep their text; the value is rewritten as a block.
 */
export function noteEdit(ws: RecordStore, text: string, incident: Pick<RecordEntry, 'ordinal' | 'value'>, note: string): TextEdit | undefined {
  const old = str(incident.value.notes);
  const value = old ? `${old.replace(/\s+$/, '')}\n\n${note}` : note;
  return setIn(text, incident.ordinal, ['notes'], yamlString(value), ws.config);
}

// ---- the message for the service desk and the affected users ----------------------------------

export interface WorkaroundMessage {
  /** The record the workaround comes from (a known error, else the problem). */
  source: string;
  /** The problem the incidents belong to, for whom to contact. */
  problem?: string;
  title: string;
  symptoms: readonly string[];
  workaround: string;
  incidents: readonly { id: string; title: string }[];
  /** Who owns the problem: its owner and its assignment group, when recorded. */
  owner?: string;
  group?: string;
  /** The day the draft is written, `2025-10-01`. */
  day: string;
}

/**
 * The steps of a workaround: its lines when it is written as a list (list marks taken off), else
 * its sentences.
 */
export function workaroundSteps(workaround: string): string[] {
  const lines = workaround
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*(?:[-*+•]|\d+[.)])\s+/, '').trim())
    .filter(Boolean);
  if (lines.length > 1) return lines;
  const flat = workaround.replace(/\s+/g, ' ').trim();
  return flat ? flat.split(/(?<=[.!?])\s+(?=[\p{Lu}\p{N}])/u) : [];
}

/**
 * The Markdown message that tells the service desk and the affected users about a workaround: a
 * subject line, the symptoms, the workaround as steps, the affected incidents, whom to contact.
 * In the interface's language; every text from the records escaped for Markdown.
 */
export function workaroundMessageText(m: WorkaroundMessage): string {
  const esc = escapeMarkdownText;
  const out: string[] = [];
  out.push(`**${t('Subject')}:** ${t('Workaround available: {0} ({1})', esc(m.title), esc(m.source))}`, '');
  out.push(t('To the service desk and the users of the incidents below: until the permanent fix is in place, the steps below restore the service.'), '');
  out.push(`## ${t('Symptoms')}`, '');
  if (m.symptoms.length) for (const s of m.symptoms) out.push(`- ${esc(s)}`);
  else out.push(`_${t('No symptoms are recorded yet.')}_`);
  out.push('', `## ${t('Workaround')}`, '');
  const steps = workaroundSteps(m.workaround);
  if (steps.length === 1) out.push(esc(steps[0]));
  else steps.forEach((step, i) => out.push(`${i + 1}. ${esc(step)}`));
  out.push('', `## ${t('Affected incidents')}`, '');
  if (m.incidents.length) for (const inc of m.incidents) out.push(inc.title ? `- **${esc(inc.id)}**: ${esc(inc.title)}` : `- **${esc(inc.id)}**`);
  else out.push(`_${t('No open incident is linked.')}_`);
  out.push('', `## ${t('Contact')}`, '');
  const who = m.owner && m.group ? `${m.owner} (${m.group})` : (m.owner ?? m.group);
  const about = esc(m.problem ?? m.source);
  out.push(
    who
      ? t('Contact {0} about {1} with questions, or when the workaround does not help.', esc(who), about)
      : t('No owner or assignment group is recorded on {0}: write here whom to contact before sending.', about),
  );
  out.push('', '---', '', `_${t('Drafted by KEDB Studio on {0} from {1}: review it before sending.', m.day, esc(m.source))}_`, '');
  return out.join('\n');
}

/**
 * The draft of the message for a planned communication, and where it goes in the workspace
 * (`communications/KE-0007-workaround.md`). The symptoms are the known error's, else drafted from
 * the problem's incidents; the incidents are the open ones the plan lists.
 */
export function communicationDraft(ws: RecordStore, plan: CommunicationPlan, now: string): { path: string; text: string } {
  const ke = plan.knownError ? ws.get(plan.knownError) : undefined;
  const problem = plan.problem ? ws.get(plan.problem) : undefined;
  const source = ws.get(plan.source);
  const keSymptoms = ke ? strings(ke.value.symptoms).filter((s) => s.trim()) : [];
  const symptoms = keSymptoms.length ? keSymptoms : problem?.kind === 'problem' ? draftSymptoms(ws, problem) : [];
  const text = workaroundMessageText({
    source: plan.source,
    problem: plan.problem,
    title: str(source?.value.title) ?? str(ke?.value.title) ?? str(problem?.value.title) ?? plan.source,
    symptoms,
    workaround: str(source?.value.workaround) ?? plan.workaround,
    incidents: plan.incidents.map((i) => ({ id: i.id, title: i.title })),
    owner: str(problem?.value.owner),
    group: str(problem?.value.assignment_group),
    day: dayOf(now),
  });
  return { path: `communications/${plan.source}-workaround.md`, text };
}
