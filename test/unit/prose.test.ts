import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { defaultConfig, fixProse, LineIndex, looksLikeProse, parseFast, parseRangedFile, quickFixesFor, Workspace, type Issue, type QuickFix } from '../../src/core';
import { FIXTURES, REPO_ROOT } from './helpers';

// The corpus: one record per way prose breaks YAML, in English and Indonesian. Each file's first
// line says what the author meant: `# intended FIELD: TEXT`.
const DIR = path.join(FIXTURES, 'prose');
const FILE = 'known-errors/KE-0001.yaml';

const COLON = (field: string) => `The ${field} contains ': ', which YAML reads as the start of a new field. Put the text in quotes.`;
const STARTS = (field: string, c: string, meaning: string) => `The ${field} starts with '${c}', which YAML reads as ${meaning}, not as text. Put the text in quotes.`;
const COMMENT = (field: string, rest: string) => `The ${field} contains ' #', so YAML drops the rest of the line ("${rest}") as a comment. Put the text in quotes to keep it.`;
const TAB = 'This line is indented with a tab, and YAML allows only spaces for indentation. Replace the tab with spaces.';
const ITEM = (at: number, to: number) => `This list item starts at column ${at}, but the items beside it start at column ${to}, so YAML cannot tell which list it belongs to. Move it to column ${to}.`;
const FIELD = (key: string, at: number, to: number) => `"${key}" is indented to column ${at}, but the fields beside it start at column ${to}, so YAML reads it as part of the text above. Move it to column ${to}.`;

/** Per fixture: the issue code, its severity, the character at fault and the message. */
const EXPECTED: Record<string, { code: Issue['code']; severity: Issue['severity']; fault: string; message: string }> = {
  'colon.en.yaml': { code: 'prose-colon', severity: 'error', fault: ':', message: COLON('workaround') },
  'colon.id.yaml': { code: 'prose-colon', severity: 'error', fault: ':', message: COLON('workaround') },
  'colon-comment.en.yaml': { code: 'prose-colon', severity: 'error', fault: ':', message: COLON('title') },
  'colon-multiline.en.yaml': { code: 'prose-colon', severity: 'error', fault: ':', message: COLON('workaround') },
  'comment.en.yaml': { code: 'prose-comment', severity: 'warning', fault: '#', message: COMMENT('title', 'on db-01 since Monday') },
  'comment.id.yaml': { code: 'prose-comment', severity: 'warning', fault: '#', message: COMMENT('title', 'di db-01 sejak Senin') },
  'comment-ticket.en.yaml': { code: 'prose-comment', severity: 'warning', fault: '#', message: COMMENT('description', '4512 went live') },
  'indicator-amp.id.yaml': { code: 'prose-indicator', severity: 'error', fault: '&', message: STARTS('title', '&', 'an anchor name') },
  'indicator-at.en.yaml': { code: 'prose-indicator', severity: 'error', fault: '@', message: STARTS('title', '@', 'a reserved character') },
  'indicator-backtick.id.yaml': { code: 'prose-indicator', severity: 'error', fault: '`', message: STARTS('workaround', '`', 'a reserved character') },
  'indicator-bang.en.yaml': { code: 'prose-indicator', severity: 'warning', fault: '!', message: STARTS('title', '!', 'a tag') },
  'indicator-brace.id.yaml': { code: 'prose-indicator', severity: 'error', fault: '{', message: STARTS('title', '{', 'the start of a mapping') },
  'indicator-bracket.en.yaml': { code: 'prose-indicator', severity: 'error', fault: '[', message: STARTS('title', '[', 'the start of a list') },
  'indicator-dash.id.yaml': { code: 'prose-indicator', severity: 'error', fault: '-', message: STARTS('title', '-', 'a list item') },
  'indicator-gt.en.yaml': { code: 'prose-indicator', severity: 'error', fault: '>', message: STARTS('title', '>', 'the start of a block of text') },
  'indicator-percent.id.yaml': { code: 'prose-indicator', severity: 'error', fault: '%', message: STARTS('title', '%', 'a directive') },
  'indicator-pipe.en.yaml': { code: 'prose-indicator', severity: 'error', fault: '|', message: STARTS('title', '|', 'the start of a block of text') },
  'indicator-question.en.yaml': { code: 'prose-indicator', severity: 'error', fault: '?', message: STARTS('title', '?', 'a mapping key') },
  'indicator-star.en.yaml': { code: 'prose-indicator', severity: 'error', fault: '*', message: STARTS('title', '*', 'a reference to an anchor') },
  'quote-inner.id.yaml': {
    code: 'prose-quote',
    severity: 'error',
    fault: "'",
    message: "The title starts with a quote mark ('), so YAML reads a quoted text that ends at the next ', before the rest. Put the whole text in quotes.",
  },
  'quote-open.en.yaml': {
    code: 'prose-quote',
    severity: 'error',
    fault: '"',
    message: 'The title starts with a quote mark ("), so YAML reads a quoted text that ends at the next ", before the rest. Put the whole text in quotes.',
  },
  'indent-item.en.yaml': { code: 'prose-indent', severity: 'error', fault: '-', message: ITEM(2, 3) },
  'indent-item.id.yaml': { code: 'prose-indent', severity: 'error', fault: '-', message: ITEM(3, 5) },
  'indent-field.id.yaml': { code: 'prose-indent', severity: 'error', fault: 's', message: FIELD('status', 4, 3) },
  'tab.en.yaml': { code: 'tab-indentation', severity: 'error', fault: '\t', message: TAB },
  'tab.id.yaml': { code: 'tab-indentation', severity: 'error', fault: '\t', message: TAB },
};

