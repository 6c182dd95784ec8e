// The fishbone preview in a real VS Code: it opens beside PRB-0007, redraws on edits, reveals
// clicked causes, follows the active problem editor unless locked, and exports. The webview's own
// answers (`rendered`, with the labels it drew) come from the real page in the workbench.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PreviewProbe } from '../../../src/extension/rca/register';
import type { HostMessage, WebviewMessage } from '../../../src/shared/fishbone';
import { test, waitFor } from '../runner';
import { expectDiagnostics, fileUri, kedb, positionOf } from './helpers';

type Render = Extract<HostMessage, { type: 'render' }>;
type Rendered = Extract<WebviewMessage, { type: 'rendered' }>;

const PRB = () => fileUri('problems/PRB-0007.yaml');

async function probes(): Promise<PreviewProbe[]> {
  return (await vscode.commands.executeCommand<PreviewProbe[]>('kedb._fishbonePreview', 'state')) ?? [];
}

async function previewOf(uri: vscode.Uri): Promise<PreviewProbe | undefined> {
  return (await probes()).find((p) => p.source === uri.toString());
}

const renders = (p: PreviewProbe) => p.sent.filter((m): m is Render => (m as HostMessage).type === 'render');
const drawn = (p: PreviewProbe) => p.received.filter((m): m is Rendered => (m as WebviewMessage).type === 'rendered');
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

async function openPrb(): Promise<vscode.TextEditor> {
  await kedb();
  const doc = await vscode.workspace.openTextDocument(PRB());
  return vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
}

/** Opens the preview of PRB-0007 and waits for its webview to draw the fishbone. */
async function openPreview(): Promise<PreviewProbe> {
  await openPrb();
  const opened = await vscode.commands.executeCommand<string>('kedb.openFishbonePreview', PRB());
  assert.equal(opened, PRB().toString());
  return waitFor(async () => {
    const p = await previewOf(PRB());
    return p && drawn(p).some((m) => m.ok && m.tab === 'fishbone') ? p : undefined;
  }, { timeout: 30_000, message: 'the webview to draw PRB-0007', detail: () => 'see kedb._fishbonePreview state' });
}

test('the fishbone preview opens beside PRB-0007 and the webview draws every bone and cause', async () => {
  const p = await openPreview();
  const render = renders(p).at(-1)!;
  assert.deepEqual(render.fishbone.nodes.filter((n) => n.kind === 'category').map((n) => n.label), ['People', 'Process', 'Technology', 'Environment', 'Measurement']);
  const labels = drawn(p).find((m) => m.ok && m.tab === 'fishbone')!.labels!.map(squash);
  for (const n of render.fishbone.nodes) assert.ok(labels.includes(n.label), `the webview drew ${JSON.stringify(n.label)}`);
  assert.ok(p.visible, 'the preview panel is visible');
  const tabs = vscode.window.tabGroups.all.map((g) => g.tabs.map((t) => t.label));
  assert.ok(tabs.length >= 2, `the preview opens beside the editor: ${JSON.stringify(tabs)}`);
});

test('fishbone preview: an edit through a WorkspaceEdit produces a new render message with the changed cause', async () => {
  const before = await openPreview();
  const seq = renders(before).at(-1)!.seq;
  const editor = await openPrb();
  const doc = editor.document;
  const old = 'The ISP connection fluctuates.';
  const start = positionOf(doc, old);
  const range = new vscode.Range(start, start.translate(0, old.length));
  const edit = new vscode.WorkspaceEdit();
  edit.replace(PRB(), range, 'The ISP link drops every evening.');
  assert.ok(await vscode.workspace.applyEdit(edit));
  const after = await waitFor(async () => {
    const p = await previewOf(PRB());
    const r = p && renders(p).find((m) => m.seq > seq && m.fishbone.nodes.some((n) => n.label === 'The ISP link drops every evening.'));
    const ok = r && drawn(p).find((m) => m.seq === r.seq && m.ok && m.tab === 'fishbone');
    return ok ? { r, ok } : undefined;
  }, { timeout: 15_000, message: 'a render with the changed cause, drawn by the webview' });
  assert.equal(after.r.version, doc.version);
  assert.ok(after.ok.labels!.map(squash).includes('The ISP link drops every evening.'));
  assert.ok(!after.r.fishbone.nodes.some((n) => n.label === old));
  // Put the sample back for the suites that follow.
  const undo = new vscode.WorkspaceEdit();
  const at = positionOf(doc, 'The ISP link drops every evening.');
  undo.replace(PRB(), new vscode.Range(at, at.translate(0, 'The ISP link drops every evening.'.length)), old);
  assert.ok(await vscode.workspace.applyEdit(undo));
  await doc.save();
});

test('fishbone preview: a click message reveals and selects the right line', async () => {
  const p = await openPreview();
  const node = renders(p).at(-1)!.fishbone.nodes.find((n) => n.label === 'The router has never been stress-tested.')!;
  assert.ok(node, 'the cause is in the render message');
  assert.ok(await vscode.commands.executeCommand('kedb._fishbonePreview', 'receive', PRB().toString(), { type: 'reveal', source: PRB().toString(), key: node.key }));
  const editor = await waitFor(() => {
    const e = vscode.window.activeTextEditor;
    return e && e.document.uri.toString() === PRB().toString() && !e.selection.isEmpty ? e : undefined;
  }, { message: 'the editor to show the selection' });
  const line = positionOf(editor.document, 'The router has never been stress-tested.').line;
  assert.equal(editor.selection.start.line, line);
  assert.equal(node.line, line);
  assert.equal(editor.document.getText(editor.selection), 'The router has never been stress-tested.');
  // Messages about another document, or that do not validate, are ignored.
  assert.ok(await vscode.commands.executeCommand('kedb._fishbonePreview', 'receive', PRB().toString(), { type: 'reveal', source: 'file:///elsewhere.yaml', key: node.key }));
  assert.ok(await vscode.commands.executeCommand('kedb._fishbonePreview', 'receive', PRB().toString(), { type: 'reveal', source: PRB().toString(), key: 42 }));
});

