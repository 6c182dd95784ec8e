import * as vscode from 'vscode';
import type { DiagnosticCounts, DiagnosticsManager } from './diagnostics/diagnosticsManager';
import { Disposable } from './util/dispose';
import { t } from '../core/base';

/** "KEDB 72 records, 0 errors": click to validate the workspace. */
export class StatusBar extends Disposable {
  private readonly item = this._register(vscode.window.createStatusBarItem('kedb.status', vscode.StatusBarAlignment.Left, 10));

  constructor(diagnostics: DiagnosticsManager) {
    super();
    this.item.name = 'KEDB Studio';
    this.item.command = 'kedb.validateWorkspace';
    this.item.text = '$(loading~spin) KEDB';
    this.item.tooltip = t('KEDB Studio is indexing the workspace');
    this.item.show();
    this._register(diagnostics.onDidChangeCounts((c) => this.update(c)));
  }

  private update(c: DiagnosticCounts): void {
    const errors = c.errors === 1 ? t('1 error') : t('{0} errors', c.errors);
    const warnings = c.warnings === 1 ? t('1 warning') : t('{0} warnings', c.warnings);
    this.item.text = `$(book) ${t('{0} records', c.records)} $(${c.errors ? 'error' : 'check'}) ${c.errors}`;
    this.item.tooltip = t('KEDB Studio: {0} records, {1}, {2}. Click to validate the workspace.', c.records, errors, warnings);
    this.item.accessibilityInformation = { label: t('KEDB: {0} records, {1}', c.records, errors) };
    this.item.backgroundColor = c.errors ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }
}
