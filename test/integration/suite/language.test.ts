// The language features in the real extension host: completion, hover, navigation, rename, quick fixes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test, waitFor } from '../runner';
import { diagnosticsOf, fileUri, kedb, positionOf } from './helpers';

async function open(rel: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(fileUri(rel));
  await vscode.window.showTextDocument(doc);
  return doc;
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

test('completion: keys, enum values and reference ids', async () => {
  await kedb();
  const doc = await open('problems/PRB-0022.yaml');
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, new vscode.Position(doc.lineCount, 0), 'resolution:\n  code: \n  duplicate_of: \n');
  assert.ok(await vscode.workspace.applyEdit(edit));
  const end = doc.lineCount;
  const comp = async (pos: vscode.Position, trigger?: string) =>
    (await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, pos, trigger)).items.filter((i) => i.sortText !== undefined);
  const labels = (items: vscode.CompletionItem[]) => items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
  const codes = await comp(new vscode.Position(end - 3, 8));
  assert.deepEqual(labels(codes).filter((l) => ['fix-applied', 'duplicate', 'risk-accepted', 'cancelled'].includes(l)), ['fix-applied', 'duplicate', 'risk-accepted', 'cancelled']);
  const dups = await comp(new vscode.Position(end - 2, 16));
  const dupLabels = labels(dups).filter((l) => /^PRB-/.test(l));
  assert.ok(dupLabels.includes('PRB-0007') && !dupLabels.includes('PRB-0022'), dupLabels.join(','));
  const prb7 = dups.find((i) => labels([i])[0] === 'PRB-0007')!;
  assert.match(String(prb7.detail), /VPN-router/);
  const keys = await comp(new vscode.Position(end - 1, 2));
  assert.ok(labels(keys).includes('notes') && !labels(keys).includes('code'), labels(keys).join(','));
  await vscode.commands.executeCommand('workbench.action.files.revert');
});

test('hover: key description and a record with a trusted open link', async () => {
  await kedb();
  const doc = await open('problems/PRB-0007.yaml');
  const key = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, 'status:', 2));
  assert.match(hoverText(key), /Lifecycle state/);
  const ref = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, '  - INC-0016', 5));
  const text = hoverText(ref);
  assert.match(text, /\*\*INC-0016\*\*/);
  assert.match(text, /command:kedb\._openRecord/);
});

test('definition, references, links and symbols', async () => {
  await kedb();
  const doc = await open('incidents/INC-0007.yaml');
  const defs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, positionOf(doc, 'problem: PRB-0007', 12));
  const d = defs[0];
  const target = 'targetUri' in d ? d.targetUri : d.uri;
  const range = 'targetUri' in d ? d.targetRange : d.range;
  assert.equal(vscode.workspace.asRelativePath(target), 'problems/PRB-0007.yaml');
  assert.deepEqual([range.start.line, range.start.character, range.end.character], [4, 4, 12]);
  const refs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, positionOf(doc, 'problem: PRB-0007', 12));
  assert.deepEqual(refs.map((r) => vscode.workspace.asRelativePath(r.uri)).sort(), [
    'incidents/INC-0007.yaml',
    'incidents/INC-0016.yaml',
    'incidents/INC-0028.yaml',
    'known-errors/KE-0007.yaml',
    'problems/PRB-0007.yaml',
  ]);
  const prb = await open('problems/PRB-0007.yaml');
  const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', prb.uri, 10);
  assert.ok(links.length >= 4, `links: ${links.length}`);
  const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', prb.uri);
  assert.match(symbols[0].name, /^PRB-0007 — VPN-router/);
  assert.deepEqual(symbols[0].children.map((c) => c.name), ['People', 'Process', 'Technology', 'Environment', 'Measurement']);
});

/**
 * Saves every modified buffer. A rename edits files that are not open, and `workspace.saveAll`
 * saves only the open editors, so those buffers are saved one by one.
 */
async function saveDirty(): Promise<void> {
  for (const d of vscode.workspace.textDocuments) if (d.isDirty) await d.save();
}

