import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { applyEdits, checklistEdits, describeMissing, Workspace, workspaceSuggestions, type Evidence, type LocatedSuggestions, type TextEdit } from '../core';
import { NodeFsHost } from '../node/fsHost';
import { displayPath, plural } from './output';
import { writeBackIfUnchanged } from '../node/writeBack';

export const SUGGEST_USAGE = `Usage: kedb suggest [DIR] [--format text|json] [--write] [--min-confidence N]

Lists the incident checklist fields each record under DIR leaves empty, and suggests values from
the ticket's own words (title, description, body, tags), the workspace dictionary of services and
CIs, the priority matrix and the escalation routes of DIR's kedb.config.yaml. Fields without
evidence get no suggestion.

  --format json        print [{file, id, field, value, confidence, evidence, rule, reason, alternatives}]
  --write              set the suggested values, keeping comments and formatting
  --min-confidence N   leave out suggestions below N (0 to 1; default: the config's, else 0)`;

/** One suggestion in the CLI's JSON shape. */
export interface JsonSuggestion {
  file: string;
  id: string | null;
  field: string;
  value: string | number;
  confidence: number;
  evidence: Evidence[];
  rule: string;
  reason: string;
  alternatives: { value: string | number; confidence: number; evidence: Evidence[] }[];
}

/** `kedb suggest`: exit 0 (suggestions are advice, not failures), 2 on bad usage. */
export async function runSuggest(args: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      write: { type: 'boolean' },
      'min-confidence': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    out(SUGGEST_USAGE);
    return 0;
  }
  if (values.format !== 'text' && values.format !== 'json') {
    err(`kedb suggest: --format must be text or json, not "${values.format}"`);
    return 2;
  }
  let min: number | undefined;
  if (values['min-confidence'] !== undefined) {
    min = Number(values['min-confidence']);
    if (!Number.isFinite(min) || min < 0 || min > 1) {
      err(`kedb suggest: --min-confidence must be a number from 0 to 1, not "${values['min-confidence']}"`);
      return 2;
    }
  }
  if (positionals.length > 1) {
    err('kedb suggest: give at most one folder');
    return 2;
  }
  const dir = positionals[0] ?? '.';
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    err(`kedb suggest: ${dir}: no such folder`);
    return 2;
  }
  const ws = await Workspace.load(new NodeFsHost(dir));
  const found: LocatedSuggestions[] = workspaceSuggestions(ws).map((r) => ({
    ...r,
    suggestions: min === undefined ? r.suggestions : r.suggestions.filter((s) => s.confidence >= min!),
  }));
  const total = found.reduce((n, r) => n + r.suggestions.length, 0);
  const missing = found.reduce((n, r) => n + r.missing.length, 0);
  const incomplete = found.filter((r) => r.missing.length > 0).length;

  if (values.write) {
    const byFile = new Map<string, LocatedSuggestions[]>();
    for (const r of found) if (r.suggestions.length) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r]);
    let written = 0;
    let fields = 0;
    for (const [file, records] of byFile) {
      const text = ws.textOf(file);
      if (text === undefined) continue;
      const edits: TextEdit[] = records.flatMap((r) => checklistEdits(text, r.ordinal, r.suggestions.map((s) => ({ field: s.field, value: s.value })), ws.config));
      const next = applyEdits(text, edits);
      if (next === text) continue;
      if (!writeBackIfUnchanged(path.join(dir, file), text, next)) {
        err(`kedb suggest: ${displayPath(dir, file)} changed on disk while suggesting; left as it is`);
        continue;
      }
      written++;
      fields += records.reduce((n, r) => n + r.suggestions.length, 0);
    }
    out(`Set ${plural(fields, 'field')} in ${plural(written, 'file')}.`);
    return 0;
  }

  if (values.format === 'json') {
    const json: JsonSuggestion[] = found.flatMap((r) =>
      r.suggestions.map((s) => ({
        file: r.file,
        id: r.id ?? null,
        field: s.field,
        value: s.value,
        confidence: s.confidence,
        evidence: s.evidence,
        rule: s.rule,
        reason: s.reason,
        alternatives: s.alternatives.map((a) => ({ value: a.value, confidence: a.confidence, evidence: a.evidence })),
      })),
    );
    out(JSON.stringify(json, null, 2));
    return 0;
  }
  for (const r of found) {
    if (r.missing.length === 0) continue;
    const where = `${displayPath(dir, r.file)}: ${r.id ?? '(no id)'}`;
    const open = r.missing.filter((m) => !r.suggestions.some((s) => s.field === m));
    out(`${where}: ${plural(r.missing.length, 'field')} missing${open.length ? `; no evidence for ${describeMissing(open)}` : ''}`);
    for (const s of r.suggestions) {
      const also = s.alternatives.length ? ` (also ${s.alternatives.map((a) => `${a.value} ${a.confidence.toFixed(2)}`).join(', ')})` : '';
      out(`  ${s.field}: ${s.value}  ${s.confidence.toFixed(2)}  because ${s.reason}${also}`);
    }
  }
  out(
    `${plural(found.length, 'incident')}: ${plural(incomplete, 'incomplete record')}, ${plural(missing, 'missing field')}, ` +
      `${plural(total, 'suggestion')} on ${plural(found.filter((r) => r.suggestions.length).length, 'record')}.`,
  );
  return 0;
}
