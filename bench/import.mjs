#!/usr/bin/env node
// Builds bench/import.bench.ts alone (into bench/out/, which git ignores) and runs it:
//   node bench/import.mjs            KEDB_BENCH_RUNS=N to change the number of measured runs
// The same benchmark also runs under `npm run bench -- import` once esbuild.mjs bundles bench/.
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outfile = join(here, 'out', 'import.bench.cjs');
await esbuild.build({
  entryPoints: [join(here, 'import.bench.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
});
console.log(`KEDB Studio import benchmark: node ${process.version}`);
await createRequire(import.meta.url)(outfile).run();
