/**
 * A broken file does not cascade (issue 16, item 4): while a record file has a syntax error, the
 * ids it held still resolve for the references in other files, which get no "does not exist"
 * error; the broken file carries its own errors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NodeFsHost } from '../../src/node/fsHost';
import { Workspace } from '../../src/core';
import { affectedBy, REPO_ROOT } from './helpers';

const LAB = path.join(REPO_ROOT, 'samples', 'lab-02');
const KE = 'known-errors/KE-0007.yaml';
const PRB = 'problems/PRB-0007.yaml';
const good = fs.readFileSync(path.join(LAB, KE), 'utf8');
/** The workaround typed as prose with a colon and a quote: YAML cannot read the file. */
const broken = good.replace(/^workaround: >-\n/m, 'workaround: Run the dashboards from the replica. Data source: "replica\n  ');

function codesIn(ws: Workspace, file: string): string[] {
  return ws.issuesFor(file).map((i) => `${i.severity} ${i.code}`);
}

test('the broken file is broken: the fixture really fails to parse', async () => {
  const ws = await Workspace.load(new NodeFsHost(LAB));
  ws.setFileText(KE, broken);
  assert.equal(ws.recordsInFile(KE).length, 0);
  assert.ok(ws.issuesFor(KE).some((i) => i.severity === 'error'), JSON.stringify(ws.issuesFor(KE)));
});

test('while a known error does not parse, its problem and incidents get no "does not exist" error, and they are re-checked', async () => {
  const ws = await Workspace.load(new NodeFsHost(LAB));
  const before = codesIn(ws, PRB);
  assert.ok(!before.some((c) => c.includes('unknown-reference')), before.join());
  const changes = affectedBy(ws);
  ws.setFileText(KE, broken);
  assert.ok(changes.take().paths.includes(PRB), 'the problem that links the known error is re-checked');
  assert.deepEqual(codesIn(ws, PRB), before, 'the problem is as it was: the id still resolves to the last good record');
  for (const [file, issues] of ws.allIssues()) {
    if (file === KE) continue;
    assert.ok(!issues.some((i) => i.code === 'unknown-reference' || i.code === 'reference-in-broken-file'), `${file}: ${JSON.stringify(issues)}`);
  }
  // Fixed again: nothing left anywhere.
  ws.setFileText(KE, good);
  assert.deepEqual(codesIn(ws, PRB), before);
  assert.ok(!codesIn(ws, KE).some((c) => c.startsWith('error')));
});

test('loaded from disk already broken, the ids its id: lines show count as existing, with one information message on each reference', async () => {
  const ws = new Workspace();
  for (const f of [PRB, 'incidents/INC-0007.yaml']) ws.setFileText(f, fs.readFileSync(path.join(LAB, f), 'utf8'));
  ws.setFileText(KE, broken);
  const refs = ws.issuesFor(PRB).filter((i) => i.data?.target === 'KE-0007');
  assert.equal(refs.length, 1, JSON.stringify(refs));
  assert.equal(refs[0].severity, 'info');
  assert.equal(refs[0].message, 'KE-0007 is in known-errors/KE-0007.yaml, which has a syntax error: this reference is checked again once that file is fixed.');
  // The file is deleted: the reference is an error again.
  ws.deleteFile(KE);
  const after = ws.issuesFor(PRB).filter((i) => i.data?.target === 'KE-0007');
  assert.equal(after.length, 1);
  assert.match(after[0].message, /No known error with id KE-0007 exists/);
});

test('an id that the broken file no longer shows is not held when it was never read', () => {
  const ws = new Workspace();
  ws.setFileText(PRB, fs.readFileSync(path.join(LAB, PRB), 'utf8'));
  ws.setFileText(KE, broken.replace(/^id: KE-0007$/m, 'id: KE-0099'));
  assert.ok(ws.issuesFor(PRB).some((i) => i.code === 'unknown-reference' && i.data?.target === 'KE-0007'), 'KE-0007 is shown nowhere: still an error');
});
