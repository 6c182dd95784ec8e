// Priority classification in the editor: quick fixes, CodeLens, and the workspace command.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test, waitFor } from '../runner';
import { diagnosedFiles, diagnosticsOf, expectDiagnostics, fileUri, kedb, positionOf } from './helpers';

/** The quick fixes offered at a diagnostic of `code`, whose titles start with `prefix`. */
async function fixesAt(uri: vscode.Uri, code: string, prefix: string): Promise<vscode.CodeAction[]> {
  await vscode.workspace.openTextDocument(uri); // the providers run on open documents only
  const diag = vscode.languages.getDiagnostics(uri).find((d) => (typeof d.code === 'object' ? d.code.value : d.code) === code);
  assert.ok(diag, `a ${code} diagnostic`);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diag.range, vscode.CodeActionKind.QuickFix.value);
  const mine = actions.filter((a) => a.title.startsWith(prefix));
  assert.ok(mine.length > 0, `a quick fix for ${code} among: ${actions.map((a) => a.title).join(' | ')}`);
  return mine;
}

test('a wrong priority gets a diagnostic and its quick fix sets the buffer, not the disk', async () => {
  await kedb();
  const uri = fileUri('incidents/INC-0006.yaml');
  const doc = await vscode.workspace.openTextDocument(uri);
  const onDisk = doc.getText();
  const at = positionOf(doc, '\npriority: ', 11);
  const current = doc.getText(new vscode.Range(at, at.translate(0, 2)));
  const wrong = current === 'P5' ? 'P4' : 'P5';
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(at, at.translate(0, 2)), wrong);
  assert.ok(await vscode.workspace.applyEdit(edit));
  await waitFor(() => diagnosticsOf(uri).some((d) => d.startsWith('warning priority-mismatch')), { message: 'priority-mismatch' });
  const [fix] = await fixesAt(uri, 'priority-mismatch', 'Set priority to');
  assert.equal(fix.title.startsWith(`Set priority to ${current}`), true, fix.title);
  assert.ok(fix.edit && (await vscode.workspace.applyEdit(fix.edit)));
  assert.equal(doc.getText(), onDisk, 'the fix restores the value, leaving every other byte');
  assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), onDisk);
  await expectDiagnostics(uri, []);
  await doc.save();
});

test('the CodeLens above priority shows the value the matrix gives', async () => {
  await kedb();
  const uri = fileUri('incidents/INC-0007.yaml');
  await vscode.workspace.openTextDocument(uri);
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
  const titles = lenses.map((l) => l.command?.title ?? '').filter((t) => t.includes('urgency'));
  assert.deepEqual(titles, ['✓ P1 from impact high × urgency high (itil-3x3)']);
});

test('a P1 incident without escalation gets a quick fix that fills the block from the rules', async () => {
  await kedb();
  const uri = fileUri('incidents/INC-0950.yaml');
  const text = 'kind: incident\nid: INC-0950\ntitle: VPN down for every clinic\ncategory: Network\nservice: Telemedicine & EMR\nreported_at: "2025-09-22T10:00:00+07:00"\nimpact: high\nurgency: high\npriority: P1\n';
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  await expectDiagnostics(uri, ['warning escalation-missing 9:11-9:13']);
  const [fix] = await fixesAt(uri, 'escalation-missing', 'Escalate to');
  assert.equal(fix.title, 'Escalate to NOC, ETA 2025-09-22T14:00:00+07:00');
  assert.ok(fix.edit && (await vscode.workspace.applyEdit(fix.edit)));
  const doc = await vscode.workspace.openTextDocument(uri);
  assert.equal(doc.getText(), text + 'escalation:\n  team: NOC\n  escalated_at: "2025-09-22T10:00:00+07:00"\n  eta: "2025-09-22T14:00:00+07:00"\n');
  await expectDiagnostics(uri, []);
  await doc.save();
  await vscode.workspace.fs.delete(uri);
});

test('Classify Priority on the workspace changes N files in one edit, and one undo restores them', async () => {
  await kedb();
  const names = ['INC-0011', 'INC-0012', 'INC-0013'];
  const originals = new Map<string, string>();
  for (const n of names) {
    const uri = fileUri(`incidents/${n}.yaml`);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    originals.set(n, text);
    // Drop the priority line: the matrix then gives one, which the command must write back.
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text.replace(/^priority: .*\n/m, '')));
  }
  await waitFor(() => names.every((n) => diagnosticsOf(fileUri(`incidents/${n}.yaml`)).some((d) => d.startsWith('info priority-missing'))), {
    message: 'priority-missing on the three files',
  });
  const result = await vscode.commands.executeCommand<{ files: number; records: number; lacking: { records: number } }>('kedb.classifyPriority', undefined, undefined, {
    scope: 'workspace',
    confirm: false,
  });
  assert.deepEqual([result.files, result.records], [3, 3]);
  assert.equal(result.lacking.records, 0, 'every lab-02 incident and problem has an impact and an urgency');
  const docs = await Promise.all(names.map((n) => vscode.workspace.openTextDocument(fileUri(`incidents/${n}.yaml`))));
  // One edit marked as a refactoring: VS Code saves the files it changed (files.refactoring.autoSave), no tab is left dirty.
  await waitFor(() => docs.every((d) => !d.isDirty), { message: 'the changed files saved' });
  for (const [i, d] of docs.entries()) {
    const priority = /^priority: (P\d)/m.exec(originals.get(names[i])!)?.[1];
    assert.match(d.getText(), new RegExp(`^priority: ${priority}$`, 'm'));
    assert.match(new TextDecoder().decode(await vscode.workspace.fs.readFile(d.uri)), new RegExp(`^priority: ${priority}$`, 'm'), 'on disk too');
  }
  await vscode.window.showTextDocument(docs[0]);
  await vscode.commands.executeCommand('undo');
  await waitFor(() => docs.every((d) => d.isClosed || !/^priority:/m.test(d.getText())), { message: 'one undo to restore all three files' });
  // The undo is in the buffers (the files on disk keep the priorities until saved again): save
  // them, then put the sample back on disk, which clean buffers follow.
  for (const d of docs) if (!d.isClosed && d.isDirty) await d.save();
  for (const n of names) await vscode.workspace.fs.writeFile(fileUri(`incidents/${n}.yaml`), new TextEncoder().encode(originals.get(n)!));
  for (const [i, d] of docs.entries()) {
    if (d.isClosed) continue;
    await waitFor(() => d.getText() === originals.get(names[i]), { message: `${names[i]} back as it was`, detail: () => [String(d.isDirty), d.getText().slice(0, 300)] });
  }
  await waitFor(() => diagnosedFiles().length === 0, { message: 'a clean workspace again', detail: diagnosedFiles });
});
