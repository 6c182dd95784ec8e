/**
 * The checklist suggesters, rule by rule, in English and Indonesian: each suggestion's value,
 * confidence and evidence; no suggestion without evidence; conflicting evidence ranked with the
 * loser shown.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { PRESETS, resolveConfig, suggestChecklist, Workspace, type FieldSuggestion, type KedbConfig } from '../../src/core';
import { PhraseMatcher, tokenize } from '../../src/core/text/tokens';
import { NodeFsHost } from '../../src/node/fsHost';
import { REPO_ROOT } from './helpers';

const M = PRESETS['itil-3x3'];

function config(checklist: unknown = {}, extra: Record<string, unknown> = {}): KedbConfig {
  return resolveConfig({ ...extra, checklist });
}

function suggest(fields: Record<string, unknown>, c: KedbConfig = config(), matrix = M): Map<string, FieldSuggestion> {
  const { suggestions } = suggestChecklist({ kind: 'incident', id: 'INC-0001', title: 'x', ...fields }, c, matrix);
  return new Map(suggestions.map((s) => [s.field, s]));
}

/** "value confidence [evidence…]" of one field, or undefined. */
function brief(s: FieldSuggestion | undefined): string | undefined {
  return s && `${String(s.value)} ${s.confidence.toFixed(2)} [${s.evidence.map((e) => `${e.in}:${e.text}`).join(', ')}]`;
}

// ---- channel --------------------------------------------------------------------------------------

test('channel: "through the portal" is the web portal, in the ticket\'s own words', () => {
  const s = suggest({ body: 'Printers are offline. Raising this ticket via the service portal.' }).get('channel');
  assert.equal(brief(s), 'portal 0.88 [body:Raising this ticket, body:via the service portal]');
  assert.equal(s?.reason, "the body says 'Raising this ticket' and 'via the service portal'");
  assert.equal(s?.rule, 'built-in (en)');
});

test('channel: a letter\'s form is email; Indonesian letters too', () => {
  assert.equal(brief(suggest({ body: 'Dear team, the VPN drops. Kind regards, Ana' }).get('channel')), 'email 0.67 [body:Dear, body:Kind regards]');
  assert.equal(brief(suggest({ body: 'Dengan hormat, VPN kantor terputus. Hormat saya, Budi' }).get('channel')), 'email 0.67 [body:Dengan hormat, body:Hormat saya]');
});

test('channel: Indonesian portal, phone and chat phrasing', () => {
  assert.equal(suggest({ body: 'Saya melaporkan ini melalui portal layanan.' }).get('channel')?.value, 'portal');
  assert.equal(brief(suggest({ body: 'Pak Andi menelepon pagi ini, printer rusak.' }).get('channel')), 'phone 0.80 [body:menelepon]');
  assert.equal(suggest({ body: 'Dilaporkan lewat whatsapp oleh kepala klinik.' }).get('channel')?.value, 'chat');
  assert.equal(suggest({ body: 'The user walked in to the service desk with a broken laptop.' }).get('channel')?.value, 'walk-in');
  assert.equal(suggest({ body: 'Automated alert from Zabbix: disk usage threshold exceeded on DB01.' }).get('channel')?.value, 'monitoring');
});

test('channel: "the billing portal is down" names the service, not the channel', () => {
  assert.equal(suggest({ body: 'The billing portal is down since this morning.' }).get('channel'), undefined);
});

// ---- no evidence, no suggestion ------------------------------------------------------------------

test('a ticket without evidence gets no suggestion at all', () => {
  const { missing, suggestions } = suggestChecklist({ kind: 'incident', id: 'INC-0004', title: 'See attachment', body: 'Hello. See the attached file. Thanks.' }, config(), M);
  assert.ok(missing.includes('channel') && missing.includes('impact'));
  assert.deepEqual(suggestions, []);
});

