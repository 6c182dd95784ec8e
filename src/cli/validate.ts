import * as fs from 'node:fs';
import { Workspace } from '../core';
import { NodeFsHost } from '../node/fsHost';
import { t } from '../core/base';
import { count, displayPath, formatIssueLine, machineOutput, noSuchFolder, toJsonIssue, type JsonIssue } from './output';

export interface ValidateOptions {
  dir: string;
  format: 'text' | 'json';
}

/** `kedb validate`: prints every issue and returns the exit code (1 when there is an error). */
export async function runValidate(opts: ValidateOptions, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  if (!fs.existsSync(opts.dir) || !fs.statSync(opts.dir).isDirectory()) {
    err(noSuchFolder('validate', opts.dir));
    return 2;
  }
  if (opts.format === 'json') machineOutput();
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
