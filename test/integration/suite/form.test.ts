// "Open as Form" in a real VS Code: PRB-0007 opens in the record form, each form edit (a field, a
// list row, a new cause, a root-cause toggle, a 5 Whys chain, a step, evidence, a task marked done) lands in the YAML with its comments kept, as one
// step on the document's undo stack; a stale edit is refused.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FormProbe } from '../../../src/extension/form/formEditor';
import { FORM_VIEW_TYPE, type FormOp } from '../../../src/shared/form';
import { test, waitFor } from '../runner';
import { fileUri, kedb } from './helpers';

const PRB = () => fileUri('problems/PRB-0007.yaml');

async function probes(): Promise<FormProbe[]> {
  return (await vscode.commands.executeCommand<FormProbe[]>('kedb._recordForm', 'state')) ?? [];
}

const comments = (s: string) => s.split('\n').filter((l) => /^\s*#/.test(l));

test('the record form edits PRB-0007 through the YAML, keeps its comments, and undoes each edit', async () => {
  await kedb();
  const doc = await vscode.workspace.openTextDocument(PRB());
  const original = doc.getText();
  await vscode.commands.executeCommand('vscode.openWith', PRB(), FORM_VIEW_TYPE);
  const probe = await waitFor(async () => (await probes()).find((p) => p.source === PRB().toString() && p.ready && p.render), { timeout: 30_000, message: 'the form of PRB-0007 to draw' });
  assert.equal(probe.render?.form?.id, 'PRB-0007');
  assert.equal(probe.render?.readOnly, false);

  const apply = async (op: FormOp, version = doc.version) => vscode.commands.executeCommand<boolean>('kedb._recordForm', 'receive', PRB().toString(), { type: 'edit', version, op });
  const undo = async (expected: string) => {
    await vscode.window.showTextDocument(doc, { preview: false });
    await vscode.commands.executeCommand('undo');
    await waitFor(() => doc.getText() === expected, { timeout: 10_000, message: 'undo to restore the text' });
  };

  // A field, with prose that looks like YAML.
  assert.equal(await apply({ op: 'set', path: ['owner'], value: 'Siti: lead # on call' }), true);
  let text = doc.getText();
  assert.ok(text.includes('owner: "Siti: lead # on call"\n'));
  assert.deepEqual(comments(text), comments(original));
  // A stale edit is refused and changes nothing.
  assert.equal(await apply({ op: 'set', path: ['owner'], value: 'Old' }, doc.version - 1), false);
  assert.equal(doc.getText(), text);
  await undo(original);

  // A list row.
  assert.equal(await apply({ op: 'add', path: ['tags'], item: 'Router' }), true);
  assert.ok(doc.getText().includes('  - Firmware\n  - Router\n# The permanent fix of KE-0007'), 'the new tag after the last one, before the comment and the next key');
  await undo(original);
  assert.equal(await apply({ op: 'move', path: ['tags'], from: 4, to: 0 }), true);
  assert.ok(doc.getText().includes('tags:\n  - Firmware\n  - VPN\n'));
  await undo(original);

  // A new cause.
  assert.equal(await apply({ op: 'add', path: ['rca', 'fishbone', 'categories', 3, 'causes'], item: 'The backup link is untested.' }), true);
  text = doc.getText();
  assert.ok(text.includes('            root_cause: true\n          - The backup link is untested.\n      - name: Measurement\n'));
  assert.deepEqual(comments(text), comments(original));
  await undo(original);

  // A root-cause toggle: the cause is marked and listed in rca.root_causes, in one undo step.
  assert.equal(await apply({ op: 'rootCause', path: ['rca', 'fishbone', 'categories', 3, 'causes', 0], on: true }), true);
  text = doc.getText();
  assert.ok(text.includes('          - cause: The ISP connection fluctuates.\n            root_cause: true\n'));
  assert.ok(text.includes('    - There is no real-time alerting for early warning.\n    - The ISP connection fluctuates.\n'));
  assert.deepEqual(comments(text), comments(original));
  // The form redraws from the new text.
  await waitFor(async () => (await probes()).find((p) => p.source === PRB().toString())?.render?.version === doc.version, { timeout: 10_000, message: 'the form to redraw' });
  await undo(original);
  assert.equal(doc.getText(), original);

  // The 5 Whys: a new chain (the list chain becomes "Chain 1"), then a step in it, then evidence
  // for a cause; each one undo step, the comments kept.
  assert.equal(await apply({ op: 'addChain', path: ['rca', 'five_whys'], name: 'Rollback', first: 'Chain 1' }), true);
  const chained = doc.getText();
  assert.ok(chained.includes('  five_whys:\n    Chain 1:\n      - why: Why can clinic users not reach Telemedicine and the EMR?\n'));
  assert.ok(chained.includes('    Rollback: []\n  # As in the KEDB row'));
  assert.deepEqual(comments(chained), comments(original));
  assert.equal(await apply({ op: 'add', path: ['rca', 'five_whys', 'Rollback'], item: { why: 'Why was there no rollback?', because: 'No procedure.' } }), true);
  assert.ok(doc.getText().includes('    Rollback:\n      - why: "Why was there no rollback?"\n        because: No procedure.\n'));
  await undo(chained);
  await undo(original);
  assert.equal(await apply({ op: 'add', path: ['rca', 'fishbone', 'categories', 3, 'causes', 0, 'evidence'], item: 'ISP report 2025-09-20' }), true);
  assert.ok(doc.getText().includes('          - cause: The ISP connection fluctuates.\n            evidence:\n              - ISP report 2025-09-20\n'));
  await undo(original);
  assert.equal(doc.getText(), original);

  // A task: T3 marked done sets its status and done_at (today) in one edit; the form redraws it
  // done, and one undo takes both back.
  assert.equal(await apply({ op: 'taskDone', path: ['tasks', 2] }), true);
  text = doc.getText();
  assert.match(text, / {4}due: 2030-06-30\n {4}status: done\n {4}done_at: \d{4}-\d\d-\d\d\n$/);
  assert.deepEqual(comments(text), comments(original));
  await waitFor(
    async () => {
      const form = (await probes()).find((p) => p.source === PRB().toString())?.render?.form;
      const tasks = form?.fields.find((f) => f.key === 'tasks');
      return tasks?.type === 'list' && tasks.items[2]?.type === 'task' && tasks.items[2].status === 'done';
    },
    { timeout: 10_000, message: 'the form to draw T3 done' },
  );
  await undo(original);
  assert.equal(doc.getText(), original);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
});
