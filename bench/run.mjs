#!/usr/bin/env node
// Runs every benchmark bundled by esbuild.mjs into dist/bench/ (or the ones named on the command
// line, e.g. `npm run bench -- validate`). Each prints medians and ratios against a named baseline.
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'bench');
const wanted = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.js'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();
console.log(`KEDB Studio benchmarks: node ${process.version}, ${files.length} suite(s)`);
for (const f of files) {
  await require(join(dir, f)).run();
}
