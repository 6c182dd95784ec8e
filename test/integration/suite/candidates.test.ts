// Detect Problem Candidates in a real VS Code on a copy of samples/lab-02: the view, Create
// Problem Record as one undoable edit, and Dismiss.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DetectCommandResult } from '../../../src/extension/candidates/register';
import { test, waitFor } from '../runner';
import { assertSameCandidateOrder } from '../candidatesOrder';
import { diagnosedFiles, diagnosticsOf, expectDiagnostics, fileUri, kedb } from './helpers';

interface SnapshotNode {
  label: string;
  description?: string;
  contextValue?: string;
  resource?: string;
  children?: SnapshotNode[];
}

const snapshot = () => vscode.commands.executeCommand<SnapshotNode[]>('kedb._candidatesSnapshot');
const read = async (uri: vscode.Uri) => new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
const exists = (uri: vscode.Uri) => Promise.resolve(vscode.workspace.fs.stat(uri)).then(() => true, () => false);

test('candidates: Detect Problem Candidates ranks specific candidates first and sets the large categories apart as context', async () => {
  await kedb();
  const r = await vscode.commands.executeCommand<DetectCommandResult>('kedb.detectCandidates');
  assert.equal(r.folders.length, 1);
  assert.equal(r.shown, true, 'the Problem Candidates view is visible');
  const result = r.folders[0].result;
  // Outage and Compatibility each span several problems already: categories, not faults.
  assert.deepEqual(result.context.map((c) => c.key), ['category:Outage', 'category:Compatibility', 'category:Billing']);
  // First: the P1 power loss on the core switches, back on 2025-10-20 (INC-0052) after PRB-0029's fix.
  assert.equal(result.candidates[0].key, 'category:Infrastructure');
  assert.ok(result.covered.some((c) => c.key === 'ci:VPN-RTR-01@2025-09-21' && c.problems.includes('PRB-0007')), 'VPN-RTR-01 shown as covered by PRB-0007');

  const tree = await snapshot();
  const [candidates, context] = tree;
  assert.equal(candidates.label, `Candidates (${result.candidates.length})`);
  const top = candidates.children![0];
  assert.equal(top.label, '1. Infrastructure');
  assert.equal(top.contextValue, 'kedb.candidate.partial');
  // Its trend inline: one incident in the week of 2025-09-15, the recurrence five weeks later.
  assert.match(String(top.description), / · █ {4}█$/);
  const [evidence, incidents] = top.children!;
  assert.equal(evidence.label, 'Evidence');
  assert.ok(evidence.children!.some((l) => l.label === '2 incidents in the category Infrastructure (repeated from 2).'), JSON.stringify(evidence.children));
  assert.equal(incidents.label, 'Incidents (2)');
  const inc29 = incidents.children!.find((i) => i.label.startsWith('INC-0029'))!;
  assert.match(String(inc29.description), /covered by PRB-0029/);
  assert.ok(inc29.resource?.endsWith('/incidents/INC-0029.yaml'), 'an incident opens its file');
  assert.equal(context.label, 'Context: large categories (3)');
  const outage = context.children![0];
  assert.equal(outage.label, 'Outage');
  assert.match(outage.children![0].children![0].label, /^9 incidents \(\d+ % of all\); they already belong to 3 problems \(PRB-0007, PRB-0034, PRB-0050\)/);
  const table = tree.find((n) => n.label.startsWith('Incidents per category'))!;
  assert.deepEqual(
    table.children!.slice(0, 9).map((n) => `${n.label} ${String(n.description).split(' · ').slice(0, 2).join(' ')}`),
    ['Outage 9 Repeated', 'Compatibility 7 Repeated', 'Billing 5 Repeated', 'Inquiry 5 Repeated', 'Network 4 Repeated', 'Documentation 3 Repeated', 'Connectivity 3 Repeated', 'Request 2 Repeated', 'Hardware 2 Repeated'],
  );
  // The seed's table, and Infrastructure repeated by INC-0052, the recurrence the sample adds.
  assert.equal(table.children![9].label, 'Infrastructure');
  assert.equal(table.children!.filter((n) => String(n.description).includes('Non-repeated')).length, 11);
});

test('candidates: the view, kedb candidates and the report rank the same candidates in the same order on lab-02', async () => {
  await kedb();
  const order = await assertSameCandidateOrder(vscode.workspace.workspaceFolders![0].uri);
  assert.ok(order.length >= 3, order.join(' | '));
});

