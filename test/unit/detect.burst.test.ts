/**
 * Rule 4, bursts (src/core/candidates/burstRule.ts), on made-up workspaces: a burst at one
 * location over a quiet background is found with its window and evidence; a steady busy location
 * is not a burst; incidents without a date take no part.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { burstLlr, defaultDetection, detect, formatRate, logPoissonTail, resolveDetection, type RecordEntry } from '../../src/core';

const HOUR = 3_600_000;
const START = Date.parse('2026-03-01T00:00:00Z');

let next = 0;
function incident(fields: Record<string, unknown>): RecordEntry {
  const id = `INC-${String(++next).padStart(4, '0')}`;
  return { file: `incidents/${id}.yaml`, ordinal: 0, kind: 'incident', id, value: { kind: 'incident', id, title: `Ticket ${id}`, ...fields } };
}

const at = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/**
 * 30 days: HQ every 3 hours from 01:30 (240 incidents, steady and busy), Branch 7 at noon every
 * other day (15), and a burst of 8 at Branch 7 between 08:10 and 09:40 on 2026-03-21.
 */
function workspace(): { records: RecordEntry[]; burst: string[] } {
  const records: RecordEntry[] = [];
  for (let k = 0; k < 240; k++) records.push(incident({ location: 'HQ', reported_at: at(START + 1.5 * HOUR + k * 3 * HOUR) }));
  for (let d = 2; d <= 30; d += 2) records.push(incident({ location: 'Branch 7', reported_at: `2026-03-${String(d).padStart(2, '0')}T12:00:00Z` }));
  const burst: string[] = [];
  for (const hm of ['08:10', '08:20', '08:35', '08:50', '09:05', '09:15', '09:30', '09:40']) {
    const r = incident({ location: 'Branch 7', reported_at: `2026-03-21T${hm}:00Z` });
    records.push(r);
    burst.push(r.id!);
  }
  return { records, burst };
}

test('a burst of 8 incidents at one location within 90 minutes over a quiet background is one candidate, with its window and evidence', () => {
  const { records, burst } = workspace();
  const r = detect(records, defaultDetection(), { rules: ['burst'] });
  assert.deepEqual(
    r.candidates.map((c) => [c.key, c.rules, c.label, c.incidents]),
    [['burst:location=Branch 7@2026-03-21T08:10', ['burst'], 'Branch 7', burst]],
  );
  const c = r.candidates[0];
  assert.equal(c.firstReportedAt, '2026-03-21T08:10:00Z');
  assert.equal(c.lastReportedAt, '2026-03-21T09:40:00Z');
  // Branch 7: 23 of the 263 dated incidents over 717 hours; 8 incidents of any kind in the window.
  assert.deepEqual(c.evidence, [
    '8 incidents with the location Branch 7 between 08:10 and 09:40 on 2026-03-21 (UTC), against 0.032 an hour usually.',
    'It has 8.7% of all incidents, so 0.7 of the 8 reported in that window were expected (p < 0.001).',
    'Reported 2026-03-21 to 2026-03-21 (within a day).',
  ]);
  // As specific as a CI window: rule weight 1.
  // No incident carries a priority: severity is left out of the score (1), not counted as the lowest.
  assert.deepEqual([c.scoreParts.rule, c.scoreParts.n, c.scoreParts.severity], [1, 8, 1]);
});

test('a steady busy location with no burst gives no candidate', () => {
  // HQ alone, every 3 hours for 30 days, and beside it another location just as steady.
  const records: RecordEntry[] = [];
  for (let k = 0; k < 240; k++) {
    records.push(incident({ location: 'HQ', reported_at: at(START + 1.5 * HOUR + k * 3 * HOUR) }));
    records.push(incident({ location: 'Depot', reported_at: at(START + 2 * HOUR + k * 3 * HOUR) }));
  }
  assert.deepEqual(detect(records, defaultDetection(), { rules: ['burst'] }).candidates, []);
  // And HQ takes no part in the burst beside it.
  const { records: mixed } = workspace();
  assert.deepEqual(detect(mixed, defaultDetection(), { rules: ['burst'] }).candidates.map((c) => c.label), ['Branch 7']);
});

