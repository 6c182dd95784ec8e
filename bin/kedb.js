#!/usr/bin/env node
'use strict';
// The CLI is bundled by `npm run build` (esbuild.mjs) into dist/cli.js.
const path = require('node:path');
const fs = require('node:fs');
const cli = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('kedb: dist/cli.js is missing; run `npm run build` in ' + path.dirname(__dirname) + '\n');
  process.exit(2);
}
// Output piped into `head` and the like: stop quietly when the reader goes away.
process.stdout.on('error', (e) => {
  if (e && e.code === 'EPIPE') process.exit(process.exitCode || 0);
  throw e;
});
require(cli).main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write('kedb: internal error: ' + (e && e.stack ? e.stack : String(e)) + '\n');
    process.exitCode = 3;
  },
);
