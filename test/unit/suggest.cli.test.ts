import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FIXTURES, REPO_ROOT } from './helpers';

const KEDB = path.join(REPO_ROOT, 'bin', 'kedb.js');
const WS = path.join(FIXTURES, 'checklist', 'workspace');

function kedb(args: string[], cwd = REPO_ROOT) {
  const r = spawnSync(process.execPath, [KEDB, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('kedb suggest --format json: an array of {file, id, field, value, confidence, evidence} (with rule, reason, alternatives)', () => {
  const r = kedb(['suggest', WS, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const list = JSON.parse(r.stdout) as Record<string, unknown>[];
  for (const s of list) {
    assert.deepEqual(Object.keys(s), ['file', 'id', 'field', 'value', 'confidence', 'evidence', 'rule', 'reason', 'alternatives']);
    assert.ok(typeof s.confidence === 'number' && s.confidence > 0 && s.confidence <= 1);
    assert.ok(Array.isArray(s.evidence) && s.evidence.length > 0, 'never a value without evidence');
  }
  const of = (id: string) => list.filter((s) => s.id === id).map((s) => `${s.field}=${String(s.value)}`);
  assert.deepEqual(of('INC-0001'), [
    'service=Telemedicine & EMR',
    'configuration_item=VPN-RTR-01',
    'channel=portal',
    'type=incident',
    'category=Network',
    'impact=high',
    'urgency=high',
    'priority=P1',
    'escalation.team=NOC',
    'escalation.escalated_at=2025-09-22T10:00:00+07:00',
    'escalation.eta=2025-09-22T14:00:00+07:00',
  ]);
  // Indonesian: email from the letter's form, low impact and urgency from "hanya saya" and "tidak mendesak".
  assert.deepEqual(of('INC-0002'), ['service=Printing Service', 'configuration_item=PRN-FL3-01', 'channel=email', 'impact=low', 'urgency=low', 'priority=P5']);
  assert.deepEqual(of('INC-0003'), ['type=service-request', 'category=Request', 'status=converted-to-service-request']);
  assert.deepEqual(of('INC-0004'), [], 'no evidence, no suggestion');
  assert.deepEqual(of('INC-0005'), [], 'a complete record');
  const channel = list.find((s) => s.id === 'INC-0001' && s.field === 'channel')!;
  assert.deepEqual(channel, {
    file: 'incidents/INC-0001.yaml',
    id: 'INC-0001',
    field: 'channel',
    value: 'portal',
    confidence: 0.88,
    evidence: [
      { in: 'body', text: 'raised this ticket' },
      { in: 'body', text: 'through the portal' },
    ],
    rule: 'built-in (en)',
    reason: "the body says 'raised this ticket' and 'through the portal'",
    alternatives: [{ value: 'email', confidence: 0.55, evidence: [{ in: 'body', text: 'Dear' }] }],
  });
});

test('kedb suggest prints each record\'s suggestions with their reasons, and a summary', () => {
  const r = kedb(['suggest', WS]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.ok(lines.includes("  channel: portal  0.88  because the body says 'raised this ticket' and 'through the portal' (also email 0.55)"), r.stdout);
  assert.ok(lines.some((l) => /INC-0004: 19 fields missing; no evidence for reported_at, .*initial_analysis \(all 7 fields\)$/.test(l)), r.stdout);
  assert.equal(lines.at(-1), '5 incidents: 4 incomplete records, 72 missing fields, 20 suggestions on 3 records.');
});

test('kedb suggest --write fills the fields, keeps comments, and leaves a valid workspace', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-suggest-cli-'));
  try {
    fs.cpSync(WS, root, { recursive: true });
    const before = fs.readFileSync(path.join(root, 'incidents', 'INC-0001.yaml'), 'utf8');
    const w = kedb(['suggest', root, '--write']);
    assert.equal(w.code, 0, w.stderr);
    assert.equal(w.stdout.trim(), 'Set 20 fields in 3 files.');
    const after = fs.readFileSync(path.join(root, 'incidents', 'INC-0001.yaml'), 'utf8');
    // Every original line is still there, in order; only new lines were added.
    const kept = after.split('\n').filter((l) => before.split('\n').includes(l));
    assert.deepEqual(kept, before.split('\n'));
    assert.match(after, /^# An English ticket as a helpdesk export leaves it/);
    assert.match(after, /^channel: portal$/m);
    assert.match(after, /^escalation:\n {2}team: NOC\n {2}escalated_at: "2025-09-22T10:00:00\+07:00"\n {2}eta: "2025-09-22T14:00:00\+07:00"$/m);
    const v = kedb(['validate', root]);
    assert.equal(v.code, 0, v.stdout);
    assert.match(v.stdout, /: 0 errors, 0 warnings, 4 info\.$/m);
    // The complete record is untouched.
    assert.equal(fs.readFileSync(path.join(root, 'incidents', 'INC-0005.yaml'), 'utf8'), fs.readFileSync(path.join(WS, 'incidents', 'INC-0005.yaml'), 'utf8'));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('kedb suggest --min-confidence drops weak suggestions; bad usage exits 2', () => {
  const strong = JSON.parse(kedb(['suggest', WS, '--format', 'json', '--min-confidence', '0.8']).stdout) as { confidence: number }[];
  assert.ok(strong.length > 0 && strong.every((s) => s.confidence >= 0.8));
  assert.equal(kedb(['suggest', WS, '--format', 'xml']).code, 2);
  assert.equal(kedb(['suggest', WS, '--min-confidence', '2']).code, 2);
  assert.equal(kedb(['suggest', 'no/such/folder']).code, 2);
  const help = kedb(['suggest', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: kedb suggest \[DIR\]/);
  assert.match(kedb(['--help']).stdout, /^ {2}suggest \[DIR\] +Suggest the empty checklist fields/m);
});