test('incidents without a valid reported_at take no part: the same burst, window and evidence', () => {
  const { records, burst } = workspace();
  const before = detect(records, defaultDetection(), { rules: ['burst'] }).candidates;
  const undated = [incident({ location: 'Branch 7' }), incident({ location: 'Branch 7', reported_at: 'soon' }), incident({ location: 'Branch 7' })];
  // Three undated incidents at Branch 7 alone are no burst either.
  assert.deepEqual(detect(undated, defaultDetection(), { rules: ['burst'] }).candidates, []);
  const after = detect([...undated, ...records], defaultDetection(), { rules: ['burst'] }).candidates;
  assert.deepEqual(
    after.map((c) => [c.key, c.incidents, c.evidence]),
    before.map((c) => [c.key, c.incidents, c.evidence]),
  );
  assert.deepEqual(after[0].incidents, burst);
});

test('the burst rule is on by default, can be switched off, and spans days in its evidence', () => {
  assert.deepEqual(defaultDetection().burst, { enabled: true, minCount: 3, maxHours: 72, significance: 0.01, pairs: true });
  const off = resolveDetection({ burst: { enabled: false, max_hours: 6, significance: 0.001, min_count: 4, pairs: false } });
  assert.deepEqual(off.burst, { enabled: false, minCount: 4, maxHours: 6, significance: 0.001, pairs: false });
  const { records } = workspace();
  assert.equal(detect(records, off).candidates.filter((c) => c.rules.includes('burst')).length, 0);

  // Four at one assignment group across midnight, among 200 steady incidents of other groups.
  const night: RecordEntry[] = [];
  for (let k = 0; k < 200; k++) night.push(incident({ assignment_group: `Team ${k % 5}`, reported_at: at(START + k * 3 * HOUR) }));
  for (const when of ['2026-03-10T23:40:00Z', '2026-03-10T23:55:00Z', '2026-03-11T00:05:00Z', '2026-03-11T00:20:00Z']) night.push(incident({ assignment_group: 'Network', reported_at: when }));
  const [c] = detect(night, defaultDetection(), { rules: ['burst'] }).candidates;
  assert.equal(c.key, 'burst:group=Network@2026-03-10T23:40');
  assert.equal(c.evidence[0], '4 incidents with the assignment group Network between 2026-03-10 23:40 and 2026-03-11 00:20 (UTC), against 0.0067 an hour usually.');
});

test('pairs: a location and an assignment group that burst together are named together, and only when pairs are on', () => {
  // 300 steady incidents over five clinics and five teams (Clinic 2 never goes to Network), then six
  // at Clinic 2 for Network within a day: too few for either value alone to stand out.
  const teams = ['Network', 'Desk', 'Apps', 'Infra', 'Field'];
  const records: RecordEntry[] = [];
  for (let k = 0; k < 300; k++) records.push(incident({ location: `Clinic ${k % 5}`, assignment_group: teams[(k * 2) % 5], reported_at: at(START + k * 2 * HOUR) }));
  for (const h of [1, 3, 6, 9, 14, 20]) records.push(incident({ location: 'Clinic 2', assignment_group: 'Network', reported_at: at(START + 200 * HOUR + h * HOUR) }));
  const on = defaultDetection();
  const found = detect(records, on, { rules: ['burst'] }).candidates;
  assert.ok(!found.some((c) => c.keys.some((k) => k.startsWith('burst:location=') || k.startsWith('burst:group='))), found.map((c) => c.keys.join(' ')).join('; '));
  const pair = found.find((c) => c.key.startsWith('burst:location-group='));
  assert.ok(pair, `a burst on the pair: ${found.map((c) => c.key).join('; ')}`);
  assert.equal(pair.key.split('@')[0], 'burst:location-group=Clinic 2 / Network');
  assert.match(pair.evidence[0], /^6 incidents with the location and assignment group Clinic 2 \/ Network between /);
  const off = defaultDetection();
  off.burst.pairs = false;
  assert.ok(!detect(records, off, { rules: ['burst'] }).candidates.some((c) => c.key.includes('location-group')));
});

test('the statistics: Poisson tail, likelihood ratio, rates', () => {
  assert.ok(Math.abs(logPoissonTail(1, 1) - Math.log(1 - Math.exp(-1))) < 1e-9);
  assert.ok(Math.abs(logPoissonTail(3, 0.5) - Math.log(1 - Math.exp(-0.5) * (1 + 0.5 + 0.125))) < 1e-9);
  assert.equal(burstLlr(2, 3, 10), 0);
  assert.ok(Math.abs(burstLlr(8, 0.7, 23) - (8 * Math.log(8 / 0.7) + 15 * Math.log(15 / 22.3))) < 1e-9);
  assert.deepEqual([12.4, 1.46, 0.6, 0.0321, 0].map(formatRate), ['12', '1.5', '0.6', '0.032', '0']);
});
