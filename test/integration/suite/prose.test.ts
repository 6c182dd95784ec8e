// Prose typed into a record, in a real VS Code (issue 16): the workaround with a colon, a title
// with " #" and a cause typed two columns out of line. Each gets one plain diagnostic in its own
// file and none in any other file (the broken file's ids still resolve); saving quotes the colon
// workaround in one undoable edit; the quick fixes end with valid records.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { test, waitFor } from '../runner';
import { diagnosedFiles, diagnosticsOf, expectDiagnostics, fileUri, kedb, positionOf } from './helpers';

const KE = 'known-errors/KE-0007.yaml';
const PRB = 'problems/PRB-0007.yaml';

/** Types `text` at `at` as keystrokes (the `type` command, as the keyboard does). */
async function typeAt(editor: vscode.TextEditor, at: vscode.Position, text: string): Promise<void> {
  editor.selection = new vscode.Selection(at, at);
  await vscode.commands.executeCommand('type', { text });
}

/** The files other than `own` with kedb errors or reference messages: none is what a broken file must leave. */
function othersHurt(own: string): string[] {
  return diagnosedFiles().filter((f) => !f.startsWith(`${own}:`));
}

async function restore(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (doc && doc.getText() !== text) await vscode.commands.executeCommand('workbench.action.files.revert', uri);
}

test('prose: the colon workaround is one plain error while typed, no other file suffers, and saving quotes it in one undo', async () => {
  await kedb();
  const uri = fileUri(KE);
  const original = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  const before = othersHurt(KE);
  try {
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    // Replace the folded workaround with an empty one, then type the sentence.
    const start = positionOf(doc, 'workaround: >-');
    const end = positionOf(doc, '# Seed: "Open In Progress".');
    await editor.edit((b) => b.replace(new vscode.Range(start, end), 'workaround: \n'));
    const typed = 'Run the dashboards from the read replica. Data source: replica';
    await typeAt(editor, start.translate(0, 'workaround: '.length), typed);
    const line = start.line + 1;
    const colon = 'workaround: '.length + typed.indexOf(': ') + 1;
    await expectDiagnostics(uri, [`error prose-colon ${line}:${colon}-${line}:${colon + 1}`]);
    const diag = vscode.languages.getDiagnostics(uri)[0];
    assert.equal(diag.message, "The workaround contains ': ', which YAML reads as the start of a new field. Put the text in quotes.");
    assert.deepEqual(othersHurt(KE), before, 'the problem and the incidents still find KE-0007');

    await doc.save();
    const quoted = `workaround: "${typed}"`;
    assert.equal(doc.lineAt(start.line).text, quoted, 'saving put the text in quotes');
    assert.equal(doc.isDirty, false);
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), doc.getText(), 'the quoted text is what was saved');
    await expectDiagnostics(uri, []);
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.lineAt(start.line).text, `workaround: ${typed}`, 'one undo takes the quoting back, and only it');
    await vscode.commands.executeCommand('redo');
    assert.equal(doc.lineAt(start.line).text, quoted);
  } finally {
    await restore(uri, original);
  }
});

test('prose: " #" in a title is a warning kept on save, and its quick fix keeps the words after #', async () => {
  await kedb();
  const uri = fileUri(KE);
  const original = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  try {
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    const title = doc.lineAt(positionOf(doc, '\ntitle: ', 1));
    await typeAt(editor, title.range.end, ' since change #4512 went live');
    const at = title.text.length + ' since change '.length + 1;
    await expectDiagnostics(uri, [`warning prose-comment ${title.lineNumber + 1}:${at}-${title.lineNumber + 1}:${at + 1}`]);
    await doc.save();
    assert.ok(doc.lineAt(title.lineNumber).text.endsWith(' since change #4512 went live'), 'a # may be a comment: saving leaves it');
    const diag = vscode.languages.getDiagnostics(uri).find((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'prose-comment')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diag.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Put the title in quotes, keeping the text after #');
    assert.ok(fix?.edit, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const meant = `${(parse(original) as { title: string }).title} since change #4512 went live`;
    assert.equal((parse(doc.getText()) as { title: string }).title, meant, 'the record holds the title as typed, # and all');
    await expectDiagnostics(uri, []);
  } finally {
    await restore(uri, original);
  }
});

test('prose: a cause typed two columns left is one plain error in the problem alone, and its quick fix lines it up', async () => {
  await kedb();
  const uri = fileUri(PRB);
  const original = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  const before = othersHurt(PRB);
  try {
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    const after = doc.lineAt(positionOf(doc, '- cause: Resolution is often late.').line - 1);
    // A new cause under "Process", its dash at column 9 where the causes' dashes are at column 11.
    await typeAt(editor, after.range.end, '\n');
    const newLine = after.lineNumber + 1;
    await editor.edit((b) => b.replace(doc.lineAt(newLine).range, '        - cause: Vendor escalation has no owner.'));
    await expectDiagnostics(uri, [`error prose-indent ${newLine + 1}:9-${newLine + 1}:10`]);
    const diag = vscode.languages.getDiagnostics(uri)[0];
    assert.equal(diag.message, 'This list item starts at column 9, but the items beside it start at column 11, so YAML cannot tell which list it belongs to. Move it to column 11.');
    // The incidents and the known error of PRB-0007 still resolve it: nothing new anywhere else.
    await waitFor(() => JSON.stringify(othersHurt(PRB)) === JSON.stringify(before), { message: `other files: ${JSON.stringify(othersHurt(PRB))}` });
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diag.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Move the list item to column 11');
    assert.ok(fix?.edit, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(doc.lineAt(newLine).text, '          - cause: Vendor escalation has no owner.');
    await expectDiagnostics(uri, []);
    assert.deepEqual(diagnosticsOf(fileUri('known-errors/KE-0007.yaml')), []);
  } finally {
    await restore(uri, original);
  }
});
