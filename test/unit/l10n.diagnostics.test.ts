import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workspace, type Issue } from '../../src/core';
import { setL10nBundle, type L10nBundle } from '../../src/core/base/l10n';
import { NodeFsHost } from '../../src/node/fsHost';
import { at, FIXTURES, REPO_ROOT } from './helpers';

/** The Indonesian translations as scripts/l10n.mjs merges them: every l10n/id/*.json. */
function indonesian(): L10nBundle {
  const dir = path.join(REPO_ROOT, 'l10n', 'id');
  const bundle: L10nBundle = {};
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    Object.assign(bundle, JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as L10nBundle);
  }
  return bundle;
}

/** Every issue of the broken workspace, as `file severity code range` and the message apart. */
async function brokenWorkspace(): Promise<{ where: string[]; messages: Map<string, string> }> {
  // A fresh workspace each time: a loaded workspace keeps the messages of the language it was checked in.
  const ws = await Workspace.load(new NodeFsHost(path.join(FIXTURES, 'broken-workspace')));
  const where: string[] = [];
  const messages = new Map<string, string>();
  for (const [file, issues] of ws.allIssues()) {
    for (const i of issues as Issue[]) {
      const key = `${file} ${i.severity} ${i.code} ${at(i.range)}`;
      where.push(key);
      messages.set(key, i.message);
    }
  }
  return { where, messages };
}

/** The message at one `file severity code range`, which must exist. */
function message(run: { messages: Map<string, string> }, key: string): string {
  const m = run.messages.get(key);
  assert.ok(m !== undefined, `no issue ${key}`);
  return m;
}

test('the broken workspace in Indonesian: the same codes and ranges, Indonesian messages, English again after a reset', async () => {
  const english = await brokenWorkspace();
  try {
    setL10nBundle(indonesian(), 'id');
    const id = await brokenWorkspace();
    assert.deepEqual(id.where, english.where);
    assert.ok(id.where.length >= 20, 'the fixture gives its issues');
    assert.equal(
      message(id, 'incidents/INC-0002.yaml error unknown-reference 4:10-4:18'),
      'Tidak ada masalah dengan id PRB-0099 di ruang kerja ini.',
    );
    assert.equal(
      message(id, 'problems/PRB-0001.yaml error unknown-reference 7:5-7:13'),
      'Tidak ada insiden dengan id INC-0042 di ruang kerja ini.',
    );
    assert.equal(
      message(id, 'incidents/INC-0001.yaml error invalid-value 5:10-5:15'),
      '"urgnt" bukan nilai urgency yang valid. Yang diharapkan salah satu dari: high, medium, low, 1, 2, 3, 4, 5.',
    );
    assert.equal(message(id, 'problems/PRB-0002.yaml error missing-property 1:1-1:5'), 'Properti wajib "title" tidak ada di masalah ini.');
    assert.equal(
      message(id, 'incidents/INC-0001.yaml error unknown-property 9:3-9:8'),
      'Properti "emial" tidak dikenal di reporter. Apakah maksud Anda "email"?',
    );
    assert.equal(
      message(id, 'problems/PRB-0001.yaml error wrong-reference-kind 8:5-8:12'),
      'KE-0001 adalah known error, tetapi kolom ini memerlukan id insiden.',
    );
    assert.equal(
      message(id, 'incidents/INC-7.yaml error id-pattern 2:5-2:10'),
      'Id "INC-7" tidak cocok dengan pola id insiden: INC- dan sedikitnya empat digit, misalnya INC-0001.',
    );
    assert.equal(
      message(id, 'incidents/INC-0001.yaml info checklist-incomplete 3:5-3:13'),
      'Checklist: 16 kolom belum diisi: description, service, configuration_item, channel, type, category, status, impact, priority, ' +
        'initial_analysis (semua 7 kolom). 1 dapat diisi dari kata-kata tiket (perbaikan cepat).',
    );
    // Every message changed language; codes, field names and ids inside them did not.
    for (const key of id.where) assert.notEqual(id.messages.get(key), english.messages.get(key), key);
  } finally {
    setL10nBundle(undefined);
  }
  const again = await brokenWorkspace();
  assert.deepEqual([...again.messages], [...english.messages]);
  assert.equal(message(again, 'incidents/INC-0002.yaml error unknown-reference 4:10-4:18'), 'No problem with id PRB-0099 exists in this workspace.');
  assert.equal(
    message(again, 'incidents/INC-0001.yaml info checklist-incomplete 3:5-3:13'),
    "Checklist: 16 fields missing: description, service, configuration_item, channel, type, category, status, impact, priority, " +
      "initial_analysis (all 7 fields). 1 can be filled from the ticket's words (quick fix).",
  );
});
