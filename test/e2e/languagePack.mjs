// A minimal VS Code language pack: it declares a display language and translates none of VS Code's
// own strings (they stay English). That is enough for the workbench to offer the language in
// "Configure Display Language" and, once switched, to read each extension's package.nls.<lang>.json.
// The real packs come from the marketplace, which this offline machine cannot reach.

import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Writes the pack's sources into `dir` and packages them with vsce; returns the .vsix path. */
export async function makeLanguagePack(dir, languageId, languageName, localizedLanguageName) {
  mkdirSync(join(dir, 'translations'), { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify(
      {
        name: `kedb-e2e-language-pack-${languageId}`,
        displayName: `${languageName} display language (KEDB Studio end-to-end test, no translations)`,
        description: `Makes ${localizedLanguageName} selectable as the display language; VS Code's own strings stay English.`,
        publisher: 'kedb-e2e',
        version: '0.0.1',
        license: 'MIT',
        engines: { vscode: '^1.90.0' },
        categories: ['Language Packs'],
        contributes: {
          localizations: [{ languageId, languageName, localizedLanguageName, translations: [{ id: 'vscode', path: './translations/main.i18n.json' }] }],
        },
      },
      null,
      2,
    ),
  );
  writeFileSync(join(dir, 'translations', 'main.i18n.json'), JSON.stringify({ version: '1.0.0', contents: {} }));
  writeFileSync(join(dir, 'README.md'), `# ${languageName} display language for the KEDB Studio end-to-end test\n`);
  writeFileSync(join(dir, 'LICENSE'), 'MIT\n');
  const out = join(dir, `language-pack-${languageId}.vsix`);
  const vsce = join(repoRoot, 'node_modules', '.bin', 'vsce');
  await new Promise((res, rej) => {
    const child = spawn(vsce, ['package', '--no-dependencies', '--allow-missing-repository', '--out', out], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (d) => (log += d));
    child.stderr.on('data', (d) => (log += d));
    child.on('error', rej);
    child.on('close', (code) => (code === 0 ? res() : rej(new Error(`vsce package of the language pack failed (exit ${code}): ${log.trim()}`))));
  });
  return out;
}
