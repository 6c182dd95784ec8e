// Smoke tests: the harness really runs inside a VS Code extension host with our extension loaded
// and the throw-away copy of the sample workspace open.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

import { test, waitFor } from '../runner';

// Set by test/integration/runTests.mjs through runTests({ extensionTestsEnv }).
const expectedWorkspace = process.env.KEDB_TEST_WORKSPACE;

function kedbExtension(): vscode.Extension<unknown> | undefined {
  return vscode.extensions.all.find((e) => e.id.toLowerCase().endsWith('kedb-studio'));
}

test('the temp copy of the sample workspace is the only folder open', () => {
  const folders = vscode.workspace.workspaceFolders ?? [];
  assert.equal(folders.length, 1, `expected one workspace folder, got ${folders.map((f) => f.uri.toString())}`);
  const folder = folders[0].uri;
  assert.equal(folder.scheme, 'file');
  if (expectedWorkspace) assert.equal(path.resolve(folder.fsPath), path.resolve(expectedWorkspace));
});

test('the extension under development is loaded', async () => {
  const ext = kedbExtension();
  assert.ok(ext, `no extension id ending in kedb-studio among: ${vscode.extensions.all.map((e) => e.id).join(', ')}`);
  assert.equal(ext.id, 'kedb-studio.kedb-studio');
  assert.equal(ext.packageJSON.main, './dist/extension.js');
});

test('the extension activates', async () => {
  const ext = kedbExtension();
  assert.ok(ext);
  await ext.activate();
  assert.equal(ext.isActive, true);
});

test('files written in the workspace copy are seen by VS Code', async () => {
  const root = vscode.workspace.workspaceFolders![0].uri;
  const name = `kedb-smoke-${Date.now()}.txt`;
  const uri = vscode.Uri.joinPath(root, name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('hello from the smoke test\n'));
  try {
    await waitFor(
      async () => (await vscode.workspace.findFiles(name)).some((f) => f.toString() === uri.toString()),
      { message: `findFiles to see ${name}`, timeout: 15_000 },
    );
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.getText(), 'hello from the smoke test\n');
  } finally {
    await vscode.workspace.fs.delete(uri);
  }
});
