/**
 * The similar-text rule's parts: folding, tokenizing, stop words, languages, stemming, synonyms,
 * the vectors, the index (against all pairs) and the clustering, on a tiny corpus with known
 * clusters (test/fixtures/detect/clusters.yaml).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import fc from 'fast-check';
import {
  allPairsExact,
  analyzeTerms,
  cluster,
  cosine,
  defaultDetection,
  detect,
  detectLanguage,
  duplicateGroups,
  foldText,
  incidentFacts,
  NEGATIONS,
  restatesAttributes,
  similarPairs,
  stemEnglish,
  stemFrench,
  stemGerman,
  stemPortuguese,
  stemSpanish,
  tokenize,
  tokenizeWithOffsets,
  PhraseMatcher,
  vectorize,
  vectorOptions,
  wordPairs,
  type TextFields,
} from '../../src/core';
import { FIXTURES } from './helpers';

const terms = (text: string) => analyzeTerms(text).map((t) => t.term);

test('folding lowers case and takes accents off in every script the data uses', () => {
  assert.equal(foldText('Aktualisierung für Café, Straße, Ñandú, Œuvre, São Paulo'), 'aktualisierung fur cafe, strasse, nandu, oeuvre, sao paulo');
  assert.equal(foldText('déconnecté’s'), "deconnecte's");
});

test('one negation list for the whole text pipeline: Indonesian negations leave no term in detection, as English ones do', () => {
  for (const word of ['not', 'unable', 'tidak', 'bukan', 'belum', 'nicht']) assert.ok(NEGATIONS.has(word), word);
  assert.deepEqual(terms('The VPN is not connecting').filter((t) => t === 'not'), []);
  const indonesian = terms('VPN tidak bisa terhubung, belum ada solusi');
  assert.deepEqual(indonesian.filter((t) => ['tidak', 'belum'].includes(t)), [], indonesian.join(' '));
  assert.ok(indonesian.includes('vpn'), indonesian.join(' '));
});

test('tokenizing resolves contractions, joins hyphenated words, and drops placeholders, long numbers and years', () => {
  assert.deepEqual(tokenize("Wi-Fi can't connect; it doesn't work since <name>'s update in 2024 (ticket 0812345678, HTTP 503, Dell XPS 13)"), [
    'wifi', 'cannot', 'connect', 'it', 'does', 'not', 'work', 'since', 'update', 'in', 'ticket', 'http', '503', 'dell', 'xps', '13',
  ]);
  assert.deepEqual(tokenize("week's l'imprimante won't print"), ['week', 'imprimante', 'will', 'not', 'print']);
  assert.deepEqual(tokenize('Сервер недоступен 服务器'), ['сервер', 'недоступен', '服务器']);
});

test('one tokenizer rule for detection and the checklist: both split, join hyphens and resolve contractions alike', () => {
  // The checklist's tokens keep offsets and every word; detection's drop one-letter words, long numbers and
  // placeholders. On text without those, the words are the same.
  const text = fc.stringMatching(/^[abcinostw0-9 \-'’.,é]{0,40}$/);
  fc.assert(
    fc.property(text, (s) => {
      const withOffsets = tokenizeWithOffsets(s)
        .map((t) => t.t)
        .filter((t) => t.length >= 2 && !(/^\d+$/.test(t) && (t.length > 4 || /^(19|20)\d\d$/.test(t))));
      assert.deepEqual(tokenize(s), withOffsets);
    }),
    { numRuns: 2000 },
  );
  const wifi = tokenizeWithOffsets('Our Wi-Fi and e-mail are down');
  assert.deepEqual(wifi.map((t) => t.t), ['our', 'wifi', 'and', 'email', 'are', 'down']);
  assert.deepEqual([wifi[1].start, wifi[1].end], [4, 9], 'the token spans the text as written, for evidence');
});

test('a phrase written with a hyphen matches it joined and apart; a joined phrase matches the hyphenated text', () => {
  const m = new PhraseMatcher<string>();
  m.add('walk-in', 'channel');
  m.add('email', 'mail');
  m.add('wi-fi', 'net');
  m.add('wifi', 'net');
  const found = (s: string) => m.match(tokenizeWithOffsets(s)).map((h) => `${h.ref}:${s.slice(h.start, h.end)}`);
  assert.deepEqual(found('a walk-in visit'), ['channel:walk-in']);
  assert.deepEqual(found('I walk in today'), ['channel:walk in']);
  assert.deepEqual(found('sent by e-mail'), ['mail:e-mail']);
  assert.deepEqual(found('the Wi-Fi drops'), ['net:Wi-Fi'], 'one hit per rule though the rule lists both spellings');
});

test('stop words: greetings, politeness and time words of every language leave no term', () => {
  assert.deepEqual(terms('Dear Customer Support Team, I hope this message finds you well. I am writing to report an issue since yesterday. Kind regards'), []);
  assert.deepEqual(terms('Sehr geehrte Damen und Herren, ich melde mich seit gestern wegen eines Problems. Mit freundlichen Grüßen'), []);
  assert.deepEqual(terms('Estimado equipo de soporte, gracias. Saludos cordiales'), []);
  assert.deepEqual(terms("Bonjour l'équipe, merci. Cordialement"), []);
  assert.deepEqual(terms('Prezado suporte, obrigado. Atenciosamente'), []);
});

test('the language is the record’s when given, else the one whose function words the text uses most', () => {
  assert.equal(detectLanguage(tokenize('The printer does not print from the Macs')), 'en');
  assert.equal(detectLanguage(tokenize('Der Drucker druckt nicht mehr seit dem Update')), 'de');
  assert.equal(detectLanguage(tokenize('La impresora no imprime desde la actualización del sistema')), 'es');
  assert.equal(detectLanguage(tokenize('Le réseau est coupé depuis la mise à jour, les utilisateurs sont bloqués')), 'fr');
  assert.equal(detectLanguage(tokenize('A impressora não imprime desde a atualização do sistema')), 'pt');
  // German stemming for a text the record says is German, whatever its words.
  assert.deepEqual(analyzeTerms('Verbindungen', 'de').map((t) => t.term), ['~connection']);
});

test('English stems follow Porter’s algorithm', () => {
  const cases: Record<string, string> = {
    caresses: 'caress', ponies: 'poni', motoring: 'motor', agreed: 'agre', happy: 'happi', relational: 'relat', generalizations: 'gener',
    oscillators: 'oscil', triplicate: 'triplic', formative: 'form', electrical: 'electr', adjustment: 'adjust', adoption: 'adopt',
    hopping: 'hop', filing: 'file', controlling: 'control', connection: 'connect', connected: 'connect', updates: 'updat', updating: 'updat',
  };
  for (const [word, stem] of Object.entries(cases)) assert.equal(stemEnglish(word), stem, word);
});

test('light stemmers join singular and plural, and the forms of a word, in German, Spanish, French and Portuguese', () => {
  const same = (stem: (w: string) => string, words: string[]) => assert.equal(new Set(words.map((w) => stem(foldText(w)))).size, 1, words.join(' / '));
  same(stemGerman, ['Verbindung', 'Verbindungen']);
  same(stemGerman, ['Drucker', 'Druckern']);
  same(stemGerman, ['Netzwerk', 'Netzwerks']);
  same(stemSpanish, ['impresora', 'impresoras']);
  same(stemSpanish, ['conexión', 'conexiones']);
  same(stemSpanish, ['actualizado', 'actualizada', 'actualizados']);
  same(stemFrench, ['connexion', 'connexions']);
  same(stemFrench, ['réseau', 'réseaux']);
  same(stemFrench, ['imprimante', 'imprimantes']);
  same(stemPortuguese, ['conexão', 'conexões']);
  same(stemPortuguese, ['impressora', 'impressoras']);
  same(stemPortuguese, ['conectado', 'conectada']);
});

test('ITSM synonyms and phrases become one term, in five languages', () => {
  assert.deepEqual(terms('VPN drops after the router firmware update'), ['vpn', '~connection-failure', '~router', 'firmwar', '~update']);
  assert.deepEqual(terms("telemedicine loses its connection since last week's router upgrade"), ['~telemedicine', '~connection-failure', '~router', '~update']);
  assert.deepEqual(terms('the connection was lost'), ['~connection-failure']);
  assert.deepEqual(terms('Outlook is not working'), ['outlook', '~failure']);
  assert.deepEqual(terms('users cannot access the portal'), ['user', '~outage', 'portal']);
  for (const text of ['printer', 'Drucker', 'impresora', 'imprimante', 'impressora']) assert.deepEqual(terms(text), ['~printer'], text);
  assert.deepEqual(terms('Die Verbindung ist abgebrochen'), ['~connection-failure']);
});

test('word pairs link each term to the next two, unordered, without a term paired to itself', () => {
  assert.deepEqual(wordPairs(['router', 'firmware', 'update', 'update']), [
    ['firmware', 'router'],
    ['router', 'update'],
    ['firmware', 'update'],
    ['firmware', 'update'],
  ]);
});

// ---- the tiny corpus ------------------------------------------------------------------------

interface Corpus {
  docs: TextFields[];
  labels: (string | undefined)[];
}

function corpus(): Corpus {
  const fx = parse(fs.readFileSync(path.join(FIXTURES, 'detect', 'clusters.yaml'), 'utf8')) as { clusters: Record<string, TextFields[]>; singles: TextFields[] };
  const docs: TextFields[] = [];
  const labels: (string | undefined)[] = [];
  for (const [label, list] of Object.entries(fx.clusters)) {
    for (const d of list) {
      docs.push(d);
      labels.push(label);
    }
  }
  for (const d of fx.singles) {
    docs.push(d);
    labels.push(undefined);
  }
  return { docs, labels };
}

test('the paraphrase pair meets: "VPN drops after the router firmware update" and the telemedicine one', () => {
  const { docs } = corpus();
  const settings = defaultDetection().text;
  const v = vectorize(docs, vectorOptions(settings));
  const sim = cosine(v, 0, 1);
  assert.equal(docs[0].title, 'VPN drops after the router firmware update');
  assert.match(docs[1].title!, /^Telemedicine loses its connection/);
  assert.ok(sim >= settings.threshold, `cosine ${sim.toFixed(3)} reaches the threshold ${settings.threshold}`);
  // Without stemming, synonyms and phrases they share one word ("router") of their five or six.
  const plain = vectorize(
    docs.map((d) => ({ title: tokenize(d.title ?? '').map((w) => `x${w}`).join(' ') })),
    { ...vectorOptions(settings), pairWeight: 0 },
  );
  assert.ok(cosine(plain, 0, 1) < 0.3, `plain TF-IDF cosine ${cosine(plain, 0, 1).toFixed(3)}`);
});

test('at the default threshold and linkage (auto: star for a small workspace) the tiny corpus clusters exactly into its known clusters', () => {
  const { docs, labels } = corpus();
  const settings = defaultDetection().text;
  assert.equal(settings.linkage, 'auto');
  const v = vectorize(docs, vectorOptions(settings));
  const all = docs.map((_, i) => i);
  const found = cluster(v.count, similarPairs(v, all, settings.threshold), 'star')
    .map((c) => c.members.map((m) => labels[m] ?? `single ${m}`))
    .map((names) => [...new Set(names)].join(' + '))
    .sort();
  assert.deepEqual(found, [...new Set(labels.filter((l): l is string => !!l))].sort());
});

test('the index finds exactly the pairs all-pairs finds, at every threshold', () => {
  // A corpus with many near-repeats: the tiny corpus and word-dropped variants of it.
  const { docs } = corpus();
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const big: TextFields[] = [];
  for (let r = 0; r < 12; r++) {
    for (const d of docs) big.push({ title: (d.title ?? '').split(' ').filter(() => r === 0 || rnd() > 0.25).join(' '), description: d.description });
  }
  const v = vectorize(big, vectorOptions(defaultDetection().text));
  const all = big.map((_, i) => i);
  for (const t of [0.2, 0.35, 0.5, 0.8]) {
    const key = (p: ReturnType<typeof similarPairs>) => Array.from({ length: p.length }, (_, i) => `${p.a[i]}:${p.b[i]}`).sort();
    const exact = allPairsExact(v, all, t);
    assert.ok(exact.length > 0);
    assert.deepEqual(key(similarPairs(v, all, t)), key(exact), `threshold ${t}`);
  }
});

test('identical texts collapse to one vector and come back as one cluster', () => {
  const docs = [{ title: 'Category 42 / Subcategory 223: Symptom 491' }, { title: 'Category 42 / Subcategory 223: Symptom 491' }, { title: 'Printer jam on floor 3' }, { title: 'Category 42 / Subcategory 223: Symptom 491' }];
  const v = vectorize(docs, vectorOptions(defaultDetection().text));
  const rep = duplicateGroups(v);
  assert.deepEqual([...rep], [0, 0, 2, 0]);
  const weight = new Int32Array(4);
  for (const r of rep) weight[r]++;
  const clusters = cluster(4, similarPairs(v, [0, 2], 0.35), 'star', weight);
  assert.deepEqual(clusters.map((c) => c.members), [[0]], 'the caller adds the duplicates of 0 back');
});

test('leader linkage: each text joins the most similar earlier leader, or leads; identical texts stay one cluster', () => {
  const docs = [
    { title: 'VPN drops after the router firmware update' },
    { title: 'Printer does not print from Macs after the macOS upgrade' },
    { title: 'VPN tunnel drops since the router firmware update' },
    { title: 'Mac users cannot print after the macOS upgrade' },
    { title: 'Badge reader rejects all cards' },
  ];
  const v = vectorize(docs, vectorOptions(defaultDetection().text));
  const pairs = similarPairs(v, [0, 1, 2, 3, 4], 0.35, { leaders: true });
  assert.deepEqual(Array.from({ length: pairs.length }, (_, i) => [pairs.a[i], pairs.b[i]]), [[0, 2], [1, 3]]);
  assert.deepEqual(cluster(5, pairs, 'leader').map((c) => c.members), [[0, 2], [1, 3]]);
  assert.deepEqual(cluster(5, { a: new Int32Array(0), b: new Int32Array(0), sim: new Float32Array(0), length: 0 }, 'leader', [1, 3, 1, 0, 0]).map((c) => c.members), [[1]]);
});

test('star linkage keeps every member like its centre; single linkage follows chains', () => {
  // A ~ B (0.9), B ~ C (0.9), A and C unlike.
  const pairs = { a: Int32Array.from([0, 1]), b: Int32Array.from([1, 2]), sim: Float32Array.from([0.9, 0.9]), length: 2 };
  assert.deepEqual(cluster(3, pairs, 'single').map((c) => c.members), [[1, 0, 2]]);
  assert.deepEqual(cluster(3, pairs, 'star').map((c) => c.members), [[1, 0, 2]]);
  // A ~ B, B ~ C, C ~ D: the star around B takes A and C; D is left alone.
  const chain = { a: Int32Array.from([0, 1, 2]), b: Int32Array.from([1, 2, 3]), sim: Float32Array.from([0.9, 0.9, 0.9]), length: 3 };
  assert.deepEqual(cluster(4, chain, 'single').map((c) => c.members.length), [4]);
  assert.deepEqual(cluster(4, chain, 'star').map((c) => c.members), [[1, 0, 2]]);
});

test('a title that only restates the incident\'s own attributes is left out of the text rule; prose beside an attribute is kept', () => {
  const facts = (title: string, value: Record<string, unknown>) => incidentFacts([{ file: 'incidents/INC-1.yaml', ordinal: 0, kind: 'incident', id: 'INC-1', value: { kind: 'incident', id: 'INC-1', title, ...value } }])[0];
  // What importers write from coded columns.
  assert.equal(restatesAttributes(facts('Category 53 / Subcategory 271: Symptom 470', { category: 'Category 53', subcategory: 'Subcategory 271', source: { symptom: 'Symptom 470' } })), true);
  assert.equal(restatesAttributes(facts('incident on WBA000124 (Web Based Application)', { configuration_item: 'WBA000124', subcategory: 'Web Based Application' })), true);
  // Prose keeps its words; a short title that names no attribute is prose too.
  assert.equal(restatesAttributes(facts('VPN tunnels drop on CORE-SW-01', { configuration_item: 'CORE-SW-01' })), false);
  assert.equal(restatesAttributes(facts('Slow', { category: 'Performance' })), false);
  // Twelve incidents with such titles and nothing else to read give no text candidate.
  const records = Array.from({ length: 12 }, (_, k) => ({
    file: `incidents/INC-${k}.yaml`,
    ordinal: 0,
    kind: 'incident' as const,
    id: `INC-${k}`,
    value: { kind: 'incident', id: `INC-${k}`, title: `Category ${k % 2} / Subcategory 7: Symptom 9`, category: `Category ${k % 2}`, subcategory: 'Subcategory 7', source: { symptom: 'Symptom 9' } },
  }));
  assert.deepEqual(detect(records, defaultDetection(), { rules: ['text'] }).candidates, []);
});

test('a text of over two million distinct words: the word table holds it whole, then starts afresh, and every text keeps its terms; each row comes in the search\'s order', () => {
  // No word pairs: each text's own words are what is counted below.
  const settings = { ...vectorOptions(defaultDetection().text), pairWeight: 0 };
  const known = { title: 'VPN drops after the router firmware update', description: 'Telemedicine loses its connection since the router upgrade' };
  // Made-up words of consonants only, which no stemmer shortens. The flood holds more words than
  // the table keeps (2,000,000) and a row longer than the vectorizer packs (2^21 = 2,097,152).
  const letters = 'bcdfghjklmnpqrtvwxz';
  const word = (i: number) => {
    let w = 'q';
    for (; i > 0; i = Math.floor(i / letters.length)) w += letters[i % letters.length];
    return w;
  };
  const words = Array.from({ length: 2_150_000 }, (_, k) => word(k + 1));
  const flood: TextFields = { description: words.join(' ') };
  const alone = vectorize([known], settings);
  const v = vectorize([known, flood, known, { title: 'Printer jam on floor 3, the router is fine' }], settings);
  const termsOf = (set: typeof v, d: number) => Array.from(set.features.subarray(set.offsets[d], set.offsets[d + 1]), (f) => set.termOf[f]).sort();
  const expected = termsOf(alone, 0);
  assert.ok(expected.includes('~update') && expected.includes('~router'), expected.join(' '));
  assert.deepEqual(termsOf(v, 0), expected);
  assert.deepEqual(termsOf(v, 2), expected);
  assert.ok(Math.abs(cosine(v, 0, 2) - 1) < 1e-6);
  assert.deepEqual(termsOf(v, 1), words.sort());
  assert.ok(termsOf(v, 3).includes('~router'));
  // Every row, the flood's too, in the global order: the most common feature first.
  for (let d = 0; d < v.count; d++) {
    for (let i = v.offsets[d] + 1; i < v.offsets[d + 1]; i++) assert.ok(v.rank[v.features[i - 1]] < v.rank[v.features[i]], `row ${d} at ${i}`);
  }
  for (let f = 0; f < v.featureCount; f++) assert.ok(v.rank[f] >= 0 && v.rank[f] < v.featureCount);
  assert.ok(v.df[v.features[v.offsets[3]]] >= v.df[v.features[v.offsets[4] - 1]]);
});
