/**
 * The import driver: reads CSV events, maps each row (or, for event logs, each incident's latest
 * event) to a record, and creates, updates or leaves its file, counting every outcome. It knows
 * neither files nor streams: a reader gives it `CsvEvent`s and an `ImportTarget` stores records.
 */
import { t } from '../base/l10n';
import { ChecklistCoverage, isFilled, valueAt } from '../checklist/fields';
import { LIFECYCLE_SOURCE_FIELDS, type LifecycleSourceField } from '../records/settings/lifecycle';
import { delimiterName, otherDelimiterIn } from './csv';
import { CORE_SCHEMA, load } from 'js-yaml';
import { compileMapping, RowError, type CompiledMapping, type HistoryEntry, type MissingColumn, type ResolvedMapping } from './mapping';
import { reconcile } from './reconcile';
import { buildRecord, recordYaml, rowId, type FreshRecord } from './record';
import {
  MAX_LISTED_PROBLEMS,
  type CsvEvent,
  type ImportProgress,
  type ImportSummary,
  type ImportTarget,
  type SkipCode,
} from './types';

export interface ImportOptions {
  mapping: ResolvedMapping;
  target: ImportTarget;
  /** The CSV file's base name, kept in `source.file` and used in messages. */
  fileName: string;
  /** The workspace's incident id prefix. Default `INC`. */
  idPrefix?: string;
  /** The separator the reader used, for hints when a row does not split right. */
  delimiter?: string;
  /** Stop after this many incidents (rows, or groups of events for an event log). */
  limit?: number;
  /** Work everything out but write nothing. */
  dryRun?: boolean;
  /** Stops the import cleanly at the next row: records written so far stay complete. */
  signal?: AbortSignal;
  isCancelled?: () => boolean;
  onProgress?: (progress: ImportProgress) => void;
  /** Rows between two progress reports. Default 500. */
  progressEvery?: number;
  /** Bytes read and in all, when the reader can tell (for a progress bar). */
  position?: () => { read: number; total: number } | undefined;
}

type Outcome = 'imported' | 'updated' | 'unchanged' | 'skipped';

/** Where to read the CSV's events from; called once, or twice for an event log (see below). */
export type CsvEventSource = () => AsyncIterable<CsvEvent> | Iterable<CsvEvent>;

const now = () => performance.now();

/** Numeric when both are numbers, else text order. */
function compareOrder(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  if (a.trim() !== '' && b.trim() !== '' && Number.isFinite(x) && Number.isFinite(y)) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}

function missingColumnsReason(missing: MissingColumn[], header: string[], delimiter: string | undefined): string {
  const byColumn = new Map<string, string[]>();
  for (const m of missing) byColumn.set(m.column, [...(byColumn.get(m.column) ?? []), m.field]);
  const names = [...byColumn].map(([column, fields]) => t('"{0}" (for {1})', column, fields.join(', '))).join(', ');
  let reason = t('the header has no column {0}; it has: {1}', names, header.map((h) => JSON.stringify(h)).join(', '));
  if (header.length === 1) {
    const other = otherDelimiterIn(header, 2, delimiter ?? ',');
    if (other) {
      reason +=
        '. ' +
        t('The file seems to be separated by {0} ({1}), not {2}; give delimiter: "{1}" in a mapping file (--mapping)', delimiterName(other), other, delimiterName(delimiter ?? ','));
    }
  }
  return reason;
}

/**
 * One problem's history from several exports of the same log (two files that overlap, a newer
 * export): every event once, in time order (events at the same time in the order first seen).
 */
