/**
 * Communicate Workaround: a problem's or known error's workaround, written into each linked
 * incident that is still open as a dated note appended to its `notes`. The editor shows the list,
 * then applies every note in one undoable edit.
 */
import type { TextEdit } from '../records/edits';
import type { RecordStore } from '../workspace/store';
import type { RecordEntry } from '../records/entry';
import { dayOf, workaroundState } from './lifecycle';
import { isOpenIncident, knownErrorOfProblem, linkedIncidents, problemOf, str } from './model';
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
  const problem = r.kind === 'problem' ? r : problemOf(ws, r);
  const knownError = r.kind === 'known_error' ? r : knownErrorOfProblem(ws, r);
  const from = [knownError, problem].find((x): x is RecordEntry => !!x && workaroundState(x.value.workaround) === 'given');
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
