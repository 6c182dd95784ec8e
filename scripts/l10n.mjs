// The interface's two languages. Collects every `t('…')` key from src/, writes the English bundle
// (l10n/bundle.l10n.json) and the Indonesian one (l10n/bundle.l10n.id.json, merged from the
// translations kept per area in l10n/id/*.json), and checks that nothing is missing.
//
//   node scripts/l10n.mjs           write both bundles; list what the Indonesian one lacks
//   node scripts/l10n.mjs --check   write nothing; exit 1 if a bundle is stale or incomplete
//
// The unit test test/unit/l10n.test.ts runs the same checks.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const SELF = fileURLToPath(import.meta.url);
const ROOT_ARG = process.argv.indexOf('--root');
const ROOT = ROOT_ARG > 0 ? path.resolve(process.argv[ROOT_ARG + 1]) : path.resolve(path.dirname(SELF), '..');

/** Every .ts file under `dir`, relative to the repository. */
function sources(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

const LITERAL = String.raw`'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|\`(?:[^\`\\$]|\\.)*\``;
const CALL = new RegExp(String.raw`(?<![\w$.])t\(\s*(${LITERAL})\s*[,)]`, 'g');
const ANY_CALL = /(?<![\w$.]|function )t\(/g;

/** The source with its comments blanked out (same length, newlines kept), strings left as they are. */
function withoutComments(text) {
  return text.replace(/('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`)|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (m, str) =>
    str ? m : m.replace(/[^\n]/g, ' '),
  );
}

/** The string a literal in our own source spells. */
function unquote(literal) {
  return new Function(`return ${literal};`)();
}

/**
 * The keys of every `t('…')` call under src/, and the calls whose first argument is not a plain
 * literal (which no bundle could translate), as `file:line`.
 */
export function extractKeys(root = ROOT) {
  const keys = new Map();
  const bad = [];
  for (const file of sources(path.join(root, 'src'))) {
    const text = withoutComments(readFileSync(file, 'utf8'));
    const rel = path.relative(root, file).split(path.sep).join('/');
    const good = new Set();
    for (const m of text.matchAll(CALL)) {
      good.add(m.index);
      const key = unquote(m[1]);
      if (!keys.has(key)) keys.set(key, `${rel}:${text.slice(0, m.index).split('\n').length}`);
    }
    for (const m of text.matchAll(ANY_CALL)) {
      if (!good.has(m.index)) bad.push(`${rel}:${text.slice(0, m.index).split('\n').length}`);
    }
  }
  return { keys, bad };
}

/** The `{0}`, `{1}`… a message uses, sorted. */
export function placeholders(message) {
  return [...new Set(message.match(/\{\d+\}/g) ?? [])].sort();
}

/** The Indonesian translations, merged from l10n/id/*.json; a key translated twice differently is an error. */
export function indonesianParts(root = ROOT) {
  const dir = path.join(root, 'l10n', 'id');
  const merged = {};
  const conflicts = [];
  if (!existsSync(dir)) return { merged, conflicts };
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const part = JSON.parse(readFileSync(path.join(dir, name), 'utf8'));
    for (const [key, value] of Object.entries(part)) {
      if (key in merged && merged[key] !== value) conflicts.push(`${name}: ${JSON.stringify(key)}`);
      merged[key] = value;
    }
  }
  return { merged, conflicts };
}

/** Every `%key%` the manifest uses, and the keys each package.nls file lacks or has to spare. */
export function manifestPlan(root = ROOT) {
  const read = (name) => (existsSync(path.join(root, name)) ? JSON.parse(readFileSync(path.join(root, name), 'utf8')) : undefined);
  const manifest = readFileSync(path.join(root, 'package.json'), 'utf8');
  const used = [...new Set([...manifest.matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]))].sort();
  const en = read('package.nls.json') ?? {};
  const id = read('package.nls.id.json') ?? {};
  const missingEn = used.filter((k) => typeof en[k] !== 'string');
  const missingId = used.filter((k) => typeof id[k] !== 'string' || id[k].trim() === '');
  const unusedEn = Object.keys(en).filter((k) => !used.includes(k));
  const unusedId = Object.keys(id).filter((k) => !used.includes(k));
  return { used, missingEn, missingId, unusedEn, unusedId };
}

/** What the two bundles should hold, and what is wrong with the translations. */
export function plan(root = ROOT) {
  const { keys, bad } = extractKeys(root);
  const sorted = [...keys.keys()].sort();
  const en = Object.fromEntries(sorted.map((k) => [k, k]));
  const { merged, conflicts } = indonesianParts(root);
  const missing = sorted.filter((k) => typeof merged[k] !== 'string' || merged[k].trim() === '');
  const unused = Object.keys(merged).filter((k) => !keys.has(k)).sort();
  const wrongPlaceholders = sorted.filter((k) => typeof merged[k] === 'string' && placeholders(k).join() !== placeholders(merged[k]).join());
  const id = Object.fromEntries(sorted.filter((k) => typeof merged[k] === 'string').map((k) => [k, merged[k]]));
  return { keys, bad, en, id, missing, unused, wrongPlaceholders, conflicts };
}

function serialise(bundle) {
  return JSON.stringify(bundle, null, 2) + '\n';
}

if (process.argv[1] && SELF === path.resolve(process.argv[1])) {
  const check = process.argv.includes('--check');
  const p = plan();
  const m = manifestPlan();
  const files = [
    ['l10n/bundle.l10n.json', serialise(p.en)],
    ['l10n/bundle.l10n.id.json', serialise(p.id)],
  ];
  const problems = [];
  if (p.bad.length) problems.push(`t() needs a plain string literal first, at:\n  ${p.bad.join('\n  ')}`);
  if (p.missing.length) problems.push(`${p.missing.length} key(s) with no Indonesian translation in l10n/id/*.json:\n  ${p.missing.map((k) => `${JSON.stringify(k)}  (${p.keys.get(k)})`).join('\n  ')}`);
  if (p.wrongPlaceholders.length) problems.push(`translations whose {n} placeholders differ from the key:\n  ${p.wrongPlaceholders.map((k) => JSON.stringify(k)).join('\n  ')}`);
  if (p.conflicts.length) problems.push(`keys translated differently in two parts:\n  ${p.conflicts.join('\n  ')}`);
  if (m.missingEn.length) problems.push(`package.json uses keys package.nls.json lacks: ${m.missingEn.join(', ')}`);
  if (m.missingId.length) problems.push(`package.json uses keys package.nls.id.json lacks: ${m.missingId.join(', ')}`);
  if (m.unusedEn.length || m.unusedId.length) problems.push(`package.nls keys package.json does not use: ${[...new Set([...m.unusedEn, ...m.unusedId])].join(', ')}`);
  if (p.unused.length) process.stderr.write(`note: ${p.unused.length} translation(s) no longer used:\n  ${p.unused.map((k) => JSON.stringify(k)).join('\n  ')}\n`);
  for (const [rel, text] of files) {
    const full = path.join(ROOT, rel);
    const current = existsSync(full) ? readFileSync(full, 'utf8') : '';
    if (current === text) continue;
    if (check) problems.push(`${rel} is stale: run node scripts/l10n.mjs`);
    else writeFileSync(full, text);
  }
  process.stdout.write(`${p.keys.size} runtime keys, Indonesian ${p.keys.size - p.missing.length} translated; ${m.used.length} manifest keys, Indonesian ${m.used.length - m.missingId.length} translated\n`);
  if (problems.length) {
    process.stderr.write(problems.join('\n') + '\n');
    process.exitCode = 1;
  }
}
