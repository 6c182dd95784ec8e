// The CLI in Indonesian: `--lang id` or LANG=id_ID.UTF-8 turns its human output into Indonesian,
// `--lang en` and unknown languages give English, and machine output (--format json) never changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIXTURES, REPO_ROOT } from './helpers';

const KEDB = path.join(REPO_ROOT, 'bin', 'kedb.js');
const BUNDLE = path.join(REPO_ROOT, 'l10n', 'bundle.l10n.id.json');
const LAB = path.join('samples', 'lab-02');

/** The Indonesian bundle as committed; generated only when it is absent (a fresh checkout). */
function indonesian(): Record<string, string> {
  if (!fs.existsSync(BUNDLE)) spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'l10n.mjs')], { cwd: REPO_ROOT });
  return JSON.parse(fs.readFileSync(BUNDLE, 'utf8')) as Record<string, string>;
}

/** Runs the real CLI with exactly the locale given (none of the caller's LANG/LC_* leaks in). */
function kedb(args: string[], locale?: string, cwd = REPO_ROOT) {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.LC_ALL;
  delete env.LC_MESSAGES;
  env.LANG = locale ?? 'C';
  const r = spawnSync(process.execPath, [KEDB, ...args], { cwd, encoding: 'utf8', env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const ENGLISH_SUMMARY = '77 files, 76 records: 0 errors, 1 warning, 2 info.';
const INDONESIAN_SUMMARY = '77 berkas, 76 catatan: 0 galat, 1 peringatan, 2 info.';

/** What a help line names: its first word (a command or an option) and every option and value list in it. */
function namesIn(line: string): string[] {
  return [line.trim().split(/\s+/)[0], ...(line.match(/(?<!\S)-{1,2}[a-z][\w-]*(?: [A-Z.]+| [a-z]+(?:\|[a-z]+)+)?/g) ?? [])];
}

test('kedb --help --lang id describes in Indonesian and keeps command, option and value names', () => {
  const id = indonesian();
  const en = kedb(['--help']);
  const ind = kedb(['--help', '--lang', 'id']);
  assert.equal(ind.code, 0);
  assert.match(en.stdout, /^Usage: kedb <command> \[options\]/);
  assert.match(en.stdout, /\n {2}--lang en\|id {14}Language of the output \(default: from LANG\)\n/);
  const lines = ind.stdout.split('\n');
  assert.equal(lines[0], id['Usage: kedb <command> [options]']);
  assert.ok(lines.includes(`  validate [DIR]            ${id['Check every record under DIR (default: .)']}`), ind.stdout);
  assert.ok(lines.includes(`  --lang en|id              ${id['Language of the output (default: from LANG)']}`), ind.stdout);
  assert.ok(ind.stdout.includes('Periksa setiap catatan di bawah DIR'), ind.stdout);
  assert.ok(!ind.stdout.includes('Check every record'), ind.stdout);
  // Line for line the same commands and options; only the descriptions change.
  const enLines = en.stdout.split('\n');
  assert.equal(lines.length, enLines.length);
  enLines.forEach((l, i) => {
    if (/^\s/.test(l)) assert.deepEqual(namesIn(lines[i]), namesIn(l), `line ${i + 1}: ${lines[i]}`);
  });
  // A subcommand's help as well.
  const imp = kedb(['import', '--help'], 'id_ID.UTF-8');
  assert.equal(imp.code, 0);
  assert.match(imp.stdout, /^Penggunaan: kedb import FILE\.csv \[--preset NAME\]/);
  assert.ok(imp.stdout.includes(`  --limit N            ${id['Import at most N incidents']}`), imp.stdout);
});

test('LANG=id_ID.UTF-8 kedb validate prints the Indonesian summary line', () => {
  const r = kedb(['validate', LAB], 'id_ID.UTF-8');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trimEnd().split('\n').at(-1), INDONESIAN_SUMMARY);
  assert.equal(kedb(['validate', LAB, '--lang', 'id']).stdout.trimEnd().split('\n').at(-1), INDONESIAN_SUMMARY);
  // Errors too: a missing folder, in the user's language.
  const missing = kedb(['validate', 'no-such-folder'], 'id_ID.UTF-8');
  assert.equal(missing.code, 2);
  assert.equal(missing.stderr.trim(), 'kedb validate: no-such-folder: folder tidak ada');
});

test('--lang en under LANG=id gives English', () => {
  const r = kedb(['validate', LAB, '--lang', 'en'], 'id_ID.UTF-8');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trimEnd().split('\n').at(-1), ENGLISH_SUMMARY);
  assert.match(kedb(['--lang=en', '--help'], 'id_ID.UTF-8').stdout, /^Usage: kedb <command> \[options\]\n\nCommands:\n/);
});

test('an unknown --lang value falls back to English', () => {
  for (const locale of [undefined, 'id_ID.UTF-8']) {
    const r = kedb(['validate', LAB, '--lang', 'xx'], locale);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trimEnd().split('\n').at(-1), ENGLISH_SUMMARY, `LANG=${locale}`);
  }
  assert.equal(kedb(['validate', LAB], 'fr_FR.UTF-8').stdout.trimEnd().split('\n').at(-1), ENGLISH_SUMMARY);
});

test('--format json is the same in both languages', () => {
  const runs: [string[], number][] = [
    [['validate', LAB, '--format', 'json'], 0],
    [['validate', path.join(FIXTURES, 'broken-workspace'), '--format', 'json'], 1],
    [['candidates', LAB, '--format', 'json'], 0],
    [['suggest', path.join(FIXTURES, 'checklist', 'workspace'), '--format', 'json'], 0],
    [['classify', LAB, '--format', 'json'], 0],
    [['kedb', LAB, '--format', 'json'], 0],
    [['search', 'router firmware', LAB, '--format', 'json'], 0],
  ];
  for (const [args, code] of runs) {
    const en = kedb(args);
    const id = kedb(args, 'id_ID.UTF-8');
    assert.equal(en.code, code, `${args.join(' ')}: ${en.stderr}`);
    assert.equal(id.code, code, `${args.join(' ')}: ${id.stderr}`);
    assert.ok(en.stdout.length > 2, args.join(' '));
    assert.equal(id.stdout, en.stdout, args.join(' '));
  }
  // The KEDB's CSV header stays English for the tools that read it; its Markdown header is translated.
  assert.match(kedb(['kedb', LAB, '--format', 'csv'], 'id_ID.UTF-8').stdout, /^Known Error ID,Problem ID,Title,Symptoms,Root Causes,Workaround,Permanent Fix Status,Linked Incidents,State\r\n/);
  assert.match(kedb(['kedb', LAB, '--format', 'md'], 'id_ID.UTF-8').stdout, new RegExp(`^\\| ${indonesian()['Known Error ID']} \\| ${indonesian()['Problem ID']} \\| ${indonesian()['Title']} \\| `));
});
