import type * as vscode from 'vscode';
import type { RecordIndex } from '../index/recordIndex';

/** Registers the editor features over record files: completion, hover, navigation, quick fixes. */
export function registerLanguageFeatures(_context: vscode.ExtensionContext, _index: RecordIndex): void {
  // Filled in by the language features (completion, hover, navigation, quick fixes).
}
