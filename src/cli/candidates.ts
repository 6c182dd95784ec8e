import { detect, DISMISSED_FILE, toJson, toMarkdown, toText, type RuleId } from '../core';
import { t } from '../core/base';
import { defineCommand, parseCommand, type Print } from './args';
import { machineOutput, option } from './output';
import { loadReporting } from './progress';
import { readDismissals } from '../node/dismissals';

/** `kedb candidates --help`, in the current language. */
export function candidatesUsage(): string {
  return `${t('Usage:')} kedb candidates [DIR] [--rule category|ci|text|burst|shared|all] [--format text|json|md] [--top N] [--quiet]

${t(`Finds problem candidates among the incidents under DIR (default .): repeated categories (the
frequency table of a classic problem-management lab), repeats on one configuration item or service
within a time window, incidents whose texts say the same thing, bursts: incidents sharing a
value that arrive together far more often than usual, and shared profiles: incidents that agree
on a configuration item and how they were triaged, or on who reported and who resolved them.
Ranked with their evidence; rules and thresholds come from the detection section of
DIR/kedb.config.yaml. Candidates dismissed in {0} stay hidden.`, DISMISSED_FILE)}

${option('  --rule R         ', t('category, ci (CI or service and category), text, burst, shared (shared profile), or all\n(the five; default: the rules the config enables)'))}
${option('  --format text    ', t('ranked candidates with their evidence, then the category table (default)'))}
  --format json    {candidates: [{rule, key, count, incidents, score, evidence, ...}],
                    categories: [{category, count, repeated}], covered, dismissed}
${option('  --format md      ', t('two tables for a report: the category frequencies (Identify Problems) and the candidates'))}
${option('  --top N          ', t('candidates shown by text and md (default 20 and 10); json lists all'))}
${option('  --quiet          ', t('draw no progress bar'))}

${t('Exit codes: 0 done, 2 bad usage.')}`;
}

const RULES: Record<string, RuleId[] | undefined> = { category: ['category'], ci: ['ci'], text: ['text'], burst: ['burst'], shared: ['shared'], all: ['category', 'ci', 'text', 'burst', 'shared'] };

export const CANDIDATES = defineCommand({
  name: 'candidates',
  usage: candidatesUsage,
  options: {
    rule: { type: 'string', choices: Object.keys(RULES), invalid: (cmd, v) => t('kedb {0}: --rule must be category, ci, text, burst, shared or all, not "{1}"', cmd, v) },
    format: { type: 'string', default: 'text', choices: ['text', 'json', 'md'], invalid: (cmd, v) => t('kedb {0}: --format must be text, json or md, not "{1}"', cmd, v) },
    top: { type: 'string', valid: (v) => /^[1-9]\d*$/.test(v), invalid: (cmd, v) => t('kedb {0}: --top must be a whole number of at least 1, not "{1}"', cmd, v) },
    quiet: { type: 'boolean' },
  },
  positionals: { kind: 'folder' },
  usageOnParseError: true,
});

/** `kedb candidates`: prints the candidates; returns the exit code. */
export async function runCandidates(args: string[], out: Print, err: Print): Promise<number> {
  const parsed = parseCommand(CANDIDATES, args, out, err);
  if ('exit' in parsed) return parsed.exit;
  const { values, dir } = parsed;
  if (values.format === 'json') machineOutput();
  const { ws, unread } = await loadReporting(dir, 'candidates', err, values.quiet);
  const dismissals = readDismissals(dir);
  const result = detect(ws.records('incident'), ws.config.detection, {
    rules: values.rule ? RULES[values.rule] : undefined,
    dismissals,
    categoryOrder: ws.config.categories,
  });
  const top = values.top ? Number(values.top) : undefined;
  if (values.format === 'json') out(JSON.stringify(toJson(result), null, 2));
  else if (values.format === 'md') out(toMarkdown(result, top).trimEnd());
  else out(toText(result, top));
  return unread > 0 ? 1 : 0;
}
