// The Known Error Database in the editor: promote, the match CodeLens, communicate, the KEDB table.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TableProbe } from '../../../src/extension/kedb/table';
import { test, waitFor } from '../runner';
import { diagnosticsOf, expectDiagnostics, fileUri, kedb } from './helpers';

const encode = (s: string) => new TextEncoder().encode(s);

async function read(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/**
 * Puts a file back as it was, buffer and disk. A web workbench saves edits after a delay by default
 * (files.autoSave afterDelay), so an edit may be on disk already: set the buffer, then save it.
 */
async function restore(uri: vscode.Uri, original: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(uri);
  if (doc.getText() !== original) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), original);
    assert.ok(await vscode.workspace.applyEdit(edit));
  }
  if (doc.isDirty) await doc.save();
}

async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

test('kedb: Promote Problem to Known Error writes known-errors/KE-….yaml from the problem, links both ends in one edit, and opens it', async () => {
  const api = await kedb();
  const problemUri = fileUri('problems/PRB-0901.yaml');
  const keUri = fileUri('known-errors/KE-0901.yaml');
  const problem = [
    'kind: problem',
    'id: PRB-0901',
    'title: Badge readers reject every card after the overnight update',
    'status: root-cause-analysis',
    'assignment_group: Facilities',
    'rca:',
    '  method: fishbone',
    '  fishbone:',
    '    categories:',
    '      - name: Technology',
    '        causes:',
    '          - cause: Reader firmware 2.1 rejects cards issued before 2020.',
    '            root_cause: true',
    '  root_causes:',
    '    - Reader firmware 2.1 rejects cards issued before 2020.',
    'workaround: Let staff in with the master key at reception.',
    '',
  ].join('\n');
  await vscode.workspace.fs.writeFile(problemUri, encode(problem));
  await waitFor(() => api.index.find('PRB-0901'), { message: 'PRB-0901 indexed' });
  await expectDiagnostics(problemUri, []);

  // The workaround as the user confirms it in the input box, passed so that no box waits.
  const result = await vscode.commands.executeCommand<{ knownError: string; uri: string; status: string }>('kedb.promoteToKnownError', {
    id: 'PRB-0901',
    workaround: 'Let staff in with the master key at reception.',
  });
  assert.equal(result?.knownError, 'KE-0901');
  assert.equal(result?.uri, keUri.toString());
  assert.equal(result?.status, 'root-cause-analysis', 'already where a problem with a known error belongs');
  // Created with its content: never an empty file on disk.
  const onDisk = await read(keUri);
  assert.ok(onDisk.startsWith('# Known error for PRB-0901'), `the file on disk right after the command:\n${onDisk}`);
  await waitFor(() => vscode.window.activeTextEditor?.document.uri.toString() === keUri.toString(), { message: 'the new known error is open' });
  const keDoc = vscode.window.activeTextEditor!.document;
  const text = keDoc.getText();
  assert.equal(onDisk, text);
  for (const line of ['kind: known_error', 'id: KE-0901', 'problem: PRB-0901', '  - Reader firmware 2.1 rejects cards issued before 2020.', 'workaround: Let staff in with the master key at reception.', '  status: open # open, planned, in-progress, ongoing, done']) {
    assert.ok(text.split('\n').includes(line), `${line}\nin\n${text}`);
  }
  const problemDoc = await vscode.workspace.openTextDocument(problemUri);
  assert.equal(problemDoc.getText(), problem + 'known_error: KE-0901\n', 'the problem links to it, every other byte kept');
  // Applied as a refactoring: VS Code saves the problem (files.refactoring.autoSave).
  await waitFor(() => !problemDoc.isDirty, { message: 'the problem saved' });
  assert.equal(await read(problemUri), problem + 'known_error: KE-0901\n');
  // Both ends link: no link-mismatch and no known-error-unlinked anywhere.
  await expectDiagnostics(keUri, []);
  await expectDiagnostics(problemUri, []);
  // Promoting again opens nothing new: the problem has its known error.
  await keDoc.save();
  await problemDoc.save();
  assert.equal(await vscode.commands.executeCommand('kedb.promoteToKnownError', { id: 'PRB-0901' }).then((r) => r ?? 'refused'), 'refused');

  await closeAll();
  await vscode.workspace.fs.delete(keUri);
  await vscode.workspace.fs.delete(problemUri);
  await waitFor(() => !api.index.find('KE-0901') && !api.index.find('PRB-0901'), { message: 'cleaned up' });
});

