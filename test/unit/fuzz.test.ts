/**
 * Property-based tests (fast-check) over what hostile or unlucky input reaches: the record parsers
 * and the store, the line locator against the ranged parse, the one YAML edit module, and the
 * escapers. A fixed seed keeps CI repeatable; KEDB_FUZZ_RUNS=N runs each property N times
 * (default 100), KEDB_FUZZ_SEED=S another seed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';
import {
  appendToList,
  applyEdits,
  csvCell,
  defaultConfig,
  escapeHtml,
  escapeMarkdownCell,
  parseFast,
  parseRangedFile,
  RecordStore,
  setIn,
  Workspace,
  yamlString,
  isFormulaLike,
  type Issue,
} from '../../src/core';
import { at } from './helpers';

const RUNS = Number(process.env.KEDB_FUZZ_RUNS) || 100;
const SEED = Number(process.env.KEDB_FUZZ_SEED) || 20261207;
const params = { numRuns: RUNS, seed: SEED };
const config = defaultConfig();

/** Prose as problem managers type it: words, YAML's special characters, quotes, Unicode, controls. */
const prose = fc.stringMatching(/^[\w ,.:;#&*!|>'"%@`{}[\]?\-\u00e9\u00fc\u4e2d\u{1F600}\t]{0,60}$/u);
/** Keys a record may carry (some of the schema's, some unknown). */
const key = fc.constantFrom('title', 'category', 'service', 'configuration_item', 'notes', 'custom_field', 'channel', 'status');
/** Lines of YAML put together at random: keys, values, list items, comments, indentation, documents. */
const yamlLine = fc.oneof(
  fc.tuple(key, prose).map(([k, v]) => `${k}: ${v}`),
  fc.tuple(fc.constantFrom('  ', '    ', '\t'), key, prose).map(([i, k, v]) => `${i}${k}: ${v}`),
  prose.map((v) => `- ${v}`),
  prose.map((v) => `# ${v}`),
  fc.constantFrom('---', '...', 'kind: incident', 'kind: problem', 'id: INC-0001', 'rca:', '  fishbone:', '    categories:', '&a [1, *a]', '!!binary aGk=', '"unclosed', '{a: [b, c}'),
);
const yamlText = fc.array(yamlLine, { maxLength: 25 }).map((lines) => lines.join('\n'));

test('the parsers and the store never throw on any text, and every issue lies inside the text', () => {
  fc.assert(
    fc.property(yamlText, fc.constantFrom('incidents/INC-0001.yaml', 'problems/PRB-0001.yaml', 'notes/x.yaml'), (text, path) => {
      parseFast(text, config);
      const ranged = parseRangedFile(text, config);
      const lineCount = ranged.lines.text.split(/\r\n|\r|\n/).length;
      const ws = new Workspace();
      ws.setFileText(path, text);
      for (const issue of ws.issuesFor(path)) {
        assert.ok(issue.range.start.line < lineCount && issue.range.end.line < lineCount, `${issue.code} at line ${issue.range.start.line + 1} of ${lineCount}`);
        assert.ok(typeof issue.message === 'string' && issue.message.length > 0);
      }
    }),
    params,
  );
});

/** A valid incident with random prose in its free-text fields, written with a comment per key. */
const incident = fc.record({
  title: prose,
  category: prose,
  service: prose,
  notes: fc.array(prose, { maxLength: 4 }),
});

function incidentYaml(r: { title: string; category: string; service: string; notes: string[] }): string {
  const q = (s: string) => JSON.stringify(s);
  return [
    '# an incident',
    'kind: incident',
    'id: INC-0001',
    `title: ${q(r.title)} # the title`,
    `category: ${q(r.category)}`,
    '# the service below',
    `service: ${q(r.service)}`,
    `notes:${r.notes.length ? '' : ' []'}`,
    ...r.notes.map((n) => `  - ${q(n)} # note`),
    '',
  ].join('\n');
}

test('the line locator and the ranged parse place the same issues on records of random prose', () => {
  fc.assert(
    fc.property(incident, fc.constantFrom('channel: fax', 'impact: huge', 'reported_at: yesterday', 'unknown_key: 1', ''), (r, extra) => {
      const text = incidentYaml(r) + (extra ? extra + '\n' : '');
      const store = new RecordStore();
      store.setFileText('incidents/INC-0001.yaml', text);
      const where = (issues: readonly Issue[]) => issues.map((i) => `${i.code} ${at(i.range)}`);
      assert.deepEqual(where(store.issuesFor('incidents/INC-0001.yaml')), where(parseRangedFile(text, config).issues), text);
    }),
    params,
  );
});

test('setIn writes any prose so that it reads back, and keeps every comment and every other value', () => {
  fc.assert(
    fc.property(incident, fc.constantFrom('title', 'category', 'workaround', 'custom_field'), prose, (r, field, value) => {
      const text = incidentYaml(r);
      const edit = setIn(text, 0, [field], yamlString(value), config);
      assert.ok(edit, 'an edit is made');
      const out = applyEdits(text, [edit]);
      const before = parseYaml(text) as Record<string, unknown>;
      const after = parseYaml(out) as Record<string, unknown>;
      assert.equal(after[field], value, out);
      for (const k of Object.keys(before)) if (k !== field) assert.deepEqual(after[k], before[k], k);
      // The comments incidentYaml writes, each after a value or on its own line: all of them stay.
      const count = (t: string, c: string) => t.split(c).length - 1;
      for (const c of ['# an incident', ' # the title', '# the service below', ' # note']) assert.equal(count(out, c), count(text, c), `"${c}" kept in\n${out}`);
    }),
    params,
  );
});

test('appendToList adds any prose to a list in its style, keeping the items before it', () => {
  fc.assert(
    fc.property(incident, prose, (r, item) => {
      const text = incidentYaml(r);
      const edit = appendToList(text, 0, ['notes'], JSON.stringify(item), config);
      assert.ok(edit);
      const after = parseYaml(applyEdits(text, [edit])) as { notes: string[] };
      assert.deepEqual(after.notes, [...r.notes, item]);
    }),
    params,
  );
});

test('escapers hold for any text: HTML has no markup left, a Markdown cell no table syntax or HTML, a CSV cell reads back', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (s) => {
      const html = escapeHtml(s);
      assert.ok(!/[<>"']/.test(html) && !/&(?!#\d+;)/.test(html), html);
      const md = escapeMarkdownCell(s);
      assert.ok(!/[\r\n]/.test(md), 'one line');
      assert.ok(!/(^|[^\\])\|/.test(md), `no unescaped pipe in ${md}`);
      assert.ok(!/[<>]/.test(md), `no HTML in ${md}`);
      if (s !== '') {
        const [[cell]] = parseCsv(csvCell(s) + '\n') as string[][];
        assert.equal(cell, isFormulaLike(s) ? "'" + s : s);
      }
    }),
    params,
  );
});
