// The CLI's argument layer (src/cli/args.ts): every command reads its arguments through it, so a
// bad usage gives the same kind of message, and exit code 2, whichever command it is; --help is
// answered on standard output with 0; and the progress bar of the long commands stays off the
// output unless standard error is a terminal, and off it too with --quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { defineCommand, parseCommand } from '../../src/cli/args';
import { progressBar } from '../../src/cli/progress';
import { FIXTURES, REPO_ROOT, testNeeding } from './helpers';

const KEDB = path.join(REPO_ROOT, 'bin', 'kedb.js');
const LAB = path.join('samples', 'lab-02');
const CSV = path.join('test', 'fixtures', 'import', 'seed-tickets.csv');

/** Runs the built CLI with exactly the locale given (none of the caller's LANG/LC_* leaks in). */
function kedb(args: string[], locale = 'C', cwd = REPO_ROOT) {
  const env: NodeJS.ProcessEnv = { ...process.env, LANG: locale };
  delete env.LC_ALL;
  delete env.LC_MESSAGES;
  const r = spawnSync(process.execPath, [KEDB, ...args], { cwd, encoding: 'utf8', env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A bad usage: exit 2, nothing on standard output, exactly `message` on standard error. */
function assertBadUsage(args: string[], message: string, locale?: string): void {
  const r = kedb(args, locale);
  const shown = `kedb ${args.join(' ')}`;
  assert.equal(r.code, 2, `${shown}: ${r.stderr}`);
  assert.equal(r.stdout, '', shown);
  assert.equal(r.stderr, message + '\n', shown);
}

/** What node:util's parseArgs says about these arguments: the layer passes its message on as it is. */
function parseArgsMessage(args: string[], options: NonNullable<Parameters<typeof parseArgs>[0]>['options']): string {
  try {
    parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`parseArgs accepted ${args.join(' ')}`);
}

/** A command's own help, as --help prints it. */
function help(command: string): string {
  const r = kedb([command, '--help']);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout.replace(/\n$/, '');
}

/** The commands that take at most one folder, and one valid invocation's other arguments. */
const FOLDER_COMMANDS = ['validate', 'classify', 'candidates', 'kedb', 'report', 'suggest'];

test('an unknown option: "kedb CMD: " and parseArgs\'s own message, exit 2 (import and candidates add their usage)', () => {
  const unknown = parseArgsMessage(['--nope'], {});
  assert.match(unknown, /^Unknown option '--nope'\./);
  for (const command of ['validate', 'classify', 'fishbone', 'kedb', 'report', 'search', 'suggest']) {
    assertBadUsage([command, '--nope'], `kedb ${command}: ${unknown}`);
  }
  assertBadUsage(['import', CSV, '--nope'], `kedb import: ${unknown}\n\n${help('import')}`);
  assertBadUsage(['candidates', LAB, '--nope'], `kedb candidates: ${unknown}\n\n${help('candidates')}`);
  // A short option no command has, and a value given to a flag.
  assertBadUsage(['validate', '-x'], `kedb validate: ${parseArgsMessage(['-x'], {})}`);
  assertBadUsage(['report', '--no-diagrams=yes'], `kedb report: ${parseArgsMessage(['--no-diagrams=yes'], { 'no-diagrams': { type: 'boolean' } })}`);
});

test('an option without its value: parseArgs\'s message, exit 2', () => {
  const missing = parseArgsMessage(['--format'], { format: { type: 'string' } });
  assert.equal(missing, "Option '--format <value>' argument missing");
  for (const command of ['validate', 'classify', 'kedb', 'search', 'suggest', 'fishbone']) {
    assertBadUsage([command, '--format'], `kedb ${command}: ${missing}`);
  }
  assertBadUsage(['candidates', '--format'], `kedb candidates: ${missing}\n\n${help('candidates')}`);
  assertBadUsage(['import', CSV, '--limit'], `kedb import: ${parseArgsMessage(['--limit'], { limit: { type: 'string' } })}\n\n${help('import')}`);
});

test('a value outside the allowed set names the option, the values it takes and the one given; exit 2', () => {
  const cases: [string[], string][] = [
    [['validate', '--format', 'xml'], 'kedb validate: --format must be text, json, sarif or github, not "xml"'],
    [['classify', '--format', 'xml'], 'kedb classify: --format must be text or json, not "xml"'],
    [['suggest', '--format', 'xml'], 'kedb suggest: --format must be text or json, not "xml"'],
    [['candidates', '--format', 'xml'], 'kedb candidates: --format must be text, json or md, not "xml"'],
    [['candidates', '--rule', 'nope'], 'kedb candidates: --rule must be category, ci, text, burst, shared or all, not "nope"'],
    [['kedb', '--format=xml'], 'kedb kedb: --format must be md, csv, html or json, not "xml"'],
    [['fishbone', 'PRB-0007', LAB, '--format', 'pdf'], 'kedb fishbone: --format must be mermaid, html or svg, not "pdf"'],
    [['classify', '--matrix', 'nope'], 'kedb classify: unknown matrix "nope"; presets: itil-3x3, itil-3x3-p4, rabobank-5x5'],
    [['import', CSV, '--preset', 'zendesk'], 'kedb import: unknown preset "zendesk"; presets: seed, tobi-bueck, servicenow-uci, bpic2014, vinst-problems'],
    // Values checked by their form rather than a list.
    [['candidates', '--top', '0'], 'kedb candidates: --top must be a whole number of at least 1, not "0"'],
    [['import', CSV, '--limit', 'ten'], 'kedb import: --limit must be a whole number of at least 1, not "ten"'],
    [['suggest', '--min-confidence', '2'], 'kedb suggest: --min-confidence must be a number from 0 to 1, not "2"'],
    // The names an object has from its prototype are not values.
    [['classify', '--matrix', 'toString'], 'kedb classify: unknown matrix "toString"; presets: itil-3x3, itil-3x3-p4, rabobank-5x5'],
    [['candidates', '--rule', 'constructor'], 'kedb candidates: --rule must be category, ci, text, burst, shared or all, not "constructor"'],
  ];
  for (const [args, message] of cases) assertBadUsage(args, message);
  // search answers every mistake with its usage.
  assertBadUsage(['search', 'router', LAB, '--format', 'xml'], help('search'));
  assertBadUsage(['search', 'router', LAB, '--limit', '0'], help('search'));
});

test('two folders: "give at most one folder", exit 2; commands with another argument first print their usage', () => {
  for (const command of FOLDER_COMMANDS) assertBadUsage([command, LAB, LAB], `kedb ${command}: give at most one folder`);
  assertBadUsage(['fishbone', 'PRB-0007', LAB, LAB], help('fishbone'));
  assertBadUsage(['search', 'router', LAB, LAB], help('search'));
  assertBadUsage(['import', CSV, CSV], `kedb import: give one CSV file\n\n${help('import')}`);
  assertBadUsage(['import'], `kedb import: give one CSV file\n\n${help('import')}`);
  assertBadUsage(['fishbone'], help('fishbone'));
  assertBadUsage(['search', '   ', LAB], help('search'));
});

test('a folder that does not exist (or is a file): "kedb CMD: DIR: no such folder", exit 2', () => {
  for (const command of FOLDER_COMMANDS) assertBadUsage([command, 'no/such/folder'], `kedb ${command}: no/such/folder: no such folder`);
  assertBadUsage(['fishbone', 'PRB-0007', 'no/such/folder'], 'kedb fishbone: no/such/folder: no such folder');
  assertBadUsage(['search', 'router', 'no/such/folder'], 'kedb search: no/such/folder: no such folder');
  assertBadUsage(['validate', CSV], `kedb validate: ${CSV}: no such folder`);
  // Without a folder, the current one.
  const here = kedb(['kedb', '--format', 'csv'], 'C', path.join(REPO_ROOT, LAB));
  assert.equal(here.code, 0, here.stderr);
  assert.match(here.stdout, /^Known Error ID,Problem ID,Title,Symptoms,/);
});

test('in Indonesian (--lang id) the same mistakes give the translated message, still exit 2; parseArgs\'s own stays English', () => {
  assertBadUsage(['validate', LAB, LAB, '--lang', 'id'], 'kedb validate: berikan paling banyak satu folder');
  assertBadUsage(['kedb', 'no/such/folder', '--lang', 'id'], 'kedb kedb: no/such/folder: folder tidak ada');
  assertBadUsage(['kedb', '--format', 'xml', '--lang', 'id'], 'kedb kedb: --format harus md, csv, html atau json, bukan "xml"');
  assertBadUsage(['validate', LAB, LAB], 'kedb validate: berikan paling banyak satu folder', 'id_ID.UTF-8');
  assertBadUsage(['validate', '--nope', '--lang', 'id'], `kedb validate: ${parseArgsMessage(['--nope'], {})}`);
});

test('the first mistake is the one reported: parse, then --help, then exclusive flags, option values, positionals, folder', () => {
  assertBadUsage(['validate', '--help', '--nope'], `kedb validate: ${parseArgsMessage(['--nope'], {})}`);
  const helped = kedb(['validate', '--help', 'a', 'b', '--format', 'xml']);
  assert.equal(helped.code, 0);
  assert.match(helped.stdout, /^Usage: kedb <command> \[options\]/);
  assert.equal(helped.stderr, '');
  assertBadUsage(['classify', '--check', '--write', '--format', 'xml', 'a', 'b'], 'kedb classify: give --check or --write, not both');
  assertBadUsage(['validate', 'a', 'b', '--format', 'xml'], 'kedb validate: --format must be text, json, sarif or github, not "xml"');
  assertBadUsage(['candidates', 'no/such/folder', '--top', 'x'], 'kedb candidates: --top must be a whole number of at least 1, not "x"');
  assertBadUsage(['kedb', 'no/such/folder', 'b'], 'kedb kedb: give at most one folder');
  // import names its file first: a missing file is reported before a bad option value.
  assertBadUsage(['import', '--preset', 'zendesk'], `kedb import: give one CSV file\n\n${help('import')}`);
});

test('--help and -h print the command\'s usage on standard output and exit 0', () => {
  for (const command of ['import', 'classify', 'candidates', 'fishbone', 'kedb', 'report', 'search', 'suggest']) {
    for (const flag of ['--help', '-h']) {
      const r = kedb([command, flag]);
      assert.equal(r.code, 0, `${command} ${flag}`);
      assert.equal(r.stderr, '');
      assert.ok(r.stdout.startsWith(`Usage: kedb ${command} `), r.stdout);
    }
  }
  // validate has no help of its own: the CLI's, which lists --quiet.
  const validate = kedb(['validate', '-h']);
  assert.equal(validate.stdout, kedb(['--help']).stdout);
  assert.match(validate.stdout, /\n {2}--quiet {19}Draw no progress bar \(validate, import, candidates, report\)\n/);
  for (const command of ['import', 'candidates', 'report']) assert.match(help(command), /\[--quiet\]/);
});

test('--quiet keeps standard error empty and changes nothing on standard output', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-quiet-'));
  try {
    const runs: string[][] = [
      ['validate', LAB],
      ['validate', path.join(FIXTURES, 'broken-workspace')],
      ['candidates', LAB],
      ['report', LAB, '--out', out],
      ['import', CSV, '--dry-run', '--out', path.join(out, 'incidents')],
    ];
    for (const args of runs) {
      const plain = kedb(args);
      const quiet = kedb([...args, '--quiet']);
      assert.equal(quiet.stderr, '', args.join(' '));
      assert.equal(plain.stderr, '', `no terminal, no bar: ${args.join(' ')}`);
      assert.equal(quiet.code, plain.code, args.join(' '));
      // The import and the report say how long they took; the rest is the same.
      const steady = (s: string) => s.replace(/ in \d+\.\d s\./g, ' in N s.');
      assert.equal(steady(quiet.stdout), steady(plain.stdout), args.join(' '));
    }
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});

const SCRIPT = '/usr/bin/script';
const scriptMissing = fs.existsSync(SCRIPT) ? undefined : `no ${SCRIPT} (util-linux) to give the CLI a terminal`;

/** Runs the CLI with standard error on a pseudo-terminal (util-linux `script`) and standard output in a file. */
function onTerminal(args: string[]): { code: number | null; terminal: string; stdout: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-tty-'));
  try {
    const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
    const stdoutFile = path.join(dir, 'stdout.txt');
    const command = `${[process.execPath, KEDB, ...args].map(quote).join(' ')} > ${quote(stdoutFile)}`;
    const r = spawnSync(SCRIPT, ['-qec', command, '/dev/null'], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
    return { code: r.status, terminal: r.stdout, stdout: fs.readFileSync(stdoutFile, 'utf8') };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

testNeeding(scriptMissing, 'on a terminal, validate draws its bar on standard error and clears it; --quiet draws nothing', {}, () => {
  const drawn = onTerminal(['validate', LAB]);
  assert.equal(drawn.code, 0);
  assert.match(drawn.terminal, /Reading records .*100% \| 77\/77/);
  assert.ok(drawn.terminal.endsWith('\x1b[2K'), `the line is cleared at the end: ${JSON.stringify(drawn.terminal.slice(-40))}`);
  const quiet = onTerminal(['validate', LAB, '--quiet']);
  assert.equal(quiet.code, 0);
  assert.equal(quiet.terminal, '');
  assert.equal(quiet.stdout, drawn.stdout);
});

/** A stand-in for a terminal's standard error that keeps what is written to it. */
function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; written: string[] } {
  const written: string[] = [];
  const stream = { isTTY, columns: 100, write: (s: string) => (written.push(s), true) } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

test('progressBar draws only on a terminal without quiet, and clears its line when stopped', () => {
  for (const [isTTY, quiet] of [
    [false, false],
    [true, true],
    [false, true],
  ]) {
    const { stream, written } = fakeStream(isTTY);
    const bar = progressBar('Label', quiet, stream);
    assert.equal(bar.active, false);
    bar.update(1, 2);
    bar.stop();
    assert.deepEqual(written, [], `isTTY ${isTTY}, quiet ${quiet}`);
  }
  const { stream, written } = fakeStream(true);
  const exitListeners = process.listenerCount('exit');
  const bar = progressBar('Label', false, stream);
  assert.equal(bar.active, true);
  bar.update(1, 4);
  assert.match(written.join(''), /Label .* 25% \| 1\/4/);
  bar.update(4, 4, '4 rows');
  bar.stop();
  bar.stop();
  assert.match(written.join(''), /Label .* 100% \| 4 rows/);
  assert.ok(written.join('').endsWith('\x1b[2K'), JSON.stringify(written.slice(-3)));
  assert.equal(process.listenerCount('exit'), exitListeners, 'the exit hook is removed once the bar is cleared');
});

test('parseCommand reads a spec: defaults, narrowed values, the folder; --help and bad values return without a result', () => {
  const DEMO = defineCommand({
    name: 'demo',
    usage: () => 'Usage: kedb demo [DIR] [--format text|json] [--quiet]',
    options: {
      format: { type: 'string', default: 'text', choices: ['text', 'json'], invalid: (command, value) => `kedb ${command}: no format ${value}` },
      quiet: { type: 'boolean' },
    },
    positionals: { kind: 'folder' },
  });
  const run = (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    return { result: parseCommand(DEMO, args, (s) => out.push(s), (s) => err.push(s)), out, err };
  };
  assert.deepEqual(run([FIXTURES]), { result: { values: { format: 'text' }, dir: FIXTURES }, out: [], err: [] });
  assert.deepEqual(run(['--format=json', '--quiet']).result, { values: { format: 'json', quiet: true }, dir: '.' });
  assert.deepEqual(run(['--format', 'xml']), { result: { exit: 2 }, out: [], err: ['kedb demo: no format xml'] });
  assert.deepEqual(run(['-h']), { result: { exit: 0 }, out: ['Usage: kedb demo [DIR] [--format text|json] [--quiet]'], err: [] });
  assert.deepEqual(run(['a', 'b']).err, ['kedb demo: give at most one folder']);
  assert.deepEqual(run(['no/such/folder']).err, ['kedb demo: no/such/folder: no such folder']);
});
