import * as vscode from 'vscode';
import type { DiagnosticCounts, DiagnosticsManager } from './diagnostics/diagnosticsManager';
import { Disposable } from './util/dispose';

/** "KEDB 72 records, 0 errors": click to validate the workspace. */
export class StatusBar extends Disposable {
  private readonly item = this._register(vscode.window.createStatusBarItem('kedb.status', vscode.StatusBarAlignment.Left, 10));

  constructor(diagnostics: DiagnosticsManager) {
    super();
    this.item.name = 'KEDB Studio';
    this.item.command = 'kedb.validateWorkspace';
    this.item.text = '$(loading~spin) KEDB';
    this.item.tooltip = 'KEDB Studio is indexing the workspace';
    this.item.show();
    this._register(diagnostics.onDidChangeCounts((c) => this.update(c)));
  }

  private update(c: DiagnosticCounts): void {
    const errors = `${c.errors} error${c.errors === 1 ? '' : 's'}`;
    this.item.text = `$(book) ${c.records} records $(${c.errors ? 'error' : 'check'}) ${c.errors}`;
    this.item.tooltip = `KEDB Studio: ${c.records} records, ${errors}, ${c.warnings} warning${c.warnings === 1 ? '' : 's'}. Click to validate the workspace.`;
    this.item.accessibilityInformation = { label: `KEDB: ${c.records} records, ${errors}` };
    this.item.backgroundColor = c.errors ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }
}
