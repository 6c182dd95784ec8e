import { applyEdits, checklistEdits, describeMissing, workspaceSuggestions, type Evidence, type LocatedSuggestions, type TextEdit } from '../core';
import { loadReporting } from './progress';
import { t } from '../core/base';
import { defineCommand, parseCommand, type Print } from './args';
import { count, displayPath, machineOutput, option } from './output';
import { EXIT_NOT_WRITTEN } from '../node/safeWrite';
import { rewriteFile } from './write';

/** `kedb suggest --help`, in the current language. */
export function suggestUsage(): string {
  return `${t('Usage:')} kedb suggest [DIR] [--format text|json] [--write] [--min-confidence N]

${t(`Lists the incident checklist fields each record under DIR leaves empty, and suggests values from
the ticket's own words (title, description, body, tags), the workspace dictionary of services and
CIs, the priority matrix and the escalation routes of DIR's kedb.config.yaml. Fields without
evidence get no suggestion.`)}

${option('  --format json        ', t('print {0}', '[{file, id, field, value, confidence, evidence, rule, reason, alternatives}]'))}
${option('  --write              ', t('set the suggested values, keeping comments and formatting'))}
${option('  --min-confidence N   ', t("leave out suggestions below N (0 to 1; default: the config's, else 0)"))}`;
}

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

export const SUGGEST = defineCommand({
  name: 'suggest',
  usage: suggestUsage,
  options: {
    format: { type: 'string', default: 'text', choices: ['text', 'json'], invalid: (cmd, v) => t('kedb {0}: --format must be text or json, not "{1}"', cmd, v) },
    write: { type: 'boolean' },
    'min-confidence': {
      type: 'string',
      valid: (v) => Number.isFinite(Number(v)) && Number(v) >= 0 && Number(v) <= 1,
      invalid: (cmd, v) => t('kedb {0}: --min-confidence must be a number from 0 to 1, not "{1}"', cmd, v),
    },
  },
  positionals: { kind: 'folder' },
});

/** `kedb suggest`: exit 0 (suggestions are advice, not failures), 1 when a file under DIR could not be read, 2 on bad usage, 4 when a file could not be written. */
export async function runSuggest(args: string[], out: Print, err: Print): Promise<number> {
  const parsed = parseCommand(SUGGEST, args, out, err);
  if ('exit' in parsed) return parsed.exit;
  const { values, dir } = parsed;
  const min = values['min-confidence'] === undefined ? undefined : Number(values['min-confidence']);
  if (values.format === 'json' && !values.write) machineOutput();
  const { ws, unread } = await loadReporting(dir, 'suggest', err);
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
    let failed = 0;
    for (const [file, records] of byFile) {
      const text = ws.textOf(file);
      if (text === undefined) continue;
      const shown = displayPath(dir, file);
      // Each suggestion on its own: one with no place in the file (in a flow-style mapping, under a
      // value that is no block) is reported, not counted as set.
      let placed = 0;
      const unplaced: string[] = [];
      const edits: TextEdit[] = records.flatMap((r) => {
        const fits = r.suggestions.filter((s) => checklistEdits(text, r.ordinal, [{ field: s.field, value: s.value }], ws.config).length > 0);
        placed += fits.length;
        for (const s of r.suggestions) if (!fits.includes(s)) unplaced.push(`${r.id ?? t('(no id)')} ${s.field}`);
        return checklistEdits(text, r.ordinal, fits.map((s) => ({ field: s.field, value: s.value })), ws.config);
      });
      if (unplaced.length) {
        err(
          t(
            'kedb {0}: {1}: {2} not set: {3} (a flow-style mapping, or a value where a block belongs, which --write does not rewrite); left as it is — set them by hand',
            'suggest',
            shown,
            count(unplaced.length, t('{0} suggestion', unplaced.length), t('{0} suggestions', unplaced.length)),
            unplaced.join(', '),
          ),
        );
      }
      const next = applyEdits(text, edits);
      if (next === text) continue;
      const outcome = rewriteFile('suggest', dir, file, shown, text, next, t('kedb {0}: {1} changed on disk while suggesting; left as it is', 'suggest', shown), err);
      if (outcome === 'failed') failed++;
      if (outcome !== 'written') continue;
      written++;
      fields += placed;
    }
    out(t('Set {0} in {1}.', count(fields, t('{0} field', fields), t('{0} fields', fields)), count(written, t('{0} file', written), t('{0} files', written))));
    return failed > 0 ? EXIT_NOT_WRITTEN : unread > 0 ? 1 : 0;
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
    return unread > 0 ? 1 : 0;
  }
  for (const r of found) {
    if (r.missing.length === 0) continue;
    const where = `${displayPath(dir, r.file)}: ${r.id ?? t('(no id)')}`;
    const open = r.missing.filter((m) => !r.suggestions.some((s) => s.field === m));
    const n = r.missing.length;
    const missingFields = count(n, t('{0} field missing', n), t('{0} fields missing', n));
    out(open.length ? t('{0}: {1}; no evidence for {2}', where, missingFields, describeMissing(open)) : `${where}: ${missingFields}`);
    for (const s of r.suggestions) {
      const others = s.alternatives.map((a) => `${a.value} ${a.confidence.toFixed(2)}`).join(', ');
      const because = s.alternatives.length ? t('because {0} (also {1})', s.reason, others) : t('because {0}', s.reason);
      out(`  ${s.field}: ${s.value}  ${s.confidence.toFixed(2)}  ${because}`);
    }
  }
  const withSuggestions = found.filter((r) => r.suggestions.length).length;
  out(
    t(
      '{0}: {1}, {2}, {3} on {4}.',
      count(found.length, t('{0} incident', found.length), t('{0} incidents', found.length)),
      count(incomplete, t('{0} incomplete record', incomplete), t('{0} incomplete records', incomplete)),
      count(missing, t('{0} missing field', missing), t('{0} missing fields', missing)),
      count(total, t('{0} suggestion', total), t('{0} suggestions', total)),
      count(withSuggestions, t('{0} record', withSuggestions), t('{0} records', withSuggestions)),
    ),
  );
  return unread > 0 ? 1 : 0;
}