export function mergeHistory(...lists: ReadonlyArray<readonly HistoryEntry[]>): HistoryEntry[] {
  const seen = new Set<string>();
  const out: Array<HistoryEntry & { time: number; n: number }> = [];
  for (const list of lists) {
    for (const e of list) {
      const key = `${e.at}\u0000${e.status}\u0000${e.original_status ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const time = Date.parse(e.at);
      out.push({ ...e, time: Number.isFinite(time) ? time : Infinity, n: out.length });
    }
  }
  out.sort((a, b) => a.time - b.time || a.n - b.n);
  return out.map(({ time: _t, n: _n, ...e }) => e);
}

/** The history entries of a record read back from its file (those with a status and a time). */
function historyOf(value: unknown): HistoryEntry[] {
  const list = typeof value === 'object' && value !== null ? (value as { history?: unknown }).history : undefined;
  if (!Array.isArray(list)) return [];
  const out: HistoryEntry[] = [];
  for (const item of list) {
    const e = item as Record<string, unknown> | null;
    if (!e || typeof e.status !== 'string' || typeof e.at !== 'string') continue;
    out.push(typeof e.original_status === 'string' ? { status: e.status, at: e.at, original_status: e.original_status } : { status: e.status, at: e.at });
  }
  return out;
}

/** Steps through events, timing the waits and closing the reader when left early. */
class EventReader {
  private readonly it: AsyncIterator<CsvEvent> | Iterator<CsvEvent>;
  private done = false;
  constructor(
    events: AsyncIterable<CsvEvent> | Iterable<CsvEvent>,
    private readonly timings: { parse: number },
  ) {
    this.it = Symbol.asyncIterator in events ? (events as AsyncIterable<CsvEvent>)[Symbol.asyncIterator]() : (events as Iterable<CsvEvent>)[Symbol.iterator]();
  }
  async next(): Promise<CsvEvent | undefined> {
    const t0 = now();
    const r = await this.it.next();
    this.timings.parse += now() - t0;
    if (r.done) this.done = true;
    return r.done ? undefined : r.value;
  }
  async close(): Promise<void> {
    if (!this.done) await this.it.return?.();
    this.done = true;
  }
}

/**
 * Imports CSV events into records. Never throws for bad data: everything ends up in the summary.
 *
 * `source` is called for each pass over the file. A mapping with `group_by` (an event log) takes
 * two: the first finds each incident's latest event, the second imports just those rows. So an
 * incident is written once, with its final values, even when its events are spread through the
 * file, and memory holds one small entry per incident, never the events.
 */
export async function importIncidents(source: CsvEventSource, options: ImportOptions): Promise<ImportSummary> {
  const started = now();
  const { target, fileName } = options;
  const prefix = options.idPrefix ?? 'INC';
  const dryRun = options.dryRun ?? false;
  const limit = options.limit ?? Infinity;
  const every = Math.max(1, options.progressEvery ?? 500);
  const summary: ImportSummary = {
    file: fileName,
    dataset: options.mapping.dataset,
    preset: options.mapping.preset,
    rows: 0,
    imported: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    problems: [],
    skippedByCode: {},
    lacks: [],
    problemLacks: [],
    types: [],
    cancelled: false,
    limitReached: false,
    dryRun,
    timings: { parse: 0, map: 0, write: 0, total: 0 },
  };
  const timing = summary.timings;

  const progress = () => {
    if (!options.onProgress) return;
    const pos = options.position?.();
    const p: ImportProgress = {
      rows: summary.rows,
      imported: summary.imported,
      updated: summary.updated,
      unchanged: summary.unchanged,
      skipped: summary.skipped,
    };
    if (pos) {
      p.bytesRead = pos.read;
      p.totalBytes = pos.total;
    }
    options.onProgress(p);
  };
  const skip = (line: number, code: SkipCode, reason: string, id?: string) => {
    summary.skipped++;
    summary.skippedByCode[code] = (summary.skippedByCode[code] ?? 0) + 1;
    if (summary.problems.length < MAX_LISTED_PROBLEMS) summary.problems.push(id ? { line, id, code, reason } : { line, code, reason });
  };
  const cancelled = () => options.signal?.aborted === true || options.isCancelled?.() === true;

  let reader = new EventReader(source(), timing);
  const coverage = new ChecklistCoverage();
  /** `from\0to` → count: what each of the export's ticket types became. */
  const typeCounts = new Map<string, number>();
  let covered = 0;
  /** For a problem log: how many records fill each lifecycle field an export may not carry. */
  const problemFilled = new Map<LifecycleSourceField, number>();
  let problemsSeen = 0;
  const finish = async (): Promise<ImportSummary> => {
    await reader.close();
    summary.lacks = covered > 0 ? coverage.lacks() : [];
    // As for the checklist: a field filled in fewer than 1 % of the records counts as not carried.
    summary.problemLacks = problemsSeen > 0 ? LIFECYCLE_SOURCE_FIELDS.filter((f) => (problemFilled.get(f) ?? 0) < Math.max(1, problemsSeen * 0.01)) : [];
    summary.types = [...typeCounts].map(([key, count]) => {
      const [from, to] = key.split('\u0000');
      return { from, to, count };
    });
    timing.total = now() - started;
    progress();
    return summary;
  };

  // ---- the header ----
  const first = await reader.next();
  if (first === undefined) {
    summary.fatal = { line: 1, code: 'empty-file', reason: t('the file is empty: there is no header row and no ticket') };
    return finish();
  }
  if (first.type === 'error') {
    summary.fatal = { line: first.line, code: 'bad-header', reason: t('the header row could not be read: {0}', first.reason) };
    return finish();
  }
  const header = first.fields.map((h) => h.trim());
  const compiled = compileMapping(options.mapping, header, fileName);
  if (!compiled.ok) {
    summary.fatal = { line: first.line, code: 'missing-column', reason: missingColumnsReason(compiled.missing, header, options.delimiter) };
    return finish();
  }
  const mapping: CompiledMapping = compiled.compiled;
  const rowIds = mapping.idColumn < 0;

  // ---- event logs: which row is each incident's latest event ----
  let winners: Map<string, { row: number; order: string }> | undefined;
  /** A problem log's history per group, from the first pass. */
  const histories = new Map<string, HistoryEntry[]>();
  if (mapping.groupBy >= 0) {
    winners = new Map();
    let row = 0;
    for (;;) {
      if (cancelled()) {
        summary.cancelled = true;
        return finish();
      }
      const ev = await reader.next();
      if (ev === undefined) break;
      row++;
      if (ev.type !== 'row' || ev.fields.length !== mapping.columnCount) continue;
      const key = ev.fields[mapping.groupBy].trim();
      const order = mapping.latestBy >= 0 ? ev.fields[mapping.latestBy] : '';
      const w = winners.get(key);
      if (!w || mapping.latestBy < 0 || compareOrder(order, w.order) >= 0) winners.set(key, { row, order });
      if (mapping.historyEntry) {
        let entry: HistoryEntry | undefined;
        try {
          entry = mapping.historyEntry(ev.fields, { row });
        } catch (e) {
          // A bad date or status is reported with the row that gives the record (or skipped here).
          if (!(e instanceof RowError)) throw e;
        }
        if (entry) histories.set(key, [...(histories.get(key) ?? []), entry]);
      }
    }
    await reader.close();
    reader = new EventReader(source(), timing);
    await reader.next(); // the header again
  }

  /** Ids written in this run, and the line they came from (a second row with one is a duplicate). */
  const seen = new Map<string, number>();

  const store = async (built: FreshRecord, line: number, rebuild?: (history: HistoryEntry[]) => FreshRecord): Promise<Outcome> => {
    let fresh = built;
    const file = `${fresh.id}.yaml`;
    let existing: string | undefined;
    try {
      existing = await target.read(file);
    } catch (e) {
      skip(line, 'refused-file', e instanceof Error ? e.message : String(e), fresh.id);
      return 'skipped';
    }
    // A problem already imported from another export of the same log keeps its events: the two histories are merged.
    if (existing !== undefined && rebuild) {
      let old: unknown;
      try {
        old = load(existing, { schema: CORE_SCHEMA });
      } catch {
        old = undefined; // reconcile says what is wrong with it
      }
      const source = (old as { source?: { dataset?: unknown } } | undefined)?.source;
      if ((old as { kind?: unknown } | undefined)?.kind === mapping.kind && source?.dataset === mapping.dataset) {
        const mine = historyOf(fresh.value);
        const merged = mergeHistory(historyOf(old), mine);
        if (merged.length !== mine.length || merged.some((e, i) => e.at !== mine[i].at || e.status !== mine[i].status)) {
          try {
            fresh = rebuild(merged);
          } catch (e) {
            if (!(e instanceof RowError)) throw e;
            skip(line, e.code, e.message, fresh.id);
            return 'skipped';
          }
        }
      }
    }
    let text: string;
    let outcome: Outcome;
    if (existing === undefined) {
      text = recordYaml(fresh.value);
      outcome = 'imported';
    } else {
      const r = reconcile(existing, fresh, mapping, rowIds);
      if (r.action === 'unchanged') return 'unchanged';
      if (r.action === 'skip') {
        skip(line, r.code, r.reason, fresh.id);
        return 'skipped';
      }
      text = r.text;
      outcome = 'updated';
    }
    if (!dryRun) {
      try {
        await target.write(file, text);
      } catch (e) {
        skip(line, 'write-failed', t('could not write {0}: {1}', file, e instanceof Error ? e.message : String(e)), fresh.id);
        return 'skipped';
      }
    }
    return outcome;
  };

  /** Maps and stores one row (for an event log, an incident's latest event). */
  const handle = async (fields: string[], line: number, rowNumber: number): Promise<void> => {
    const t0 = now();
    let fresh: FreshRecord;
    let id: string | undefined;
    let history: HistoryEntry[] | undefined;
    try {
      const ids = rowId(mapping, fields, rowNumber, prefix);
      id = ids.id;
      const earlier = seen.get(id);
      if (earlier !== undefined) {
        timing.map += now() - t0;
        skip(line, 'duplicate-id', t('duplicate: {0} already came from line {1}; this row was not imported', id, earlier), id);
        return;
      }
      seen.set(id, line);
      const key = mapping.groupBy >= 0 ? fields[mapping.groupBy].trim() : '';
      history = mapping.historyEntry ? mergeHistory(histories.get(key) ?? []) : undefined;
      fresh = buildRecord(mapping, fields, { row: rowNumber, originalId: ids.originalId, id, history });
      if (mapping.kind === 'incident') {
        coverage.add(fresh.value);
        covered++;
      } else if (mapping.kind === 'problem') {
        problemsSeen++;
        for (const f of LIFECYCLE_SOURCE_FIELDS) if (isFilled(valueAt(fresh.value, f))) problemFilled.set(f, (problemFilled.get(f) ?? 0) + 1);
      }
      const from = (fresh.value.source as Record<string, unknown> | undefined)?.original_type;
      if (typeof from === 'string' && from !== '') {
        const key = `${from}\u0000${typeof fresh.value.type === 'string' ? fresh.value.type : ''}`;
        typeCounts.set(key, (typeCounts.get(key) ?? 0) + 1);
      }
    } catch (e) {
      timing.map += now() - t0;
      if (!(e instanceof RowError)) throw e;
      skip(line, e.code, e.message, id);
      return;
    }
    timing.map += now() - t0;
    const t1 = now();
    const recordId = fresh.id;
    const originalId = (fresh.value.source as Record<string, unknown> | undefined)?.original_id;
    const rebuild = history ? (merged: HistoryEntry[]) => buildRecord(mapping, fields, { row: rowNumber, originalId: typeof originalId === 'string' ? originalId : undefined, id: recordId, history: merged }) : undefined;
    const outcome = await store(fresh, line, rebuild);
    timing.write += now() - t1;
    if (outcome !== 'skipped') summary[outcome]++;
  };

  let rowNumber = 0;
  let handled = 0;
  for (;;) {
    if (cancelled()) {
      summary.cancelled = true;
      break;
    }
    const ev = await reader.next();
    if (ev === undefined) break;
    rowNumber++;
    if (ev.type === 'error') {
      summary.rows++;
      skip(ev.line, 'csv-syntax', ev.reason);
      if (ev.toEnd) break;
      continue;
    }
    const fields = ev.fields;
    if (fields.every((f) => f.trim() === '')) continue;
    summary.rows++;
    if (fields.length !== mapping.columnCount) {
      const other = fields.length < mapping.columnCount ? otherDelimiterIn(fields, mapping.columnCount, options.delimiter ?? ',') : undefined;
      skip(
        ev.line,
        'field-count',
        (fields.length === 1 ? t('{0} field where the header has {1}', fields.length, mapping.columnCount) : t('{0} fields where the header has {1}', fields.length, mapping.columnCount)) +
          '; ' +
          (other
            ? t('this row seems to be separated by {0} ({1}) instead of {2}', delimiterName(other), other, delimiterName(options.delimiter ?? ','))
            : t('check the quoting and separators of this row')),
      );
    } else if (!winners || winners.get(fields[mapping.groupBy].trim())?.row === rowNumber) {
      if (handled >= limit) {
        summary.rows--; // this row is left for another run
        summary.limitReached = true;
        break;
      }
      handled++;
      await handle(fields, ev.line, rowNumber);
    }
    if (summary.rows % every === 0) progress();
  }
  return finish();
}