test('only the ticket\'s words count: source (the imported ground truth) is never read', () => {
  const s = suggest({ body: 'See attached.', source: { original_type: 'Request', original_priority: 'critical', queue: 'Billing and Payments' } });
  assert.deepEqual([...s.keys()], []);
});

test('fields the record already has are not suggested', () => {
  const s = suggest({ channel: 'phone', body: 'Dear team, I raised this ticket through the portal. All users are offline.' });
  assert.equal(s.has('channel'), false);
  assert.equal(s.get('impact')?.value, 'high');
});

// ---- conflicting evidence ------------------------------------------------------------------------

test('conflicting evidence: the higher confidence wins and the other value is shown with its own', () => {
  const s = suggest({ body: 'Dear support, I submitted a ticket through the portal yesterday. Kind regards' }).get('channel')!;
  assert.equal(brief(s), 'portal 0.88 [body:submitted a ticket, body:through the portal]');
  assert.deepEqual(
    s.alternatives.map((a) => `${a.value} ${a.confidence.toFixed(2)} ${a.reason}`),
    ["email 0.67 the body says 'Dear' and 'Kind regards'"],
  );
  const u = suggest({ body: 'It is critical for the audit, but there is no rush: next week is fine.' }).get('urgency')!;
  assert.equal(brief(u), 'high 0.80 [body:critical]');
  assert.deepEqual(u.alternatives.map((a) => `${a.value} ${a.confidence.toFixed(2)} ${a.reason}`), ["low 0.70 the body says 'no rush'"]);
});

// ---- type ----------------------------------------------------------------------------------------

test('type: request phrasing is a service request; a break is an incident', () => {
  assert.equal(brief(suggest({ body: 'I would like to request information about your pricing.' }).get('type')), 'service-request 0.92 [body:request information, body:information about, body:pricing, body:would like to]');
  assert.equal(suggest({ body: 'The scanner is not working and shows an error.' }).get('type')?.value, 'incident');
});

test('type in Indonesian: "bukan insiden" is a request, and its negation keeps "insiden"-like words from counting', () => {
  const s = suggest({ body: 'Bukan insiden, hanya ingin menanyakan cara ekspor laporan.' }).get('type')!;
  assert.equal(s.value, 'service-request');
  assert.deepEqual(s.evidence.map((e) => e.text), ['Bukan insiden', 'ingin menanyakan']);
  assert.equal(suggest({ body: 'Aplikasi EMR gagal dibuka dan tidak berfungsi sejak pagi.' }).get('type')?.value, 'incident');
});

test('status: a service request is converted, as the seed converted them', () => {
  assert.equal(brief(suggest({ body: 'Please create an account for our new starter.' }).get('status')), 'converted-to-service-request 0.84 [body:Please create]');
  assert.equal(suggest({ type: 'service-request', body: 'x' }).get('status')?.reason, "it is a service request (type is 'service-request')");
  assert.equal(suggest({ body: 'The VPN is down.' }).get('status'), undefined, 'an incident\'s status is no word\'s to say');
});

// ---- category ------------------------------------------------------------------------------------

test('category: a tag naming a workspace category comes first; later tags are alternatives', () => {
  const c = config({}, { categories: ['Outage', 'Network', 'Billing'] });
  const s = suggest({ tags: ['Account', 'Outage', 'Network'], body: 'x' }, c).get('category')!;
  assert.equal(brief(s), 'Outage 0.90 [tags:Outage]');
  assert.deepEqual(s.alternatives.map((a) => `${a.value} ${a.confidence}`), ['Network 0.85']);
  assert.equal(s.rule, 'a tag that names a category');
});

test('category: keywords when no tag names one, in English and Indonesian, in the workspace\'s spelling', () => {
  const c = config({}, { categories: ['network', 'Billing', 'Hardware'] });
  assert.equal(brief(suggest({ body: 'The VPN router drops every hour.' }, c).get('category')), 'network 0.72 [body:VPN, body:router]');
  assert.equal(brief(suggest({ body: 'Tagihan bulan ini salah, pembayaran ganda.' }, c).get('category')), 'Billing 0.76 [body:Tagihan, body:pembayaran]');
  // A built-in category the workspace does not use is never suggested.
  assert.equal(suggest({ body: 'We got a phishing email.' }, c).get('category'), undefined);
});

