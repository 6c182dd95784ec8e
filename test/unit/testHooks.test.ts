// The integration tests' hidden commands and the preview's message logs exist in the development
// build only: the packaged extension (esbuild --production, as `npm run package` builds it) has none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from './helpers';

const HOOKS = ['kedb._fishbonePreview', 'kedb._kedbTable', 'kedb._knownErrorMatches', 'kedb._candidatesSnapshot'];

/** The extension bundle as esbuild.mjs builds it, in memory, with KEDB_TEST_HOOKS set as given. */
function extensionBundle(testHooks: boolean): string {
  const script = `
    import * as esbuild from 'esbuild';
    const r = await esbuild.build({
      entryPoints: ['src/extension/extension.ts'], bundle: true, platform: 'node', format: 'cjs', target: 'node20',
      external: ['vscode'], minify: true, write: false, logLevel: 'silent',
      define: { KEDB_VERSION: '"0"', KEDB_TEST_HOOKS: '${testHooks}' },
    });
    process.stdout.write(r.outputFiles[0].text);`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

test('the packaged extension carries none of the test hooks; the development build has them all', () => {
  const production = extensionBundle(false);
  const development = extensionBundle(true);
  assert.deepEqual(HOOKS.filter((h) => production.includes(h)), [], 'hidden test commands in the production bundle');
  assert.deepEqual(HOOKS.filter((h) => !development.includes(h)), [], 'the development build registers every hook');
  assert.ok(production.includes('kedb.openFishbonePreview') && production.includes('kedb.openKedbTable'), 'the product commands are there');
});
