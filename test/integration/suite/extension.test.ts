// The extension in a real VS Code on a copy of samples/lab-02, through the public VS Code API.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplorerNode } from '../../../src/extension/explorer/explorerProvider';
import { test, waitFor } from '../runner';
import { diagnosticsOf, expectDiagnostics, fileUri, kedb, positionOf } from './helpers';

test('the sample workspace indexes with no diagnostics', async () => {
  const api = await kedb();
  await waitFor(() => api.diagnostics.counts.records === 74, { message: '74 records indexed' });
  assert.deepEqual(api.diagnostics.counts, { records: 74, errors: 0, warnings: 0 });
});

test('a broken file written to disk gets its exact diagnostics, and loses them when deleted', async () => {
  await kedb();
  const uri = fileUri('incidents/INC-0901.yaml');
  const text = [
    'kind: incident',
    'id: INC-0902',
    'title: Printer offline on floor 3',
    'urgency: urgnt',
    'problem: PRB-0999',
    'reporter:',
    '  emial: someone@example.com',
    '',
  ].join('\n');
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  await expectDiagnostics(uri, [
    'warning id-filename-mismatch 2:5-2:13',
    'error invalid-value 4:10-4:15',
    'error unknown-reference 5:10-5:18',
    'error unknown-property 7:3-7:8',
  ]);
  const messages = vscode.languages.getDiagnostics(uri).map((d) => d.message);
  assert.ok(messages.includes('Unknown property "emial" in reporter. Did you mean "email"?'), messages.join('\n'));
  await vscode.workspace.fs.delete(uri);
  await expectDiagnostics(uri, []);
});

test('an edit through a WorkspaceEdit raises a diagnostic, and the fix clears it', async () => {
  const api = await kedb();
  const uri = fileUri('incidents/INC-0007.yaml');
  const doc = await vscode.workspace.openTextDocument(uri);
  await expectDiagnostics(uri, []);
  const line = doc.lineAt(positionOf(doc, '\nurgency: ', 1).line);
  const valueStart = line.text.indexOf(':') + 2;
  const valueRange = new vscode.Range(line.lineNumber, valueStart, line.lineNumber, line.text.replace(/\s+#.*$/, '').length);
  const original = doc.getText(valueRange);
  let edit = new vscode.WorkspaceEdit();
  edit.replace(uri, valueRange, 'urgnt');
  assert.ok(await vscode.workspace.applyEdit(edit));
  const l = line.lineNumber + 1;
  await expectDiagnostics(uri, [`error invalid-value ${l}:${valueStart + 1}-${l}:${valueStart + 6}`]);
  assert.ok(api.diagnostics.counts.errors >= 1);
  edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(line.lineNumber, valueStart, line.lineNumber, valueStart + 5), original);
  assert.ok(await vscode.workspace.applyEdit(edit));
  await expectDiagnostics(uri, []);
  await vscode.commands.executeCommand('workbench.action.files.revert', uri);
});

test('fixing a reference in one file clears the diagnostic in the other', async () => {
  await kedb();
  const incident = fileUri('incidents/INC-0001.yaml');
  const problem = fileUri('problems/PRB-0007.yaml');
  const doc = await vscode.workspace.openTextDocument(incident);
  assert.ok(!/^problem:/m.test(doc.getText()), 'INC-0001 starts unlinked');
  const edit = new vscode.WorkspaceEdit();
  edit.insert(incident, new vscode.Position(doc.lineCount, 0), (doc.getText().endsWith('\n') ? '' : '\n') + 'problem: PRB-0007\n');
  assert.ok(await vscode.workspace.applyEdit(edit));
  await waitFor(() => diagnosticsOf(incident).some((d) => d.startsWith('warning link-mismatch')), { message: 'link-mismatch on INC-0001' });
  await vscode.commands.executeCommand('workbench.action.files.revert', incident);
  await expectDiagnostics(incident, []);
  await expectDiagnostics(problem, []);
});

test('the explorer shows incidents by category, problems by status and known errors', async () => {
  const api = await kedb();
  const roots = api.explorer.getChildren();
  assert.deepEqual(roots.map((n) => (n.type === 'kind' ? n.label : '?')), ['Incidents', 'Problems', 'Known Errors']);
  const categories = api.explorer.getChildren(roots[0]) as Extract<ExplorerNode, { type: 'group' }>[];
  const counts = Object.fromEntries(categories.map((g) => [g.label, g.records.length]));
  assert.equal(counts.Outage, 9);
  assert.equal(counts.Compatibility, 7);
  assert.equal(counts.Billing, 5);
  assert.equal(categories.length, 21);
  const knownErrors = api.explorer.getChildren(roots[2]);
  assert.equal(knownErrors.length, 11);
  const first = api.explorer.getTreeItem(knownErrors[0]);
  assert.match(String(first.label), /^KE-0007 {2}\S/);
  assert.equal(first.command?.command, 'vscode.open');
});

for (const [command, folder, kind] of [
  ['kedb.newIncident', 'incidents', 'incident'],
  ['kedb.newProblem', 'problems', 'problem'],
  ['kedb.newKnownError', 'known-errors', 'known_error'],
] as const) {
  test(`${command} creates a valid ${kind} with the next free id and opens it`, async () => {
    await kedb();
    const uri = await vscode.commands.executeCommand<vscode.Uri>(command);
    assert.ok(uri, 'the command returns the new file');
    assert.match(vscode.workspace.asRelativePath(uri), new RegExp(`^${folder}/[A-Z]+-\\d{4}\\.yaml$`));
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    assert.match(text, new RegExp(`^kind: ${kind}\\n`));
    // A known error's template names a problem placeholder that does not exist; everything else is clean.
    const expected = kind === 'known_error' ? ['error unknown-reference 3:10-3:18'] : [];
    await expectDiagnostics(uri, expected);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.workspace.fs.delete(uri);
  });
}
