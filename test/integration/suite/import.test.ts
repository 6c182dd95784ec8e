// KEDB: Import Tickets from CSV… in the real extension host.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { test, waitFor } from '../runner';
import { diagnosticsOf, fileUri, kedb } from './helpers';

test('Import Tickets from CSV writes valid incidents the index sees, and a second run changes nothing', async () => {
  const api = await kedb();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-import-it-'));
  const csv = path.join(dir, 'export.csv');
  fs.writeFileSync(
    csv,
    [
      'Ticket ID,Body,Department,Priority,Tags',
      '9001,"Dear team, the VPN drops every hour; restarting the router does not help.",Technical Support,high,"[\'VPN\', \'Network\']"',
      '9002,"Hello, the printer on floor 3 shows ""paper jam"" with no paper in it.",IT Support,low,"[\'Printer\']"',
      '',
    ].join('\n'),
  );
  const indexed = () => ['INC-9001', 'INC-9002'].filter((id) => api.index.find(id));
  const outDir = fileUri('incidents');
  const first = await vscode.commands.executeCommand<{ imported: number; unchanged: number; skipped: number }>('kedb.importCsv', {
    csv: vscode.Uri.file(csv),
    preset: 'seed',
    outDir,
  });
  assert.ok(first);
  assert.deepEqual([first.imported, first.unchanged, first.skipped], [2, 0, 0]);
  // The summary is kept in the workspace (found again in the explorer), not left as an unsaved document.
  const imports = fileUri('.kedb/imports');
  const kept = (await vscode.workspace.fs.readDirectory(imports)).map(([name]) => name).filter((n) => n.endsWith('-export.csv.md'));
  assert.equal(kept.length, 1, kept.join(', '));
  const summaryText = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(imports, kept[0])));
  assert.match(summaryText, /^# Import of export\.csv\n\n- Imported 2, updated 0, unchanged 0, skipped 0: 2 rows of export\.csv \(seed\)/);
  assert.ok(!vscode.workspace.textDocuments.some((d) => d.isUntitled), 'no untitled summary document');
  await waitFor(() => indexed().length === 2, { message: 'INC-9001 and INC-9002 indexed', detail: () => `indexed: ${indexed().join(', ') || 'none'}` });
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(fileUri('incidents/INC-9001.yaml')));
  assert.match(text, /^kind: incident$/m);
  assert.match(text, /^ {2}original_id: '9001'$/m);
  assert.equal(diagnosticsOf(fileUri('incidents/INC-9001.yaml')).filter((d) => d.startsWith('error')).length, 0);
  assert.equal(diagnosticsOf(fileUri('incidents/INC-9002.yaml')).filter((d) => d.startsWith('error')).length, 0);

  const second = await vscode.commands.executeCommand<{ imported: number; unchanged: number }>('kedb.importCsv', { csv: vscode.Uri.file(csv), preset: 'seed', outDir });
  assert.deepEqual([second.imported, second.unchanged], [0, 2]);

  // Deleted as in the explorer (one WorkspaceEdit): the index drops them at once, even when the
  // file watcher has not yet reported their creation and merges it with the delete into nothing.
  const removal = new vscode.WorkspaceEdit();
  for (const id of ['INC-9001', 'INC-9002']) removal.deleteFile(fileUri(`incidents/${id}.yaml`));
  assert.ok(await vscode.workspace.applyEdit(removal));
  await vscode.workspace.fs.delete(fileUri('.kedb/imports'), { recursive: true });
  await waitFor(() => indexed().length === 0, {
    message: 'the imported records removed',
    detail: () =>
      `still indexed: ${indexed()
        .map((id) => {
          const d = vscode.workspace.textDocuments.find((x) => x.uri.path.endsWith(`/${id}.yaml`));
          return `${id} (${d ? (d.isDirty ? 'open, unsaved' : 'open') : 'not open'}; in ${api.index.find(id)?.record.file})`;
        })
        .join(', ')}`,
  });
  fs.rmSync(dir, { recursive: true, force: true });
});

test('Create Sample Workspace copies lab-02 into a new folder and never over an existing one', async () => {
  await kedb();
  const parent = vscode.Uri.file(fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-sample-it-')));
  const first = await vscode.commands.executeCommand<vscode.Uri>('kedb.createSample', { parent, open: false });
  const second = await vscode.commands.executeCommand<vscode.Uri>('kedb.createSample', { parent, open: false });
  assert.equal(path.basename(first.fsPath), 'kedb-lab-02');
  assert.equal(path.basename(second.fsPath), 'kedb-lab-02-2');
  for (const [folder, count] of [['incidents', 53], ['problems', 11], ['known-errors', 12]] as const) {
    assert.equal(fs.readdirSync(path.join(first.fsPath, folder)).filter((f) => f.endsWith('.yaml')).length, count, folder);
  }
  assert.ok(fs.existsSync(path.join(first.fsPath, 'kedb.config.yaml')));
  fs.rmSync(parent.fsPath, { recursive: true, force: true });
});
