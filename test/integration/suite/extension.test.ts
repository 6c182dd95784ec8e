// The extension in a real VS Code on a copy of samples/lab-02, through the public VS Code API.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplorerNode } from '../../../src/extension/explorer/explorerProvider';
import { test, waitFor } from '../runner';
import { diagnosedFiles, diagnosticsOf, expectDiagnostics, fileUri, kedb, positionOf, SAMPLE_GAP } from './helpers';

test('the sample workspace indexes with no error, the checklist gap the seed left, and the recurrence it shows', async () => {
  const api = await kedb();
  await waitFor(() => api.diagnostics.counts.records === 76, { message: '76 records indexed' });
  // The one warning: INC-0052, a recurrence of PRB-0029 after its fix.
  await waitFor(() => api.diagnostics.counts.warnings === 1, { message: 'the recurrence warning' });
  assert.deepEqual(api.diagnostics.counts, { records: 76, errors: 0, warnings: 1 });
  assert.deepEqual(diagnosticsOf(fileUri('incidents/INC-0052.yaml')), ['warning recurrence 7:8-7:90']);
  assert.deepEqual(diagnosticsOf(fileUri('problems/PRB-0029.yaml')), ['info linked-incidents-open 8:9-8:17']);
  await waitFor(() => diagnosticsOf(fileUri(SAMPLE_GAP), { checklist: true }).length === 1, { message: 'the checklist diagnostic on INC-0026' });
  assert.deepEqual(diagnosticsOf(fileUri(SAMPLE_GAP), { checklist: true }), ['info checklist-incomplete 5:5-5:13']);
  assert.deepEqual(diagnosedFiles(), []);
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
  const incDoc = await vscode.workspace.openTextDocument(incident);
  const prbDoc = await vscode.workspace.openTextDocument(problem);
  assert.ok(!/^problem:/m.test(incDoc.getText()), 'INC-0001 starts unlinked');
  // Link INC-0001 to PRB-0007: PRB-0007 does not list it, so INC-0001 gets a warning.
  let edit = new vscode.WorkspaceEdit();
  edit.insert(incident, new vscode.Position(incDoc.lineCount, 0), 'problem: PRB-0007\n');
  assert.ok(await vscode.workspace.applyEdit(edit));
  const line = incDoc.lineCount - 1;
  await expectDiagnostics(incident, [`warning link-mismatch ${line}:10-${line}:18`]);
  // Fix it in the other file: list INC-0001 among PRB-0007's incidents.
  const listed = positionOf(prbDoc, '  - INC-0007');
  edit = new vscode.WorkspaceEdit();
  edit.insert(problem, new vscode.Position(listed.line, 0), '  - INC-0001\n');
  assert.ok(await vscode.workspace.applyEdit(edit));
  await expectDiagnostics(incident, []);
  await expectDiagnostics(problem, []);
  // Undo both edits through the buffers; the files on disk were never touched.
  edit = new vscode.WorkspaceEdit();
  edit.delete(problem, new vscode.Range(listed.line, 0, listed.line + 1, 0));
  edit.delete(incident, new vscode.Range(line - 1, 0, line, 0));
  assert.ok(await vscode.workspace.applyEdit(edit));
  assert.equal(incDoc.getText(), new TextDecoder().decode(await vscode.workspace.fs.readFile(incident)));
  await expectDiagnostics(incident, []);
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
  // The seed's eleven and KE-0051, which replaces the retired KE-0034.
  assert.equal(knownErrors.length, 12);
  const first = api.explorer.getTreeItem(knownErrors[0]);
  assert.match(String(first.label), /^KE-0007 {2}\S/);
  assert.equal(first.command?.command, 'vscode.open');
});

