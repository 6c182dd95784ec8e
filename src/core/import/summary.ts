/** How an import's outcome reads for a person: one summary line and the reasons rows were skipped. */
import type { ImportSummary, SkipCode } from './types';

/** Short names of skip reasons, as the summary groups them. */
export const SKIP_LABELS: Record<SkipCode, string> = {
  'csv-syntax': 'broken CSV',
  'field-count': 'wrong number of fields',
  'bad-id': 'not a ticket number',
  'unsafe-id': 'unsafe id',
  'duplicate-id': 'duplicate id',
  'bad-value': 'value not understood',
  'invalid-record': 'not a valid incident',
  edited: 'edited since import',
  'not-imported': 'not made by import',
  'other-dataset': 'from another dataset',
  'other-file': 'from another file',
  'unreadable-record': 'unreadable record file',
  'refused-file': 'refused file',
  'write-failed': 'write failed',
};

const n = (x: number) => x.toLocaleString('en-US');

/** "imported 3, updated 0, unchanged 1, skipped 2 (1 edited since import, 1 unsafe id)" */
export function summaryLine(s: ImportSummary): string {
  const verb = s.dryRun ? 'would import' : 'imported';
  let line = `${verb} ${n(s.imported)}, ${s.dryRun ? 'would update' : 'updated'} ${n(s.updated)}, unchanged ${n(s.unchanged)}, skipped ${n(s.skipped)}`;
  const reasons = Object.entries(s.skippedByCode)
    .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
    .map(([code, k]) => `${n(k ?? 0)} ${SKIP_LABELS[code as SkipCode]}`);
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
    out.push(`${where(s.fatal.line)}: error: ${s.fatal.reason}`);
    out.push('Nothing was imported.');
    return out;
  }
  for (const p of s.problems.slice(0, maxRows)) out.push(`${where(p.line)}: ${p.id ? `${p.id} ` : ''}skipped: ${p.reason}`);
  if (s.skipped > Math.min(maxRows, s.problems.length)) out.push(`… and ${n(s.skipped - Math.min(maxRows, s.problems.length))} more skipped rows.`);
  const seconds = (s.timings.total / 1000).toFixed(1);
  let tail = `${n(s.rows)} rows of ${s.file} (${s.preset ?? s.dataset}) in ${seconds} s`;
  if (s.limitReached) tail += ', stopped at --limit';
  if (s.cancelled) tail += ', cancelled';
  const line = summaryLine(s);
  out.push(`${line[0].toUpperCase()}${line.slice(1)}: ${tail}.`);
  if (s.dryRun) out.push('Dry run: nothing was written.');
  return out;
}
