// Writing the lists of a problem's RCA by hand in the real editor: Enter after `causes:` indents,
// and completion there offers the cause structure from the schema, never words from the file.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test, waitFor } from '../runner';
import { fileUri, kedb } from './helpers';

const label = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);
const insert = (i: vscode.CompletionItem) => (typeof i.insertText === 'string' ? i.insertText : (i.insertText?.value ?? label(i)));

async function completion(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.CompletionItem[]> {
  return (await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, pos)).items;
}

/**
 * The items' labels, after checking that none is what word-based suggestions bring: an item of
 * kind Text, or (unless the items are keys, which the file has too) a word of the document.
 */
function structureOnly(doc: vscode.TextDocument, items: vscode.CompletionItem[], keys = false): string[] {
  const words = new Set(doc.getText().match(/[A-Za-z0-9_]{2,}/g) ?? []);
  const labels = items.map(label);
  assert.ok(labels.length > 0, 'completion offers something');
  for (const i of items) assert.notEqual(i.kind, vscode.CompletionItemKind.Text, `"${label(i)}" is a word suggestion (${labels.join(', ')})`);
  if (!keys) for (const l of labels) assert.ok(!words.has(l), `"${l}" is a word of the file (${labels.join(', ')})`);
  return labels;
}

test('lists: Enter after `causes:` indents, and completion there offers new causes and no words of the file', async () => {
  await kedb();
  const doc = await vscode.workspace.openTextDocument(fileUri('problems/PRB-0007.yaml'));
  const editor = await vscode.window.showTextDocument(doc, { preserveFocus: false });
  const lines = doc.getText().split(/\r?\n/);
  const line = lines.findIndex((l) => /^ +causes:$/.test(l));
  assert.ok(line > 0, 'the sample has a `causes:` line');
  const col = lines[line].indexOf('causes');
  try {
    // Right after `causes:` (where typing `:` opens the list): a new cause on the next line.
    const after = await completion(doc, new vscode.Position(line, lines[line].length));
    assert.deepEqual(structureOnly(doc, after), ['- cause', '- text']);
    assert.deepEqual(after.map(insert), ['\n  - cause: $0', '\n  - $0']);

    // Enter at the end of `causes:` indents the new line one unit deeper.
    const end = doc.lineAt(line).range.end;
    editor.selection = new vscode.Selection(end, end);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await vscode.commands.executeCommand('type', { text: '\n' });
    await waitFor(() => doc.lineAt(line + 1).text === ' '.repeat(col + 2), {
      timeout: 5000,
      message: `the line after "${lines[line]}" to be indented to column ${col + 2}`,
      detail: () => doc.lineAt(line + 1).text,
    });
    assert.ok(editor.selection.active.isEqual(new vscode.Position(line + 1, col + 2)), 'the cursor is at the end of the indentation');

    // Completion on that new line: the cause items from the schema, nothing else.
    const items = await completion(doc, new vscode.Position(line + 1, col + 2));
    assert.deepEqual(structureOnly(doc, items), ['- cause', '- text']);
    assert.deepEqual(items.map(insert), ['- cause: $0', '- $0']);

    // And after `- `, the keys of a cause.
    await vscode.commands.executeCommand('type', { text: '- ' });
    const keys = await completion(doc, new vscode.Position(line + 1, col + 4));
    assert.deepEqual(structureOnly(doc, keys, true), ['cause', 'because', 'evidence', 'root_cause']);
  } finally {
    await vscode.commands.executeCommand('hideSuggestWidget');
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
});
