import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cursorContext, parseRangedFile, defaultConfig, type CursorContext } from '../../src/core';

/** Text with `§` marking the cursor, split into the text and the cursor's position. */
function withCursor(src: string): { text: string; position: { line: number; character: number } } {
  const i = src.indexOf('§');
  assert.ok(i >= 0, 'the source marks the cursor with §');
  const text = src.slice(0, i) + src.slice(i + 1);
  const before = text.slice(0, i).split('\n');
  return { text, position: { line: before.length - 1, character: before[before.length - 1].length } };
}

/** The facts a test checks, with the range as "line:start-end". */
function ctxAt(src: string, withDocs = false): Record<string, unknown> {
  const { text, position } = withCursor(src);
  const docs = withDocs ? parseRangedFile(text, defaultConfig()).documents : undefined;
  const c: CursorContext = cursorContext(text, position, docs);
  const out: Record<string, unknown> = { kind: c.kind };
  if (c.kind === 'none') return out;
  out.path = c.path;
  if (c.kind === 'value') {
    out.key = c.key;
    out.valuePath = c.valuePath;
  }
  out.word = c.word;
  out.range = `${c.range.start.line}:${c.range.start.character}-${c.range.end.character}`;
  if (c.inList) out.inList = true;
  if (c.flow) out.flow = true;
  if (c.bareItem) out.bareItem = true;
  if (c.insertPrefix) out.insertPrefix = c.insertPrefix;
  if (c.kind === 'key') out.presentKeys = c.presentKeys;
  return out;
}

test('an empty line in a nested mapping is a key position there, with the keys around it', () => {
  assert.deepEqual(ctxAt('kind: incident\ninitial_analysis:\n  understanding: x\n  §\n  logs_reviewed: y\nstatus: new\n'), {
    kind: 'key',
    path: ['initial_analysis'],
    word: '',
    range: '3:2-2',
    presentKeys: ['understanding', 'logs_reviewed'],
  });
});

test('a key being typed without its colon is a key position with the partial word', () => {
  assert.deepEqual(ctxAt('kind: incident\ninitial_analysis:\n  und§\n'), {
    kind: 'key',
    path: ['initial_analysis'],
    word: 'und',
    range: '2:2-5',
    presentKeys: [],
  });
});

test('the first key under a new block opens a mapping at the deeper indentation', () => {
  assert.deepEqual(ctxAt('kind: problem\nrca:\n  §'), { kind: 'key', path: ['rca'], word: '', range: '2:2-2', presentKeys: [] });
  assert.deepEqual(ctxAt('kind: problem\nrca:\n§'), { kind: 'key', path: [], word: '', range: '2:0-0', presentKeys: ['kind', 'rca'] });
});

test('inside a list item mapping the path ends with the item index', () => {
  const src = 'kind: problem\nrca:\n  fishbone:\n    categories:\n      - name: People\n        causes: []\n      - name: Process\n        §\n';
  assert.deepEqual(ctxAt(src), {
    kind: 'key',
    path: ['rca', 'fishbone', 'categories', 1],
    word: '',
    range: '7:8-8',
    presentKeys: ['name'],
  });
  assert.deepEqual(ctxAt('kind: problem\nrca:\n  five_whys:\n    - why: x\n      §\n'), {
    kind: 'key',
    path: ['rca', 'five_whys', 0],
    word: '',
    range: '4:6-6',
    presentKeys: ['why'],
  });
});

test('a value after a key, typed or not, with a space to add right after the colon', () => {
  assert.deepEqual(ctxAt('kind: problem\nstatus:§\n'), {
    kind: 'value',
    path: [],
    key: 'status',
    valuePath: ['status'],
    word: '',
    range: '1:7-7',
    insertPrefix: ' ',
  });
  assert.deepEqual(ctxAt('kind: problem\nresolution:\n  duplicate_of: PRB-00§12 # old\n'), {
    kind: 'value',
    path: ['resolution'],
    key: 'duplicate_of',
    valuePath: ['resolution', 'duplicate_of'],
    word: 'PRB-00',
    range: '2:16-24',
  });
});

test('a flow list item gets its index, with or without a space after the comma', () => {
  assert.deepEqual(ctxAt('kind: problem\nincidents: [INC-0001, §]\n'), {
    kind: 'value',
    path: [],
    key: 'incidents',
    valuePath: ['incidents', 1],
    word: '',
    range: '1:22-22',
    inList: true,
    flow: true,
  });
  assert.deepEqual(ctxAt('kind: problem\nincidents: [INC-0001,§]\n'), {
    kind: 'value',
    path: [],
    key: 'incidents',
    valuePath: ['incidents', 1],
    word: '',
    range: '1:21-21',
    inList: true,
    flow: true,
    insertPrefix: ' ',
  });
  assert.deepEqual(ctxAt('kind: problem\nincidents: [INC-00§01, INC-0002]\n'), {
    kind: 'value',
    path: [],
    key: 'incidents',
    valuePath: ['incidents', 0],
    word: 'INC-00',
    range: '1:12-20',
    inList: true,
    flow: true,
  });
});

