// Hostile writes: every file the CLI and the importer write goes through src/node/safeWrite.ts, a
// temporary file renamed over the target that never follows a link out of the workspace. The
// workspaces are built at run time in temporary folders. The tests run as root here, which ignores
// permission bits: a write is made to fail by a file size limit (ulimit -f, which root obeys), an
// immutable file (chattr +i, when the system allows it), a file or a folder in the way, or by
// replacing the module's file operations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { safeWriteFile, WriteError } from '../../src/node/safeWrite';
import { writeBackIfUnchanged } from '../../src/node/writeBack';
import { FIXTURES, onCi, REPO_ROOT, testNeeding } from './helpers';

const KEDB = path.join(REPO_ROOT, 'bin', 'kedb.js');
const LAB = path.join(REPO_ROOT, 'samples', 'lab-02');
const CHECKLIST = path.join(FIXTURES, 'checklist', 'workspace');
/** English whatever the machine's locale. */
const ENV = { ...process.env, LC_ALL: 'C', LC_MESSAGES: '', LANG: 'C' };

function kedb(args: string[], options: { cwd?: string; fileSizeBlocks?: number } = {}) {
  const r =
    options.fileSizeBlocks === undefined
      ? spawnSync(process.execPath, [KEDB, ...args], { cwd: options.cwd ?? REPO_ROOT, encoding: 'utf8', env: ENV })
      : // A file size limit fails writes for root too (EFBIG), as a full disk would.
        spawnSync('/bin/sh', ['-c', `ulimit -f ${options.fileSizeBlocks} && exec "$0" "$@"`, process.execPath, KEDB, ...args], {
          cwd: options.cwd ?? REPO_ROOT,
          encoding: 'utf8',
          env: ENV,
        });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tempDir(t: { after: (fn: () => void) => void }, name = 'kedb-writes-'): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), name)));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The message is one line per problem and carries no stack trace. */
function assertNoStack(stderr: string): void {
  assert.doesNotMatch(stderr, /\n {4}at /, stderr);
  assert.doesNotMatch(stderr, /internal error/, stderr);
}

/** Temporary files left in a folder (and below). */
function leftovers(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => /\.tmp$/.test(f));
}

function incident(id: string, extra = ''): string {
  return `kind: incident\nid: ${id}\ntitle: Test ${id}\nimpact: high\nurgency: high\npriority: P3\n${extra}`;
}

/** A workspace of incidents whose priority (P3) disagrees with the matrix (P1). */
function classifyWorkspace(t: { after: (fn: () => void) => void }, files: Record<string, string>): string {
  const root = tempDir(t);
  fs.mkdirSync(path.join(root, 'ws', 'incidents'), { recursive: true });
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(root, 'ws', 'incidents', name), text);
  return root;
}

const LONG = 'description: >-\n' + Array.from({ length: 4000 }, (_, i) => `  line ${i} of a long description that makes this record large\n`).join('');

function limitWorks(): boolean {
  const r = spawnSync('/bin/sh', ['-c', 'ulimit -f 64 && exec "$0" -e "process.exit(0)"', process.execPath], { encoding: 'utf8' });
  return r.status === 0;
}

// 1. A link to a file outside the workspace is never written through.

test('kedb report refuses reports/…md when it is a symbolic link out of the workspace: the outside file keeps its content', (t) => {
  const root = tempDir(t);
  const ws = path.join(root, 'ws');
  fs.cpSync(LAB, ws, { recursive: true });
  fs.mkdirSync(path.join(ws, 'reports'));
  const outside = path.join(root, 'outside.md');
  fs.writeFileSync(outside, 'precious\n');
  fs.symlinkSync(outside, path.join(ws, 'reports', 'problem-management-report.md'));
  const r = kedb(['report', ws, '--quiet', '--no-diagrams']);
  assert.equal(fs.readFileSync(outside, 'utf8'), 'precious\n');
  assert.equal(r.code, 4, r.stdout + r.stderr);
  assertNoStack(r.stderr);
  const lines = r.stderr.trim().split('\n');
  assert.equal(
    lines[0],
    `kedb report: ${path.join(ws, 'reports', 'problem-management-report.md')} is a symbolic link to ${outside}, outside the workspace ${ws}; nothing was written, so that the file outside is not overwritten — remove the link, or write to another path`,
  );
  // The other file of the report is still written, and said so.
  assert.equal(lines[1], `kedb report: wrote ${path.join(ws, 'reports', 'problem-management-report.html')}`);
  assert.ok(fs.lstatSync(path.join(ws, 'reports', 'problem-management-report.md')).isSymbolicLink());
  assert.deepEqual(leftovers(ws), []);
});

