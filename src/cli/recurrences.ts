import { listRecurrences, recurrenceJson } from '../core';
import { t } from '../core/base';
import { loadReporting } from './progress';
import { defineCommand, parseCommand, type Print } from './args';
import { machineOutput } from './output';

/** `kedb recurrences --help`, in the current language. */
export function recurrencesUsage(): string {
  return `${t('Usage:')} kedb recurrences [DIR] [--format text|json]

${t(`Lists the incidents under DIR (default: .) that look like a recurrence: they match a known error
whose problem was resolved or closed with its fix applied, and were reported after that.
The threshold is lifecycle.matching.recurrence_threshold in kedb.config.yaml.`)}

  --format json    [{incident, known_error, problem, problem_status, score}]`;
}

export const RECURRENCES = defineCommand({
  name: 'recurrences',
  usage: recurrencesUsage,
  options: {
    format: { type: 'string', default: 'text', choices: ['text', 'json'], invalid: (cmd, v) => t('kedb {0}: --format must be text or json, not "{1}"', cmd, v) },
  },
  positionals: { kind: 'folder' },
});

/** `kedb recurrences`: 0 listed, 1 listed but a file under DIR could not be read, 2 bad usage. */
export async function runRecurrences(args: string[], out: Print, err: Print): Promise<number> {
  const parsed = parseCommand(RECURRENCES, args, out, err);
  if ('exit' in parsed) return parsed.exit;
  const { values, dir } = parsed;
  if (values.format === 'json') machineOutput();
  const { ws, unread } = await loadReporting(dir, 'recurrences', err);
  const rows = listRecurrences(ws);
  if (values.format === 'json') {
    out(JSON.stringify(rows.map(recurrenceJson), null, 2));
  } else if (rows.length === 0) {
    out(t('No recurrence: no incident matches a known error whose problem was resolved with its fix applied.'));
  } else {
    const w = Math.max(...rows.map((r) => r.incident.id.length));
    for (const r of rows) {
      out(
        r.problemStatus === 'closed'
          ? t('{0}  matches {1} ({2}): {3} was closed with its fix applied on {4}', r.incident.id.padEnd(w), r.knownError, r.score.toFixed(2), r.problem, r.resolvedDay)
          : t('{0}  matches {1} ({2}): {3} was resolved with its fix applied on {4}', r.incident.id.padEnd(w), r.knownError, r.score.toFixed(2), r.problem, r.resolvedDay),
      );
    }
    out('');
    out(rows.length === 1 ? t('1 recurrence: reopen the problem for analysis, or mark the incident as not a recurrence.') : t('{0} recurrences: reopen each problem for analysis, or mark the incident as not a recurrence.', rows.length));
  }
  return unread > 0 ? 1 : 0;
}