test('category: the config\'s tag and word rules, wildcards included', () => {
  const c = config(
    { suggest: { rules: [{ field: 'category', value: 'Billing and Payments', tags: ['Payment'], words: ['invoice*'], confidence: 0.7 }] } },
    { categories: ['Billing and Payments', 'Technical Support'] },
  );
  const s = suggest({ tags: ['Payment'], body: 'Two invoices were charged twice.' }, c).get('category')!;
  assert.equal(brief(s), 'Billing and Payments 0.81 [body:invoices, tags:Payment]');
  assert.equal(s.rule, 'kedb.config.yaml checklist.suggest.rules[0]');
});

// ---- service and configuration item --------------------------------------------------------------

const DICT = config({
  suggest: {
    services: [{ name: 'Telemedicine & EMR', aliases: ['telemedicine', 'rekam medis elektronik'] }, 'SaaS Platform'],
    configuration_items: [{ name: 'VPN-RTR-01', aliases: ['vpn router', 'Cisco RV340'], service: 'Telemedicine & EMR' }],
  },
});

test('service and CI from the workspace dictionary, by name or alias; a CI brings its service', () => {
  const s = suggest({ body: 'The Cisco RV340 reboots every hour.' }, DICT);
  assert.equal(brief(s.get('configuration_item')), 'VPN-RTR-01 0.75 [body:Cisco RV340]');
  assert.equal(brief(s.get('service')), 'Telemedicine & EMR 0.68 [body:Cisco RV340]');
  assert.equal(s.get('service')?.reason, "the body says 'Cisco RV340', and VPN-RTR-01 belongs to Telemedicine & EMR");
  assert.equal(brief(suggest({ body: 'Akses rekam medis elektronik lambat.' }, DICT).get('service')), 'Telemedicine & EMR 0.75 [body:rekam medis elektronik]');
  assert.equal(brief(suggest({ title: 'SaaS platform 503', body: 'x' }, DICT).get('service')), 'SaaS Platform 0.85 [title:SaaS platform]');
  assert.equal(suggest({ tags: ['VPN-RTR-01'], body: 'x' }, DICT).get('configuration_item')?.value, 'VPN-RTR-01');
  assert.equal(suggest({ body: 'The router reboots.' }, DICT).get('configuration_item'), undefined);
});

// ---- impact and urgency --------------------------------------------------------------------------

test('impact from scope words: all users, several users, one user; Indonesian too', () => {
  assert.equal(brief(suggest({ body: 'All users in the clinic are affected.' }).get('impact')), 'high 0.80 [body:All users]');
  assert.equal(brief(suggest({ body: 'Semua pengguna di cabang Darmo terdampak.' }).get('impact')), 'high 0.80 [body:Semua pengguna]');
  assert.equal(brief(suggest({ body: 'Several users on the third floor see it.' }).get('impact')), 'medium 0.65 [body:Several users]');
  assert.equal(brief(suggest({ body: 'Beberapa pengguna tidak bisa mencetak.' }).get('impact')), 'medium 0.65 [body:Beberapa pengguna]');
  assert.equal(brief(suggest({ body: 'It only affects me, nobody else.' }).get('impact')), 'low 0.70 [body:only affects me]');
  assert.equal(brief(suggest({ body: 'Hanya saya yang mengalami ini.' }).get('impact')), 'low 0.70 [body:Hanya saya]');
});

