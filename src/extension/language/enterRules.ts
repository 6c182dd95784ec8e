import * as vscode from 'vscode';
import { opensBlockPattern } from '../../core';
import type { RecordDocuments } from './documents';

/**
 * Enter after a key whose value the schemas make a list or a mapping (`causes:`, `five_whys:`,
 * `because:`, `evidence:`, `rca:`…) indents the next line by one unit.
 *
 * VS Code's built-in YAML sets `editor.autoIndent` to `advanced` for `[yaml]`, which applies a
 * language's `onEnterRules` but not its `indentationRules`, and it has no `onEnterRules`: so Enter
 * after `causes:` kept the line's indentation. A language configuration set here adds just the
 * `onEnterRules` (VS Code merges configurations field by field, and this one wins), and they
 * apply in the same edit as Enter: no `editor.formatOnType` to switch on for all YAML, and no
 * asynchronous on-type edit that a fast typist outruns. The rule is for the `yaml` language as a
 * whole, so it names only the schemas' list and mapping keys: prose in a block scalar that ends
 * in a word and a colon ("Steps:") is left alone.
 */
export function register(_documents: RecordDocuments): vscode.Disposable {
  return vscode.languages.setLanguageConfiguration('yaml', {
    onEnterRules: [{ beforeText: opensBlockPattern(), action: { indentAction: vscode.IndentAction.Indent } }],
  });
}
