import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { schemaReference } from '../../src/core';
import { REPO_ROOT } from './helpers';

test('docs/records.md is the reference generated from the current schemas (run npm run docs)', () => {
  const committed = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'records.md'), 'utf8');
  assert.equal(committed, schemaReference());
});

test('the reference lists every field with its description', () => {
  const md = schemaReference();
  assert.match(md, /^\| `initial_analysis\.existing_solutions\.restart` \| boolean \| {2}\| A restart of the affected component or device was tried\. \|$/m);
  assert.match(md, /^\| `permanent_fix\.status` \| `open`, `planned`, `in-progress`, `ongoing`, `done` \| {2}\| Status of the permanent fix/m);
  assert.match(md, /^\| `id` \| string \| yes \| Unique incident id/m);
});