test('urgency from severity words: offline, cannot work, tidak bisa bekerja; negation cancels', () => {
  assert.equal(brief(suggest({ body: 'The portal is offline and we cannot work.' }).get('urgency')), 'high 0.88 [body:offline, body:cannot work]');
  assert.equal(brief(suggest({ body: 'Sistem lumpuh, kami tidak bisa bekerja.' }).get('urgency')), 'high 0.88 [body:lumpuh, body:tidak bisa bekerja]');
  assert.equal(brief(suggest({ body: 'Printing is slow at times.' }).get('urgency')), 'medium 0.60 [body:slow]');
  assert.equal(brief(suggest({ body: 'Not urgent: a question about the report layout.' }).get('urgency')), 'low 0.70 [body:Not urgent]');
  assert.equal(brief(suggest({ body: 'Tidak mendesak, hanya pertanyaan.' }).get('urgency')), 'low 0.70 [body:Tidak mendesak]');
  assert.equal(brief(suggest({ body: 'Just a question about the report layout.' }).get('urgency')), 'low 0.70 [body:Just a question]');
  assert.equal(brief(suggest({ body: 'Saya hanya ingin bertanya soal format laporan.' }).get('urgency')), 'low 0.70 [body:hanya ingin bertanya]');
  // "questions about the outage" is no sign of a low urgency.
  assert.equal(suggest({ body: 'I have questions about the outage status.' }).get('urgency')?.value, 'high');
  // "is not offline": the negation takes the word's evidence away.
  assert.equal(suggest({ body: 'The server is not offline, it only rebooted.' }).get('urgency'), undefined);
  // Contractions fold: "can't work" is "cannot work".
  assert.equal(suggest({ body: "We can't work since 8:00." }).get('urgency')?.value, 'high');
});

test('a service request is low impact and low urgency, unless its words say otherwise', () => {
  const s = suggest({ type: 'service-request', body: 'Please prepare a laptop for the new starter.' });
  assert.equal(brief(s.get('impact')), 'low 0.60 [type:service-request]');
  assert.equal(brief(s.get('urgency')), 'low 0.60 [type:service-request]');
  assert.equal(s.get('impact')?.reason, "it is a service request (type is 'service-request')");
  assert.equal(brief(s.get('priority')), 'P5 0.60 [type:service-request]');
  const urgent = suggest({ type: 'service-request', body: 'Please create the account urgently, she starts today.' }).get('urgency')!;
  assert.equal(urgent.value, 'high');
  assert.deepEqual(urgent.alternatives.map((a) => a.value), ['low']);
  // A request suggested from its words is not pushed to low: phrasing is no measure of urgency.
  assert.equal(suggest({ body: 'Please prepare a laptop for the new starter.' }).get('impact'), undefined);
});

test('numeric matrices: high, medium and low become the matrix\'s first, middle and last level', () => {
  const s = suggest({ body: 'All users are offline.' }, config({}, { priority: { matrix: 'rabobank-5x5' } }), PRESETS['rabobank-5x5']);
  assert.deepEqual([s.get('impact')?.value, s.get('urgency')?.value, s.get('priority')?.value], [1, 1, 'P1']);
  const low = suggest({ body: 'Only me, no rush.' }, config({}, { priority: { matrix: 'rabobank-5x5' } }), PRESETS['rabobank-5x5']);
  assert.deepEqual([low.get('impact')?.value, low.get('urgency')?.value, low.get('priority')?.value], [5, 5, 'P5']);
});

// ---- priority ------------------------------------------------------------------------------------

test('priority: the matrix on the suggested impact × urgency, no surer than the less sure of them', () => {
  const s = suggest({ body: 'All users are offline.' }).get('priority')!;
  assert.equal(brief(s), 'P1 0.80 [body:All users, body:offline]');
  assert.equal(s.reason, 'impact high × urgency high gives P1 (itil-3x3)');
  assert.equal(suggest({ impact: 'medium', urgency: 'low', body: 'x' }).get('priority')?.value, 'P4');
  assert.equal(suggest({ body: 'The portal is offline.' }).get('priority'), undefined, 'no scope word: no impact, no priority');
});

