import { t } from '../core/base';
import { fixProse } from '../core/prose';
import { countText, MAX_ISSUES_PER_FILE, taskDayNumber } from '../core';
import { EXIT_NOT_WRITTEN } from '../node/safeWrite';
import { rewriteFile } from './write';
import { defineCommand, parseCommand, type Print } from './args';
import { count, displayPath, formatIssueLine, machineOutput, toJsonIssue, type JsonIssue } from './output';
import { loadWorkspace } from './progress';
import { formatGithubLine, toSarif } from './sarif';
import { usage } from './usage';

/** `kedb validate [DIR] [--format text|json|sarif|github] [--quiet] [--fix] [--now DATE]`; its help is the CLI's own. */
export const VALIDATE = defineCommand({
  name: 'validate',
  usage,
  options: {
    format: {
      type: 'string',
      default: 'text',
      choices: ['text', 'json', 'sarif', 'github'],
      invalid: (cmd, v) => t('kedb {0}: --format must be text, json, sarif or github, not "{1}"', cmd, v),
    },
    quiet: { type: 'boolean' },
    fix: { type: 'boolean' },
    now: { type: 'string', valid: (v) => taskDayNumber(v) !== undefined, invalid: (cmd, v) => t('kedb {0}: --now must be a date (YYYY-MM-DD), not "{1}"', cmd, v) },
  },
  positionals: { kind: 'folder' },
});

/** `kedb validate`: prints every issue and returns the exit code (1 when there is an error). */
export async function runValidate(args: string[], out: Print, err: Print): Promise<number> {
  const parsed = parseCommand(VALIDATE, args, out, err);
  if ('exit' in parsed) return parsed.exit;
  const { values: { format, quiet, fix, now }, dir } = parsed;
  // JSON and SARIF are read by tools: English, and standard output holds the document alone.
  const machine = format === 'json' || format === 'sarif';
  if (machine) machineOutput();
  const ws = await loadWorkspace(dir, quiet);
  // Checks against a date (overdue tasks, reviews due) count from --now instead of today, so that a
  // CI job or a test gives the same answer every day.
  if (now !== undefined) ws.clock = () => `${now}T00:00:00Z`;
  let failed = 0;
  if (fix) {
    // Every prose fix with exactly one answer (./core/prose), file by file; JSON and SARIF keep stdout to themselves.
    const say = machine ? err : out;
    let fixed = 0;
    let files = 0;
    for (const file of [...ws.allIssues().keys()].sort()) {
      const text = ws.textOf(file);
      if (text === undefined) continue;
      const { text: next, changes } = fixProse(text, ws.config);
      if (changes.length === 0) continue;
      const shown = displayPath(dir, file);
      const outcome = rewriteFile('validate', dir, file, shown, text, next, t('kedb {0}: {1} changed on disk while fixing; left as it is', 'validate', shown), err);
      if (outcome === 'failed') failed++;
      if (outcome !== 'written') continue;
      for (const c of changes) say(t('{0}:{1}: fixed {2}: {3}', shown, c.line + 1, c.code, c.title));
      ws.setFileText(file, next);
      fixed += changes.length;
      files++;
    }
    say(
      fixed
        ? t('Fixed {0} in {1}.', count(fixed, t('{0} issue', fixed), t('{0} issues', fixed)), count(files, t('{0} file', files), t('{0} files', files)))
        : t('Nothing to fix.'),
    );
  }
  const all = ws.allIssues();
  const counts = { error: 0, warning: 0, info: 0 };
  // A file shows its first 100 issues, then one that counts the rest: the summary counts those too.
  let notShown = 0;
  let notShownErrors = false;
  const json: JsonIssue[] = [];
  for (const [file, issues] of all) {
    for (const issue of issues) {
      if (issue.code === 'too-many-issues') {
        notShown += typeof issue.data?.count === 'number' ? issue.data.count : 0;
        notShownErrors ||= issue.severity === 'error';
      } else counts[issue.severity]++;
      if (format === 'json') json.push(toJsonIssue(file, issue));
      else if (format === 'github') out(formatGithubLine(displayPath(dir, file), issue));
      else if (format === 'text') out(formatIssueLine(displayPath(dir, file), issue));
    }
  }
  const files = ws.recordFiles().length;
  let records = 0;
  for (const _ of ws.records()) records++;
  if (format === 'json') out(JSON.stringify(json, null, 2));
  else if (format === 'sarif') out(JSON.stringify(toSarif(dir, all), null, 2));
  else {
    const fileCount = count(files, t('{0} file', files), t('{0} files', files));
    const recordCount = count(records, t('{0} record', records), t('{0} records', records));
    const errors = count(counts.error, t('{0} error', counts.error), t('{0} errors', counts.error));
    const warnings = count(counts.warning, t('{0} warning', counts.warning), t('{0} warnings', counts.warning));
    const shown = counts.info
      ? t('{0}, {1}: {2}, {3}, {4} info.', fileCount, recordCount, errors, warnings, counts.info)
      : t('{0}, {1}: {2}, {3}.', fileCount, recordCount, errors, warnings);
    out(notShown ? `${shown} ${t('And {0} more issues not listed (a file lists its first {1}).', countText(notShown), MAX_ISSUES_PER_FILE)}` : shown);
  }
  if (failed > 0) return EXIT_NOT_WRITTEN;
  return counts.error > 0 || notShownErrors ? 1 : 0;
}
