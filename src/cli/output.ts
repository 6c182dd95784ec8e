import * as path from 'node:path';
import type { Issue } from '../core';

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
  return `${displayPath}:${line + 1}:${character + 1}: ${issue.severity} ${issue.code} ${issue.message}`;
}

/** How a file under `dir` is shown: relative to the current directory, with `/`. */
export function displayPath(dir: string, rel: string): string {
  const shown = path.relative(process.cwd(), path.resolve(dir, rel)) || rel;
  return shown.split(path.sep).join('/');
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
