import { t } from '../core/base';

/**
 * `kedb --help` (and `kedb validate --help`), in the current language: command, option and value
 * names stay as they are. In a file of its own so that validate.ts can show it without importing
 * main.ts, which imports every command.
 */
export function usage(): string {
  return `${t('Usage: kedb <command> [options]')}

${t('Commands:')}
  validate [DIR]            ${t('Check every record under DIR (default: .)')}
      --format text|json|sarif|github   ${t('Output format (default: text); sarif for code scanning, github for annotations')}
      --fix                 ${t('Quote prose that breaks YAML and replace indenting tabs, keeping comments')}
      --now DATE            ${t('Count overdue tasks and due reviews against DATE (YYYY-MM-DD) instead of today')}
  import FILE.csv           ${t('Import helpdesk tickets as incident records (see kedb import --help)')}
      --preset NAME         ${t('seed, tobi-bueck, servicenow-uci, bpic2014 or vinst-problems (default: detected)')}
      --mapping MAP.yaml    ${t('Column mapping file; --out DIR (default: ./incidents)')}
      --limit N, --dry-run  ${t('Import at most N incidents; write nothing')}
  classify [DIR]            ${t('Check priorities against the Impact × Urgency matrix')}
      --check | --write     ${t('List disagreements (exit 1 if any) | set them, keeping comments')}
      --format text|json    ${t("Output format; --matrix NAME overrides the config's matrix")}
  candidates [DIR]          ${t('Find problem candidates: repeated categories, CIs/services, similar texts')}
      --rule category|ci|text|all   ${t('Which rules (default: those kedb.config.yaml enables)')}
      --format text|json|md ${t('Ranked candidates with evidence | JSON | two tables for a report')}
  fishbone ID [DIR]         ${t("Draw a problem's root cause analysis (fishbone and 5 Whys)")}
      --format mermaid|html|svg   ${t('Mermaid text (default), an offline page, or SVG (needs Chromium)')}
      --out FILE            ${t('Write to FILE instead of standard output')}
  kedb [DIR]                ${t('Print the Known Error Database, one row per known error')}
      --format md|csv|html|json   ${t('Output format (default md); --out FILE to write a file')}
  recurrences [DIR]         ${t('List the incidents that look like a recurrence of a resolved problem')}
      --format text|json
  report [DIR]              ${t('Write the problem-management report (Markdown and offline HTML)')}
      --out OUTDIR          ${t('Where to write it (default: DIR/reports)')}
  search "QUERY" [DIR]      ${t('Rank the known errors against QUERY (title, symptoms, root causes)')}
      --limit N, --format text|json
  stats [DIR]               ${t('Count the insights: Pareto, weekly trend, problem aging, time in state, coverage')}
      --now DATE, --format text|json|md|html
  suggest [DIR]             ${t('Suggest the empty checklist fields of each incident, with evidence')}
      --format text|json    ${t('Output format; --write sets them, keeping comments')}
  tasks [DIR]               ${t('List the tasks of the problems, by due date, with the days overdue')}
      --overdue, --owner NAME, --now DATE, --format text|json|md

${t('Options:')}
  -h, --help                ${t('Show this help')}
  -v, --version             ${t('Show the version')}
  --lang en|id              ${t('Language of the output (default: from LANG)')}
  --quiet                   ${t('Draw no progress bar (validate, import, candidates, report)')}
  --no-cache                ${t('Read and parse every record file: keep no parse between runs (also KEDB_NO_CACHE=1)')}

${t('Exit codes: 0 no error, 1 errors found, 2 bad usage, 4 a file could not be written (each one is named).')}`;
}