test('candidates: Create Problem Record writes a valid problem, links the open incidents without leaving tabs behind, and one undo reverts it all', async () => {
  await kedb();
  // Start from a quiet workbench: earlier suites leave editors open and buffers being saved.
  await vscode.workspace.saveAll(false);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.commands.executeCommand('kedb.detectCandidates');
  // Auto-save off (the web workbench's default is after a delay, which would save the incidents
  // whatever the command does): what saves them now is the edit being a refactoring.
  const files = vscode.workspace.getConfiguration('files');
  await files.update('autoSave', 'off', vscode.ConfigurationTarget.Global);
  try {
    await createAndUndo();
  } finally {
    await files.update('autoSave', undefined, vscode.ConfigurationTarget.Global);
  }
});

async function createAndUndo(): Promise<void> {
  const names = ['INC-0011', 'INC-0030', 'INC-0043', 'INC-0019'];
  const originals = new Map<string, string>();
  for (const n of names) originals.set(n, await read(fileUri(`incidents/${n}.yaml`)));
  // The user has INC-0011 open; the other incidents are not.
  await vscode.window.showTextDocument(fileUri('incidents/INC-0011.yaml'), { preview: false });
  const tabPaths = () =>
    vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((tab) => (tab.input instanceof vscode.TabInputText ? `${vscode.workspace.asRelativePath(tab.input.uri, false)}${tab.isDirty ? ' (dirty)' : ''}` : tab.label)));

  // The owner comes as an argument, so no input box asks for it.
  const created = await vscode.commands.executeCommand<{ uri: string; id: string; linked: string[]; skipped: string[] }>('kedb.createProblemFromCandidate', { key: 'category:Network' }, 'Network problem manager');
  assert.equal(created.id, 'PRB-0051');
  assert.deepEqual(created.linked, ['INC-0011', 'INC-0030', 'INC-0043']);
  assert.deepEqual(created.skipped, ['INC-0019'], 'INC-0019 already belongs to PRB-0029');
  const problemUri = fileUri('problems/PRB-0051.yaml');
  assert.equal(created.uri, problemUri.toString());
  assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), problemUri.toString(), 'the new problem opens');

  // The links are saved as a refactoring: no incident shows as a tab unless the user had it open,
  // and none is left dirty.
  for (const n of ['INC-0011', 'INC-0030', 'INC-0043']) {
    await waitFor(async () => (await read(fileUri(`incidents/${n}.yaml`))).endsWith('problem: PRB-0051\n'), { message: `${n} saved with its link` });
  }
  await waitFor(() => !vscode.workspace.textDocuments.some((d) => d.isDirty && /\/incidents\//.test(d.uri.path)), {
    message: 'no incident left dirty',
    detail: () => vscode.workspace.textDocuments.filter((d) => d.isDirty).map((d) => d.uri.path),
  });
  // No tab is left dirty. VS Code itself opens, in the background, a file that is still dirty and
  // not yet being saved 800 ms after an edit (its dirty-file tracker); on a loaded machine the
  // refactoring's save can start later than that, so a linked incident may show as a clean tab.
  const tabs = tabPaths().sort();
  assert.ok(tabs.includes('incidents/INC-0011.yaml') && tabs.includes('problems/PRB-0051.yaml'), `the tab the user had open, and the new problem: ${tabs.join(', ')}`);
  const others = tabs.filter((p) => p !== 'incidents/INC-0011.yaml' && p !== 'problems/PRB-0051.yaml');
  assert.ok(
    others.every((p) => p === 'incidents/INC-0030.yaml' || p === 'incidents/INC-0043.yaml'),
    `no tab left dirty, and none but a saved linked incident besides: ${tabs.join(', ')}`,
  );
  if (others.length) console.log(`        note: VS Code showed ${others.join(', ')} while their save was pending (saved, clean)`);

  const problem = vscode.window.activeTextEditor!.document.getText();
  assert.match(problem, /^kind: problem\nid: PRB-0051\ntitle: "Repeated Network incidents"\n/);
  assert.match(problem, /^incidents:\n {2}- INC-0011\n {2}- INC-0030\n {2}- INC-0043\n/m);
  assert.match(problem, /^detection:\n {2}method: repeated-category /m);
  // Impact and urgency are the highest among the incidents, and so is the priority (INC-0043's P2,
  // which the matrix gives medium × high too).
  assert.match(problem, /^impact: medium /m);
  assert.match(problem, /^urgency: high /m);
  assert.match(problem, /^priority: P2 # itil-3x3: impact medium × urgency high$/m);
  // The three incidents name three services and three CIs: the problem names none of them.
  assert.doesNotMatch(problem, /^(service|configuration_item):/m);
  assert.match(problem, /^owner: Network problem manager$/m);
  await expectDiagnostics(problemUri, []);

  for (const n of ['INC-0011', 'INC-0030', 'INC-0043']) {
    const uri = fileUri(`incidents/${n}.yaml`);
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.getText(), originals.get(n)!.replace(/\n?$/, '\n') + 'problem: PRB-0051\n', `${n} gains one line, every other byte kept`);
    await expectDiagnostics(uri, []);
  }
  assert.equal((await vscode.workspace.openTextDocument(fileUri('incidents/INC-0019.yaml'))).getText(), originals.get('INC-0019'));

  // One undo, in the problem's editor, reverts the file creation and the three links.
  await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
  await vscode.commands.executeCommand('undo');
  await waitFor(async () => !(await exists(problemUri)), { message: 'the problem file removed by the undo' });
  // What the undo promises is the buffers: each incident shows its original text again.
  for (const n of ['INC-0011', 'INC-0030', 'INC-0043']) {
    const doc = await vscode.workspace.openTextDocument(fileUri(`incidents/${n}.yaml`));
    await waitFor(() => doc.getText() === originals.get(n), { message: `${n} restored` });
    if (doc.isDirty) await doc.save();
    // Once in a fresh CI run the workbench had already saved an incident with its link and then
    // counted the restored buffer as clean, leaving the link on disk; the buffer (asserted above)
    // was right. Put the disk back so the later suites start from the sample, and say so.
    const onDisk = await read(fileUri(`incidents/${n}.yaml`));
    if (onDisk !== originals.get(n)) {
      console.log(`        note: ${n} was restored in its buffer but not on disk; written back`);
      await vscode.workspace.fs.writeFile(fileUri(`incidents/${n}.yaml`), new TextEncoder().encode(originals.get(n)!));
      await waitFor(async () => (await read(fileUri(`incidents/${n}.yaml`))) === originals.get(n), { message: `${n} written back` });
    }
  }
  await waitFor(() => diagnosedFiles().length === 0, { message: 'a clean workspace again', detail: diagnosedFiles });
}