test('kedb: Promote on a problem drafted from imported tickets drafts the symptoms their texts share, moves it on from new, and one undo reverts it', async () => {
  const api = await kedb();
  const problemUri = fileUri('problems/PRB-0903.yaml');
  const keUri = fileUri('known-errors/KE-0903.yaml');
  const incidents = [
    ['INC-0903', 'Wifi down on floor 2', 'Laptops on floor 2 lose the wireless connection every hour. The access point shows a red light.'],
    ['INC-0904', 'No wifi in the meeting room', 'Guests lose the wireless connection every hour; the access point shows a red light.'],
    ['INC-0905', 'Wireless unstable', 'Phones lose the wireless connection. Reconnecting does not help.'],
  ];
  const problem = [
    'kind: problem',
    'id: PRB-0903',
    'title: "Repeated Network incidents"',
    'status: new # drafted from the import',
    'assignment_group: Network',
    'problem_statement: Three wireless incidents in a week.',
    'incidents:',
    ...incidents.map(([id]) => `  - ${id}`),
    '',
  ].join('\n');
  for (const [id, title, description] of incidents) {
    await vscode.workspace.fs.writeFile(fileUri(`incidents/${id}.yaml`), encode(`kind: incident\nid: ${id}\ntitle: ${title}\ndescription: ${description}\nstatus: new\nproblem: PRB-0903\n`));
  }
  await vscode.workspace.fs.writeFile(problemUri, encode(problem));
  await waitFor(() => api.index.find('PRB-0903') && incidents.every(([id]) => api.index.find(id)), { message: 'PRB-0903 and its incidents indexed' });

  // Without a workaround argument the command asks for it; Escape cancels the whole command.
  let settled = false;
  let answer: unknown = 'pending';
  void Promise.resolve(vscode.commands.executeCommand('kedb.promoteToKnownError', { id: 'PRB-0903' })).then((r) => {
    settled = true;
    answer = r;
  });
  await waitFor(
    async () => {
      if (!settled) await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      return settled;
    },
    { message: 'Escape closes the workaround box and ends the command' },
  );
  assert.equal(answer, undefined);
  assert.equal(await vscode.workspace.fs.stat(keUri).then(() => 'exists', () => 'none'), 'none', 'nothing created');
  assert.equal((await vscode.workspace.openTextDocument(problemUri)).getText(), problem, 'nothing changed');

  const result = await vscode.commands.executeCommand<{ knownError: string; uri: string; status: string }>('kedb.promoteToKnownError', { id: 'PRB-0903', workaround: 'Plug in a network cable.' });
  assert.equal(result?.knownError, 'KE-0903');
  assert.equal(result?.status, 'root-cause-analysis');
  const onDisk = await read(keUri);
  assert.ok(onDisk.length > 0, 'no empty file on disk');
  const symptoms = /^symptoms:\n((?: {2}- .*\n)+)/m.exec(onDisk)?.[1].split('\n').filter(Boolean).map((l) => l.slice(4));
  assert.deepEqual(symptoms, ['Lose the wireless connection.', 'Access point shows a red light.'], 'what the incidents say, not their titles');
  for (const [, title] of incidents) assert.ok(!symptoms!.some((x) => x.startsWith(title)), title);
  assert.match(onDisk, /^workaround: Plug in a network cable\.$/m);
  await waitFor(() => vscode.window.activeTextEditor?.document.uri.toString() === keUri.toString(), { message: 'the new known error is open' });
  const problemDoc = await vscode.workspace.openTextDocument(problemUri);
  const promoted = problem.replace('status: new # drafted', 'status: root-cause-analysis # drafted') + 'known_error: KE-0903\n';
  assert.equal(problemDoc.getText(), promoted, 'linked and moved on in one edit, the comment kept');
  await waitFor(() => !problemDoc.isDirty, { message: 'the problem saved' });
  assert.equal(await read(problemUri), promoted);
  await expectDiagnostics(keUri, []);
  await expectDiagnostics(problemUri, []);

  // One undo reverts the creation and the problem's edit.
  await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
  await vscode.commands.executeCommand('undo');
  await waitFor(async () => !(await vscode.workspace.fs.stat(keUri).then(() => true, () => false)), { message: 'the known error removed by the undo' });
  await waitFor(() => problemDoc.getText() === problem, { message: 'the problem back at new, unlinked', detail: () => problemDoc.getText() });

  await closeAll();
  if (problemDoc.isDirty) await problemDoc.save();
  await vscode.workspace.fs.delete(problemUri);
  for (const [id] of incidents) await vscode.workspace.fs.delete(fileUri(`incidents/${id}.yaml`));
  await waitFor(() => !api.index.find('PRB-0903') && !api.index.find('KE-0903') && incidents.every(([id]) => !api.index.find(id)), { message: 'cleaned up' });
});