test('the cursor in the YAML highlights the matching bone in the preview', async () => {
  await openPreview();
  const editor = await openPrb();
  const pos = positionOf(editor.document, 'Router hardware capacity is limited.');
  editor.selection = new vscode.Selection(pos, pos);
  const p = await waitFor(async () => {
    const x = await previewOf(PRB());
    const last = x?.sent.filter((m) => (m as HostMessage).type === 'highlight').at(-1) as Extract<HostMessage, { type: 'highlight' }> | undefined;
    return last?.key === 'rca/fishbone/categories/2/causes/2/because/0' ? x : undefined;
  }, { message: 'a highlight message for the cause under the cursor' });
  assert.ok(p);
});

test('the preview follows the active problem editor unless it is locked', async () => {
  await openPreview();
  const other = fileUri('problems/PRB-0022.yaml');
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(other), vscode.ViewColumn.One);
  await waitFor(async () => (await probes()).some((p) => p.source === other.toString()), { message: 'the preview to follow PRB-0022' });
  await vscode.commands.executeCommand('kedb.toggleFishbonePreviewLock');
  await waitFor(async () => (await probes()).some((p) => p.source === other.toString() && p.locked), { message: 'the preview to lock' });
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(fileUri('problems/PRB-0024.yaml')), vscode.ViewColumn.One);
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(fileUri('incidents/INC-0007.yaml')), vscode.ViewColumn.One);
  assert.deepEqual((await probes()).map((p) => p.source), [other.toString()], 'a locked preview stays on its record');
  await vscode.commands.executeCommand('kedb.toggleFishbonePreviewLock');
  await waitFor(async () => (await probes()).some((p) => !p.locked), { message: 'the preview to unlock' });
});

test('the CodeLens on rca and the editor-title button open the preview; Export SVG writes a standalone file', async () => {
  const editor = await openPrb();
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', PRB());
  const lens = lenses.find((l) => l.command?.command === 'kedb.openFishbonePreview');
  assert.ok(lens, 'a CodeLens opens the preview');
  assert.equal(editor.document.lineAt(lens.range.start.line).text, 'rca:');
  const pkg = vscode.extensions.getExtension('kedb-studio.kedb-studio')!.packageJSON as { contributes: { menus: Record<string, { command: string; when?: string }[]> } };
  assert.ok(pkg.contributes.menus['editor/title'].some((m) => m.command === 'kedb.openFishbonePreview' && m.when?.includes('problems')));
  await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []));
  await openPreview();
  const target = fileUri('PRB-0007-fishbone.svg');
  await vscode.commands.executeCommand('kedb.exportFishboneSvg', target);
  const text = await waitFor(async () => {
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    } catch {
      return undefined;
    }
  }, { timeout: 20_000, message: 'the exported SVG file' });
  assert.match(text, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg /);
  assert.ok(text.includes('xmlns="http://www.w3.org/2000/svg"'));
  assert.ok(text.includes('Measurement'));
  await vscode.workspace.fs.delete(target);
  await vscode.commands.executeCommand('kedb._fishbonePreview', 'closeAll');
  await waitFor(async () => (await probes()).length === 0, { message: 'the previews to close' });
});

test('rca: a cause marked root_cause but missing from rca.root_causes gets a quick fix that adds it, undone in one step', async () => {
  const api = await kedb();
  const uri = fileUri('problems/PRB-0904.yaml');
  const text = [
    'kind: problem',
    'id: PRB-0904',
    'title: Badge readers reject old cards',
    'rca:',
    '  fishbone:',
    '    categories:',
    '      - name: Technology',
    '        causes:',
    '          - cause: The reader firmware drops the old card format.',
    '            root_cause: true',
    '  root_causes:',
    '    - Nobody tested old cards.  # from the 5 Whys',
    '  five_whys:',
    '    - why: Why were old cards rejected?',
    '      because: Nobody tested old cards.',
    '',
  ].join('\n');
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  await expectDiagnostics(uri, ['warning root-cause-unlisted 10:25-10:29']);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  const diag = vscode.languages.getDiagnostics(uri).find((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'root-cause-unlisted')!;
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diag.range, vscode.CodeActionKind.QuickFix.value);
  const fix = actions.find((a) => a.title === 'Add "The reader firmware drops the old card format." to rca.root_causes');
  assert.ok(fix?.edit, actions.map((a) => a.title).join(' | '));
  assert.equal(fix.isPreferred, true);
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
  assert.equal(doc.getText(), text.replace('# from the 5 Whys\n', '# from the 5 Whys\n    - The reader firmware drops the old card format.\n'));
  await expectDiagnostics(uri, []);
  await vscode.commands.executeCommand('undo');
  assert.equal(doc.getText(), text, 'one undo takes the fix back');
  await expectDiagnostics(uri, ['warning root-cause-unlisted 10:25-10:29']);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.workspace.fs.delete(uri);
  await waitFor(() => !api.index.find('PRB-0904'), { message: 'PRB-0904 cleaned up' });
});