test('kedb report refuses a reports folder that is a symbolic link out of the workspace', (t) => {
  const root = tempDir(t);
  const ws = path.join(root, 'ws');
  fs.cpSync(LAB, ws, { recursive: true });
  const elsewhere = path.join(root, 'elsewhere');
  fs.mkdirSync(elsewhere);
  fs.symlinkSync(elsewhere, path.join(ws, 'reports'));
  const r = kedb(['report', ws, '--quiet', '--no-diagrams']);
  assert.equal(r.code, 4, r.stderr);
  assertNoStack(r.stderr);
  assert.match(r.stderr, /^kedb report: .*reports: its folder is a symbolic link to .*elsewhere, outside the workspace .*; nothing was written/);
  assert.deepEqual(fs.readdirSync(elsewhere), []);
});

test('a link that stays inside the workspace is followed: the file it leads to is replaced and the link kept', (t) => {
  const root = tempDir(t);
  const ws = path.join(root, 'ws');
  fs.cpSync(LAB, ws, { recursive: true });
  fs.mkdirSync(path.join(ws, 'reports'));
  fs.mkdirSync(path.join(ws, 'docs'));
  fs.writeFileSync(path.join(ws, 'docs', 'report.md'), 'old\n');
  fs.symlinkSync(path.join('..', 'docs', 'report.md'), path.join(ws, 'reports', 'problem-management-report.md'));
  const r = kedb(['report', ws, '--quiet', '--no-diagrams']);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(fs.lstatSync(path.join(ws, 'reports', 'problem-management-report.md')).isSymbolicLink());
  assert.match(fs.readFileSync(path.join(ws, 'docs', 'report.md'), 'utf8'), /^# Problem Management Report/);
});

test('kedb kedb --out at a link outside the workspace replaces the link and leaves the file it pointed to', (t) => {
  const root = tempDir(t);
  const target = path.join(root, 'target.md');
  fs.writeFileSync(target, 'precious\n');
  const link = path.join(root, 'kedb.md');
  fs.symlinkSync(target, link);
  const r = kedb(['kedb', LAB, '--out', link]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(fs.readFileSync(target, 'utf8'), 'precious\n');
  assert.ok(fs.lstatSync(link).isFile());
  assert.match(fs.readFileSync(link, 'utf8'), /^\| Known Error ID \| Problem ID \|/);
  assert.match(r.stderr, /kedb\.md was a symbolic link; the link was replaced by the file, and the file it pointed to was left as it was/);
});

// 2. Atomic writes: a failed write leaves the old file whole; a hard link is broken, not written through.

test('safeWriteFile: a write that fails midway (a full disk) leaves the old file whole and no temporary file', (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'INC-0001.yaml');
  const old = incident('INC-0001', LONG);
  fs.writeFileSync(file, old);
  const failing = {
    writeSync: (fd: number, buffer: Uint8Array, offset: number, length: number) => {
      fs.writeSync(fd, buffer, offset, Math.floor(length / 2));
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    },
  };
  assert.throws(
    () => safeWriteFile(file, old.replace('priority: P3', 'priority: P1'), { root: dir, ops: failing }),
    (e: unknown) => {
      assert.ok(e instanceof WriteError);
      assert.equal(e.kind, 'io');
      assert.equal(e.code, 'ENOSPC');
      assert.equal(e.message, `${file}: could not write it: the disk is full; the file was left as it was — free some space, then run again`);
      return true;
    },
  );
  assert.equal(fs.readFileSync(file, 'utf8'), old);
  assert.deepEqual(fs.readdirSync(dir), ['INC-0001.yaml']);
  // writeBack (classify and suggest --write) goes the same way.
  assert.throws(() => writeBackIfUnchanged(file, old, old.replace('P3', 'P1'), { root: dir, ops: failing }), WriteError);
  assert.equal(fs.readFileSync(file, 'utf8'), old);
  assert.deepEqual(fs.readdirSync(dir), ['INC-0001.yaml']);
});

test('safeWriteFile: a file changed between the read and the rename is left as the other writer left it', (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'INC-0001.yaml');
  fs.writeFileSync(file, incident('INC-0001'));
  const meanwhile = {
    writeSync: (fd: number, buffer: Uint8Array, offset: number, length: number) => {
      fs.writeFileSync(file, 'someone else saved this\n');
      return fs.writeSync(fd, buffer, offset, length);
    },
  };
  assert.equal(writeBackIfUnchanged(file, incident('INC-0001'), incident('INC-0001').replace('P3', 'P1'), { root: dir, ops: meanwhile }), false);
  assert.equal(fs.readFileSync(file, 'utf8'), 'someone else saved this\n');
  assert.deepEqual(fs.readdirSync(dir), ['INC-0001.yaml']);
  // Exclusive creation: a file that appeared is not replaced.
  assert.throws(() => safeWriteFile(file, 'new\n', { root: dir, expected: null }), (e: unknown) => e instanceof WriteError && e.kind === 'exists');
  assert.equal(fs.readFileSync(file, 'utf8'), 'someone else saved this\n');
});