test('a priority the record has: impact follows from it and the urgency the words give', () => {
  const s = suggest({ priority: 'P2', body: 'The scanner is offline.' });
  assert.equal(s.get('urgency')?.value, 'high');
  assert.equal(brief(s.get('impact')), 'medium 0.72 [priority:P2, body:offline]');
  assert.equal(s.get('impact')?.reason, "priority P2 with urgency high (the body says 'offline') needs impact medium (itil-3x3)");
  // The request policy never contradicts a given priority (low × low is P5, not P3).
  const r = suggest({ type: 'service-request', priority: 'P3', body: 'Please prepare a laptop.' });
  assert.equal(r.has('impact') || r.has('urgency'), false);
});

// ---- escalation ----------------------------------------------------------------------------------

const ROUTES = { escalation: { routes: [{ category: 'Network', team: 'NOC' }, { service: 'Portal', team: 'Platform' }] } };

test('escalation.team from the routing rules, only where the priority needs an escalation', () => {
  const c = config({}, ROUTES);
  const s = suggest({ category: 'Network', priority: 'P1', impact: 'high', urgency: 'high', reported_at: '2025-09-22T10:00:00+07:00', body: 'x' }, c);
  assert.equal(brief(s.get('escalation.team')), 'NOC 0.90 [category:Network]');
  assert.equal(s.get('escalation.team')?.reason, "category is 'Network', which routes to NOC");
  assert.equal(s.get('escalation.escalated_at')?.value, '2025-09-22T10:00:00+07:00');
  assert.equal(brief(s.get('escalation.eta')), '2025-09-22T14:00:00+07:00 0.95 [reported_at:2025-09-22T10:00:00+07:00, priority:P1]');
  assert.equal(suggest({ category: 'Network', priority: 'P3', body: 'x' }, c).has('escalation.team'), false, 'a P3 is not escalated');
});

test('escalation.team through a suggested category; no route, no team (the default team is no evidence)', () => {
  const c = config({}, { ...ROUTES, categories: ['Network', 'Outage'] });
  const s = suggest({ priority: 'P2', body: 'The VPN router drops.' }, c).get('escalation.team')!;
  assert.equal(s.value, 'NOC');
  assert.equal(s.reason, "category would be 'Network' (the body says 'VPN' and 'router'), which routes to NOC");
  assert.equal(suggest({ priority: 'P2', category: 'Billing', body: 'Invoices are wrong.' }, c).has('escalation.team'), false);
});

test('escalation.team from the seed lab\'s own routes: printers to Endpoint/Vendor', async () => {
  const ws = await Workspace.load(new NodeFsHost(path.join(REPO_ROOT, 'samples', 'lab-02')));
  const s = suggestChecklist({ kind: 'incident', id: 'INC-0999', title: 't', service: 'Printing Service', priority: 'P2', impact: 'medium', urgency: 'high' }, ws.config, ws.matrix);
  assert.equal(s.suggestions.find((x) => x.field === 'escalation.team')?.value, 'Endpoint/Vendor');
});

// ---- configuration -------------------------------------------------------------------------------

test('builtins: false leaves only the workspace\'s rules; languages picks the built-in dictionaries', () => {
  const mine = config({ suggest: { builtins: false, rules: [{ field: 'channel', value: 'chat', words: ['teams message'] }] } });
  assert.deepEqual([...suggest({ body: 'Dear all, sent as a Teams message: all users offline.' }, mine).keys()], ['channel']);
  const english = config({ suggest: { languages: ['en'] } });
  assert.equal(suggest({ body: 'Semua pengguna tidak bisa bekerja.' }, english).size, 0);
});

test('a rule reads only the fields it names; min_confidence drops weak suggestions', () => {
  const titleOnly = config({ suggest: { builtins: false, rules: [{ field: 'urgency', value: 'high', words: ['p1'], in: ['title'] }] } });
  assert.equal(suggest({ title: 'P1: VPN', body: 'x' }, titleOnly).get('urgency')?.value, 'high');
  assert.equal(suggest({ title: 'VPN', body: 'treat as P1' }, titleOnly).get('urgency'), undefined);
  const strict = config({ suggest: { min_confidence: 0.7 } });
  assert.equal(suggest({ body: 'Dear team, printing is slow.' }, strict).size, 0);
});

