import * as fs from 'node:fs';
import { Workspace } from '../core';
import { NodeFsHost } from '../node/fsHost';
import { displayPath, formatIssueLine, plural, toJsonIssue, type JsonIssue } from './output';

export interface ValidateOptions {
  dir: string;
  format: 'text' | 'json';
}

/** `kedb validate`: prints every issue and returns the exit code (1 when there is an error). */
export async function runValidate(opts: ValidateOptions, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  if (!fs.existsSync(opts.dir) || !fs.statSync(opts.dir).isDirectory()) {
    err(`kedb validate: ${opts.dir}: no such folder`);
    return 2;
  }
  const ws = await Workspace.load(new NodeFsHost(opts.dir));
  const all = ws.allIssues();
  const counts = { error: 0, warning: 0, info: 0 };
  const json: JsonIssue[] = [];
  for (const [file, issues] of all) {
    for (const issue of issues) {
      counts[issue.severity]++;
      if (opts.format === 'json') json.push(toJsonIssue(file, issue));
      else out(formatIssueLine(displayPath(opts.dir, file), issue));
    }
  }
  const files = ws.recordFiles().length;
  let records = 0;
  for (const _ of ws.records()) records++;
  if (opts.format === 'json') out(JSON.stringify(json, null, 2));
  else
    out(
      `${plural(files, 'file')}, ${plural(records, 'record')}: ${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}` +
        (counts.info ? `, ${counts.info} info` : '') +
        '.',
    );
  return counts.error > 0 ? 1 : 0;
}