test("safeWriteFile keeps the file's mode, and a new file gets the usual one", (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'run.sh');
  fs.writeFileSync(file, 'old\n');
  fs.chmodSync(file, 0o751);
  safeWriteFile(file, 'new\n', { root: dir });
  assert.equal(fs.statSync(file).mode & 0o7777, 0o751);
  fs.chmodSync(file, 0o600);
  safeWriteFile(file, 'newer\n', { root: dir });
  assert.equal(fs.statSync(file).mode & 0o7777, 0o600);
  assert.equal(fs.readFileSync(file, 'utf8'), 'newer\n');
  const fresh = path.join(dir, 'fresh.md');
  const result = safeWriteFile(fresh, 'x\n', { root: dir });
  assert.equal(result.created, true);
  assert.equal(fs.statSync(fresh).mode & 0o7777, 0o666 & ~readUmask());
});

function readUmask(): number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-umask-'));
  try {
    fs.writeFileSync(path.join(dir, 'f'), '', { mode: 0o666 });
    return 0o666 & ~fs.statSync(path.join(dir, 'f')).mode & 0o777;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('kedb classify --write breaks a hard link: the record gets its own file and the other name keeps its content', (t) => {
  const root = classifyWorkspace(t, { 'INC-0001.yaml': incident('INC-0001') });
  const record = path.join(root, 'ws', 'incidents', 'INC-0001.yaml');
  const otherName = path.join(root, 'other-name.yaml');
  fs.linkSync(record, otherName);
  const r = kedb(['classify', 'ws', '--write'], { cwd: root });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim(), 'Set 1 priority in 1 file (matrix itil-3x3).');
  assert.match(fs.readFileSync(record, 'utf8'), /^priority: P1$/m);
  assert.equal(fs.readFileSync(otherName, 'utf8'), incident('INC-0001'));
  assert.equal(fs.statSync(otherName).nlink, 1);
  assert.equal(r.stderr.trim(), 'kedb classify: ws/incidents/INC-0001.yaml had other names (hard links); it now has a file of its own, and the other names keep the old content');
});

// 3. A failure in a batch is one line; the other files are still written; the exit code says so.

testNeeding(limitWorks() ? undefined : 'ulimit -f is not available (bash)', 'kedb classify --write on a full disk: the large record stays whole, the others are written, exit 4', {}, (t) => {
  const root = classifyWorkspace(t, {
    'INC-0001.yaml': incident('INC-0001'),
    'INC-0002.yaml': incident('INC-0002', LONG),
    'INC-0003.yaml': incident('INC-0003'),
  });
  const big = path.join(root, 'ws', 'incidents', 'INC-0002.yaml');
  const before = fs.readFileSync(big);
  assert.ok(before.length > 128 * 1024);
  // 64 blocks (32 or 64 KiB): the small records fit, the large one does not.
  const r = kedb(['classify', 'ws', '--write'], { cwd: root, fileSizeBlocks: 64 });
  assert.equal(r.code, 4, r.stdout + r.stderr);
  assertNoStack(r.stderr);
  assert.equal(
    r.stderr.trim(),
    'kedb classify: ws/incidents/INC-0002.yaml: could not write it: the file is larger than this process may write (EFBIG); the file was left as it was — raise the file size limit (ulimit -f), then run again',
  );
  assert.equal(r.stdout.trim(), 'Set 2 priorities in 2 files (matrix itil-3x3).');
  assert.ok(fs.readFileSync(big).equals(before), 'not cut off');
  for (const id of ['INC-0001', 'INC-0003']) assert.match(fs.readFileSync(path.join(root, 'ws', 'incidents', `${id}.yaml`), 'utf8'), /^priority: P1$/m);
  assert.deepEqual(leftovers(root), []);
});