/** Every candidate of a list and those shown under them, as the view lists them. */
const everyCandidate = <T extends { children: T[] }>(list: readonly T[]): T[] => list.flatMap((c) => [c, ...everyCandidate(c.children)]);

test('candidates: Dismiss keeps its reason in .kedb/dismissed.yaml and the candidate stays hidden on the next run', async () => {
  await kedb();
  await vscode.commands.executeCommand('kedb.detectCandidates');
  const d = await vscode.commands.executeCommand<{ key: string; reason: string; file: string }>('kedb.dismissCandidate', { key: 'category:Inquiry' }, 'Information requests, not faults');
  assert.equal(d.key, 'category:Inquiry');
  const file = fileUri('.kedb/dismissed.yaml');
  const text = await read(file);
  assert.match(text, /^dismissed:\n {2}- key: category:Inquiry\n {4}reason: Information requests, not faults\n {4}dismissed_at: .+\n {4}incidents: 5\n/m);

  const r = await vscode.commands.executeCommand<DetectCommandResult>('kedb.detectCandidates');
  const result = r.folders[0].result;
  assert.ok(!everyCandidate(result.candidates).some((c) => c.key === 'category:Inquiry'), 'hidden from the candidates');
  assert.deepEqual(result.dismissed.map((c) => c.key), ['category:Inquiry']);
  const tree = await snapshot();
  assert.ok(tree.some((n) => n.label === 'Dismissed (1)'));

  await vscode.workspace.fs.delete(fileUri('.kedb'), { recursive: true });
  const again = await vscode.commands.executeCommand<DetectCommandResult>('kedb.detectCandidates');
  assert.ok(everyCandidate(again.folders[0].result.candidates).some((c) => c.key === 'category:Inquiry'), 'back once the dismissal is gone');
  assert.deepEqual(diagnosticsOf(file), []);
});
