// Recurrences and incidents resolved by their problem, in a real VS Code on a copy of
// samples/lab-02: INC-0052's `recurrence` quick fix reopens PRB-0029 across two files, and one undo
// reverts it; Resolve Linked Incidents, offered on PRB-0029's information, resolves INC-0019 and
// INC-0029 in one refactoring edit, and one undo reverts it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ResolveIncidentsResult } from '../../../src/extension/kedb/resolveIncidents';
import { test, waitFor } from '../runner';
import { diagnosedFiles, expectDiagnostics, fileUri, kedb } from './helpers';

const read = async (uri: vscode.Uri) => new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));

/** The quick fixes VS Code offers for the file's kedb diagnostic of `code`. */
async function quickFixes(uri: vscode.Uri, code: string): Promise<vscode.CodeAction[]> {
  const d = vscode.languages.getDiagnostics(uri).find((x) => x.source === 'kedb' && (typeof x.code === 'object' ? x.code.value : x.code) === code);
  assert.ok(d, `a ${code} diagnostic in ${vscode.workspace.asRelativePath(uri)}`);
  const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
  // Ours only: the workbench adds its own (Fix, Explain with the chat), which run commands of its own.
  return actions.filter((a) => a.edit || a.command?.command.startsWith('kedb.'));
}

/** Undoes in `doc`'s editor, waits for every file to show its original text, and puts the disk back too. */
async function undoAndRestore(doc: vscode.TextDocument, originals: Map<vscode.Uri, string>): Promise<void> {
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('undo');
  const docs = await Promise.all([...originals.keys()].map((u) => vscode.workspace.openTextDocument(u)));
  for (const d of docs) {
    const original = [...originals].find(([u]) => u.toString() === d.uri.toString())![1];
    await waitFor(() => d.getText() === original, { message: `${vscode.workspace.asRelativePath(d.uri)} restored by the one undo`, detail: () => d.getText().slice(-400) });
  }
  // The undo is in the buffers; the files on disk follow once saved.
  for (const d of docs) if (d.isDirty) await d.save();
  for (const [u, original] of originals) if ((await read(u)) !== original) await vscode.workspace.fs.writeFile(u, new TextEncoder().encode(original));
}

test('recurrences: INC-0052\'s quick fix links it to PRB-0029 and reopens the problem, in both files, and one undo reverts both', async () => {
  await kedb();
  const incUri = fileUri('incidents/INC-0052.yaml');
  const prbUri = fileUri('problems/PRB-0029.yaml');
  await expectDiagnostics(incUri, ['warning recurrence 7:8-7:90']);
  const originals = new Map([
    [incUri, await read(incUri)],
    [prbUri, await read(prbUri)],
  ]);
  const [d] = vscode.languages.getDiagnostics(incUri).filter((x) => x.source === 'kedb');
  assert.match(d.message, /^This looks like a recurrence of PRB-0029: it matches KE-0029 \(0\.\d\d\), and PRB-0029 was resolved with its fix applied on 2025-10-06\./);

  const doc = await vscode.workspace.openTextDocument(incUri);
  await vscode.window.showTextDocument(doc);
  const actions = await quickFixes(incUri, 'recurrence');
  assert.deepEqual(actions.map((a) => a.title), ['Link to PRB-0029 and reopen it for analysis', 'Not a recurrence of PRB-0029']);
  const reopen = actions[0];
  assert.equal(reopen.isPreferred, true);
  assert.deepEqual(reopen.edit!.entries().map(([u]) => vscode.workspace.asRelativePath(u)).sort(), ['incidents/INC-0052.yaml', 'problems/PRB-0029.yaml']);
  // Applied as the light bulb applies it: one edit of both files.
  assert.ok(await vscode.workspace.applyEdit(reopen.edit!, { isRefactoring: true }));

  assert.equal(doc.getText(), originals.get(incUri) + 'problem: PRB-0029\nknown_error: KE-0029\n');
  const problem = await vscode.workspace.openTextDocument(prbUri);
  const text = problem.getText();
  assert.match(text, /^status: root-cause-analysis$/m);
  assert.match(text, /^incidents:\n {2}- INC-0019\n {2}- INC-0029\n {2}- INC-0052\n/m);
  assert.match(text, /^reopened:\n {2}- at: "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d"\n {4}from_status: resolved\n {4}incident: INC-0052\n {4}reason: "INC-0052 matches KE-0029 \(0\.\d\d\): the error came back after the fix applied on 2025-10-06\."\n/m);
  // The comments of the problem are kept; only what the fix writes changes.
  assert.ok(text.startsWith(originals.get(prbUri)!.slice(0, originals.get(prbUri)!.indexOf('status:'))));
  await expectDiagnostics(incUri, []);
  await expectDiagnostics(prbUri, []);

  await undoAndRestore(doc, originals);
  await expectDiagnostics(incUri, ['warning recurrence 7:8-7:90']);
  await expectDiagnostics(prbUri, ['info linked-incidents-open 8:9-8:17']);
  await waitFor(() => diagnosedFiles().length === 0, { message: 'the sample as shipped again', detail: diagnosedFiles });
});