test('rename changes both files and the file name in one edit', async () => {
  const api = await kedb();
  const doc = await open('known-errors/KE-0022.yaml');
  const pos = positionOf(doc, 'id: KE-0022', 5);
  const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', doc.uri, pos, 'KE-0122');
  assert.ok(await vscode.workspace.applyEdit(edit));
  await saveDirty();
  const renamed = fileUri('known-errors/KE-0122.yaml');
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(renamed));
  assert.match(text, /^id: KE-0122$/m);
  const prb = new TextDecoder().decode(await vscode.workspace.fs.readFile(fileUri('problems/PRB-0022.yaml')));
  assert.match(prb, /^known_error: KE-0122$/m);
  await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(fileUri('known-errors/KE-0022.yaml'))));
  // The index hears of the moved file from the file watcher: until then KE-0022 still looks taken.
  await waitFor(() => !!api.index.find('KE-0122') && !api.index.find('KE-0022'), { message: 'the index to see KE-0122 in place of KE-0022' });
  // Rename it back, the same way, so later tests see the sample as it was.
  const back = await vscode.workspace.openTextDocument(renamed);
  const undo = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', back.uri, positionOf(back, 'id: KE-0122', 5), 'KE-0022');
  assert.ok(await vscode.workspace.applyEdit(undo));
  await saveDirty();
  await waitFor(async () => (await vscode.workspace.findFiles('known-errors/KE-0022.yaml')).length === 1, { message: 'KE-0022 back' });
});

test('quick fix: an invalid value is fixed by its preferred action and the diagnostic goes', async () => {
  await kedb();
  const doc = await open('problems/PRB-0024.yaml');
  const pos = positionOf(doc, 'status: fix-in-progress', 8);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(pos, pos.translate(0, 15)), 'fix-in-progres');
  assert.ok(await vscode.workspace.applyEdit(edit));
  await waitFor(() => diagnosticsOf(doc.uri).some((d) => d.includes('invalid-value')), { message: 'invalid-value diagnostic' });
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(pos, pos));
  const ours = actions.filter((a) => a.title.startsWith('Change to'));
  assert.deepEqual(ours.map((a) => [a.title, !!a.isPreferred]), [['Change to fix-in-progress', true]]);
  assert.ok(await vscode.workspace.applyEdit(ours[0].edit!));
  await waitFor(() => !diagnosticsOf(doc.uri).some((d) => d.includes('invalid-value')), { message: 'diagnostic cleared' });
  await vscode.commands.executeCommand('workbench.action.files.save');
});

test('quick fix: a dangling reference creates the record', async () => {
  await kedb();
  const doc = await open('incidents/INC-0000.yaml');
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, new vscode.Position(doc.lineCount, 0), 'known_error: KE-0900\n');
  assert.ok(await vscode.workspace.applyEdit(edit));
  await waitFor(() => diagnosticsOf(doc.uri).some((d) => d.includes('unknown-reference')), { message: 'unknown-reference' });
  const line = doc.lineCount - 2;
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(line, 14, line, 14));
  const create = actions.find((a) => a.title === 'Create known error KE-0900');
  assert.ok(create, actions.map((a) => a.title).join(' | '));
  assert.ok(await vscode.workspace.applyEdit(create.edit!));
  await waitFor(() => !diagnosticsOf(doc.uri).some((d) => d.includes('unknown-reference')), { message: 'reference resolved' });
  const created = vscode.workspace.textDocuments.find((d) => d.uri.path.endsWith('known-errors/KE-0900.yaml'));
  assert.ok(created, 'the new known error is open');
  assert.match(created.getText(), /^kind: known_error\nid: KE-0900\n/);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await vscode.window.showTextDocument(created);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.workspace.fs.delete(fileUri('known-errors/KE-0900.yaml')).then(undefined, () => undefined);
  await waitFor(() => diagnosticsOf(doc.uri).length === 0, { message: 'INC-0000 clean again' });
  const api = await kedb();
  await waitFor(() => !api.index.find('KE-0900'), { message: 'KE-0900 gone from the index' });
});
