import { t } from '../core/base';
import { defineCommand, parseCommand, type Print } from './args';
import { count, displayPath, formatIssueLine, machineOutput, toJsonIssue, type JsonIssue } from './output';
import { loadWorkspace } from './progress';
import { usage } from './usage';

/** `kedb validate [DIR] [--format text|json] [--quiet]`; its help is the CLI's own. */
export const VALIDATE = defineCommand({
  name: 'validate',
  usage,
  options: {
    format: { type: 'string', default: 'text', choices: ['text', 'json'], invalid: (cmd, v) => t('kedb {0}: --format must be text or json, not "{1}"', cmd, v) },
    quiet: { type: 'boolean' },
  },
  positionals: { kind: 'folder' },
});

/** `kedb validate`: prints every issue and returns the exit code (1 when there is an error). */
export async function runValidate(args: string[], out: Print, err: Print): Promise<number> {
  const parsed = parseCommand(VALIDATE, args, out, err);
  if ('exit' in parsed) return parsed.exit;
  const { values: { format, quiet }, dir } = parsed;
  if (format === 'json') machineOutput();
  const ws = await loadWorkspace(dir, quiet);
  const all = ws.allIssues();
  const counts = { error: 0, warning: 0, info: 0 };
  const json: JsonIssue[] = [];
  for (const [file, issues] of all) {
    for (const issue of issues) {
      counts[issue.severity]++;
      if (format === 'json') json.push(toJsonIssue(file, issue));
      else out(formatIssueLine(displayPath(dir, file), issue));
    }
  }
  const files = ws.recordFiles().length;
  let records = 0;
  for (const _ of ws.records()) records++;
  if (format === 'json') out(JSON.stringify(json, null, 2));
  else {
    const fileCount = count(files, t('{0} file', files), t('{0} files', files));
    const recordCount = count(records, t('{0} record', records), t('{0} records', records));
    const errors = count(counts.error, t('{0} error', counts.error), t('{0} errors', counts.error));
    const warnings = count(counts.warning, t('{0} warning', counts.warning), t('{0} warnings', counts.warning));
    out(
      counts.info
        ? t('{0}, {1}: {2}, {3}, {4} info.', fileCount, recordCount, errors, warnings, counts.info)
        : t('{0}, {1}: {2}, {3}.', fileCount, recordCount, errors, warnings),
    );
  }
  return counts.error > 0 ? 1 : 0;
}