test('recurrences: the warning follows PRB-0029 as it is edited: typed back to fix-in-progress, INC-0052 loses it; restored, it comes back', async () => {
  await kedb();
  const incUri = fileUri('incidents/INC-0052.yaml');
  const prbUri = fileUri('problems/PRB-0029.yaml');
  await expectDiagnostics(incUri, ['warning recurrence 7:8-7:90']);
  const problem = await vscode.workspace.openTextDocument(prbUri);
  const original = problem.getText();
  await vscode.window.showTextDocument(problem);
  const line = problem.getText().split('\n').findIndex((l) => l.startsWith('status: resolved'));
  const edit = new vscode.WorkspaceEdit();
  edit.replace(prbUri, new vscode.Range(line, 8, line, 16), 'fix-in-progress');
  assert.ok(await vscode.workspace.applyEdit(edit));
  // INC-0052 does not link PRB-0029: only the recurrence feature knows to check it again.
  await expectDiagnostics(incUri, []);
  await undoAndRestore(problem, new Map([[prbUri, original]]));
  await expectDiagnostics(incUri, ['warning recurrence 7:8-7:90']);
});

test('recurrences: Not a recurrence records PRB-0029 in the incident, and the warning goes', async () => {
  await kedb();
  const incUri = fileUri('incidents/INC-0052.yaml');
  await expectDiagnostics(incUri, ['warning recurrence 7:8-7:90']);
  const original = await read(incUri);
  const doc = await vscode.workspace.openTextDocument(incUri);
  await vscode.window.showTextDocument(doc);
  const dismiss = (await quickFixes(incUri, 'recurrence')).find((a) => a.title === 'Not a recurrence of PRB-0029')!;
  assert.ok(await vscode.workspace.applyEdit(dismiss.edit!));
  assert.equal(doc.getText(), original + 'not_recurrence_of:\n  - PRB-0029\n');
  await expectDiagnostics(incUri, []);
  await undoAndRestore(doc, new Map([[incUri, original]]));
  await expectDiagnostics(incUri, ['warning recurrence 7:8-7:90']);
});

test('recurrences: Resolve Linked Incidents, offered on PRB-0029, resolves INC-0019 and INC-0029 in one refactoring edit, and one undo reverts it', async () => {
  await kedb();
  await vscode.workspace.saveAll(false);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  const prbUri = fileUri('problems/PRB-0029.yaml');
  const uris = ['INC-0019', 'INC-0029'].map((n) => fileUri(`incidents/${n}.yaml`));
  await expectDiagnostics(prbUri, ['info linked-incidents-open 8:9-8:17']);
  const originals = new Map(await Promise.all(uris.map(async (u) => [u, await read(u)] as const)));
  const problemDoc = await vscode.workspace.openTextDocument(prbUri);
  await vscode.window.showTextDocument(problemDoc);

  const [action] = await quickFixes(prbUri, 'linked-incidents-open');
  assert.equal(action.title, 'Resolve its 2 open incidents (KEDB: Resolve Linked Incidents)');
  assert.equal(action.command?.command, 'kedb.resolveLinkedIncidents');
  const result = await vscode.commands.executeCommand<ResolveIncidentsResult>(action.command!.command, ...(action.command!.arguments ?? []));
  assert.deepEqual(result, { problem: 'PRB-0029', resolved: ['INC-0019', 'INC-0029'] });

  const docs = await Promise.all(uris.map((u) => vscode.workspace.openTextDocument(u)));
  for (const d of docs) {
    const before = originals.get([...originals.keys()].find((u) => u.toString() === d.uri.toString())!)!;
    const after = d.getText();
    assert.equal(after.replace(/\nresolution:\n[\s\S]*$/, '\n'), before.replace('status: in-progress', 'status: resolved'), 'the status, and the resolution added at the end');
    assert.match(after, /\nresolution:\n {2}code: solved\n {2}notes: Resolved by the permanent fix of PRB-0029, applied on 2025-10-06\.\n {2}resolved_at: "\d{4}-\d\d-\d\dT[\d:]+[+-]\d\d:\d\d"\n$/);
  }
  // A refactoring: the incidents are saved, not left dirty.
  await waitFor(() => docs.every((d) => !d.isDirty), { message: 'the incidents saved' });
  await expectDiagnostics(prbUri, []);
  for (const u of uris) await expectDiagnostics(u, []);

  await undoAndRestore(docs[1], originals);
  await expectDiagnostics(prbUri, ['info linked-incidents-open 8:9-8:17']);
  await waitFor(() => diagnosedFiles().length === 0, { message: 'the sample as shipped again', detail: diagnosedFiles });
});
