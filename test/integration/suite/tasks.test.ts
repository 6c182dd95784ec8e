// The Tasks view on the copy of samples/lab-02: PRB-0007's three tasks grouped by owner or by due
// date, and a task opening at its id in the problem file.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TaskNode } from '../../../src/extension/tasks/tasksView';
import { test, waitFor } from '../runner';
import { kedb } from './helpers';

interface Snapshot {
  label: string;
  description: string;
  tasks: { label: string; description: string }[];
}

const snapshot = () => vscode.commands.executeCommand<Snapshot[]>('kedb._tasksSnapshot');

test('tasks: the Tasks view groups PRB-0007\'s tasks by owner, toggles to due date, and opens a task at its id', async () => {
  const api = await kedb();
  await waitFor(() => api.diagnostics.counts.records === 76, { message: '76 records indexed' });
  await vscode.commands.executeCommand('kedb.tasks.focus');
  assert.deepEqual(
    (await snapshot()).map((g) => `${g.label} (${g.description}): ${g.tasks.map((t) => t.description).join(', ')}`),
    ['NOC (1 task): done', 'NOC lead (1 task): due 2030-06-30', 'Yohanes Kurniawan (1 task): done'],
  );
  assert.equal(await vscode.commands.executeCommand('kedb.toggleTasksGrouping'), 'due');
  assert.deepEqual(
    (await snapshot()).map((g) => `${g.label}: ${g.tasks.map((t) => t.label.split(' · ')[0]).join(', ')}`),
    ['Due later: PRB-0007 T3', 'Done or cancelled: PRB-0007 T1, PRB-0007 T2'],
  );
  assert.equal(await vscode.commands.executeCommand('kedb.toggleTasksGrouping'), 'owner');

  const folder = api.index.all()[0];
  const row = { problem: 'PRB-0007', problemTitle: undefined, file: 'problems/PRB-0007.yaml', ordinal: 0, overdueDays: 0, task: { index: 2, id: 'T3', title: undefined, type: undefined, owner: undefined, due: undefined, status: undefined, doneAt: undefined, link: undefined } };
  const node: TaskNode = { type: 'task', row, folder };
  const editor = await vscode.commands.executeCommand<vscode.TextEditor>('kedb.openTask', node);
  assert.ok(editor.document.uri.path.endsWith('/problems/PRB-0007.yaml'));
  assert.equal(editor.document.getText(editor.selection), 'T3');
  assert.equal(editor.document.lineAt(editor.selection.start.line).text, '  - id: T3');
});
