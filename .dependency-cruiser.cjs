// The dependency rules `npm test` checks (npm run lint:deps). Each rule says what it protects.
//
// Layers of the core, lowest first; a module may import its own layer and the layers below it:
//   base                         types, lines, l10n, words, html
//   yaml, schema                 YAML reading and editing; the JSON Schemas and their checks
//   records                      a record: its kinds, config, parse, references, templates
//   workspace                    the store, the check and fix registries, links
//   features                     one folder per capability (priority, checklist, candidates, rca,
//                                kedb, import, language, text, tasks, stats)
//   standard.ts, index.ts        the standard checks and fixes, and the public entry point
/** @type {import('dependency-cruiser').IConfiguration} */

const CORE = '^src/core/';
const LAYERS = [
  { name: 'base', path: `${CORE}base/` },
  { name: 'yaml-schema', path: `${CORE}(yaml|schema)/` },
  // prose/syntax.ts reads the text and `yaml`'s errors for the parse; the rest of prose/ is a feature.
  { name: 'prose-syntax', path: `${CORE}prose/syntax\\.ts$` },
  { name: 'records', path: `${CORE}records/` },
  { name: 'workspace', path: `${CORE}workspace/` },
  { name: 'features', path: `${CORE}((priority|checklist|candidates|rca|kedb|import|language|text|report|tasks|stats|recurrences)/|prose/(?!syntax\\.ts$))` },
];

/** Layer i may not import any layer above it, nor the core's top (standard.ts, index.ts). */
const layerRules = LAYERS.map((layer, i) => ({
  name: `core-layer-${layer.name}`,
  comment: `${layer.name} sits below ${LAYERS.slice(i + 1).map((l) => l.name).concat('standard.ts and index.ts').join(', ')}: it may not import them`,
  severity: 'error',
  from: { path: layer.path },
  to: {
    path: [...LAYERS.slice(i + 1).map((l) => l.path), `${CORE}(standard|index)\\.ts$`],
  },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A circle of imports: each module of it can only be understood with all the others',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'core-no-vscode',
      comment: 'The core runs in the CLI and the webview too: it may not import vscode',
      severity: 'error',
      from: { path: CORE },
      // 'vscode' resolves to its type package, or to nothing where that is absent.
      to: { path: '(^|/)node_modules/@types/vscode/|^vscode$' },
    },
    {
      name: 'core-no-node',
      comment: 'The core reaches files only through WorkspaceHost: it may not import a Node built-in',
      severity: 'error',
      from: { path: CORE },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'core-stays-inside',
      comment: 'The core may not import the extension, the CLI, the Node adapters, the webview or anything else outside src/core',
      severity: 'error',
      from: { path: CORE },
      to: { path: '^(src/(?!core/)|test/|bench/|scripts/)' },
    },
    ...layerRules,
    {
      name: 'core-through-entry-points',
      comment: 'Outside the core, import it through src/core/index.ts or a folder\'s index.ts, never a file inside a folder',
      severity: 'error',
      from: { path: '^src/(?!core/)' },
      to: { path: CORE, pathNot: `${CORE}(index\\.ts|[^/]+/index\\.ts)$` },
    },
    {
      name: 'hosts-stay-apart',
      comment: 'The CLI, the Node adapters and the webview never import the extension; the webview imports no host code',
      severity: 'error',
      from: { path: '^src/(cli|node|webview|shared)/' },
      to: { path: '^src/extension/' },
    },
    {
      name: 'webview-no-host',
      comment: 'The webview runs in a browser: no CLI, no Node adapters',
      severity: 'error',
      from: { path: '^src/webview/' },
      to: { path: '^src/(cli|node)/' },
    },
    {
      name: 'extension-writes-through-one-adapter',
      comment: 'An extension file writes through util/safeWrite.ts (a URI handed to the one atomic, link-safe write module), never around it',
      severity: 'error',
      from: { path: '^src/extension/', pathNot: '^src/extension/util/safeWrite\\.ts$' },
      to: { path: '^src/node/safeWrite\\.ts$' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, pathNot: '^vscode$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
