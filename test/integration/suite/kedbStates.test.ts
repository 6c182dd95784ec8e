// Known errors drafted, published and retired, in the real editor: Publish refuses a draft that
// lacks what the service desk needs and publishes one that has it; Retire asks for the
// replacement, and the incident still linking the retired one is offered it. Each is one undo.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test, waitFor } from '../runner';
import { expectDiagnostics, fileUri, kedb } from './helpers';

const encode = (s: string) => new TextEncoder().encode(s);

async function undoIn(doc: vscode.TextDocument, expected: string): Promise<void> {
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
  await vscode.commands.executeCommand('undo');
  await waitFor(() => doc.getText() === expected, { message: `undo in ${vscode.workspace.asRelativePath(doc.uri)}`, detail: () => doc.getText() });
}

async function cleanUp(uris: vscode.Uri[], ids: string[]): Promise<void> {
  const api = await kedb();
  for (const doc of vscode.workspace.textDocuments) if (doc.isDirty && uris.some((u) => u.toString() === doc.uri.toString())) await doc.save();
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  for (const uri of uris) await vscode.workspace.fs.delete(uri);
  await waitFor(() => ids.every((id) => !api.index.find(id)), { message: 'cleaned up' });
}

test('kedb: Publish Known Error refuses a draft without a workaround and says so, publishes it once written, and one undo makes it a draft again', async () => {
  const api = await kedb();
  const problemUri = fileUri('problems/PRB-0911.yaml');
  const keUri = fileUri('known-errors/KE-0911.yaml');
  await vscode.workspace.fs.writeFile(problemUri, encode('kind: problem\nid: PRB-0911\ntitle: Badge readers reject old cards\nstatus: root-cause-analysis\nassignment_group: Facilities\nknown_error: KE-0911\n'));
  const draft = 'kind: known_error\nid: KE-0911\nproblem: PRB-0911\nstate: draft # until the desk has checked it\ntitle: Old badges rejected at the doors\nsymptoms:\n  - The door stays locked.\nroot_causes:\n  - "Not yet known: analysis continues in PRB-0911"\n';
  await vscode.workspace.fs.writeFile(keUri, encode(draft));
  await waitFor(() => api.index.find('KE-0911') && api.index.find('PRB-0911'), { message: 'KE-0911 indexed' });
  const doc = await vscode.workspace.openTextDocument(keUri);
  await vscode.window.showTextDocument(doc);
  await expectDiagnostics(keUri, ['warning workaround-missing 2:5-2:12']);
  const lenses = ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', keUri)) ?? []).map((l) => l.command?.title);
  assert.ok(lenses.includes('$(pass) Publish Known Error'), lenses.join(' | '));
  assert.ok(!lenses.some((l) => l?.includes('Communicate')), 'a draft\'s workaround is not communicated');

  // Refused: nothing is written, and the command says what is missing.
  assert.equal(await vscode.commands.executeCommand('kedb.publishKnownError', { id: 'KE-0911' }), undefined);
  assert.equal(doc.getText(), draft);

  const edit = new vscode.WorkspaceEdit();
  edit.insert(keUri, new vscode.Position(doc.lineCount - 1, 0), 'workaround: Let staff in with the master key at reception.\n');
  assert.ok(await vscode.workspace.applyEdit(edit));
  await doc.save();
  const written = doc.getText();
  await expectDiagnostics(keUri, []);
  const result = await vscode.commands.executeCommand<{ id: string; state: string }>('kedb.publishKnownError', { id: 'KE-0911' });
  assert.deepEqual(result, { id: 'KE-0911', state: 'published' });
  assert.equal(doc.getText(), written.replace('state: draft # until', 'state: published # until'), 'one value changed, the comment kept');
  await waitFor(() => api.index.find('KE-0911')?.record.value.state === 'published', { message: 'the index sees it published' });
  const after = ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', keUri)) ?? []).map((l) => l.command?.title);
  assert.ok(after.includes('$(archive) Retire Known Error') && after.includes('$(megaphone) Communicate workaround'), after.join(' | '));

  await undoIn(doc, written);
  await waitFor(() => api.index.find('KE-0911')?.record.value.state === 'draft', { message: 'a draft again after the undo' });
  await cleanUp([keUri, problemUri], ['KE-0911', 'PRB-0911']);
});

