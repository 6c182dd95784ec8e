// The checklist in the editor: the completeness diagnostic, its quick fixes, and KEDB: Complete
// Missing Fields with a pre-selected list and one undo.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test, waitFor } from '../runner';
import { diagnosticsOf, expectDiagnostics, fileUri, kedb, SAMPLE_GAP } from './helpers';

const encode = (s: string) => new TextEncoder().encode(s);
const decode = (b: Uint8Array) => new TextDecoder().decode(b);

/**
 * Runs `fn` with the checklist narrowed in kedb.config.yaml to the record and priority blocks (so
 * the sample's records stay silent), then puts the sample's config back.
 */
async function withChecklist(fn: () => Promise<void>): Promise<void> {
  const config = fileUri('kedb.config.yaml');
  const original = decode(await vscode.workspace.fs.readFile(config));
  await vscode.workspace.fs.writeFile(config, encode(original + '\nchecklist:\n  required: [record, priority]\n'));
  try {
    await fn();
  } finally {
    await vscode.workspace.fs.writeFile(config, encode(original));
  }
}

/**
 * Removes test records for good: a web workbench saves edits after a delay (files.autoSave), so a
 * buffer may differ from the disk; save it, close its tab, delete the file, and wait until the
 * index has let go (a dirty buffer of a deleted file would keep the record alive).
 */
async function removeRecords(uris: vscode.Uri[], ids: string[]): Promise<void> {
  const api = await kedb();
  const keys = new Set(uris.map((u) => u.toString()));
  for (const d of vscode.workspace.textDocuments) if (keys.has(d.uri.toString()) && d.isDirty) await d.save();
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && keys.has(t.input.uri.toString()));
  if (tabs.length) await vscode.window.tabGroups.close(tabs);
  for (const u of uris) await vscode.workspace.fs.delete(u);
  await waitFor(() => ids.every((id) => !api.index.find(id)), { message: `${ids.join(', ')} gone from the index` });
}

async function writeRecord(name: string, text: string): Promise<vscode.Uri> {
  const uri = fileUri(`incidents/${name}.yaml`);
  await vscode.workspace.fs.writeFile(uri, encode(text));
  return uri;
}

const COMPLETE_EXCEPT = (id: string, body: string, extra = '') =>
  [
    'kind: incident',
    `id: ${id}`,
    'title: Print server queue stuck on the Finance floor',
    'description: Print jobs from the Finance floor stay in the queue.',
    'reported_at: "2025-09-24T08:00:00+07:00"',
    'reporter:',
    '  name: Rina',
    '# service and CI as the analyst wrote them',
    'service: Printing Service',
    'configuration_item: PRINT-SRV01',
    'type: incident',
    'category: Connectivity',
    'status: new',
    extra,
    `body: ${body}`,
    '',
  ]
    .filter((l) => l !== '')
    .join('\n') + '\n';

test('an incomplete incident gets one information diagnostic; its quick fix sets the field from the ticket\'s words', async () => {
  await kedb();
  await withChecklist(async () => {
    const text = COMPLETE_EXCEPT('INC-0960', 'Dear team, the Finance printers show offline. I raised this ticket through the portal.', 'impact: medium\nurgency: high\npriority: P2\nescalation:\n  team: Endpoint/Vendor');
    const uri = await writeRecord('INC-0960', text);
    await expectDiagnostics(uri, ['info checklist-incomplete 2:5-2:13'], 15_000);
    const diag = vscode.languages.getDiagnostics(uri).find((d) => d.source === 'kedb')!;
    assert.match(diag.message, /^Checklist: 1 field missing: channel\. 1 can be filled from the ticket's words \(quick fix\)\.$/);
    const doc = await vscode.workspace.openTextDocument(uri);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diag.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title);
    const fix = actions.find((a) => a.title.startsWith('Set channel:'));
    assert.ok(fix, titles.join(' | '));
    assert.equal(fix.title, "Set channel: portal, because the body says 'raised this ticket' and 'through the portal'");
    assert.ok(fix.edit && (await vscode.workspace.applyEdit(fix.edit)));
    assert.equal(doc.getText(), text.replace('  name: Rina\n', '  name: Rina\nchannel: portal\n'), 'one line added, every other byte as it was');
    await expectDiagnostics(uri, []);
    await removeRecords([uri], ['INC-0960']);
  });
});

test('Complete Missing Fields applies only the ticked suggestions, in one edit that one undo reverts', async () => {
  await kedb();
  await withChecklist(async () => {
    // Both miss channel, impact, urgency and priority; the words give each of them.
    const a = COMPLETE_EXCEPT('INC-0961', 'Dear team, all users on the floor are offline since 8:00. Submitted a ticket via the portal.');
    const b = COMPLETE_EXCEPT('INC-0962', 'Dengan hormat, semua pengguna di lantai 3 tidak bisa bekerja, printer offline.');
    const uris = [await writeRecord('INC-0961', a), await writeRecord('INC-0962', b)];
    await waitFor(() => uris.every((u) => diagnosticsOf(u, { checklist: true }).some((d) => d.startsWith('info checklist-incomplete'))), { message: 'checklist diagnostics on both files', timeout: 15_000 });
    const result = await vscode.commands.executeCommand<{ offered: number; files: number; records: number; fields: number }>('kedb.completeMissingFields', undefined, undefined, {
      scope: 'workspace',
      pick: [
        { id: 'INC-0961', field: 'channel' },
        { id: 'INC-0961', field: 'impact' },
        { id: 'INC-0962', field: 'urgency' },
      ],
    });
    assert.ok(result, 'the command returns what it did');
    assert.ok(result.offered >= 8, `offered ${result.offered}: channel, impact, urgency and priority of both`);
    assert.deepEqual({ files: result.files, records: result.records, fields: result.fields }, { files: 2, records: 2, fields: 3 });
    const docs = await Promise.all(uris.map((u) => vscode.workspace.openTextDocument(u)));
    assert.equal(docs[0].getText(), a.replace('  name: Rina\n', '  name: Rina\nchannel: portal\n').replace('type: incident\n', 'type: incident\nimpact: high\n'));
    assert.equal(docs[1].getText(), b.replace('type: incident\n', 'type: incident\nurgency: high\n'));
    // One edit marked as a refactoring: VS Code saves what it changed (files.refactoring.autoSave), no tab is left dirty.
    await waitFor(() => docs.every((d) => !d.isDirty), { message: 'the two files saved' });
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(uris[1])), docs[1].getText());
    await vscode.window.showTextDocument(docs[0]);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => docs[0].getText() === a && docs[1].getText() === b, {
      message: 'one undo to revert both files',
      detail: () => docs.map((d) => d.getText()),
    });
    await removeRecords(uris, ['INC-0961', 'INC-0962']);
  });
  // The sample's config again: every checklist block is required, so the one field the seed left
  // empty (INC-0026's diagnostic tools) is reported again, and nothing else.
  const left = () =>
    vscode.languages
      .getDiagnostics()
      .filter(([, ds]) => ds.some((d) => d.source === 'kedb' && d.code === 'checklist-incomplete'))
      .map(([u]) => vscode.workspace.asRelativePath(u));
  await waitFor(() => JSON.stringify(left()) === JSON.stringify([SAMPLE_GAP]), { message: 'only the sample\'s own gap once the config is restored', detail: left, timeout: 15_000 });
});