test('kedb: the match CodeLens appears as an incident is written like a known error\'s symptoms, and one click links it to the problem', async () => {
  const api = await kedb();
  const uri = fileUri('incidents/INC-0902.yaml');
  const problemUri = fileUri('problems/PRB-0007.yaml');
  const originalProblem = await read(problemUri);
  await vscode.workspace.fs.writeFile(uri, encode('kind: incident\nid: INC-0902\ntitle: Request a new laptop for the intern\nstatus: new\nchannel: portal\n'));
  await waitFor(() => api.index.find('INC-0902'), { message: 'INC-0902 indexed' });
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  const matchLenses = async () =>
    ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? []).filter((l) => l.command?.title.includes('Matches KE-'));
  assert.deepEqual(await matchLenses(), [], 'nothing like a known error yet');

  // Typed, not saved: the lens follows the buffer.
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(2, 7, 2, 42), '"Telemedicine and EMR cannot be accessed: connection lost after the router firmware update"');
  edit.insert(uri, new vscode.Position(5, 0), 'description: Restarting the devices does not fix the problem; every clinic session drops.\n');
  assert.ok(await vscode.workspace.applyEdit(edit));
  const lenses = await waitFor(async () => {
    const l = await matchLenses();
    return l.length ? l : undefined;
  }, { message: 'a match CodeLens', timeout: 15_000 });
  const first = lenses[0];
  assert.match(first.command!.title, /Matches KE-0007 \((0\.\d\d|1\.00)\): restart the router manually, divert traffic to the direct internet/);
  assert.equal(first.range.start.line, 2, 'above the title');

  assert.equal(await vscode.commands.executeCommand(first.command!.command, ...(first.command!.arguments ?? [])), true);
  await waitFor(() => /^problem: PRB-0007\nknown_error: KE-0007$/m.test(doc.getText()), { message: 'the incident links to PRB-0007 and KE-0007' });
  const problemDoc = await vscode.workspace.openTextDocument(problemUri);
  assert.match(problemDoc.getText(), /\n {2}- INC-0028\n {2}- INC-0902\n/);
  await waitFor(async () => (await matchLenses()).length === 0, { message: 'a linked incident shows no match lens' });
  await expectDiagnostics(uri, []);
  await expectDiagnostics(problemUri, []);

  await restore(problemUri, originalProblem);
  if (doc.isDirty) await doc.save();
  await closeAll();
  await vscode.workspace.fs.delete(uri);
  await waitFor(() => !api.index.find('INC-0902'), { message: 'cleaned up' });
  await expectDiagnostics(problemUri, []);
});

