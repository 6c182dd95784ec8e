import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { applyEdits, classifyFileEdits, disagreements, PRESETS, Workspace, type Disagreement } from '../core';
import { NodeFsHost } from '../node/fsHost';
import { writeBackIfUnchanged } from '../node/writeBack';
import { displayPath, plural } from './output';

export const CLASSIFY_USAGE = `Usage: kedb classify [DIR] [--check | --write] [--format text|json] [--matrix NAME]

Checks every record's priority against the Impact × Urgency matrix of DIR's kedb.config.yaml
(default itil-3x3).

  --check          list the disagreements; exit 1 when there are any (the default)
  --write          set the priorities the matrix gives, keeping comments and formatting
  --format json    print [{file, id, impact, urgency, priority, expected, matrix}]
  --matrix NAME    use this preset instead of the config's: ${Object.keys(PRESETS).join(', ')}`;

/** `kedb classify`: exit 0 when every priority agrees (or was written), 1 when some disagree. */
export async function runClassify(args: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      check: { type: 'boolean' },
      write: { type: 'boolean' },
      format: { type: 'string', default: 'text' },
      matrix: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    out(CLASSIFY_USAGE);
    return 0;
  }
  if (values.check && values.write) {
    err('kedb classify: give --check or --write, not both');
    return 2;
  }
  if (values.format !== 'text' && values.format !== 'json') {
    err(`kedb classify: --format must be text or json, not "${values.format}"`);
    return 2;
  }
  if (values.matrix !== undefined && !PRESETS[values.matrix]) {
    err(`kedb classify: unknown matrix "${values.matrix}"; presets: ${Object.keys(PRESETS).join(', ')}`);
    return 2;
  }
  const dir = positionals[0] ?? '.';
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    err(`kedb classify: ${dir}: no such folder`);
    return 2;
  }
  const ws = await Workspace.load(new NodeFsHost(dir));
  const matrix = values.matrix ? PRESETS[values.matrix] : ws.matrix;
  const found = disagreements(ws.records(), matrix).sort((a, b) => a.file.localeCompare(b.file) || a.ordinal - b.ordinal);

  if (values.write) {
    const byFile = new Map<string, Disagreement[]>();
    for (const d of found) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
    let written = 0;
    for (const [file, list] of byFile) {
      const text = ws.textOf(file);
      if (text === undefined) continue;
      const next = applyEdits(text, classifyFileEdits(text, list, ws.config));
      if (next !== text) {
        if (!writeBackIfUnchanged(path.join(dir, file), text, next)) {
          err(`kedb classify: ${displayPath(dir, file)} changed on disk while classifying; left as it is`);
          continue;
        }
        written++;
      }
    }
    out(`Set ${plural(found.length, 'priority')} in ${plural(written, 'file')} (matrix ${matrix.name}).`);
    return 0;
  }

  if (values.format === 'json') {
    out(JSON.stringify(found.map(({ file, id, impact, urgency, priority, expected, matrix: m }) => ({ file, id, impact, urgency, priority, expected, matrix: m })), null, 2));
  } else {
    for (const d of found) {
      const where = displayPath(dir, d.file);
      out(`${where}: ${d.id ?? '(no id)'}: ${d.priority ?? 'no priority'} → ${d.expected} (impact ${d.impact} × urgency ${d.urgency}, ${d.matrix})`);
    }
    let records = 0;
    for (const r of ws.records()) if (r.kind !== 'known_error') records++;
    out(`${plural(records, 'record')} checked against ${matrix.name}: ${plural(found.length, 'disagreement')}.`);
  }
  return found.length > 0 ? 1 : 0;
}
