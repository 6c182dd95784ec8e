import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { detect, DISMISSED_FILE, parseDismissals, toJson, toMarkdown, toText, Workspace, type RuleId } from '../core';
import { t } from '../core/base';
import { NodeFsHost } from '../node/fsHost';
import { atMostOneFolder, machineOutput, noSuchFolder, option } from './output';

/** `kedb candidates --help`, in the current language. */
export function candidatesUsage(): string {
  return `${t('Usage:')} kedb candidates [DIR] [--rule category|ci|text|all] [--format text|json|md] [--top N]

${t(`Finds problem candidates among the incidents under DIR (default .): repeated categories (the
seed's rule), repeats on one configuration item or service within a time window, and incidents
whose texts say the same thing. Ranked with their evidence; rules and thresholds come from the
detection section of DIR/kedb.config.yaml. Candidates dismissed in {0} stay hidden.`, DISMISSED_FILE)}

${option('  --rule R         ', t('category, ci (CI or service and category), text, or all (default: the rules\nthe config enables)'))}
${option('  --format text    ', t('ranked candidates with their evidence, then the category table (default)'))}
  --format json    {candidates: [{rule, key, count, incidents, score, evidence, ...}],
                    categories: [{category, count, repeated}], covered, dismissed}
${option('  --format md      ', t("the seed's two tables (Identify Problems; Problem Candidates), for a report"))}
${option('  --top N          ', t('candidates shown by text and md (default 20 and 10); json lists all'))}

${t('Exit codes: 0 done, 2 bad usage.')}`;
}

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
    err(`kedb candidates: ${(e as Error).message}\n\n${candidatesUsage()}`);
    return 2;
  }
  if (values.help) {
    out(candidatesUsage());
    return 0;
  }
  if (values.rule !== undefined && !(values.rule in RULES)) {
    err(t('kedb {0}: --rule must be category, ci, text or all, not "{1}"', 'candidates', values.rule));
    return 2;
  }
  if (!['text', 'json', 'md'].includes(values.format ?? 'text')) {
    err(t('kedb {0}: --format must be text, json or md, not "{1}"', 'candidates', String(values.format)));
    return 2;
  }
  if (values.top !== undefined && !/^[1-9]\d*$/.test(values.top)) {
    err(t('kedb {0}: --top must be a whole number of at least 1, not "{1}"', 'candidates', values.top));
    return 2;
  }
  if (positionals.length > 1) {
    err(atMostOneFolder('candidates'));
    return 2;
  }
  const dir = positionals[0] ?? '.';
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    err(noSuchFolder('candidates', dir));
    return 2;
  }
  if (values.format === 'json') machineOutput();
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
