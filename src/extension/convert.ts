import * as vscode from 'vscode';
import type { Issue, Range } from '../core';

export function toRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

const SEVERITY: Record<Issue['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** Issue data is kept on the diagnostic so that quick fixes can use it without re-validating. */
export interface KedbDiagnostic extends vscode.Diagnostic {
  data?: Record<string, unknown>;
}

export function toDiagnostic(issue: Issue): KedbDiagnostic {
  const d: KedbDiagnostic = new vscode.Diagnostic(toRange(issue.range), issue.message, SEVERITY[issue.severity]);
  d.code = issue.code;
  d.source = 'kedb';
  d.data = issue.data;
  return d;
}
