import { applyEdits, classifyFileEdits, disagreements, parseRangedFile, PRESETS, type Disagreement } from '../core';
import { loadReporting } from './progress';
import { EXIT_NOT_WRITTEN } from '../node/safeWrite';
import { rewriteFile } from './write';
import { t } from '../core/base';
import { defineCommand, parseCommand, type Print } from './args';
import { count, displayPath, machineOutput, option } from './output';

/** `kedb classify --help`, in the current language. */
export function classifyUsage(): string {
  return `${t('Usage:')} kedb classify [DIR] [--check | --write] [--format text|json] [--matrix NAME]

${t(`Checks every record's priority against the Impact × Urgency matrix of DIR's kedb.config.yaml
(default itil-3x3).`)}

${option('  --check          ', t('list the disagreements; exit 1 when there are any (the default)'))}
${option('  --write          ', t('set the priorities the matrix gives, keeping comments and formatting'))}
${option('  --format json    ', t('print {0}', '[{file, id, impact, urgency, priority, expected, matrix}]'))}
${option('  --matrix NAME    ', t("use this preset instead of the config's: {0}", Object.keys(PRESETS).join(', ')))}`;
}

export const CLASSIFY = defineCommand({
  name: 'classify',
  usage: classifyUsage,
  options: {
    check: { type: 'boolean' },
    write: { type: 'boolean' },
    format: { type: 'string', default: 'text', choices: ['text', 'json'], invalid: (cmd, v) => t('kedb {0}: --format must be text or json, not "{1}"', cmd, v) },
    matrix: {
      type: 'string',
      choices: Object.keys(PRESETS),
      invalid: (cmd, v) => t('kedb {0}: unknown matrix "{1}"; presets: {2}', cmd, v, Object.keys(PRESETS).join(', ')),
    },
  },
  exclusive: [{ options: ['check', 'write'], message: (cmd) => t('kedb {0}: give --check or --write, not both', cmd) }],
  positionals: { kind: 'folder' },
});

/** `kedb classify`: exit 0 when every priority agrees (or was written), 1 when some disagree or a file under DIR could not be read, 4 when a file could not be written. */
export async function runClassify(args: string[], out: Print, err: Print): Promise<number> {
  const parsed = parseCommand(CLASSIFY, args, out, err);
  if ('exit' in parsed) return parsed.exit;
  const { values, dir } = parsed;
  if (values.format === 'json' && !values.write) machineOutput();
  const { ws, unread } = await loadReporting(dir, 'classify', err);
  const matrix = values.matrix ? PRESETS[values.matrix] : ws.matrix;
  const found = disagreements(ws.records(), matrix).sort((a, b) => a.file.localeCompare(b.file) || a.ordinal - b.ordinal);

  if (values.write) {
    const byFile = new Map<string, Disagreement[]>();
    for (const d of found) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
    let written = 0;
    let set = 0;
    let notSet = 0;
    let failed = 0;
    for (const [file, list] of byFile) {
      const text = ws.textOf(file);
      if (text === undefined) continue;
      const shown = displayPath(dir, file);
      // Each priority on its own: one kedb finds no place for, or whose edit would not read back as
      // that priority (it would break the file), is reported and not written, never counted as set.
      const placed = list.filter((d) => {
        const edits = classifyFileEdits(text, [d], ws.config);
        if (edits.length === 0) return false;
        const back = parseRangedFile(applyEdits(text, edits), ws.config);
        return String(back.records[d.ordinal]?.value.priority) === d.expected && !back.issues.some((i) => i.code === 'yaml-syntax');
      });
      if (placed.length < list.length) {
        notSet += list.length - placed.length;
        const ids = list.filter((d) => !placed.includes(d)).map((d) => d.id ?? t('(no id)'));
        err(t('kedb {0}: {1}: the priority of {2} was not set: kedb cannot edit the file where it is written (for example, a flow-style mapping); left as it is — set it by hand', 'classify', shown, ids.join(', ')));
      }
      const next = applyEdits(text, classifyFileEdits(text, placed, ws.config));
      if (next === text) continue;
      const outcome = rewriteFile('classify', dir, file, shown, text, next, t('kedb {0}: {1} changed on disk while classifying; left as it is', 'classify', shown), err);
      if (outcome === 'changed') notSet += placed.length;
      if (outcome === 'failed') failed++;
      if (outcome !== 'written') continue;
      written++;
      set += placed.length;
    }
    out(
      t(
        'Set {0} in {1} (matrix {2}).',
        count(set, t('{0} priority', set), t('{0} priorities', set)),
        count(written, t('{0} file', written), t('{0} files', written)),
        matrix.name,
      ),
    );
    // A file that could not be written is 4; a priority left unset still disagrees: 1.
    return failed > 0 ? EXIT_NOT_WRITTEN : notSet > 0 || unread > 0 ? 1 : 0;
  }

  if (values.format === 'json') {
    out(JSON.stringify(found.map(({ file, id, impact, urgency, priority, expected, matrix: m }) => ({ file, id, impact, urgency, priority, expected, matrix: m })), null, 2));
  } else {
    for (const d of found) {
      const where = displayPath(dir, d.file);
      out(t('{0}: {1}: {2} → {3} (impact {4} × urgency {5}, {6})', where, d.id ?? t('(no id)'), d.priority ?? t('no priority'), d.expected, String(d.impact), String(d.urgency), d.matrix));
    }
    let records = 0;
    for (const r of ws.records()) if (r.kind !== 'known_error') records++;
    out(
      t(
        '{0} checked against {1}: {2}.',
        count(records, t('{0} record', records), t('{0} records', records)),
        matrix.name,
        count(found.length, t('{0} disagreement', found.length), t('{0} disagreements', found.length)),
      ),
    );
  }
  return found.length > 0 || unread > 0 ? 1 : 0;
}
