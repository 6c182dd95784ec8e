/**
 * Rule 5, shared profiles (src/core/candidates/sharedRule.ts), on made-up workspaces: one
 * configuration item's incidents split by how they were triaged; a caller and resolver cut at a
 * quiet week; a derived attribute; incidents lacking a field left out; profiles from the config.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { candidateTitle, defaultDetection, detect, resolveDetection, shownEvidence, type RecordEntry } from '../../src/core';
import { inIndonesian } from './helpers';

let next = 0;
function incident(fields: Record<string, unknown>): RecordEntry {
  const id = `INC-${String(++next).padStart(4, '0')}`;
  return { file: `incidents/${id}.yaml`, ordinal: 0, kind: 'incident', id, value: { kind: 'incident', id, title: `Ticket ${id}`, ...fields } };
}

const day = (d: number) => `2026-03-${String(d).padStart(2, '0')}T09:00:00Z`;

test('one configuration item holding two faults: the shared profile tells them apart by impact, urgency and type', () => {
  next = 0;
  const records = [
    // Four on SUB-7 at impact 2 / urgency 2, three at 4 / 4, and one with no urgency (left out).
    ...[1, 5, 9, 13].map((d) => incident({ configuration_item: 'SUB-7', impact: 2, urgency: 2, type: 'incident', reported_at: day(d) })),
    ...[2, 6, 10].map((d) => incident({ configuration_item: 'SUB-7', impact: 4, urgency: 4, type: 'incident', reported_at: day(d) })),
    incident({ configuration_item: 'SUB-7', impact: 4, type: 'incident', reported_at: day(3) }),
  ];
  const r = detect(records, defaultDetection(), { rules: ['shared'] });
  // Ranked by score, the newer first; compared here by key.
  const byKey = [...r.candidates].sort((a, b) => a.key.localeCompare(b.key));
  assert.deepEqual(
    byKey.map((c) => [c.key, c.rules, c.incidents]),
    [
      ['shared:1:SUB-7|2|2|incident', ['shared'], ['INC-0001', 'INC-0002', 'INC-0003', 'INC-0004']],
      ['shared:1:SUB-7|4|4|incident', ['shared'], ['INC-0005', 'INC-0006', 'INC-0007']],
    ],
  );
  assert.equal(byKey[0].label, 'configuration item SUB-7, impact 2, urgency 2, type incident');
  assert.equal(byKey[0].evidence[0], '4 incidents share the configuration item SUB-7, impact 2, urgency 2, type incident.');
});

test('a caller and a resolver: a run of incidents cut where a quiet week passed, and the short run left out', () => {
  next = 0;
  const source = { resolved_by: 'Resolved by 98' };
  const records = [
    ...[1, 3, 4, 8].map((d) => incident({ reporter: { name: 'Caller 4166' }, source, reported_at: day(d) })),
    // 17 days later: a new run of two, too short to be a candidate.
    ...[25, 26].map((d) => incident({ reporter: { name: 'Caller 4166' }, source, reported_at: day(d) })),
  ];
  const r = detect(records, defaultDetection(), { rules: ['shared'] });
  assert.deepEqual(
    r.candidates.map((c) => [c.key, c.incidents]),
    [['shared:6:Caller 4166|Resolved by 98@2026-03-01', ['INC-0001', 'INC-0002', 'INC-0003', 'INC-0004']]],
  );
  assert.deepEqual(r.candidates[0].evidence.slice(0, 2), [
    '4 incidents share the caller Caller 4166, resolver Resolved by 98.',
    'Reported 2026-03-01 to 2026-03-08, none more than 168 hours after the one before.',
  ]);
  const inId = inIndonesian(() => detect(records, defaultDetection(), { rules: ['shared'] }).candidates[0]);
  assert.equal(shownEvidence(inId)[0], '4 insiden memiliki pelapor Caller 4166, penyelesai Resolved by 98 yang sama.');
  assert.equal(inId.label, 'pelapor Caller 4166, penyelesai Resolved by 98');
  // A drafted problem record is written in English whatever the language it was detected in.
  assert.equal(candidateTitle(inId), 'Repeated incidents with the same caller Caller 4166, resolver Resolved by 98');
});

test('profiles from kedb.config.yaml replace the built-in ones; a derived yes/no attribute and a capped count are values too', () => {
  next = 0;
  const records = [
    ...[1, 2, 3].map((d) => incident({ service: 'Payroll', source: { related_interaction: '#MULTIVALUE', reassignments: 5 }, reported_at: day(d) })),
    ...[4, 5, 6].map((d) => incident({ service: 'Payroll', source: { related_interaction: `SD00${d}`, reassignments: 3 }, reported_at: day(d) })),
  ];
  const settings = resolveDetection({
    shared: { profiles: [{ fields: ['service', { path: 'source.related_interaction', is: '#MULTIVALUE', name: 'several interactions' }, { path: 'source.reassignments', at_most: 3 }] }] },
  });
  assert.equal(settings.shared.profiles.length, 1);
  const r = detect(records, settings, { rules: ['shared'] });
  assert.deepEqual(
    r.candidates.map((c) => [c.label, c.incidents]).sort((a, b) => String(a[1][0]).localeCompare(String(b[1][0]))),
    [
      ['service Payroll, several interactions yes, reassignments 3+', ['INC-0001', 'INC-0002', 'INC-0003']],
      ['service Payroll, several interactions no, reassignments 3+', ['INC-0004', 'INC-0005', 'INC-0006']],
    ],
  );
  // A profile that is not one (no fields) keeps the built-in ones.
  assert.equal(resolveDetection({ shared: { profiles: [{ gap_hours: 5 }] } }).shared.profiles.length, defaultDetection().shared.profiles.length);
  assert.equal(resolveDetection({ shared: { enabled: false } }).shared.enabled, false);
});