test('kedb: Communicate Workaround writes a dated note into each open incident of the problem, in one edit, and drafts the message to send', async () => {
  await kedb();
  const ids = ['INC-0007', 'INC-0016', 'INC-0028'];
  const originals = new Map<string, string>();
  for (const id of ids) originals.set(id, await read(fileUri(`incidents/${id}.yaml`)));
  const result = await vscode.commands.executeCommand<{ source: string; written: string[]; skipped: string[]; draft?: string }>('kedb.communicateWorkaround', { id: 'PRB-0007', confirm: false });
  const draftUri = fileUri('communications/KE-0007-workaround.md');
  assert.deepEqual(result, { source: 'KE-0007', written: ids, skipped: [], draft: draftUri.toString() });
  // The message for the service desk and the users, drafted and opened beside the editor.
  const draft = await read(draftUri);
  assert.match(draft, /^\*\*Subject:\*\* Workaround available: Telemedicine &#38; EMR unreachable .* \(KE-0007\)$/m);
  assert.match(draft, /^## Symptoms\n\n- Telemedicine and the EMR cannot be accessed\.$/m);
  assert.match(draft, /^## Workaround\n\nRestart the router manually, divert traffic to the direct internet connection, and use the backup EMR access path\.$/m);
  for (const id of ids) assert.match(draft, new RegExp(`^- \\*\\*${id}\\*\\*: `, 'm'));
  assert.match(draft, /^Contact Yohanes Kurniawan \(NOC\) about PRB-0007 /m);
  await waitFor(() => vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === draftUri.toString() && e.viewColumn !== vscode.ViewColumn.One), {
    message: 'the draft open beside the editor',
  });
  const today = new Date();
  for (const id of ids) {
    const doc = await vscode.workspace.openTextDocument(fileUri(`incidents/${id}.yaml`));
    assert.match(doc.getText(), /\nnotes: >-\n {2}\[\d{4}-\d\d-\d\d\] Workaround \(KE-0007\): Restart the router manually/);
    assert.ok(doc.getText().includes(`[${today.getFullYear()}-`));
    assert.deepEqual(diagnosticsOf(doc.uri), []);
  }
  // Told once: a second run has nothing to write.
  const again = await vscode.commands.executeCommand<{ written: string[] }>('kedb.communicateWorkaround', { id: 'KE-0007', confirm: false });
  assert.deepEqual(again?.written, []);
  for (const id of ids) await restore(fileUri(`incidents/${id}.yaml`), originals.get(id)!);
  await closeAll();
  await vscode.workspace.fs.delete(fileUri('communications'), { recursive: true });
  for (const id of ids) await expectDiagnostics(fileUri(`incidents/${id}.yaml`), []);
});

test('kedb: the KEDB table webview opens with a row per known error, and a row click opens its record', async () => {
  await kedb();
  await vscode.commands.executeCommand('kedb.openKedbTable');
  let lastProbe: TableProbe | undefined;
  const probe = async () => (lastProbe = await vscode.commands.executeCommand<TableProbe | undefined>('kedb._kedbTable'));
  const drawn = await waitFor(async () => {
    const p = await probe();
    return p && p.rendered.length === 12 ? p : undefined;
  }, { message: 'the table drawn with 12 rows', timeout: 30_000, detail: () => lastProbe });
  assert.deepEqual(drawn.rendered, ['KE-0007', 'KE-0022', 'KE-0024', 'KE-0029', 'KE-0031', 'KE-0032', 'KE-0034', 'KE-0051', 'KE-0042', 'KE-0048', 'KE-0049', 'KE-0050']);
  assert.ok(drawn.received.includes('ready'));

  await vscode.commands.executeCommand('kedb._kedbTable', 'click', 'KE-0031');
  await waitFor(() => vscode.window.activeTextEditor?.document.uri.path.endsWith('/known-errors/KE-0031.yaml'), { message: 'KE-0031 opened by the row click', timeout: 15_000 });
  const received = (await probe())?.received ?? [];
  assert.ok(received.includes('open'), received.join(','));
  await closeAll();
  await waitFor(async () => (await probe()) === undefined, { message: 'the table closed with its editor' });
}, { timeout: 60_000 });

test('kedb: Generate Problem Management Report writes reports/ with the seed\'s category table; Export KEDB Table writes CSV, making reports/ itself', async () => {
  await kedb();
  const written = await vscode.commands.executeCommand<{ markdown: string; html: string }>('kedb.generateReport', { open: false });
  assert.ok(written);
  assert.equal(written.markdown, fileUri('reports/problem-management-report.md').toString());
  const md = await read(vscode.Uri.parse(written.markdown));
  const table = md.slice(md.indexOf('## 5.'), md.indexOf('## 6.'));
  const rows = [...table.matchAll(/^\| ([A-Za-z]+) \| (\d+) \| (Repeated|Non-repeated) \|$/gm)].map((m) => `${m[1]} ${m[2]}`);
  assert.deepEqual(rows.slice(0, 9), ['Outage 9', 'Compatibility 7', 'Billing 5', 'Inquiry 5', 'Network 4', 'Documentation 3', 'Connectivity 3', 'Request 2', 'Hardware 2']);
  assert.equal(rows.length, 21);
  const html = await read(vscode.Uri.parse(written.html));
  assert.ok(html.includes('<pre class="mermaid">ishikawa'), 'the fishbone, as Mermaid');
  // Opened in a panel of VS Code itself, which works where a file: URI for the system browser does not (code-server).
  const title = /^# (.*)$/m.exec(md)![1];
  await vscode.commands.executeCommand('kedb.generateReport', { show: true });
  await waitFor(() => vscode.window.tabGroups.all.some((g) => g.tabs.some((tab) => tab.label === title && tab.input instanceof vscode.TabInputWebview)), {
    message: `a report tab titled "${title}"`,
  });
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  const csvUri = fileUri('reports/kedb.csv');
  assert.equal(await vscode.commands.executeCommand('kedb.exportKedbTable', { format: 'csv', uri: csvUri.toString() }), csvUri.toString());
  const csv = await read(csvUri);
  assert.equal(csv.split('\r\n')[0], 'Known Error ID,Problem ID,Title,Symptoms,Root Causes,Workaround,Permanent Fix Status,Linked Incidents,State');
  assert.equal(csv.trimEnd().split('\r\n').length, 13);
  assert.match(csv.split('\r\n')[1], /^KE-0007,PRB-0007,"Telemedicine & EMR unreachable with ""connection lost"" after Cisco RV340 firmware update",.*,3,published$/);
  await vscode.workspace.fs.delete(fileUri('reports'), { recursive: true });
  // Without a path, as the table's buttons ask: reports/kedb.md, the folder made with no question.
  assert.equal(await vscode.commands.executeCommand('kedb.exportKedbTable', { format: 'md', open: false }), fileUri('reports/kedb.md').toString());
  const exported = await read(fileUri('reports/kedb.md'));
  assert.equal(exported.split('\n')[0], '| Known Error ID | Problem ID | Title | Symptoms | Root Causes | Workaround | Permanent Fix Status | Linked Incidents | State |');
  await vscode.workspace.fs.delete(fileUri('reports'), { recursive: true });
});

test('kedb: a lifecycle diagnostic gets its quick fix in the editor: link the problem to the known error that documents it', async () => {
  const api = await kedb();
  const problemUri = fileUri('problems/PRB-0903.yaml');
  const keUri = fileUri('known-errors/KE-0903.yaml');
  const problem = 'kind: problem\nid: PRB-0903\ntitle: Badge readers reject old cards\nstatus: assessed\n';
  await vscode.workspace.fs.writeFile(problemUri, encode(problem));
  await vscode.workspace.fs.writeFile(keUri, encode('kind: known_error\nid: KE-0903\nproblem: PRB-0903\ntitle: Old badges rejected\nsymptoms:\n  - The door stays locked.\nworkaround: Let staff in with the master key.\n'));
  await expectDiagnostics(problemUri, ['warning known-error-unlinked 2:5-2:13']);
  await expectDiagnostics(keUri, ['warning link-mismatch 3:10-3:18']);
  const doc = await vscode.workspace.openTextDocument(problemUri);
  const diag = vscode.languages.getDiagnostics(problemUri).find((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'known-error-unlinked');
  assert.ok(diag);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', problemUri, diag.range, vscode.CodeActionKind.QuickFix.value);
  const fix = actions.find((a) => a.title === 'Link to KE-0903 (Old badges rejected)');
  assert.ok(fix?.edit, actions.map((a) => a.title).join(' | '));
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
  assert.equal(doc.getText(), problem + 'known_error: KE-0903\n');
  await expectDiagnostics(problemUri, []);
  await expectDiagnostics(keUri, []);
  await doc.save();
  await closeAll();
  await vscode.workspace.fs.delete(keUri);
  await vscode.workspace.fs.delete(problemUri);
  await waitFor(() => !api.index.find('KE-0903') && !api.index.find('PRB-0903'), { message: 'cleaned up' });
});
