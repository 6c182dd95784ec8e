#!/usr/bin/env node
// Writes docs/records.md, the record format reference, from the schemas (through the built CLI
// bundle's core). `npm run docs`; a unit test fails when the committed file is out of date.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { schemaReference } = createRequire(import.meta.url)(join(root, 'dist', 'docs.js'));
mkdirSync(join(root, 'docs'), { recursive: true });
writeFileSync(join(root, 'docs', 'records.md'), schemaReference());
console.log('wrote docs/records.md');