test('a flow list spread over lines is followed to the cursor', () => {
  assert.deepEqual(ctxAt('kind: problem\nincidents: [\n  INC-0001,\n  INC§\n]\n'), {
    kind: 'value',
    path: [],
    key: 'incidents',
    valuePath: ['incidents', 1],
    word: 'INC',
    range: '3:2-5',
    inList: true,
    flow: true,
  });
});

test('a block list item counts the items before it, including a compact list at the key column', () => {
  assert.deepEqual(ctxAt('kind: problem\nincidents:\n  - INC-0001\n  - INC§\ntitle: x\n'), {
    kind: 'value',
    path: [],
    key: 'incidents',
    valuePath: ['incidents', 1],
    word: 'INC',
    range: '3:4-7',
    inList: true,
    bareItem: true,
  });
  assert.deepEqual(ctxAt('kind: problem\nincidents:\n- INC-0001\n-§\n'), {
    kind: 'value',
    path: [],
    key: 'incidents',
    valuePath: ['incidents', 1],
    word: '',
    range: '3:1-1',
    inList: true,
    bareItem: true,
    insertPrefix: ' ',
  });
});

test('a new item of a list of mappings is a bare item whose path is the new index', () => {
  const src = 'kind: problem\nrca:\n  fishbone:\n    categories:\n      - name: People\n        causes:\n          - a\n      - §\n';
  assert.deepEqual(ctxAt(src), {
    kind: 'value',
    path: ['rca', 'fishbone'],
    key: 'categories',
    valuePath: ['rca', 'fishbone', 'categories', 1],
    word: '',
    range: '7:8-8',
    inList: true,
    bareItem: true,
  });
});

test('the cursor on an existing key is a key position over the whole key, that key not counted as present', () => {
  assert.deepEqual(ctxAt('kind: problem\nsta§tus: new\ntitle: x\n'), {
    kind: 'key',
    path: [],
    word: 'sta',
    range: '1:0-6',
    presentKeys: ['kind', 'title'],
  });
});

test('comments, block scalars, plain continuation lines and document markers are no place to complete', () => {
  assert.deepEqual(ctxAt('kind: problem # note §\n'), { kind: 'none' });
  assert.deepEqual(ctxAt('kind: problem\ndescription: |\n  text here\n  more§\n'), { kind: 'none' });
  assert.deepEqual(ctxAt('kind: problem\ndescription: >-\n  text here\n\n  §\nstatus: new\n'), { kind: 'none' });
  assert.deepEqual(ctxAt('kind: problem\ndetection:\n  evidence:\n    - one line\n      continues§\n  method: x\n'), { kind: 'none' });
  assert.deepEqual(ctxAt('kind: problem\n---§\n'), { kind: 'none' });
  // A new line under a list, at the list's column, can only start another item.
  assert.deepEqual(ctxAt('kind: problem\nincidents:\n  - INC-1\n  §\n'), { kind: 'none' });
});

test('after a block scalar, a line back at the key column is a key position again', () => {
  assert.deepEqual(ctxAt('kind: problem\ndescription: |\n  text here\n§\nstatus: new\n'), {
    kind: 'key',
    path: [],
    word: '',
    range: '3:0-0',
    presentKeys: ['kind', 'description', 'status'],
  });
});

test('each document of a multi-document file is its own root', () => {
  const { text, position } = withCursor('kind: incident\nid: INC-0001\n---\nkind: problem\n§\nid: PRB-0001\n---\nkind: known_error\n');
  const c = cursorContext(text, position);
  assert.deepEqual([c.kind, c.docIndex, c.docStartLine, c.docEndLine, c.presentKeys], ['key', 1, 3, 6, ['kind', 'id']]);
  const lead = withCursor('# header\n---\nkind: problem\n§');
  assert.equal(cursorContext(lead.text, lead.position).docIndex, 0);
});

test('text inside a multi-line quoted scalar is no place to complete, with or without the parsed document', () => {
  const src = 'kind: problem\ndescription: "first line\n  second: not a key§\n  end"\n';
  assert.deepEqual(ctxAt(src, true), { kind: 'none' });
  assert.deepEqual(ctxAt(src, false), { kind: 'none' });
  const item = 'kind: problem\ndetection:\n  evidence:\n    - "first\n      second: x§"\n';
  assert.deepEqual(ctxAt(item, true), { kind: 'none' });
});

test('CRLF line ends are handled like LF', () => {
  assert.deepEqual(ctxAt('kind: incident\r\ninitial_analysis:\r\n  understanding: x\r\n  §\r\n'), {
    kind: 'key',
    path: ['initial_analysis'],
    word: '',
    range: '3:2-2',
    presentKeys: ['understanding'],
  });
});
