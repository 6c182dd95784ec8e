// The two languages: every key in English and Indonesian, and the core's t() and locale choice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { format, languageOfLocale, setL10nBundle, t } from '../../src/core/base/l10n';
import { REPO_ROOT } from './helpers';

const SCRIPT = path.join(REPO_ROOT, 'scripts', 'l10n.mjs');

function l10nCheck(root: string): { code: number | null; out: string } {
  const r = spawnSync(process.execPath, [SCRIPT, '--check', '--root', root], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout + r.stderr };
}

test('every runtime and manifest string has its English and Indonesian text, and the bundles are current', () => {
  const r = l10nCheck(REPO_ROOT);
  assert.equal(r.code, 0, r.out);
  const en = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
  const id = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'l10n', 'bundle.l10n.id.json'), 'utf8')) as Record<string, string>;
  assert.deepEqual(Object.keys(id), Object.keys(en));
  const nlsEn = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
  const nlsId = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.nls.id.json'), 'utf8')) as Record<string, string>;
  assert.deepEqual(Object.keys(nlsId).sort(), Object.keys(nlsEn).sort());
});

/** A throwaway project with one source file, a manifest and translations. */
function project(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-l10n-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

test('the check fails on a key missing from either language, a stale bundle, a bad placeholder, or a non-literal key', () => {
  const complete = {
    'src/a.ts': "import { t } from './l10n';\n// t('in a comment') is not a key\nexport const m = (n: number) => t('{0} records checked.', n);\n",
    'package.json': '{ "contributes": { "commands": [{ "command": "x", "title": "%cmd.x%" }] } }\n',
    'package.nls.json': '{ "cmd.x": "Do X" }\n',
    'package.nls.id.json': '{ "cmd.x": "Lakukan X" }\n',
    'l10n/id/a.json': '{ "{0} records checked.": "{0} rekaman diperiksa." }\n',
  };
  const ok = project(complete);
  // The first run writes the bundles; then the check passes.
  assert.equal(spawnSync(process.execPath, [SCRIPT, '--root', ok], { encoding: 'utf8' }).status, 0);
  assert.deepEqual(JSON.parse(fs.readFileSync(path.join(ok, 'l10n', 'bundle.l10n.id.json'), 'utf8')), { '{0} records checked.': '{0} rekaman diperiksa.' });
  assert.equal(l10nCheck(ok).code, 0, l10nCheck(ok).out);

  const noId = project({ ...complete, 'l10n/id/a.json': '{}\n' });
  assert.match(l10nCheck(noId).out, /1 key\(s\) with no Indonesian translation[\s\S]*"\{0\} records checked\." {2}\(src\/a\.ts:3\)/);
  assert.equal(l10nCheck(noId).code, 1);

  const noNlsId = project({ ...complete, 'package.nls.id.json': '{}\n' });
  assert.match(l10nCheck(noNlsId).out, /package\.nls\.id\.json lacks: cmd\.x/);
  const noNlsEn = project({ ...complete, 'package.nls.json': '{}\n' });
  assert.match(l10nCheck(noNlsEn).out, /package\.nls\.json lacks: cmd\.x/);

  const badPlaceholder = project({ ...complete, 'l10n/id/a.json': '{ "{0} records checked.": "rekaman diperiksa." }\n' });
  assert.match(l10nCheck(badPlaceholder).out, /placeholders differ[\s\S]*records checked/);

  const dynamic = project({ ...complete, 'src/b.ts': "import { t } from './l10n';\nexport const m = (s: string) => t(s);\n" });
  assert.match(l10nCheck(dynamic).out, /plain string literal first, at:\n {2}src\/b\.ts:2/);

  const stale = project(complete);
  assert.match(l10nCheck(stale).out, /bundle\.l10n\.json is stale/);
  for (const dir of [ok, noId, noNlsId, noNlsEn, badPlaceholder, dynamic, stale]) fs.rmSync(dir, { recursive: true, force: true });
});

test('t() gives the bundle\'s text with its values, and English for a key the bundle lacks', () => {
  try {
    assert.equal(t('{0} of {1} files', 3, 5), '3 of 5 files');
    setL10nBundle({ '{0} of {1} files': '{0} dari {1} berkas', Hello: { message: 'Halo' } }, 'id');
    assert.equal(t('{0} of {1} files', 3, 5), '3 dari 5 berkas');
    assert.equal(t('Hello'), 'Halo');
    assert.equal(t('Not translated {0}', 'x'), 'Not translated x');
  } finally {
    setL10nBundle(undefined);
  }
  assert.equal(t('{0} of {1} files', 3, 5), '3 of 5 files');
  assert.equal(format('{0} and {2}', ['a']), 'a and {2}');
});

test('the language comes from the locale, with English when no bundle exists for it', () => {
  const have = ['en', 'id'];
  assert.equal(languageOfLocale('id_ID.UTF-8', have), 'id');
  assert.equal(languageOfLocale('id-ID', have), 'id');
  assert.equal(languageOfLocale('ID', have), 'id');
  assert.equal(languageOfLocale('en_US.UTF-8', have), 'en');
  assert.equal(languageOfLocale('C', have), 'en');
  assert.equal(languageOfLocale('fr_FR', have), 'en');
  assert.equal(languageOfLocale(undefined, have), 'en');
});
