import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeKey, enumAt, placeholderFor, propertiesAt, schemaAt, typesOf, yamlScalar } from '../../src/core';

test('a $ref is resolved and the description written beside it wins over the target', () => {
  assert.deepEqual(enumAt('problem', ['impact']), ['high', 'medium', 'low', 1, 2, 3, 4, 5]);
  assert.equal(describeKey('problem', ['impact']), 'Business impact of the problem: high, medium or low, or 1 to 5.');
  assert.equal(describeKey('config', ['id_prefixes', 'incident']), 'Prefix of incident ids. Default `INC`.');
  assert.equal(schemaAt('config', ['id_prefixes', 'incident'])?.pattern, '^[A-Z][A-Z0-9]*$');
});

test('list items and recursive $refs are followed to any depth', () => {
  const cause = schemaAt('problem', ['rca', 'fishbone', 'categories', 0, 'causes', 3]);
  assert.deepEqual(cause?.type, ['string', 'object']);
  assert.equal(describeKey('problem', ['rca', 'fishbone', 'categories', 0, 'causes', 0, 'because', 1, 'cause']), 'The cause, in one sentence.');
  assert.deepEqual(
    propertiesAt('problem', ['rca', 'fishbone', 'categories', 0, 'causes', 0, 'because', 0]).map((p) => `${p.name}${p.required ? '!' : ''}`),
    ['cause!', 'because', 'evidence', 'root_cause'],
  );
});

test('properties come in schema order with descriptions and required flags', () => {
  assert.deepEqual(
    propertiesAt('problem', ['rca', 'five_whys', 2]).map((p) => [p.name, p.required, p.description]),
    [
      ['why', true, 'The question: why did this happen?'],
      ['because', true, 'The answer, which the next step questions.'],
    ],
  );
  assert.deepEqual(
    propertiesAt('incident', ['initial_analysis']).map((p) => p.name),
    ['understanding', 'existing_solutions', 'recent_changes', 'related_events', 'logs_reviewed', 'diagnostic_tools', 'related_components'],
  );
  assert.deepEqual(
    propertiesAt('known_error', []).filter((p) => p.required).map((p) => p.name),
    ['kind', 'id', 'problem', 'title', 'symptoms'],
  );
});

test('a const is a one-value enum and enum types are inferred', () => {
  assert.deepEqual(enumAt('incident', ['kind']), ['incident']);
  assert.deepEqual(enumAt('incident', ['title']), undefined);
  assert.deepEqual(typesOf(schemaAt('incident', ['impact'])!), ['string', 'integer']);
  assert.deepEqual(typesOf(schemaAt('incident', ['reporter'])!), ['object']);
});

test('additionalProperties schemas apply to keys the schema does not name', () => {
  assert.deepEqual(schemaAt('incident', ['source', 'ticket_queue'])?.type, ['string', 'number', 'boolean', 'null']);
  assert.deepEqual(enumAt('config', ['priority', 'matrix', 'table', 'high', 'low']), ['P1', 'P2', 'P3', 'P4', 'P5']);
});

test('paths the schema does not allow give nothing', () => {
  assert.equal(schemaAt('incident', ['nope']), undefined);
  assert.equal(schemaAt('incident', ['title', 0]), undefined);
  assert.equal(schemaAt('problem', ['incidents', 'x']), undefined);
  assert.deepEqual(propertiesAt('incident', ['title']), []);
});

test('hover on a list item describes the list', () => {
  assert.equal(describeKey('problem', ['incidents', 0]), 'Ids of the incidents caused by this problem.');
  assert.equal(describeKey('problem', []), 'A problem: the unknown underlying cause of one or more incidents.');
});

test('placeholders suit the schema type', () => {
  const at = (kind: 'incident' | 'problem' | 'known_error', ...path: (string | number)[]) => placeholderFor(schemaAt(kind, path)!);
  assert.equal(at('problem', 'status'), 'new');
  assert.equal(at('problem', 'kind'), 'problem');
  assert.equal(at('known_error', 'kind'), 'known_error');
  assert.equal(at('problem', 'title'), '""');
  assert.equal(at('known_error', 'symptoms'), '[""]');
  assert.equal(at('problem', 'tags'), '[]');
  assert.equal(at('incident', 'reporter'), '{}');
  assert.equal(at('problem', 'major'), 'false');
  assert.equal(at('incident', 'escalation', 'level'), '1');
  assert.equal(at('problem', 'impact'), 'high');
});

test('scalars are written plain unless YAML would read them as something else', () => {
  assert.deepEqual(
    ['new', 'fix-in-progress', 'PRB-0007', 'yes', '1', '', 'a: b', '- x', 'People', 'Service Desk L2', 'x #y'].map(yamlScalar),
    ['new', 'fix-in-progress', 'PRB-0007', '"yes"', '"1"', '""', '"a: b"', '"- x"', 'People', 'Service Desk L2', '"x #y"'],
  );
  assert.equal(yamlScalar(3), '3');
  assert.equal(yamlScalar(true), 'true');
});
