/** How an import's outcome reads for a person: one summary line and the reasons rows were skipped. */
import { t } from '../base/l10n';
import type { ImportSummary, SkipCode } from './types';

/** Short names of skip reasons, as the summary groups them, in the current language. */
export function skipLabel(code: SkipCode): string {
  switch (code) {
    case 'csv-syntax':
      return t('broken CSV');
    case 'field-count':
      return t('wrong number of fields');
    case 'bad-id':
      return t('not a ticket number');
    case 'unsafe-id':
      return t('unsafe id');
    case 'duplicate-id':
      return t('duplicate id');
    case 'bad-value':
      return t('value not understood');
    case 'invalid-record':
      return t('not a valid incident');
    case 'edited':
      return t('edited since import');
    case 'not-imported':
      return t('not made by import');
    case 'other-dataset':
      return t('from another dataset');
    case 'other-file':
      return t('from another file');
    case 'unreadable-record':
      return t('unreadable record file');
    case 'refused-file':
      return t('refused file');
    case 'write-failed':
      return t('write failed');
  }
}

const n = (x: number) => x.toLocaleString('en-US');

/** "imported 3, updated 0, unchanged 1, skipped 2 (1 edited since import, 1 unsafe id)" */
export function summaryLine(s: ImportSummary): string {
  let line = s.dryRun
    ? t('would import {0}, would update {1}, unchanged {2}, skipped {3}', n(s.imported), n(s.updated), n(s.unchanged), n(s.skipped))
    : t('imported {0}, updated {1}, unchanged {2}, skipped {3}', n(s.imported), n(s.updated), n(s.unchanged), n(s.skipped));
  const reasons = Object.entries(s.skippedByCode)
    .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
    .map(([code, k]) => `${n(k ?? 0)} ${skipLabel(code as SkipCode)}`);
  if (reasons.length) line += ` (${reasons.join(', ')})`;
  return line;
}

/**
 * The whole report: one line per skipped row (`file:line: …`, first ones only), then the summary.
 * `where` turns a CSV line into the prefix shown, e.g. a clickable `path/file.csv:12`.
 */
export function formatImportReport(s: ImportSummary, where: (line: number) => string, maxRows = 50): string[] {
  const out: string[] = [];
  if (s.fatal) {
    out.push(t('{0}: error: {1}', where(s.fatal.line), s.fatal.reason));
    out.push(t('Nothing was imported.'));
    return out;
  }
  for (const p of s.problems.slice(0, maxRows)) out.push(p.id ? t('{0}: {1} skipped: {2}', where(p.line), p.id, p.reason) : t('{0}: skipped: {1}', where(p.line), p.reason));
  if (s.skipped > Math.min(maxRows, s.problems.length)) out.push(t('… and {0} more skipped rows.', n(s.skipped - Math.min(maxRows, s.problems.length))));
  const types = typeLines(s);
  if (types.length) out.push(t('Ticket types: {0}.', types.join('; ')));
  const seconds = (s.timings.total / 1000).toFixed(1);
  let tail = t('{0} rows of {1} ({2}) in {3} s', n(s.rows), s.file, s.preset ?? s.dataset, seconds);
  if (s.limitReached) tail += ', ' + t('stopped at --limit');
  if (s.cancelled) tail += ', ' + t('cancelled');
  const line = summaryLine(s);
  out.push(`${line[0].toUpperCase()}${line.slice(1)}: ${tail}.`);
  if (s.dryRun) out.push(t('Dry run: nothing was written.'));
  return out;
}

/** What each ticket type of the export became, most first: `409 "Problem" tickets became incidents`. */
export function typeLines(s: ImportSummary): string[] {
  return [...s.types]
    .sort((a, b) => b.count - a.count || a.from.localeCompare(b.from))
    .map((x) =>
      x.to === 'incident'
        ? t('{0} "{1}" became incidents', n(x.count), x.from)
        : x.to === 'service-request'
          ? t('{0} "{1}" became service requests', n(x.count), x.from)
          : x.to === ''
            ? t('{0} "{1}" have no type', n(x.count), x.from)
            : t('{0} "{1}" became {2}', n(x.count), x.from, x.to),
    );
}