test('kedb: Retire Known Error sets state, retired_at and replaced_by in one edit; the linked incident is offered the replacement; each undo reverts', async () => {
  const api = await kedb();
  const problemUri = fileUri('problems/PRB-0912.yaml');
  const oldUri = fileUri('known-errors/KE-0912.yaml');
  const newUri = fileUri('known-errors/KE-0913.yaml');
  const incUri = fileUri('incidents/INC-0912.yaml');
  await vscode.workspace.fs.writeFile(problemUri, encode('kind: problem\nid: PRB-0912\ntitle: Turnstiles jam at the main gate\nstatus: root-cause-analysis\nassignment_group: Facilities\nknown_error: KE-0913\n'));
  const old = 'kind: known_error\nid: KE-0912\nproblem: PRB-0912\ntitle: Turnstile jams when two badges are read at once\nsymptoms:\n  - The turnstile stops half-way.\nroot_causes:\n  - Reader firmware double-counts.\nworkaround: Reset the turnstile at the guard desk.\n';
  await vscode.workspace.fs.writeFile(oldUri, encode(old));
  await vscode.workspace.fs.writeFile(newUri, encode('kind: known_error\nid: KE-0913\nproblem: PRB-0912\ntitle: Turnstile jams after the reader firmware update\nsymptoms:\n  - The turnstile stops half-way.\nroot_causes:\n  - Reader firmware double-counts.\nworkaround: Open the side gate and reset the reader.\n'));
  const incident = 'kind: incident\nid: INC-0912\ntitle: Turnstile stuck at the main gate\nstatus: in-progress\nknown_error: KE-0912 # told on the phone\n';
  await vscode.workspace.fs.writeFile(incUri, encode(incident));
  await waitFor(() => ['KE-0912', 'KE-0913', 'INC-0912', 'PRB-0912'].every((id) => api.index.find(id)), { message: 'indexed' });
  await expectDiagnostics(incUri, []);

  // Without a replacement argument the command asks; Escape ends it and changes nothing.
  let settled = false;
  void Promise.resolve(vscode.commands.executeCommand('kedb.retireKnownError', { id: 'KE-0912' })).then(() => (settled = true));
  await waitFor(
    async () => {
      if (!settled) await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      return settled;
    },
    { message: 'Escape closes the replacement pick and ends the command' },
  );
  const doc = await vscode.workspace.openTextDocument(oldUri);
  assert.equal(doc.getText(), old);

  const result = await vscode.commands.executeCommand<{ id: string; state: string; replacedBy?: string }>('kedb.retireKnownError', { id: 'KE-0912', replacement: 'KE-0913' });
  assert.deepEqual(result, { id: 'KE-0912', state: 'retired', replacedBy: 'KE-0913' });
  const d = new Date();
  const today = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  const retired = old.replace('problem: PRB-0912\n', `problem: PRB-0912\nstate: retired\nretired_at: ${today}\nreplaced_by: KE-0913\n`);
  assert.equal(doc.getText(), retired);
  await expectDiagnostics(oldUri, []);
  await expectDiagnostics(incUri, ['warning retired-known-error-linked 5:14-5:21']);

  // The incident's quick fix links the replacement, its comment kept.
  const incDoc = await vscode.workspace.openTextDocument(incUri);
  const diag = vscode.languages.getDiagnostics(incUri).find((x) => (typeof x.code === 'object' ? x.code.value : x.code) === 'retired-known-error-linked');
  assert.ok(diag);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', incUri, diag.range, vscode.CodeActionKind.QuickFix.value);
  const fix = actions.find((a) => a.title === 'Link the replacement, KE-0913 (Turnstile jams after the reader firmware update)');
  assert.ok(fix?.edit, actions.map((a) => a.title).join(' | '));
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
  assert.equal(incDoc.getText(), incident.replace('KE-0912 # told', 'KE-0913 # told'));
  await expectDiagnostics(incUri, []);

  // One undo each: the incident's link, then the retirement.
  await undoIn(incDoc, incident);
  await expectDiagnostics(incUri, ['warning retired-known-error-linked 5:14-5:21']);
  await undoIn(doc, old);
  await expectDiagnostics(incUri, []);
  await cleanUp([incUri, oldUri, newUri, problemUri], ['INC-0912', 'KE-0912', 'KE-0913', 'PRB-0912']);
}, { timeout: 60_000 });

test('kedb: Promote shows the known errors that already match before it writes a draft: Escape or cancel writes nothing, "create anyway" writes the draft', async () => {
  const api = await kedb();
  const problemUri = fileUri('problems/PRB-0914.yaml');
  const keUri = fileUri('known-errors/KE-0914.yaml');
  const problem = [
    'kind: problem',
    'id: PRB-0914',
    'title: Telemedicine and EMR unreachable with "connection lost" after the Cisco RV340 firmware update',
    'status: root-cause-analysis',
    'assignment_group: NOC',
    'problem_statement: Telemedicine and the EMR cannot be accessed after the router firmware update.',
    'workaround: Restart the router manually.',
    '',
  ].join('\n');
  await vscode.workspace.fs.writeFile(problemUri, encode(problem));
  await waitFor(() => api.index.find('PRB-0914'), { message: 'PRB-0914 indexed' });
  const exists = () => vscode.workspace.fs.stat(keUri).then(() => true, () => false);

  // The pick of matches opens by itself; Escape ends the command.
  let settled = false;
  void Promise.resolve(vscode.commands.executeCommand('kedb.promoteToKnownError', { id: 'PRB-0914', workaround: 'Restart the router manually.' })).then(() => (settled = true));
  await waitFor(
    async () => {
      if (!settled) await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      return settled;
    },
    { message: 'Escape closes the pick of matching known errors' },
  );
  assert.equal(await exists(), false, 'nothing written');
  assert.equal(await vscode.commands.executeCommand('kedb.promoteToKnownError', { id: 'PRB-0914', workaround: 'Restart the router manually.', ifSimilar: 'cancel' }), undefined);
  assert.equal(await exists(), false, 'nothing written');
  assert.equal((await vscode.workspace.openTextDocument(problemUri)).getText(), problem, 'the problem unchanged');

  const result = await vscode.commands.executeCommand<{ knownError: string }>('kedb.promoteToKnownError', { id: 'PRB-0914', workaround: 'Restart the router manually.', ifSimilar: 'create' });
  assert.equal(result?.knownError, 'KE-0914');
  assert.match(await new TextDecoder().decode(await vscode.workspace.fs.readFile(keUri)), /\nstate: draft\n/);
  await cleanUp([keUri, problemUri], ['KE-0914', 'PRB-0914']);
});