const PROSE = (i: Issue) => i.code.startsWith('prose-') || i.code === 'tab-indentation';

function issuesOf(text: string): { ws: Workspace; issues: Issue[] } {
  const ws = new Workspace();
  ws.setFileText(FILE, text);
  return { ws, issues: ws.issuesFor(FILE) };
}

function apply(text: string, fix: QuickFix): string {
  const lines = new LineIndex(text);
  assert.equal(fix.edits.length, 1, 'one edit');
  const [e] = fix.edits;
  return text.slice(0, lines.offset(e.range.start)) + e.newText + text.slice(lines.offset(e.range.end));
}

/** What the author meant: `# intended FIELD: TEXT`, FIELD a path such as `symptoms.2` or `permanent_fix.status`. */
function intended(text: string): { field: string; value: string } {
  const m = /^# intended ([a-z_][a-z_.0-9]*): (.*)$/m.exec(text);
  assert.ok(m, 'the fixture says what the author meant');
  return { field: m[1], value: m[2] };
}

function valueAt(record: unknown, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), record);
}

const corpus = fs.readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();

test('every corpus file has its expectation', () => {
  assert.deepEqual(corpus, Object.keys(EXPECTED).sort());
});

for (const name of corpus) {
  test(`prose corpus: ${name}: a plain message on the character at fault, and a fix that keeps the text`, () => {
    const want = EXPECTED[name];
    const text = fs.readFileSync(path.join(DIR, name), 'utf8');
    const { ws, issues } = issuesOf(text);
    const issue = issues.find(PROSE);
    assert.ok(issue, `${name} has a prose issue: ${JSON.stringify(issues)}`);
    assert.equal(issue.code, want.code);
    assert.equal(issue.severity, want.severity);
    assert.equal(issue.message, want.message);
    const lines = new LineIndex(text);
    const [start, end] = [lines.offset(issue.range.start), lines.offset(issue.range.end)];
    assert.equal(end - start, 1, 'the range is one character');
    assert.equal(text[start], want.fault);
    // The parse's own words for the same value are not repeated.
    assert.ok(!issues.some((i) => i.code === 'yaml-syntax' && i.range.start.line === issue.range.start.line), JSON.stringify(issues));

    const fixes = quickFixesFor(issue, { workspace: ws, path: FILE, ranged: parseRangedFile(text, ws.config) });
    const preferred = fixes.filter((f) => f.isPreferred);
    assert.equal(preferred.length, 1);
    const fixed = apply(text, preferred[0]);
    const meant = intended(text);
    assert.equal(valueAt(parse(fixed), meant.field), meant.value);
    // Comments stay: every comment line, and a comment after the value.
    for (const line of text.split('\n').filter((l) => l.startsWith('#'))) assert.ok(fixed.includes(line), line);
    if (name === 'colon-comment.en.yaml') assert.match(fixed, /# reported by the service desk\n$/);
    const after = issuesOf(fixed).issues;
    assert.deepEqual(after.filter((i) => PROSE(i) || i.code === 'yaml-syntax'), []);
  });
}

test('the colon of the issue: the message, the range on the colon, and the quoting fix as one edit', () => {
  const text = 'kind: known_error\nid: KE-0001\nproblem: PRB-0001\ntitle: Dashboards time out\nworkaround: Run the dashboards from the read replica. Data source: replica\n';
  const { ws, issues } = issuesOf(text);
  const issue = issues.find(PROSE)!;
  assert.deepEqual(issue.range, { start: { line: 4, character: 65 }, end: { line: 4, character: 66 } });
  const fixes = quickFixesFor(issue, { workspace: ws, path: FILE, ranged: parseRangedFile(text, ws.config) });
  assert.deepEqual(
    fixes.map((f) => [f.title, f.edits.map((e) => e.newText)]),
    [['Put the workaround in quotes, as typed', ['"Run the dashboards from the read replica. Data source: replica"']]],
  );
});

test("a quote closed early ('Jum'at'): the text inside the quotes is preferred, the text as typed offered too", () => {
  const text = fs.readFileSync(path.join(DIR, 'quote-inner.id.yaml'), 'utf8');
  const { ws, issues } = issuesOf(text);
  const fixes = quickFixesFor(issues.find(PROSE)!, { workspace: ws, path: FILE, ranged: parseRangedFile(text, ws.config) });
  assert.deepEqual(
    fixes.map((f) => [f.isPreferred, f.title, parse(apply(text, f)).title]),
    [
      [true, 'Put the title in quotes, without its outer quote marks', "Jum'at malam batch gagal"],
      [false, 'Put the title in quotes, as typed', "'Jum'at malam batch gagal'"],
    ],
  );
});

test('the ` #` rule: a number right after #, or two words after a sentence that did not end', () => {
  assert.equal(looksLikeProse('Logins fail since change', '#4512 went live'), true);
  assert.equal(looksLikeProse('Disk full', '# on db-01 since Monday'), true);
  assert.equal(looksLikeProse('Disk penuh', '# di db-01 sejak Senin'), true);
  assert.equal(looksLikeProse('Disk full.', '# set by the import'), false, 'the sentence ended');
  assert.equal(looksLikeProse('Disk full', '# TODO check the size'), false, 'a marker');
  assert.equal(looksLikeProse('Disk full', '# imported'), false, 'one word');
  assert.equal(looksLikeProse('Disk full', '## old'), false);
});

test('the bulk parse leaves a prose field with ` #` to the ranged one, which can warn; other comments stay fast', () => {
  const config = defaultConfig();
  assert.equal(parseFast(fs.readFileSync(path.join(DIR, 'comment.en.yaml'), 'utf8'), config), undefined);
  assert.notEqual(parseFast('kind: known_error\nid: KE-0001\nproblem: PRB-0001\nstatus: open # since Monday\n', config), undefined);
});

test('YAML that is not prose gets no prose issue', () => {
  const text = [
    'kind: known_error',
    'id: KE-0001',
    'problem: PRB-0001',
    'title: Disk full. # set by the import',
    'workaround: |',
    '  Step 1: restart',
    '  Step 2: check # not a comment inside a block',
    'description: >-',
    '  Long text: folded',
    'symptoms:',
    '  - "Users see: 502"',
    "  - 'It''s slow'",
    '  - -5 degrees is not a list item',
    'category: network # TODO check with the team',
    'notes: Disk full # TODO verify',
    '',
  ].join('\n');
  assert.deepEqual(issuesOf(text).issues.filter(PROSE), []);
});

test('a quote that never closes runs to the end of the text, where the parse says so in its own words', () => {
  const { issues } = issuesOf('kind: known_error\nid: KE-0001\nproblem: PRB-0001\ntitle: "Disk full on db-01\n');
  assert.deepEqual(issues.filter(PROSE), []);
  assert.ok(issues.some((i) => i.code === 'yaml-syntax'));
});

test("a list or mapping written in a list field keeps the parse's own message", () => {
  const { issues } = issuesOf('kind: known_error\nid: KE-0001\nproblem: PRB-0001\ntitle: T\nsymptoms: [Login fails, slow\n');
  assert.deepEqual(issues.filter(PROSE), []);
  assert.ok(issues.some((i) => i.code === 'yaml-syntax'));
});

test('an item of a prose list is prose too', () => {
  const text = 'kind: known_error\nid: KE-0001\nproblem: PRB-0001\ntitle: T\nsymptoms:\n  - [urgent] login fails\n';
  const { ws, issues } = issuesOf(text);
  const issue = issues.find(PROSE)!;
  assert.equal(issue.message, "The symptoms starts with '[', which YAML reads as the start of a list, not as text. Put the text in quotes.");
  const [fix] = quickFixesFor(issue, { workspace: ws, path: FILE, ranged: parseRangedFile(text, ws.config) });
  assert.deepEqual(parse(apply(text, fix)).symptoms, ['[urgent] login fails']);
});

test('a field indented by mistake under a value is diagnosed, but --fix leaves it to the author', () => {
  const text = 'kind: known_error\nid: KE-0001\nproblem: PRB-0001\ntitle: Disk full\n  workaround: restart\n';
  const { issues } = issuesOf(text);
  const issue = issues.find(PROSE);
  assert.equal(issue?.code, 'prose-indent');
  assert.equal(issue.message, FIELD('workaround', 3, 1));
  assert.deepEqual(fixProse(text, defaultConfig()).changes, []);
});

test('a CRLF file gets the same issue and a fix that reads back', () => {
  const text = 'kind: known_error\r\nid: KE-0001\r\nproblem: PRB-0001\r\ntitle: Dashboards: slow\r\n';
  const { ws, issues } = issuesOf(text);
  const issue = issues.find(PROSE)!;
  assert.equal(issue.code, 'prose-colon');
  const [fix] = quickFixesFor(issue, { workspace: ws, path: FILE, ranged: parseRangedFile(text, ws.config) });
  assert.equal(parse(apply(text, fix)).title, 'Dashboards: slow');
});

test('fixProse applies the fixes with one answer, leaves the others, and a second run changes nothing', () => {
  const config = defaultConfig();
  const text = 'kind: known_error\nid: KE-0001\nproblem: PRB-0001\ntitle: @oncall: paged twice # by the monitor\nworkaround: Restart the pod # on every node now\n\tdescription: x\n';
  const first = fixProse(text, config);
  assert.deepEqual(first.changes.map((c) => [c.line, c.code]), [[3, 'prose-indicator'], [5, 'tab-indentation']]);
  assert.equal(first.text, 'kind: known_error\nid: KE-0001\nproblem: PRB-0001\ntitle: "@oncall: paged twice" # by the monitor\nworkaround: Restart the pod # on every node now\ndescription: x\n');
  const second = fixProse(first.text, config);
  assert.deepEqual(second, { text: first.text, changes: [] });
});

const KEDB = path.join(REPO_ROOT, 'bin', 'kedb.js');

function kedb(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [KEDB, ...args], { cwd, encoding: 'utf8', env: { ...process.env, LANG: 'C', LC_ALL: '', LC_MESSAGES: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('kedb validate --fix writes every fix with one answer, prints what it changed, and a second run changes nothing', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-prose-'));
  try {
    fs.mkdirSync(path.join(dir, 'known-errors'));
    const files = ['colon.en.yaml', 'indicator-at.en.yaml', 'quote-inner.id.yaml', 'comment.en.yaml', 'tab.id.yaml'];
    files.forEach((f, i) => {
      const id = `KE-000${i + 1}`;
      fs.writeFileSync(path.join(dir, 'known-errors', `${id}.yaml`), fs.readFileSync(path.join(DIR, f), 'utf8').replace('KE-0001', id));
    });
    const before = new Map(files.map((_, i) => [i, fs.readFileSync(path.join(dir, 'known-errors', `KE-000${i + 1}.yaml`), 'utf8')]));
    const first = kedb(['validate', '.', '--fix'], dir);
    const out = first.stdout.split('\n');
    assert.deepEqual(out.slice(0, 4), [
      'known-errors/KE-0001.yaml:6: fixed prose-colon: Put the workaround in quotes, as typed',
      'known-errors/KE-0002.yaml:5: fixed prose-indicator: Put the title in quotes, as typed',
      'known-errors/KE-0005.yaml:5: fixed tab-indentation: Replace the tab with spaces',
      'Fixed 3 issues in 3 files.',
    ], first.stdout + first.stderr);
    const read = (i: number) => fs.readFileSync(path.join(dir, 'known-errors', `KE-000${i}.yaml`), 'utf8');
    assert.equal(parse(read(1)).workaround, 'Run the dashboards from the read replica. Data source: replica');
    assert.equal(parse(read(2)).title, '@oncall paged twice for the same alert');
    assert.equal(read(3), before.get(2), 'two answers: left for the author');
    assert.equal(read(4), before.get(3), 'a ` #` warning is a guess: left for the author');
    assert.equal(parse(read(5)).title, 'Pod mogok');
    // What is left is still reported: the quote and the comment.
    assert.ok(out.some((l) => l.includes('KE-0003.yaml') && l.includes('prose-quote')), first.stdout);
    assert.ok(out.some((l) => l.includes('KE-0004.yaml') && l.includes('prose-comment')), first.stdout);
    const after = [1, 2, 3, 4, 5].map(read);
    const second = kedb(['validate', '.', '--fix'], dir);
    assert.equal(second.stdout.split('\n')[0], 'Nothing to fix.');
    assert.deepEqual([1, 2, 3, 4, 5].map(read), after);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
