// Builds the bundles: the CLI, the extension host code, and the tests that run inside it.
// `node esbuild.mjs` builds once; `--watch` rebuilds on change; `--production` minifies.
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

/**
 * Names this build of the code that reads records (`src/core`, `src/node`) and its packages: the
 * CLI's parse cache (src/node/parseCache.ts) keeps nothing across two builds that differ there.
 * A watch build has none (its code changes under it), so it keeps nothing at all.
 */
function buildId() {
  const hash = createHash('sha256').update(pkg.version).update(readFileSync(new URL('./package-lock.json', import.meta.url)));
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.ts') || e.name.endsWith('.json')) hash.update(full).update(readFileSync(full));
    }
  };
  walk('src/core');
  walk('src/node');
  walk('schemas');
  return hash.digest('hex').slice(0, 16);
}

/** @type {esbuild.BuildOptions} */
const node = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // KEDB_TEST_HOOKS: the integration tests' hidden commands, left out of the packaged extension.
  define: { KEDB_VERSION: JSON.stringify(pkg.version), KEDB_BUILD: JSON.stringify(watch ? "" : buildId()), KEDB_TEST_HOOKS: JSON.stringify(!production) },
};

/** @type {esbuild.BuildOptions} The browser bundles: always minified, since their size is load time. */
const webview = {
  bundle: true,
  platform: 'browser',
  target: ['chrome114'],
  minify: true,
  sourcemap: false,
  logLevel: 'warning',
  legalComments: 'none',
};

/** Every `*.test.ts` in a folder, as esbuild entry points keyed by output name. */
function testEntries(dir, out, suffix = '.test.ts') {
  if (!existsSync(dir)) return {};
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith(suffix))
      .map((f) => [`${out}/${f.replace(/\.ts$/, '')}`, `${dir}/${f}`]),
  );
}

const builds = [
  // The CLI over the core: `kedb` (bin/kedb.js loads it).
  { ...node, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist' },
  // The schema reference generator's core (scripts/gen-docs.mjs).
  { ...node, entryPoints: { docs: 'src/core/schema/docs.ts' }, outdir: 'dist' },
  // The VS Code extension host bundle.
  { ...node, entryPoints: { extension: 'src/extension/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  // Integration tests, loaded by VS Code as --extensionTestsPath.
  { ...node, entryPoints: { 'test/integration/index': 'test/integration/index.ts', 'test/integration/plain': 'test/integration/plain/index.ts', 'test/integration/realData': 'test/integration/realData/index.ts' }, outdir: 'dist', external: ['vscode'], sourcemap: 'inline' },
  // Benchmarks, run by `npm run bench` (bench/run.mjs).
  { ...node, entryPoints: testEntries('bench', 'bench', '.bench.ts'), outdir: 'dist', sourcemap: false },
  // The in-host part of bench/vscode.bench.ts, loaded like an integration test.
  { ...node, entryPoints: { 'bench/host': 'bench/host/index.ts' }, outdir: 'dist', external: ['vscode'] },
  // The in-host part of bench/activation.bench.ts (a workspace of Kubernetes manifests).
  { ...node, entryPoints: { 'bench/host-activation': 'bench/host/activation.ts' }, outdir: 'dist', external: ['vscode'] },
  // The in-host part of bench/classifyEditor.bench.ts (Classify Priority on imported tickets).
  { ...node, entryPoints: { 'bench/host-classify': 'bench/host/classify.ts' }, outdir: 'dist', external: ['vscode'] },
  // Unit tests, run by `node --test dist/test/unit/`. Mermaid stays outside: the escaping test loads it from node_modules.
  { ...node, entryPoints: testEntries('test/unit', 'test/unit'), outdir: 'dist', sourcemap: 'inline', external: ['mermaid', 'dompurify', 'playwright-core'] },
  // The fishbone preview's webview: the only bundle with Mermaid in it. ES modules split into
  // chunks, so a page loads only the diagrams it draws (ishikawa, flowchart): measured 0.7 MB of
  // 3.4 MB and about 150 ms faster to the first drawing than one IIFE file (bench/preview.bench.ts).
  { ...webview, entryPoints: { preview: 'src/webview/preview.ts' }, outdir: 'dist/webview', format: 'esm', splitting: true, chunkNames: 'chunks/[name]-[hash]' },
  // The same drawing code as one classic script, inlined by `kedb fishbone --format html|svg` into a
  // page that must work offline from a file:// URL, where ES module chunks cannot load.
  { ...webview, entryPoints: { standalone: 'src/webview/standalone.ts' }, outdir: 'dist/webview', format: 'iife' },
  // The KEDB table's webview (src/extension/kedb/table.ts loads it): one small classic script.
  { ...webview, entryPoints: { 'kedb-table': 'src/webview/kedbTable/main.ts' }, outdir: 'dist/webview', format: 'iife' },
  // The record form (src/extension/form/formEditor.ts loads it): one small classic script.
  { ...webview, entryPoints: { form: 'src/webview/form/main.ts' }, outdir: 'dist/webview', format: 'iife' },
  // Insights (src/extension/stats/insights.ts loads it): Observable Plot and the charts, one classic script.
  { ...webview, entryPoints: { insights: 'src/webview/insights/main.ts' }, outdir: 'dist/webview', format: 'iife' },
];

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('esbuild: watching for changes');
} else {
  const started = Date.now();
  await Promise.all(builds.map((b) => esbuild.build(b)));
  console.log(`esbuild: ${builds.length} bundles in ${Date.now() - started} ms`);
}