testNeeding(limitWorks() ? undefined : 'ulimit -f is not available (bash)', 'kedb suggest --write on a full disk leaves the record whole, not cut off mid-line', {}, (t) => {
  const root = tempDir(t);
  const ws = path.join(root, 'ws');
  fs.cpSync(CHECKLIST, ws, { recursive: true });
  const record = path.join(ws, 'incidents', 'INC-0001.yaml');
  fs.appendFileSync(record, '# ' + 'notes '.repeat(40_000) + '\n');
  const before = fs.readFileSync(record);
  const r = kedb(['suggest', ws, '--write'], { fileSizeBlocks: 64 });
  assert.equal(r.code, 4, r.stdout + r.stderr);
  assertNoStack(r.stderr);
  assert.match(r.stderr, /^kedb suggest: \S*INC-0001\.yaml: could not write it: the file is larger than this process may write \(EFBIG\); the file was left as it was/);
  assert.equal(r.stderr.trim().split('\n').length, 1);
  assert.ok(fs.readFileSync(record).equals(before));
  // The two other incidents with suggestions were written; their fields are counted, INC-0001's are not.
  assert.match(r.stdout.trim(), /^Set \d+ fields in 2 files\.$/);
  assert.deepEqual(leftovers(root), []);
});

test('kedb classify --write with an immutable record (chattr +i): one line, the others written, exit 4', (t) => {
  const root = classifyWorkspace(t, {
    'INC-0001.yaml': incident('INC-0001'),
    'INC-0002.yaml': incident('INC-0002'),
    'INC-0003.yaml': incident('INC-0003'),
  });
  const locked = path.join(root, 'ws', 'incidents', 'INC-0002.yaml');
  if (spawnSync('chattr', ['+i', locked]).status !== 0) {
    // On CI nothing is skipped for a missing prerequisite (e2fsprogs' chattr, on a file system with attributes).
    if (onCi()) assert.fail('prerequisite missing on CI: chattr +i did not work on the temp folder');
    t.skip('chattr +i is not available here');
    return;
  }
  try {
    const r = kedb(['classify', 'ws', '--write'], { cwd: root });
    assert.equal(r.code, 4, r.stdout + r.stderr);
    assertNoStack(r.stderr);
    assert.equal(
      r.stderr.trim(),
      'kedb classify: ws/incidents/INC-0002.yaml: could not write it: permission denied (EPERM); the file was left as it was — check the permissions and attributes of the file and its folder (ls -l, lsattr), then run again',
    );
    assert.equal(r.stdout.trim(), 'Set 2 priorities in 2 files (matrix itil-3x3).');
    assert.equal(fs.readFileSync(locked, 'utf8'), incident('INC-0002'));
    assert.deepEqual(leftovers(root), []);
  } finally {
    spawnSync('chattr', ['-i', locked]);
  }
});

test('kedb classify --write counts only the priorities it wrote: a record it cannot edit (CR-only, flow-style) is named, left whole, and exits 1', (t) => {
  // Each of these is either rewritten with the right priority and counted, or left byte for byte
  // and named on standard error; never counted without being written, never broken.
  const files: Record<string, string> = {
    'INC-0001.yaml': incident('INC-0001'),
    'INC-0002.yaml': incident('INC-0002').replace(/\n/g, '\r'),
    'INC-0003.yaml': '{kind: incident, id: INC-0003, title: Flow, impact: high, urgency: high}\n',
  };
  const root = classifyWorkspace(t, files);
  const r = kedb(['classify', 'ws', '--write'], { cwd: root });
  assertNoStack(r.stderr);
  const left: string[] = [];
  for (const [name, before] of Object.entries(files)) {
    const after = fs.readFileSync(path.join(root, 'ws', 'incidents', name), 'utf8');
    if (after === before) left.push(name);
    else assert.match(after, /priority: P1\b/, name);
  }
  assert.ok(!left.includes('INC-0001.yaml'));
  const written = Object.keys(files).length - left.length;
  assert.equal(r.stdout.trim(), `Set ${written} ${written === 1 ? 'priority' : 'priorities'} in ${written} ${written === 1 ? 'file' : 'files'} (matrix itil-3x3).`);
  assert.deepEqual(
    r.stderr.trim().split('\n'),
    left.map(
      (name) =>
        `kedb classify: ws/incidents/${name}: the priority of ${name.replace('.yaml', '')} was not set: kedb cannot edit the file where it is written (for example, a flow-style mapping); left as it is — set it by hand`,
    ),
  );
  assert.equal(r.code, left.length > 0 ? 1 : 0, 'a priority left unset still disagrees');
  assert.doesNotMatch(kedb(['validate', 'ws'], { cwd: root }).stdout, /yaml-syntax/);
});

