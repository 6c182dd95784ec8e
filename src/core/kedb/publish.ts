/**
 * Publish Known Error and Retire Known Error: the edit of the known error's file that moves its
 * `state`, planned here and applied by the editor as one undoable edit. Publishing first checks
 * what the service desk needs; retiring records the day and the replacement.
 */
import type { RecordStore } from '../workspace/store';
import type { RecordEntry } from '../records/entry';
import { chainEdits, setIn, yamlInline, type TextEdit } from '../records/edits';
import { t } from '../base/l10n';
import { workaroundState } from './lifecycle';
import { byId, str, strings } from './model';
import { KnownErrorIndex } from './search';
import { knownErrorState, type KnownErrorState } from './states';

/** Where the state keys go: after the record's identity, as Promote writes them. */
const STATE_AFTER = ['problem', 'id', 'kind'];

/** What a known error lacks before the service desk can use it, in words; empty when nothing. */
export function publishGaps(value: Record<string, unknown>): string[] {
  const gaps: string[] = [];
  if (strings(value.symptoms).length === 0) gaps.push(t('symptoms: what users and the service desk see, one per item'));
  const w = workaroundState(value.workaround);
  if (w === 'missing') gaps.push(t('a workaround, or "None: " and the reason there is none'));
  else if (w === 'none-without-reason') gaps.push(t('the reason there is no workaround, after "None: "'));
  if (strings(value.root_causes).length === 0) gaps.push(t('a root cause in root_causes, or an item saying it is not yet known (e.g. "Not yet known: analysis continues in {0}")', str(value.problem) ?? 'PRB-…'));
  return gaps;
}

export type StatePlan = { ok: true; edit: TextEdit; from: KnownErrorState; to: KnownErrorState } | { ok: false; message: string; gaps?: string[] };

function knownError(ws: RecordStore, id: string): RecordEntry | undefined {
  const r = ws.get(id);
  return r?.kind === 'known_error' ? r : undefined;
}

/**
 * Plans publishing a known error: refused when it is published already, retired, or lacks what
 * the service desk needs (`gaps` says what). `text` is its file as the editor has it.
 */
export function planPublish(ws: RecordStore, id: string, text?: string): StatePlan {
  const ke = knownError(ws, id);
  if (!ke) return { ok: false, message: t('{0} is not a known error in this workspace.', id) };
  const from = knownErrorState(ke.value);
  if (from === 'published') return { ok: false, message: t('{0} is published already.', id) };
  if (from === 'retired') return { ok: false, message: t('{0} is retired; promote its problem again, or write a new known error, to publish one.', id) };
  const gaps = publishGaps(ke.value);
  if (gaps.length) {
    const message = gaps.length === 1 ? t('{0} is not published: it needs {1}.', id, gaps[0]) : t('{0} is not published: it needs {1}.', id, gaps.map((g, i) => `(${i + 1}) ${g}`).join('; '));
    return { ok: false, message, gaps };
  }
  const source = text ?? ws.textOf(ke.file);
  const edit = source === undefined ? undefined : setIn(source, ke.ordinal, ['state'], { inline: 'published' }, ws.config, { after: STATE_AFTER });
  if (!edit) return { ok: false, message: t('{0} is not a block mapping; set state: published by hand.', ke.file) };
  return { ok: true, edit, from, to: 'published' };
}

/** A known error that may replace a retiring one, with how like it it is (0 when unrelated). */
export interface ReplacementChoice {
  id: string;
  title: string;
  problem: string | undefined;
  score: number;
}

/**
 * The published known errors that could replace `id`: the most like it first (title, symptoms and
 * root causes), then the rest in id order. Drafts and retired ones are left out.
 */
export function replacementChoices(ws: RecordStore, id: string): ReplacementChoice[] {
  const self = knownError(ws, id);
  const others = [...ws.records('known_error')].filter((r) => r.id !== undefined && r.id !== id && knownErrorState(r.value) === 'published');
  const scores = new Map<string, number>();
  if (self) {
    const text = [str(self.value.title), ...strings(self.value.symptoms), ...strings(self.value.root_causes)].filter(Boolean).join('\n');
    if (text) for (const h of KnownErrorIndex.build(others).search(text, others.length)) scores.set(h.id, h.score);
  }
  return others
    .map((r) => ({ id: r.id!, title: str(r.value.title) ?? '', problem: str(r.value.problem), score: scores.get(r.id!) ?? 0 }))
    .sort((a, b) => b.score - a.score || byId(a.id, b.id));
}

/**
 * Plans retiring a known error on `day` (an ISO date), replaced by `replacement` when given (a
 * known error that is not retired and not itself). Sets `state: retired`, `retired_at` and
 * `replaced_by` (or removes nothing: a `replaced_by` already written stays when none is given).
 */
export function planRetire(ws: RecordStore, id: string, day: string, replacement: string | undefined, text?: string): StatePlan {
  const ke = knownError(ws, id);
  if (!ke) return { ok: false, message: t('{0} is not a known error in this workspace.', id) };
  const from = knownErrorState(ke.value);
  if (from === 'retired') return { ok: false, message: t('{0} is retired already.', id) };
  if (replacement !== undefined) {
    if (replacement === id) return { ok: false, message: t('{0} cannot replace itself.', id) };
    const next = knownError(ws, replacement);
    if (!next) return { ok: false, message: t('{0} is not a known error in this workspace.', replacement) };
    if (knownErrorState(next.value) === 'retired') return { ok: false, message: t('{0} is retired too: choose a known error in use.', replacement) };
  }
  const source = text ?? ws.textOf(ke.file);
  if (source === undefined) return { ok: false, message: t('{0} cannot be read.', ke.file) };
  const { config } = ws;
  const edit = chainEdits(source, [
    (cur) => setIn(cur, ke.ordinal, ['state'], { inline: 'retired' }, config, { after: STATE_AFTER }),
    (cur) => setIn(cur, ke.ordinal, ['retired_at'], { inline: day }, config, { after: ['state', ...STATE_AFTER] }),
    (cur) => (replacement ? setIn(cur, ke.ordinal, ['replaced_by'], { inline: yamlInline(replacement) }, config, { after: ['retired_at', 'state', ...STATE_AFTER] }) : undefined),
  ]);
  if (!edit) return { ok: false, message: t('{0} is not a block mapping; set state: retired by hand.', ke.file) };
  return { ok: true, edit, from, to: 'retired' };
}
