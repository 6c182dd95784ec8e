// A second integration run, on a folder that is not a KEDB workspace (test/fixtures/plain-yaml:
// Kubernetes manifests and one incident kept in notes/): the extension reads nothing up front,
// a record opened there still gets its diagnostics, and the folder is loaded once it gains a
// kedb.config.yaml. Started by `npm run test:integration` after the main run.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { KedbApi } from '../../../src/extension/extension';
import { run as runRegisteredTests, test, waitFor } from '../runner';

const root = () => vscode.workspace.workspaceFolders![0].uri;
const at = (rel: string) => vscode.Uri.joinPath(root(), rel);
const codes = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'kedb').map((d) => String(typeof d.code === 'object' ? d.code.value : d.code));

let api: KedbApi;

test('in a folder of Kubernetes manifests the extension activates on YAML and reads none of the files', async () => {
  const ext = vscode.extensions.getExtension<KedbApi>('kedb-studio.kedb-studio')!;
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(at('k8s/web/frontend/deployment.yaml')));
  api = await ext.activate();
  await api.index.ready;
  const [folder] = api.index.all();
  assert.equal(folder.kedb, false, 'not a KEDB workspace');
  assert.deepEqual(folder.raw.recordFiles(), [], 'no record file');
  assert.equal(folder.raw.fileCount, 1, 'only the manifest open in the editor is in the index');
  assert.deepEqual(codes(at('k8s/web/frontend/deployment.yaml')), [], 'a manifest gets no diagnostic');
});

test('a record opened there still gets its diagnostics', async () => {
  const uri = at('notes/outage.yaml');
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  await waitFor(() => codes(uri).includes('invalid-value'), { timeout: 10_000, message: 'an invalid-value diagnostic on notes/outage.yaml', detail: () => codes(uri) });
  const [folder] = api.index.all();
  assert.equal(folder.raw.fileCount, 2, 'the index holds the two open documents and nothing else');
});

test('once the folder gains a kedb.config.yaml it is loaded as a KEDB workspace', async () => {
  await vscode.workspace.fs.writeFile(at('kedb.config.yaml'), new TextEncoder().encode('version: 1\n'));
  const [folder] = api.index.all();
  await waitFor(() => folder.kedb && folder.raw.fileCount >= 6, { timeout: 15_000, message: 'the folder to be loaded', detail: () => ({ kedb: folder.kedb, files: folder.raw.fileCount }) });
  assert.deepEqual(folder.raw.recordFiles(), ['kedb.config.yaml', 'notes/outage.yaml']);
});

export function run(): Promise<void> {
  return runRegisteredTests();
}
