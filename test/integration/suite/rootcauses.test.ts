// Root causes are consistent, in a real VS Code: an entry of rca.root_causes that names no cause of
// the fishbone gets a warning at the entry, and the quick fix "Mark … as a root cause" makes both
// agree in one undoable, comment-preserving edit.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test, waitFor } from '../runner';
import { expectDiagnostics, fileUri, kedb } from './helpers';

test('rca: a root cause that matches no fishbone cause gets a quick fix that marks the close cause, undone in one step', async () => {
  const api = await kedb();
  const uri = fileUri('problems/PRB-0905.yaml');
  const text = [
    'kind: problem',
    'id: PRB-0905',
    'title: Badge readers reject old cards',
    'rca:',
    '  fishbone:',
    '    categories:',
    '      - name: Technology',
    '        causes:',
    '          - The reader firmware drops the old card format.  # vendor confirmed',
    '      - name: Process',
    '        causes: []',
    '  root_causes:',
    '    - Reader firmware drops old card formats.  # from the review',
    '',
  ].join('\n');
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  await expectDiagnostics(uri, ['warning root-cause-unmatched 13:7-13:46']);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  const diag = vscode.languages.getDiagnostics(uri).find((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'root-cause-unmatched')!;
  assert.match(diag.message, /^"Reader firmware drops old card formats\." is listed in rca\.root_causes but matches no cause in the fishbone/);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diag.range, vscode.CodeActionKind.QuickFix.value);
  const titles = actions.map((a) => a.title);
  assert.ok(titles.includes('Add "Reader firmware drops old card formats." as a cause under Process'), titles.join(' | '));
  const fix = actions.find((a) => a.title === 'Mark "The reader firmware drops the old card format." as a root cause');
  assert.ok(fix?.edit, titles.join(' | '));
  assert.equal(fix.isPreferred, true);
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
  assert.equal(
    doc.getText(),
    text
      .replace('          - The reader firmware drops the old card format.  # vendor confirmed\n', '          - cause: The reader firmware drops the old card format.  # vendor confirmed\n            root_cause: true\n')
      .replace('    - Reader firmware drops old card formats.  #', '    - The reader firmware drops the old card format.  #'),
  );
  await expectDiagnostics(uri, []);
  await vscode.commands.executeCommand('undo');
  assert.equal(doc.getText(), text, 'one undo takes the fix back');
  await expectDiagnostics(uri, ['warning root-cause-unmatched 13:7-13:46']);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.workspace.fs.delete(uri);
  await waitFor(() => !api.index.find('PRB-0905'), { message: 'PRB-0905 cleaned up' });
});
