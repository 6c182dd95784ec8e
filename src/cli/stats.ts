import { computeStats, dayOfIso, recordedHistory, statsHtml, statsMarkdown, statsText, taskDayNumber, type GitHistory } from '../core';
import { t } from '../core/base';
import { readDismissals } from '../node/dismissals';
import { problemGitHistory } from '../node/gitHistory';
import { defineCommand, parseCommand, type Print } from './args';
import { machineOutput, option } from './output';
import { loadReporting } from './progress';

/** `kedb stats --help`, in the current language. */
export function statsUsage(): string {
  return `${t('Usage:')} kedb stats [DIR] [--now DATE] [--format text|json|md|html] [--quiet]

${t(`Counts the insights of the records under DIR (default: .): the Pareto of incidents by category,
service and configuration item; incidents per week, overall and for the top candidates; problems by
state; the age of the open problems; the time spent in each state (from each problem's history, else
from the git history of its file); and the coverage of the KEDB. What the records cannot show is
said in notes.`)}

${option('  --now DATE       ', t('count ages and overdue tasks at DATE (YYYY-MM-DD) instead of today'))}
${option('  --format md      ', t('Markdown tables'))}
${option('  --format html    ', t('a standalone page of tables'))}
${option('  --format json    ', t('every figure, with the ids behind each count'))}
${option('  --quiet          ', t('draw no progress bar'))}`;
}

export const STATS = defineCommand({
  name: 'stats',
  usage: statsUsage,
  options: {
    now: { type: 'string', valid: (v) => taskDayNumber(v) !== undefined, invalid: (cmd, v) => t('kedb {0}: --now must be a date (YYYY-MM-DD), not "{1}"', cmd, v) },
    format: { type: 'string', default: 'text', choices: ['text', 'json', 'md', 'html'], invalid: (cmd, v) => t('kedb {0}: --format must be text, json, md or html, not "{1}"', cmd, v) },
    quiet: { type: 'boolean' },
  },
  positionals: { kind: 'folder' },
});

/** `kedb stats`: 0 counted, 1 counted but a file under DIR could not be read, 2 bad usage. */
export async function runStats(args: string[], out: Print, err: Print): Promise<number> {
  const parsed = parseCommand(STATS, args, out, err);
  if ('exit' in parsed) return parsed.exit;
  const { values, dir } = parsed;
  if (values.format === 'json') machineOutput();
  const { ws, unread } = await loadReporting(dir, 'stats', err, values.quiet || values.format !== 'text');
  const now = values.now ?? dayOfIso(ws.clock());
  // Git is asked only about the problems without a history of their own.
  const needGit = [...ws.records('problem')].filter((p) => p.id !== undefined && !recordedHistory(p.value)?.changes.length).map((p) => ({ id: p.id!, file: p.file }));
  const git: GitHistory | undefined = needGit.length ? problemGitHistory(dir, needGit) : undefined;
  const stats = computeStats(ws, { now, git, dismissals: readDismissals(dir) });
  if (values.format === 'json') out(JSON.stringify(stats, null, 2));
  else if (values.format === 'md') out(statsMarkdown(stats));
  else if (values.format === 'html') out(statsHtml(stats));
  else out(statsText(stats));
  return unread > 0 ? 1 : 0;
}
