// Hostile inputs the commands once answered with a stack trace, a silent skip or a hang: files that
// vanish or cannot be read while a folder loads, links and special files in the workspace, an
// alias bomb in an import mapping, UTF-16 without a byte-order mark, a report aimed at /proc, and
// a folded value rewritten at the end of a file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyEdits, defaultConfig, setIn, Workspace, yamlString, type WorkspaceHost } from '../../src/core';
import { NodeFsHost } from '../../src/node/fsHost';
import { REPO_ROOT } from './helpers';

const KEDB = path.join(REPO_ROOT, 'bin', 'kedb.js');

function kedb(args: string[], cwd = REPO_ROOT) {
  const r = spawnSync(process.execPath, [KEDB, ...args], { cwd, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A temporary copy of the lab-02 sample; `fn` gets its folder (and the temporary parent). */
function withSample(fn: (ws: string, tmp: string) => void): void {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-hostile-inputs-'));
  try {
    const ws = path.join(tmp, 'ws');
    fs.cpSync(path.join(REPO_ROOT, 'samples', 'lab-02'), ws, { recursive: true });
    fn(ws, tmp);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function noStackTrace(s: string): void {
  assert.doesNotMatch(s, /internal error|\n\s+at /, s);
}

test('a record deleted while the folder loads is one unreadable-file issue, and the other records still load', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-hostile-inputs-'));
  try {
    fs.cpSync(path.join(REPO_ROOT, 'samples', 'lab-02'), tmp, { recursive: true });
    const disk = new NodeFsHost(tmp);
    const victim = 'incidents/INC-0001.yaml';
    // The listing sees the file; it is gone before it is read (stat and read both hit ENOENT).
    const host: WorkspaceHost = {
      listFiles: () => {
        const files = disk.listFiles();
        fs.unlinkSync(path.join(tmp, victim));
        return files;
      },
      readFile: (p) => disk.readFile(p),
      readFileUpTo: (p, max) => disk.readFileUpTo(p, max),
    };
    const ws = await Workspace.load(host);
    const issues = ws.issuesFor(victim);
    assert.equal(issues.length, 1, JSON.stringify(issues));
    assert.equal(issues[0].code, 'unreadable-file');
    assert.equal(issues[0].severity, 'error');
    assert.match(issues[0].message, /ENOENT/);
    assert.match(issues[0].message, /could not be read/);
    const total = fs.readdirSync(path.join(REPO_ROOT, 'samples', 'lab-02', 'incidents')).length;
    assert.equal([...ws.records('incident')].length, total - 1, 'the other incidents load');
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('a host that throws for one file (unreadable) gives one issue for that file, not an exception', async () => {
  const files: Record<string, string> = {
    'incidents/INC-0001.yaml': 'id: INC-0001\nkind: incident\ntitle: ok\n',
    'incidents/INC-0002.yaml': '',
  };
  const host: WorkspaceHost = {
    listFiles: () => Object.keys(files),
    readFile: (p) => {
      if (p === 'incidents/INC-0002.yaml') throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      return new TextEncoder().encode(files[p]);
    },
  };
  const ws = await Workspace.load(host);
  const issues = ws.issuesFor('incidents/INC-0002.yaml');
  assert.deepEqual(
    issues.map((i) => i.code),
    ['unreadable-file'],
  );
  assert.match(issues[0].message, /EACCES/);
  assert.equal([...ws.records('incident')].length, 1);
});

test('an unreadable folder is reported (not skipped) as an unreadable-file error', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-hostile-inputs-'));
  try {
    fs.cpSync(path.join(REPO_ROOT, 'samples', 'lab-02'), tmp, { recursive: true });
    // Root reads any folder; the failing read is injected.
    const host = new NodeFsHost(tmp, (dir) => {
      if (path.basename(dir) === 'problems') throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      return fs.readdirSync(dir, { withFileTypes: true });
    });
    const ws = await Workspace.load(host);
    const issues = ws.issuesFor('problems');
    assert.equal(issues.length, 1, JSON.stringify([...ws.allIssues().keys()]));
    assert.equal(issues[0].code, 'unreadable-file');
    assert.equal(issues[0].severity, 'error');
    assert.match(issues[0].message, /folder could not be read \(EACCES\)/);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('a symbolic link to an incidents/ folder outside the workspace is not followed, and is reported with exit 1', () => {
  withSample((ws, tmp) => {
    const outside = path.join(tmp, 'outside-incidents');
    fs.renameSync(path.join(ws, 'incidents'), outside);
    fs.symlinkSync(outside, path.join(ws, 'incidents'));
    const r = kedb(['validate', ws]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    noStackTrace(r.stdout + r.stderr);
    const line = r.stdout.split('\n').find((l) => l.includes('unreadable-file'));
    assert.ok(line, r.stdout);
    assert.match(line, /incidents:1:1: error unreadable-file This is a symbolic link .*not followed/);
    // Nothing outside was read: no incident loaded.
    const json = JSON.parse(kedb(['validate', ws, '--format', 'json']).stdout) as { file: string; code: string }[];
    assert.ok(json.some((i) => i.file === 'incidents' && i.code === 'unreadable-file'));
    assert.ok(!json.some((i) => i.file.startsWith('incidents/')));
    // The commands that list no issues say it on standard error, and exit 1.
    const c = kedb(['candidates', ws]);
    assert.equal(c.code, 1, c.stderr);
    assert.match(c.stderr, /^kedb candidates: .*incidents: This is a symbolic link/m);
    for (const args of [['kedb', ws], ['search', 'printer', ws], ['classify', ws], ['suggest', ws], ['suggest', ws, '--format', 'json']]) {
      const r2 = kedb(args);
      assert.equal(r2.code, 1, `${args.join(' ')}: ${r2.stderr}`);
      assert.match(r2.stderr, new RegExp(`^kedb ${args[0]}: .*incidents: This is a symbolic link`, 'm'), args.join(' '));
      noStackTrace(r2.stdout + r2.stderr);
    }
    // The fishbone of a problem that was read is still drawn; the skipped folder is named.
    const f = kedb(['fishbone', 'PRB-0007', ws, '--format', 'mermaid']);
    assert.equal(f.code, 0, f.stderr);
    assert.match(f.stdout, /ishikawa/);
    assert.match(f.stderr, /^kedb fishbone: .*incidents: This is a symbolic link/m);
  });
});

test('a dangling link and a FIFO named like records are each one line, exit 1, and validate does not hang', () => {
  withSample((ws) => {
    fs.symlinkSync('nowhere.yaml', path.join(ws, 'problems', 'PRB-9999.yaml'));
    const fifo = spawnSync('mkfifo', [path.join(ws, 'problems', 'PRB-9998.yaml')]);
    const r = kedb(['validate', ws]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    noStackTrace(r.stdout + r.stderr);
    const lines = r.stdout.split('\n').filter((l) => l.includes('unreadable-file'));
    assert.ok(lines.some((l) => /PRB-9999\.yaml:1:1: error unreadable-file This is a symbolic link \(→ nowhere\.yaml\)/.test(l)), lines.join('\n'));
    if (fifo.status === 0) assert.ok(lines.some((l) => /PRB-9998\.yaml:1:1: error unreadable-file This is not a regular file/.test(l)), lines.join('\n'));
  });
});

test('a FIFO put in a record\'s place after the folder was listed is one unreadable-file issue, and loading does not wait on it', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-hostile-fifo-'));
  try {
    fs.mkdirSync(path.join(tmp, 'incidents'));
    fs.writeFileSync(path.join(tmp, 'incidents', 'INC-0001.yaml'), 'kind: incident\nid: INC-0001\ntitle: Printer jams\n');
    // Listed as a record, then replaced by a FIFO with no writer: opening it for reading would block.
    const fifo = spawnSync('mkfifo', [path.join(tmp, 'incidents', 'INC-0002.yaml')]);
    if (fifo.status !== 0) return assert.fail('mkfifo is not available: ' + fifo.stderr);
    class ListedBefore extends NodeFsHost {
      override listFiles(): string[] {
        return ['incidents/INC-0001.yaml', 'incidents/INC-0002.yaml'];
      }
    }
    const ws = await Workspace.load(new ListedBefore(tmp));
    assert.deepEqual([...ws.records('incident')].map((r) => r.id), ['INC-0001']);
    const issues = ws.issuesFor('incidents/INC-0002.yaml');
    assert.deepEqual(issues.map((i) => [i.code, i.message]), [['unreadable-file', 'This is not a regular file, so it was not checked. Replace it with a YAML file, or remove it.']]);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('an import mapping with an alias bomb is a one-line problem and exit 2, not a ReferenceError', () => {
  withSample((_ws, tmp) => {
    const csv = path.join(tmp, 'data.csv');
    fs.writeFileSync(csv, 'id,title\n1,x\n');
    const mapping = path.join(tmp, 'bomb.yaml');
    const row = (name: string, prev: string) => `${name}: &${name} [${Array(10).fill(`*${prev}`).join(', ')}]`;
    fs.writeFileSync(mapping, ['a: &a [x, x]', row('b', 'a'), row('c', 'b'), row('d', 'c'), row('e', 'd')].join('\n') + '\n');
    const r = kedb(['import', csv, '--mapping', mapping, '--out', path.join(tmp, 'out')]);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    noStackTrace(r.stderr);
    assert.doesNotMatch(r.stderr, /ReferenceError/);
    assert.match(r.stderr, /bomb\.yaml:1: Too many YAML aliases/);
  });
});

test('a UTF-16 CSV without a byte-order mark is decoded, not read as UTF-8 with NULs', () => {
  withSample((_ws, tmp) => {
    const csv = path.join(tmp, 'u16.csv');
    fs.writeFileSync(csv, Buffer.from('id,title\n1,hello\n', 'utf16le'));
    const r = kedb(['import', csv, '--out', path.join(tmp, 'out'), '--dry-run']);
    noStackTrace(r.stderr);
    const said = r.stdout + r.stderr;
    for (const nul of ['\u0000', '\\u0000', '\\x00', '\\0']) assert.ok(!said.includes(nul), said);
    // The header reads as text: the message about it names its columns.
    assert.match(r.stderr, /\(id, title\)/);
  });
});

test('kedb report --out under /proc is refused at once, with one line and exit 4', { skip: !fs.existsSync('/proc/self') }, () => {
  const started = Date.now();
  const r = kedb(['report', 'samples/lab-02', '--out', '/proc/self/kedb-report-here']);
  assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
  assert.equal(r.code, 4, r.stdout + r.stderr);
  noStackTrace(r.stderr);
  assert.match(r.stderr, /^kedb report: .*kernel file system proc, not a normal folder; nothing was written/m);
  const file = kedb(['report', 'samples/lab-02', '--out', '/proc/self']);
  assert.equal(file.code, 4);
  assert.match(file.stderr, /kernel file system proc/);
});

test('rewriting a folded >- value that ends the file keeps its final newline', () => {
  const long = 'The database connection pool ran out during the nightly batch, so every request waited for a connection and then failed.';
  for (const text of [
    'id: INC-0001\nkind: incident\ntitle: Pool\ndescription: >-\n  An old folded\n  description\n',
    'id: INC-0001\nkind: incident\ntitle: Pool\ndescription: >-\n  An old folded\n  description\n\n',
    'id: INC-0001\r\nkind: incident\r\ntitle: Pool\r\ndescription: >-\r\n  An old folded\r\n  description\r\n',
    'id: INC-0001\nkind: incident\nrca:\n  summary: >-\n    An old folded\n    summary\n',
  ]) {
    const keys = text.includes('rca:') ? ['rca', 'summary'] : ['description'];
    for (const value of [long, 'short']) {
      const edit = setIn(text, 0, keys, yamlString(value), defaultConfig());
      assert.ok(edit, text);
      const out = applyEdits(text, [edit]);
      assert.ok(out.endsWith('\n'), JSON.stringify(out));
      assert.ok(!out.endsWith('\n\n') || text.endsWith('\n\n'), JSON.stringify(out));
    }
  }
});

test('a record file that became a symbolic link after the listing (a file watcher sees it) is not read through the link', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-hostile-inputs-'));
  try {
    fs.mkdirSync(path.join(tmp, 'ws', 'incidents'), { recursive: true });
    const outside = path.join(tmp, 'outside.yaml');
    fs.writeFileSync(outside, 'kind: incident\nid: INC-7777\ntitle: Read from outside the workspace\n');
    fs.symlinkSync(outside, path.join(tmp, 'ws', 'incidents', 'INC-7777.yaml'));
    const ws = new Workspace();
    await ws.readInto(new NodeFsHost(path.join(tmp, 'ws')), 'incidents/INC-7777.yaml');
    assert.equal(ws.get('INC-7777'), undefined, 'nothing read through the link');
    const [issue] = ws.issuesFor('incidents/INC-7777.yaml');
    assert.equal(issue.code, 'unreadable-file');
    assert.equal(issue.message, `This is a symbolic link (→ ${outside}); links are not followed, so it was not checked. Move the records into the workspace instead of linking them.`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('an edit of a text that starts with a byte order mark lands where it belongs, and the mark stays', () => {
  const text = '\uFEFFkind: incident\nid: INC-0001\ntitle: Old title  # kept\nstatus: open\n';
  const config = defaultConfig();
  const title = setIn(text, 0, ['title'], { inline: 'New title' }, config)!;
  assert.equal(applyEdits(text, [title]), '\uFEFFkind: incident\nid: INC-0001\ntitle: New title  # kept\nstatus: open\n');
  const added = setIn(text, 0, ['channel'], { inline: 'email' }, config)!;
  assert.equal(applyEdits(text, [added]), '\uFEFFkind: incident\nid: INC-0001\ntitle: Old title  # kept\nstatus: open\nchannel: email\n');
  // The issues of such a text are placed as in the text without the mark, one column on for line 1.
  const ws = new Workspace();
  ws.setFileText('incidents/INC-0001.yaml', '\uFEFFkind: incident\nid: INC-0001\ntitle: x\nchannel: fax\n');
  const issue = ws.issuesFor('incidents/INC-0001.yaml').find((i) => i.code === 'invalid-value')!;
  assert.deepEqual(issue.range, { start: { line: 3, character: 9 }, end: { line: 3, character: 12 } });
});