test('kedb suggest --write does not count the suggestions a flow-style mapping keeps it from writing', (t) => {
  const root = tempDir(t);
  const ws = path.join(root, 'ws');
  fs.cpSync(CHECKLIST, ws, { recursive: true });
  fs.appendFileSync(path.join(ws, 'incidents', 'INC-0001.yaml'), 'escalation: {level: 2}\n');
  const r = kedb(['suggest', 'ws', '--write'], { cwd: root });
  assert.equal(r.code, 0, r.stderr);
  // The fixture's 20 suggestions less the three under the flow-style escalation.
  assert.equal(r.stdout.trim(), 'Set 17 fields in 3 files.');
  assert.equal(
    r.stderr.trim(),
    'kedb suggest: ws/incidents/INC-0001.yaml: 3 suggestions not set: INC-0001 escalation.team, INC-0001 escalation.escalated_at, INC-0001 escalation.eta (a flow-style mapping, or a value where a block belongs, which --write does not rewrite); left as it is — set them by hand',
  );
  assert.match(fs.readFileSync(path.join(ws, 'incidents', 'INC-0001.yaml'), 'utf8'), /^escalation: \{level: 2\}$/m);
});

// --out that cannot be written: one line, no stack trace, exit 4.

test('--out errors are one line without a stack trace: no folder, a folder, a path under a file', (t) => {
  const root = tempDir(t);
  const file = path.join(root, 'a-file.txt');
  fs.writeFileSync(file, 'x\n');
  const blocked = path.join(root, 'blocked');
  fs.mkdirSync(path.join(blocked, 'problem-management-report.md'), { recursive: true });
  const cases: [string[], string][] = [
    [['kedb', LAB, '--out', '/nonexistent/x.md'], 'kedb kedb: /nonexistent/x.md: the folder /nonexistent does not exist; nothing was written — create it first, or give another path'],
    [['kedb', LAB, '--out', root], `kedb kedb: ${root} is a folder, not a file; nothing was written — give the path of a file`],
    [['fishbone', 'PRB-0007', LAB, '--out', root], `kedb fishbone: ${root} is a folder, not a file; nothing was written — give the path of a file`],
    [['kedb', LAB, '--out', path.join(file, 'x.md')], `kedb kedb: ${path.join(file, 'x.md')}: ${file} is a file, not a folder, so nothing can be written under it; nothing was written — give another path`],
    [
      ['report', LAB, '--quiet', '--no-diagrams', '--out', path.join(file, 'reports')],
      `kedb report: ${path.join(file, 'reports')}: ${file} is a file, not a folder, so nothing can be written under it; nothing was written — give another path`,
    ],
  ];
  for (const [args, message] of cases) {
    const r = kedb(args);
    assert.equal(r.code, 4, `${args.join(' ')}: ${r.stderr}`);
    assertNoStack(r.stderr);
    assert.equal(r.stderr.trim(), message);
  }
  // A report folder where the Markdown file would go is a folder: that file is named, the other written.
  const r = kedb(['report', LAB, '--quiet', '--no-diagrams', '--out', blocked]);
  assert.equal(r.code, 4, r.stderr);
  assertNoStack(r.stderr);
  assert.deepEqual(r.stderr.trim().split('\n'), [
    `kedb report: ${path.join(blocked, 'problem-management-report.md')} is a folder, not a file; nothing was written — give the path of a file`,
    `kedb report: wrote ${path.join(blocked, 'problem-management-report.html')}`,
  ]);
  assert.equal(fs.readFileSync(file, 'utf8'), 'x\n');
});

test('kedb import: an --out under a file is one line (exit 2); records and the config go through the same writes', (t) => {
  const root = tempDir(t);
  const file = path.join(root, 'a-file.txt');
  fs.writeFileSync(file, 'x\n');
  const csv = path.join(FIXTURES, 'import', 'seed-tickets.csv');
  const bad = kedb(['import', csv, '--preset', 'seed', '--quiet', '--out', path.join(file, 'incidents')]);
  assert.equal(bad.code, 2, bad.stdout + bad.stderr);
  assertNoStack(bad.stderr);
  assert.equal(
    bad.stderr.trim(),
    `kedb import: ${path.join(file, 'incidents')}: ${file} is a file, not a folder, so nothing can be written under it; nothing was written — give another path`,
  );
  const out = path.join(root, 'ws', 'incidents');
  const good = kedb(['import', csv, '--preset', 'seed', '--quiet', '--out', out]);
  assert.equal(good.code, 0, good.stdout + good.stderr);
  const records = fs.readdirSync(out);
  assert.ok(records.length > 0 && records.every((f) => /^INC-\d+\.yaml$/.test(f)), records.join(', '));
  assert.deepEqual(leftovers(root), []);
});
