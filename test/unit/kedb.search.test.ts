import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KnownErrorCache, KnownErrorIndex, TextIndex } from '../../src/core/kedb';
import { workspace } from './kedbHelpers';

const ke = (id: string, title: string, symptoms: string[], rootCauses: string[] = [], workaround = 'Restart it.') =>
  `kind: known_error\nid: ${id}\nproblem: PRB-${id.slice(3)}\ntitle: ${JSON.stringify(title)}\nsymptoms:\n${symptoms.map((s) => `  - ${JSON.stringify(s)}`).join('\n')}\nroot_causes:\n${rootCauses.map((s) => `  - ${JSON.stringify(s)}`).join('\n') || '  []'}\nworkaround: ${JSON.stringify(workaround)}\n`;

const CORPUS = {
  'known-errors/KE-0001.yaml': ke('KE-0001', 'VPN tunnel drops after router firmware update', ['Telemedicine sessions end with "connection lost".', 'Restarting the PC does not help.'], ['Faulty router firmware.'], 'Roll back the router firmware.'),
  'known-errors/KE-0002.yaml': ke('KE-0002', 'Printer queue stuck on macOS', ['Print jobs stay in the queue.', 'The printer shows offline on Macs.'], ['Outdated printer driver.']),
  'known-errors/KE-0003.yaml': ke('KE-0003', 'Payment confirmations late after billing patch', ['Customers are charged but invoices stay unpaid.', 'Payment confirmation emails arrive hours late.'], ['Unstable billing database patch.']),
  'known-errors/KE-0004.yaml': ke('KE-0004', 'SaaS dashboard returns HTTP 503', ['The dashboard does not load.', 'Jobs stay queued.'], ['Kubernetes cluster overloaded.']),
  'known-errors/KE-0005.yaml': ke('KE-0005', 'NAS disconnects several times a day', ['File shares drop.', 'Workflows slow down.'], ['Unstable NAS firmware; the router drops the link.']),
  'known-errors/KE-0006.yaml': ke('KE-0006', 'Headset not detected after firmware upgrade', ['The Bose headset is not recognised.'], ['Driver incompatible with the new firmware.']),
};

function ranking(index: KnownErrorIndex, query: string): string[] {
  return index.search(query, 10).map((h) => h.id);
}

test('search ranks by title, symptoms and root causes, best first', () => {
  const ws = workspace(CORPUS);
  const index = KnownErrorIndex.build(ws.records('known_error'));
  assert.equal(index.size, 6);
  assert.equal(ranking(index, 'vpn connection lost at the clinic')[0], 'KE-0001');
  assert.equal(ranking(index, 'mac print jobs stuck')[0], 'KE-0002');
  assert.equal(ranking(index, 'invoice unpaid but customer charged')[0], 'KE-0003');
  assert.equal(ranking(index, '503 kubernetes')[0], 'KE-0004');
  assert.equal(ranking(index, 'file share keeps dropping')[0], 'KE-0005');
  // Synonyms and stems: "upgraded" meets "update", "upgrade" and even "patch" (one ITSM concept).
  assert.deepEqual(ranking(index, 'firmware upgraded').slice(0, 2).sort(), ['KE-0001', 'KE-0006']);
  assert.ok(ranking(index, 'upgraded').includes('KE-0003'), 'billing patch');
  assert.equal(ranking(index, 'headset firmware upgraded')[0], 'KE-0006');
  assert.deepEqual(ranking(index, 'quantum entanglement'), [], 'nothing shared, nothing found');
  assert.deepEqual(ranking(index, ''), []);
});

test('scores are cosines: the title alone scores highest on itself, and every score is in (0, 1]', () => {
  const ws = workspace(CORPUS);
  const index = KnownErrorIndex.build(ws.records('known_error'));
  const hits = index.search('Printer queue stuck on macOS Print jobs stay in the queue. The printer shows offline on Macs. Outdated printer driver.', 6);
  assert.equal(hits[0].id, 'KE-0002');
  assert.ok(hits[0].score > 0.9, String(hits[0].score));
  for (const h of hits) assert.ok(h.score > 0 && h.score <= 1);
  for (let i = 1; i < hits.length; i++) assert.ok(hits[i - 1].score >= hits[i].score);
  assert.equal(hits[0].workaround, 'Restart it.');
  assert.equal(hits[0].problem, 'PRB-0002');
});

test('an incident matches the known error its text resembles, from the threshold up', () => {
  const ws = workspace(CORPUS);
  const index = KnownErrorIndex.build(ws.records('known_error'));
  const weights = ws.config.detection.text.weights;
  const incident = { title: 'Clinic cannot reach telemedicine: connection lost', description: 'Since the router firmware update last night every VPN session drops. Restarting the PCs did not help.' };
  const hits = index.matchIncident(incident, weights, 0.3, 3);
  assert.equal(hits[0]?.id, 'KE-0001');
  assert.ok(hits[0].score >= 0.3);
  assert.deepEqual(index.matchIncident({ title: 'Request a new laptop for the intern' }, weights, 0.3, 3), []);
});

test('the text index weighs pairs and fields as the detector does: word order matters through pairs', () => {
  const index = TextIndex.build([
    { fields: [{ text: 'router firmware update', weight: 1 }] },
    { fields: [{ text: 'update the printer driver, then the router', weight: 1 }] },
  ]);
  const [first] = index.query({ fields: [{ text: 'router update', weight: 1 }] }, 2);
  assert.equal(first.doc, 0);
});

test('the known-error cache rebuilds when a known error changes, not when an incident does', async () => {
  const ws = workspace({ ...CORPUS, 'incidents/INC-0001.yaml': 'kind: incident\nid: INC-0001\ntitle: VPN down\n' });
  const cache = new KnownErrorCache();
  const a = cache.get(ws);
  ws.setFileText('incidents/INC-0001.yaml', 'kind: incident\nid: INC-0001\ntitle: VPN down since the update\n');
  assert.equal(cache.get(ws), a, 'an incident edit keeps the index');
  ws.setFileText('known-errors/KE-0007.yaml', ke('KE-0007', 'Badge reader rejects every card', ['Doors stay locked.']));
  const b = cache.get(ws);
  assert.notEqual(b, a);
  assert.equal(b.search('badge reader doors', 1)[0].id, 'KE-0007');
  // A known error replaced without an event (a reload from disk) is noticed too.
  await ws.readInto({ listFiles: () => [], readFile: () => new TextEncoder().encode(ke('KE-0007', 'Turnstile jams', ['Gate stuck.'])) }, 'known-errors/KE-0007.yaml', false);
  assert.equal(cache.get(ws).search('turnstile gate', 1)[0]?.id, 'KE-0007');
  cache.dispose();
});