for (const [command, folder, kind] of [
  ['kedb.newIncident', 'incidents', 'incident'],
  ['kedb.newProblem', 'problems', 'problem'],
] as const) {
  test(`${command} creates a valid ${kind} with the next free id and opens it`, async () => {
    const api = await kedb();
    const before = api.diagnostics.counts.records;
    const uri = await vscode.commands.executeCommand<vscode.Uri>(command);
    assert.ok(uri, 'the command returns the new file');
    const rel = vscode.workspace.asRelativePath(uri);
    assert.match(rel, new RegExp(`^${folder}/[A-Z]+-\\d{4}\\.yaml$`));
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    assert.match(text, new RegExp(`^kind: ${kind}\\nid: ${rel.slice(folder.length + 1, -5)}\\n`));
    await waitFor(() => api.diagnostics.counts.records === before + 1, { message: 'the new record to be indexed' });
    await expectDiagnostics(uri, []);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.workspace.fs.delete(uri);
    await waitFor(() => api.diagnostics.counts.records === before, { message: 'the deleted record to leave the index' });
  });
}

test('kedb.newKnownError documents a problem and links the problem back in one edit', async () => {
  const api = await kedb();
  const problemUri = await vscode.commands.executeCommand<vscode.Uri>('kedb.newProblem');
  assert.ok(problemUri);
  const problemId = vscode.workspace.asRelativePath(problemUri).slice('problems/'.length, -'.yaml'.length);
  await waitFor(() => api.index.find(problemId) !== undefined, { message: `${problemId} indexed` });
  const keUri = await vscode.commands.executeCommand<vscode.Uri>('kedb.newKnownError', { problem: problemId });
  assert.ok(keUri);
  const keId = vscode.workspace.asRelativePath(keUri).slice('known-errors/'.length, -'.yaml'.length);
  const keText = new TextDecoder().decode(await vscode.workspace.fs.readFile(keUri));
  assert.match(keText, new RegExp(`^kind: known_error\\nid: ${keId}\\nproblem: ${problemId}\\n`));
  const problemDoc = await vscode.workspace.openTextDocument(problemUri);
  assert.match(problemDoc.getText(), new RegExp(`\\nknown_error: ${keId}\\n$`));
  // The template leaves the workaround to write: the lifecycle rule asks for it.
  await expectDiagnostics(keUri, ['warning workaround-missing 8:13-8:15']);
  await expectDiagnostics(problemUri, []);
  assert.equal(problemDoc.isDirty, true, 'the problem is linked in its buffer; the user saves it');
  await problemDoc.save();
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.workspace.fs.delete(keUri);
  await vscode.workspace.fs.delete(problemUri);
});

test('a symbolic link to a record outside the workspace is reported, not read through', async () => {
  const api = await kedb();
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-link-it-'));
  const outside = path.join(dir, 'outside.yaml');
  fs.writeFileSync(outside, 'kind: incident\nid: INC-7777\ntitle: Read from outside the workspace\n');
  const link = fileUri('incidents/INC-7777.yaml');
  fs.symlinkSync(outside, link.fsPath);
  try {
    await waitFor(() => diagnosticsOf(link).length > 0, { message: 'a diagnostic on the link', detail: () => diagnosticsOf(link) });
    assert.deepEqual(diagnosticsOf(link), ['error unreadable-file 1:1-1:1']);
    const diag = vscode.languages.getDiagnostics(link)[0];
    assert.equal(diag.message, `This is a symbolic link (→ ${outside}); links are not followed, so it was not checked. Move the records into the workspace instead of linking them.`);
    assert.equal(api.index.find('INC-7777'), undefined, 'nothing was read through the link');
    // The full re-index lists the folder as kedb validate does: the link is reported again, not followed.
    await vscode.commands.executeCommand('kedb.validateWorkspace');
    await waitFor(() => diagnosticsOf(link).length === 1, { message: 'the link still reported after a re-index', detail: () => diagnosticsOf(link) });
    assert.equal(api.index.find('INC-7777'), undefined);
  } finally {
    fs.rmSync(link.fsPath, { force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  }
  await waitFor(() => diagnosticsOf(link).length === 0, { message: 'the link gone, its diagnostic too' });
});