test('words ending or starting with * match word parts: invoice*, *blokir', () => {
  const c = config({ suggest: { builtins: false, rules: [{ field: 'urgency', value: 'high', words: ['*blokir'] }, { field: 'category', value: 'Billing', words: ['invoice*'] }] } });
  assert.equal(brief(suggest({ body: 'Akses terblokir sejak pagi.' }, c).get('urgency')), 'high 0.80 [body:terblokir]');
  assert.equal(suggest({ body: 'Invoices fail to send.' }, c).get('category')?.value, 'Billing');
  assert.equal(suggest({ body: 'Invoicing fails.' }, c).get('category'), undefined, 'invoice* is invoice followed by letters');
});

// ---- the seed lab as a check ---------------------------------------------------------------------

test('on the seed lab\'s own records, with their answers hidden, the suggesters mostly agree with the seed', async () => {
  const ws = await Workspace.load(new NodeFsHost(path.join(REPO_ROOT, 'samples', 'lab-02')));
  const fields = ['channel', 'type', 'category', 'impact', 'urgency', 'priority', 'status'];
  const tally = new Map(fields.map((f) => [f, { n: 0, answered: 0, right: 0 }]));
  for (const r of ws.records('incident')) {
    const hidden: Record<string, unknown> = { ...r.value };
    for (const f of [...fields, 'escalation']) delete hidden[f];
    const got = new Map<string, unknown>(suggestChecklist(hidden, ws.config, ws.matrix).suggestions.map((s) => [s.field, s.value]));
    for (const f of fields) {
      const t = tally.get(f)!;
      t.n++;
      if (!got.has(f)) continue;
      t.answered++;
      if (String(got.get(f)) === String(r.value[f])) t.right++;
    }
  }
  for (const [f, t] of tally) {
    console.log(`  lab-02 ${f.padEnd(9)} answered ${String(t.answered).padStart(2)}/${t.n}, agree ${t.right}/${t.answered}`);
    if (t.answered) assert.ok(t.right / t.answered >= 0.8, `${f}: ${t.right}/${t.answered}`);
  }
  assert.ok(tally.get('category')!.answered === tally.get('category')!.n, 'every lab ticket has a tag naming its category');
});

// ---- word matching -------------------------------------------------------------------------------

test('word matching: whole words, hyphens, wildcards, sentence bounds and negation', () => {
  const m = new PhraseMatcher<string>();
  for (const w of ['walk-in', 'ok*', '*blokir*', 'invoice*', '*diakses', 'cannot work', 'server down']) m.add(w, w);
  const hits = (text: string) => m.match(tokenize(text)).map((h) => `${h.ref}=${text.slice(h.start, h.end)}${h.negated ? ' (negated)' : ''}`);
  assert.deepEqual(hits('A walk in, then a Walk-In.'), ['walk-in=walk in', 'walk-in=Walk-In']);
  assert.deepEqual(hits('ok, okay; bok'), ['ok*=ok', 'ok*=okay']);
  assert.deepEqual(hits('Akses terblokirnya; invoices, invoice; tidak bisa diakses'), ['*blokir*=terblokirnya', 'invoice*=invoices', 'invoice*=invoice', '*diakses=diakses (negated)']);
  assert.deepEqual(hits("We can't work. Server. Down again"), ['cannot work=can\'t work'], 'a phrase never spans a sentence break');
  assert.deepEqual(hits('It is not. Server down'), ['server down=Server down'], 'negation stops at the sentence');
  assert.deepEqual(hits('the invoicing'), [], 'invoice* needs the whole of invoice');
  assert.deepEqual(
    tokenize("Doesn't it? Won't, isn't, Müller's café").map((t) => t.t),
    ['does', 'not', 'it', 'will', 'not', 'is', 'not', 'muller', 'cafe'],
  );
});
