import type * as vscode from 'vscode';
import type { DiagnosticsManager } from './diagnostics/diagnosticsManager';
import type { ExplorerProvider } from './explorer/explorerProvider';
import type { RecordIndex } from './index/recordIndex';

/** What every feature's `register` is given: the services extension.ts makes once. */
export interface FeatureContext {
  readonly extensionUri: vscode.Uri;
  readonly index: RecordIndex;
  readonly diagnostics: DiagnosticsManager;
  readonly explorer: ExplorerProvider;
}

/**
 * The one shape of a feature: it registers its providers, views and commands, and returns what
 * undoes them all. Each feature folder exports one `register`; extension.ts maps over them.
 */
export type Register = (ctx: FeatureContext) => vscode.Disposable;
