import * as vscode from 'vscode';
import { LineIndex, type Issue, type Range, type TextEdit } from '../core';

export function toRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

/**
 * The one conversion of a core edit (offsets into a text) to a VS Code edit: against an open
 * document, or against a text that is not open.
 */
export function toVscodeEdit(doc: Pick<vscode.TextDocument, 'positionAt'> | string, e: TextEdit): vscode.TextEdit {
  if (typeof doc === 'string') return new vscode.TextEdit(toRange(new LineIndex(doc).range(e.start, e.end)), e.text);
  return new vscode.TextEdit(new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.text);
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
