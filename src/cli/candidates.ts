import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { detect, DISMISSED_FILE, parseDismissals, toJson, toMarkdown, toText, Workspace, type RuleId } from '../core';
import { NodeFsHost } from '../node/fsHost';

export const CANDIDATES_USAGE = `Usage: kedb candidates [DIR] [--rule category|ci|text|all] [--format text|json|md] [--top N]

Finds problem candidates among the incidents under DIR (default .): repeated categories (the
seed's rule), repeats on one configuration item or service within a time window, and incidents
whose texts say the same thing. Ranked with their evidence; rules and thresholds come from the
detection section of DIR/kedb.config.yaml. Candidates dismissed in ${DISMISSED_FILE} stay hidden.

  --rule R         category, ci (CI or service and category), text, or all (default: the rules
                   the config enables)
  --format text    ranked candidates with their evidence, then the category table (default)
  --format json    {candidates: [{rule, key, count, incidents, score, evidence, ...}],
                    categories: [{category, count, repeated}], covered, dismissed}
  --format md      the seed's two tables (Identify Problems; Problem Candidates), for a report
  --top N          candidates shown by text and md (default 20 and 10); json lists all

Exit codes: 0 done, 2 bad usage.`;

const RULES: Record<string, RuleId[] | undefined> = { category: ['category'], ci: ['ci'], text: ['text'], all: ['category', 'ci', 'text'] };

/** `kedb candidates`: prints the candidates; returns the exit code. */
export async function runCandidates(args: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  let values: { rule?: string; format?: string; top?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        rule: { type: 'string' },
        format: { type: 'string', default: 'text' },
        top: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    err(`kedb candidates: ${(e as Error).message}\n\n${CANDIDATES_USAGE}`);
    return 2;
  }
  if (values.help) {
    out(CANDIDATES_USAGE);
    return 0;
  }
  if (values.rule !== undefined && !(values.rule in RULES)) {
    err(`kedb candidates: --rule must be category, ci, text or all, not "${values.rule}"`);
    return 2;
  }
  if (!['text', 'json', 'md'].includes(values.format ?? 'text')) {
    err(`kedb candidates: --format must be text, json or md, not "${values.format}"`);
    return 2;
  }
  if (values.top !== undefined && !/^[1-9]\d*$/.test(values.top)) {
    err(`kedb candidates: --top must be a whole number of at least 1, not "${values.top}"`);
    return 2;
  }
  if (positionals.length > 1) {
    err('kedb candidates: give at most one folder');
    return 2;
  }
  const dir = positionals[0] ?? '.';
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    err(`kedb candidates: ${dir}: no such folder`);
    return 2;
  }
  const ws = await Workspace.load(new NodeFsHost(dir));
  const dismissedPath = path.join(dir, DISMISSED_FILE);
  const dismissals = fs.existsSync(dismissedPath) ? parseDismissals(fs.readFileSync(dismissedPath, 'utf8')) : [];
  const result = detect(ws.records('incident'), ws.config.detection, {
    rules: values.rule ? RULES[values.rule] : undefined,
    dismissals,
    categoryOrder: ws.config.categories,
  });
  const top = values.top ? Number(values.top) : undefined;
  if (values.format === 'json') out(JSON.stringify(toJson(result), null, 2));
  else if (values.format === 'md') out(toMarkdown(result, top).trimEnd());
  else out(toText(result, top));
  return 0;
}
