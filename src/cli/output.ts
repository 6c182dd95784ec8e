import * as path from 'node:path';
import type { Issue } from '../core';
import { forTerminal, setL10nBundle } from '../core/base';

/** One issue in the CLI's JSON shape: 1-based lines and columns, file relative to the checked folder. */
export interface JsonIssue {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Issue['severity'];
  code: string;
  message: string;
}

export function toJsonIssue(file: string, issue: Issue): JsonIssue {
  return {
    file,
    line: issue.range.start.line + 1,
    column: issue.range.start.character + 1,
    endLine: issue.range.end.line + 1,
    endColumn: issue.range.end.character + 1,
    severity: issue.severity,
    code: issue.code,
    message: issue.message,
  };
}

/** `path:line:column: severity code message`, the form terminals turn into links. */
export function formatIssueLine(displayPath: string, issue: Issue): string {
  const { line, character } = issue.range.start;
  // One line per issue, whatever the record holds: a value's line break or escape sequence is shown, not obeyed.
  return forTerminal(`${displayPath}:${line + 1}:${character + 1}: ${issue.severity} ${issue.code} ${issue.message}`);
}

/** How a file under `dir` is shown: relative to the current directory, with `/`. */
export function displayPath(dir: string, rel: string): string {
  const shown = path.relative(process.cwd(), path.resolve(dir, rel)) || rel;
  return shown.split(path.sep).join('/');
}

/** Counted nouns in the current language (the CLI's commands import it from here). */
export { count } from '../core/base';

/**
 * One option of a help text: the option as written, then its description; the description's
 * further lines are indented under its first.
 */
export function option(left: string, description: string): string {
  return left + description.split('\n').join('\n' + ' '.repeat(left.length));
}

/**
 * Switches to English for a machine-readable output (`--format json`): the messages, reasons and
 * evidence inside it stay the same whatever the user's language, for the tools that read them.
 */
export function machineOutput(): void {
  setL10nBundle(undefined);
}
