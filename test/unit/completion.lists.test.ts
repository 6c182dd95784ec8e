// Completion in the lists of a problem's RCA: after `causes:`, on a new list line, inside a cause,
// a fishbone category and the 5 Whys, the structure comes from the schema and never words from the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completionsAt, opensBlockPattern, parseRangedFile, structuralKeys, Workspace, type CompletionEntry, type CompletionResult } from '../../src/core';

const NOW = '2025-10-07T06:00:00+07:00';

function workspace(): Workspace {
  const ws = new Workspace();
  ws.setFileText('kedb.config.yaml', 'fishbone:\n  categories: [People, Process, Technology]\n');
  return ws;
}

/** A problem with words a word-based completion would offer: `07T06`, `acc_num`, `ledger`. */
const HEAD = [
  'kind: problem',
  'id: PRB-0003',
  'title: Ledger batch stalls on acc_num',
  'created_at: 2025-10-07T06:00:00+07:00',
  'rca:',
  '  method: fishbone-and-five-whys',
  '  fishbone:',
  '    categories:',
  '      - name: Technology',
  '        causes:',
  '          - cause: acc_num index missing',
  '            evidence: slow query log 07T06',
].join('\n');

/** Every word of the text that is not a YAML key: what word-based suggestions would bring. */
function valueWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const line of text.split('\n')) {
    const value = line.replace(/^[\s-]*[\w"']+:\s?/, '');
    for (const w of value.match(/[A-Za-z0-9_]{2,}/g) ?? []) words.add(w);
  }
  return words;
}

function complete(src: string): { r: CompletionResult; text: string } {
  const i = src.indexOf('§');
  const text = src.slice(0, i) + src.slice(i + 1);
  const before = text.slice(0, i).split('\n');
  const position = { line: before.length - 1, character: before[before.length - 1].length };
  const ws = workspace();
  const documents = parseRangedFile(text, ws.config).documents;
  return { r: completionsAt(text, position, { path: 'problems/PRB-0003.yaml', workspace: ws, now: NOW, documents }), text };
}

const sorted = (items: CompletionEntry[]) => [...items].sort((a, b) => a.sortText.localeCompare(b.sortText));
const range = (e: CompletionEntry) => `${e.range.start.line}:${e.range.start.character}-${e.range.end.character}`;

/** The items as [label, insert text], after checking that none is a word of the file. */
function offered(src: string): [string, string][] {
  const { r, text } = complete(src);
  assert.ok(r.items.length > 0, 'something is offered, so the editor adds no words of its own');
  const words = valueWords(text);
  assert.ok(words.has('acc_num') && words.has('07T06'));
  for (const e of r.items) {
    assert.ok(!words.has(e.label), `"${e.label}" is a word of the file`);
    for (const w of ['acc_num', '07T06', 'Ledger', 'index', 'query']) assert.ok(!e.insertText.includes(w), `${e.label} inserts "${w}"`);
  }
  return sorted(r.items).map((e) => [e.label, e.insertText]);
}

const CAUSE_ITEMS = (lead: string): [string, string][] => [
  ['- cause', `${lead}- cause: $0`],
  ['- text', `${lead}- $0`],
];

test('right after `causes:` a new cause item goes on the next line, one unit in: as a mapping or as text', () => {
  assert.deepEqual(offered(HEAD + '\n      - name: People\n        causes:§\n'), CAUSE_ITEMS('\n  '));
  const { r } = complete(HEAD + '\n      - name: People\n        causes:§\n');
  const [cause, plain] = sorted(r.items);
  assert.deepEqual(
    [cause.kind, cause.snippet, cause.detail, cause.filterText, range(cause), plain.detail],
    ['block', true, 'new list item (mapping)', 'cause', '13:15-15', 'new list item (text)'],
  );
  assert.match(String(cause.documentation), /A cause: plain text, or a mapping/);
  // After `causes: ` the typed space is replaced, so none stays at the line's end.
  const spaced = complete(HEAD + '\n      - name: People\n        causes: §\n').r;
  assert.deepEqual(
    sorted(spaced.items).map((e) => [e.label, e.insertText, range(e)]),
    [
      ['- cause', '\n  - cause: $0', '13:15-16'],
      ['- text', '\n  - $0', '13:15-16'],
    ],
  );
  // On a category written as `- causes:`, the item goes under the key, not under the dash.
  assert.deepEqual(offered(HEAD + '\n      - causes:§\n'), CAUSE_ITEMS('\n    '));
});

test('on a new line under `causes:` (deeper, at its column, or between items) only new cause items are offered', () => {
  assert.deepEqual(offered(HEAD + '\n      - name: People\n        causes:\n          §\n'), CAUSE_ITEMS(''));
  assert.deepEqual(offered(HEAD + '\n      - name: People\n        causes:\n        §\n'), CAUSE_ITEMS(''));
  assert.deepEqual(offered(HEAD + '\n          §\n'), CAUSE_ITEMS(''));
  assert.deepEqual(offered(HEAD + '\n          - Disk full\n          §\n      - name: People\n'), CAUSE_ITEMS(''));
  // A word being typed is replaced by the item.
  const { r } = complete(HEAD + '\n      - name: People\n        causes:\n          ca§\n');
  assert.deepEqual(
    sorted(r.items).map((e) => [e.label, range(e)]),
    [
      ['- cause', '14:10-12'],
      ['- text', '14:10-12'],
    ],
  );
});

test('inside a cause: the item keys after `- `, the missing keys on its next line, and new sub-causes after `because:`', () => {
  assert.deepEqual(offered(HEAD + '\n          - §\n'), [
    ['cause', 'cause: $0'],
    ['because', 'because:\n    - $0'],
    ['evidence', 'evidence: $0'],
    ['root_cause', 'root_cause: ${1|true,false|}'],
  ]);
  assert.deepEqual(offered(HEAD + '\n            §\n'), [
    ['because', 'because:\n  - $0'],
    ['root_cause', 'root_cause: ${1|true,false|}'],
  ]);
  assert.deepEqual(offered(HEAD + '\n            because:§\n'), CAUSE_ITEMS('\n  '));
  assert.deepEqual(offered(HEAD + '\n            because:\n              §\n'), CAUSE_ITEMS(''));
  assert.deepEqual(offered(HEAD + '\n            because:\n              - §\n'), [
    ['cause', 'cause: $0'],
    ['because', 'because:\n    - $0'],
    ['evidence', 'evidence: $0'],
    ['root_cause', 'root_cause: ${1|true,false|}'],
  ]);
});

test('fishbone categories: a new category asks for its name and offers the unused bones; inside one, name and causes', () => {
  const { r } = complete(HEAD + '\n      §\n');
  assert.deepEqual(
    sorted(r.items).map((e) => [e.label, e.insertText, e.retrigger]),
    [['- name', '- name: $0', true]],
  );
  const top = 'kind: problem\nid: PRB-0003\ntitle: acc_num 07T06\nrca:\n  fishbone:\n';
  assert.deepEqual(offered(top + '    categories:§\n'), [['- name', '\n  - name: $0']]);
  assert.deepEqual(offered(top + '    categories:\n      - §\n'), [
    ['name', 'name: $0'],
    ['causes', 'causes:\n    - $0'],
  ]);
  assert.deepEqual(offered(top + '    categories:\n      - name: People\n        §\n'), [['causes', 'causes:\n  - $0']]);
});

test('5 Whys: one chain of why/because steps, or named chains; a step offers why and because', () => {
  const top = 'kind: problem\nid: PRB-0003\ntitle: acc_num 07T06\nrca:\n';
  const chain: [string, string][] = [
    ['- why, because', '- why: $1\n  because: $2'],
    ['- text', '- $0'],
    ['new named entry', '${1:name}:\n  - why: $2\n    because: $3'],
  ];
  assert.deepEqual(
    offered(top + '  five_whys:§\n'),
    chain.map(([l, s]) => [l, '\n  ' + s.replace(/\n/g, '\n  ')]),
  );
  assert.deepEqual(offered(top + '  five_whys:\n    §\n'), chain);
  assert.deepEqual(offered(top + '  five_whys:\n    - §\n'), [
    ['why', 'why: $0'],
    ['because', 'because: $0'],
  ]);
  assert.deepEqual(offered(top + '  five_whys:\n    - why: Why did acc_num stall?\n      §\n'), [['because', 'because: $0']]);
  assert.deepEqual(offered(top + '  five_whys:\n    - why: a\n      because: b\n    §\n'), chain.slice(0, 2));
  // Named chains: each is a list of steps.
  assert.deepEqual(offered(top + '  five_whys:\n    ledger:§\n'), [
    ['- why, because', '\n  - why: $1\n    because: $2'],
    ['- text', '\n  - $0'],
  ]);
  assert.deepEqual(offered(top + '  five_whys:\n    ledger:\n      §\n'), chain.slice(0, 2));
  assert.deepEqual(offered(top + '  five_whys:\n    ledger:\n      - §\n'), [
    ['why', 'why: $0'],
    ['because', 'because: $0'],
  ]);
  assert.deepEqual(offered(top + '  five_whys:\n    ledger:\n      - why: a\n        §\n'), [['because', 'because: $0']]);
});

test('text typed after the key and reference lists keep their own completion', () => {
  assert.deepEqual(complete(HEAD + '\n      - name: People\n        causes: Disk§\n').r.items, []);
  assert.deepEqual(complete('kind: problem\nid: PRB-0003\nincidents:\n  §\n').r.items, []);
});

test('Enter indents after a key the schemas give a list or a mapping, and nowhere else', () => {
  const keys = structuralKeys();
  for (const k of ['causes', 'categories', 'five_whys', 'because', 'evidence', 'incidents', 'symptoms', 'reporter', 'escalation', 'rca', 'fishbone']) {
    assert.ok(keys.includes(k), k);
  }
  assert.ok(!keys.includes('title') && !keys.includes('cause') && !keys.includes('why'));
  const re = opensBlockPattern();
  for (const line of ['        causes:', '  - rca:', 'rca:  # the analysis', '            because:', '"five_whys":', 'reporter:']) assert.ok(re.test(line), line);
  for (const line of ['title:', 'causes: [a]', '    because: the disk filled', '# causes:', 'Steps:', '  - cause: acc_num']) assert.ok(!re.test(line), line);
});
