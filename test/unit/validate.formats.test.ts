import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatGithubLine, ISSUE_HELP } from '../../src/cli/sarif';
import { REPO_ROOT } from './helpers';

const KEDB = path.join(REPO_ROOT, 'bin', 'kedb.js');
const LAB = path.join(REPO_ROOT, 'samples', 'lab-02');
/** The workspace's name holds the characters a GitHub annotation property must escape. */
const BROKEN_NAME = 'lab,02%:x';

function kedb(args: string[], cwd = REPO_ROOT) {
  const r = spawnSync(process.execPath, [KEDB, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A temp copy of lab-02 with a YAML syntax error, a schema error and an unknown reference; removed after `fn`. */
function withBroken(fn: (parent: string) => void): void {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-formats-'));
  try {
    const ws = path.join(parent, BROKEN_NAME);
    fs.cpSync(LAB, ws, { recursive: true });
    const edit = (rel: string, from: RegExp, to: string) => {
      const file = path.join(ws, rel);
      const text = fs.readFileSync(file, 'utf8');
      assert.match(text, from);
      fs.writeFileSync(file, text.replace(from, to));
    };
    edit('incidents/INC-0001.yaml', /^channel: email$/m, 'channel: [email');
    edit('incidents/INC-0002.yaml', /^channel: .*$/m, 'channel: pigeon');
    edit('problems/PRB-0007.yaml', /^ {2}- INC-0028$/m, '  - INC-9999');
    fn(parent);
  } finally {
    fs.rmSync(parent, { recursive: true, force: true });
  }
}

interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; rules: { id: string; shortDescription: { text: string }; help: { text: string } }[] } };
    originalUriBaseIds: Record<string, { uri: string }>;
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> } }[];
    }[];
    invocations?: { executionSuccessful: boolean }[];
  }[];
}

/** Microsoft's SARIF validator: the platform binary @microsoft/sarif-multitool names, resolved from the repository. */
const MULTITOOL = createRequire(path.join(REPO_ROOT, 'package.json'))('@microsoft/sarif-multitool') as string;

/**
 * Runs `sarif-multitool validate` on a SARIF file; returns the errors it reports (console lines,
 * and the results of level error in its own SARIF log), and all it printed.
 */
function multitoolValidate(file: string): { errors: string[]; printed: string } {
  const log = `${file}.validation.sarif`;
  // The binary itself, without a shell: bin.js hands its arguments to /bin/sh.
  const r = spawnSync(MULTITOOL, ['validate', file, '--output', log, '--log', 'ForceOverwrite'], { encoding: 'utf8', env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } });
  const printed = `${r.stdout}${r.stderr}`;
  assert.equal(r.status, 0, printed);
  assert.match(printed, /Analysis completed successfully/, printed);
  const out = JSON.parse(fs.readFileSync(log, 'utf8')) as SarifLog & { runs: { tool: { driver: { rules?: { defaultConfiguration?: { level?: string } }[] } } }[] };
  const run = out.runs[0];
  assert.equal(run.invocations?.[0]?.executionSuccessful, true, printed);
  const rules = run.tool.driver.rules ?? [];
  const errors = run.results
    .filter((res) => (res.level ?? rules[res.ruleIndex]?.defaultConfiguration?.level) === 'error')
    .map((res) => `${res.ruleId}: ${res.message.text ?? JSON.stringify(res.message)}`);
  errors.push(...printed.split('\n').filter((l) => /\): error /.test(l)));
  return { errors, printed };
}

test('kedb validate --format sarif: the lab-02 sample and a broken workspace pass Microsoft\'s SARIF validator with no error', () => {
  const lab = kedb(['validate', LAB, '--format', 'sarif']);
  assert.equal(lab.code, 0, lab.stderr);
  withBroken((parent) => {
    const broken = kedb(['validate', BROKEN_NAME, '--format', 'sarif'], parent);
    assert.equal(broken.code, 1, broken.stderr);
    const files = { lab: path.join(parent, 'lab.sarif'), broken: path.join(parent, 'broken.sarif') };
    fs.writeFileSync(files.lab, lab.stdout);
    fs.writeFileSync(files.broken, broken.stdout);
    for (const file of Object.values(files)) {
      const { errors, printed } = multitoolValidate(file);
      assert.deepEqual(errors, [], printed);
    }
    // The validator has teeth: a line 0 is an error it reports.
    const bad = path.join(parent, 'bad.sarif');
    fs.writeFileSync(bad, broken.stdout.replace('"startLine": 30', '"startLine": 0'));
    assert.ok(multitoolValidate(bad).errors.some((e) => e.startsWith('JSON1008')), 'startLine 0 is reported');
  });
});

test('kedb validate --format sarif: one rule per issue code with its meaning, one result per issue, located relative to the folder', () => {
  withBroken((parent) => {
    const r = kedb(['validate', BROKEN_NAME, '--format', 'sarif'], parent);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stderr, '');
    const log = JSON.parse(r.stdout) as SarifLog;
    assert.equal(log.version, '2.1.0');
    const run = log.runs[0];
    assert.equal(run.tool.driver.name, 'kedb');
    const rules = run.tool.driver.rules;
    assert.deepEqual(rules.map((x) => x.id), Object.keys(ISSUE_HELP));
    const rule = (id: string) => rules.find((x) => x.id === id)!;
    assert.equal(rule('unknown-reference').shortDescription.text, 'A reference to a record id that does not exist.');
    assert.equal(rule('yaml-syntax').help.text, 'The file is not valid YAML.');
    for (const x of rules) assert.match(x.shortDescription.text, /\.$/, `${x.id} has a sentence`);
    const base = run.originalUriBaseIds.KEDBROOT.uri;
    assert.ok(base.startsWith('file:///') && base.endsWith('/lab,02%25:x/'), base);
    const shown = run.results.map((res) => {
      const loc = res.locations[0].physicalLocation;
      assert.equal(loc.artifactLocation.uriBaseId, 'KEDBROOT');
      assert.equal(rules[res.ruleIndex].id, res.ruleId);
      const g = loc.region;
      return `${loc.artifactLocation.uri}:${g.startLine}:${g.startColumn}-${g.endLine}:${g.endColumn} ${res.level} ${res.ruleId} ${res.message.text}`;
    });
    assert.deepEqual(shown, [
      'incidents/INC-0001.yaml:21:1-21:2 error yaml-syntax YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ].',
      'incidents/INC-0002.yaml:22:10-22:16 error invalid-value "pigeon" is not a valid channel. Expected one of: email, phone, portal, chat, walk-in, monitoring.',
      'incidents/INC-0026.yaml:5:5-5:13 note checklist-incomplete Checklist: 1 field missing: initial_analysis (diagnostic_tools).',
      'incidents/INC-0028.yaml:65:10-65:18 warning link-mismatch PRB-0007 does not list INC-0028 in its incidents.',
      // The sample's own: INC-0052 recurs after PRB-0029's fix, whose two incidents are still open.
      'incidents/INC-0052.yaml:7:8-7:90 warning recurrence This looks like a recurrence of PRB-0029: it matches KE-0029 (0.75), and PRB-0029 was resolved with its fix applied on 2025-10-06. Reopen PRB-0029 for analysis, or mark this incident as not a recurrence.',
      'problems/PRB-0007.yaml:30:5-30:13 error unknown-reference No incident with id INC-9999 exists in this workspace.',
      'problems/PRB-0029.yaml:8:9-8:17 note linked-incidents-open This problem is resolved with its fix applied, but 2 of its incidents are still open (INC-0019, INC-0029): run KEDB: Resolve Linked Incidents to resolve them.',
    ]);
    // The same places as --format json.
    const json = JSON.parse(kedb(['validate', BROKEN_NAME, '--format', 'json'], parent).stdout) as { file: string; line: number; column: number; endLine: number; endColumn: number }[];
    assert.deepEqual(
      json.map((i) => `${i.file}:${i.line}:${i.column}-${i.endLine}:${i.endColumn}`),
      shown.map((s) => s.split(' ')[0]),
    );
  });
});

test('kedb validate --format github: one workflow command per issue (error, warning, notice), properties escaped', () => {
  withBroken((parent) => {
    const r = kedb(['validate', BROKEN_NAME, '--format', 'github'], parent);
    assert.equal(r.code, 1, r.stderr);
    const f = 'lab%2C02%25%3Ax';
    assert.deepEqual(r.stdout.trimEnd().split('\n'), [
      `::error file=${f}/incidents/INC-0001.yaml,line=21,col=1,endLine=21,endColumn=2,title=yaml-syntax::YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ].`,
      `::error file=${f}/incidents/INC-0002.yaml,line=22,col=10,endLine=22,endColumn=16,title=invalid-value::"pigeon" is not a valid channel. Expected one of: email, phone, portal, chat, walk-in, monitoring.`,
      `::notice file=${f}/incidents/INC-0026.yaml,line=5,col=5,endLine=5,endColumn=13,title=checklist-incomplete::Checklist: 1 field missing: initial_analysis (diagnostic_tools).`,
      `::warning file=${f}/incidents/INC-0028.yaml,line=65,col=10,endLine=65,endColumn=18,title=link-mismatch::PRB-0007 does not list INC-0028 in its incidents.`,
      `::warning file=${f}/incidents/INC-0052.yaml,line=7,col=8,endLine=7,endColumn=90,title=recurrence::This looks like a recurrence of PRB-0029: it matches KE-0029 (0.75), and PRB-0029 was resolved with its fix applied on 2025-10-06. Reopen PRB-0029 for analysis, or mark this incident as not a recurrence.`,
      `::error file=${f}/problems/PRB-0007.yaml,line=30,col=5,endLine=30,endColumn=13,title=unknown-reference::No incident with id INC-9999 exists in this workspace.`,
      `::notice file=${f}/problems/PRB-0029.yaml,line=8,col=9,endLine=8,endColumn=17,title=linked-incidents-open::This problem is resolved with its fix applied, but 2 of its incidents are still open (INC-0019, INC-0029): run KEDB: Resolve Linked Incidents to resolve them.`,
      '77 files, 75 records: 3 errors, 2 warnings, 2 info.',
    ]);
  });
  // A message's %, CR and LF are escaped as GitHub documents; no other control character gets through.
  const issue = {
    code: 'unknown-kind' as const,
    severity: 'warning' as const,
    message: 'Unknown kind "100%\r\n::error::x", a, b:\u001b[31m',
    range: { start: { line: 0, character: 0 }, end: { line: 1, character: 3 } },
  };
  assert.equal(
    formatGithubLine('a,b:c%d.yaml', issue),
    '::warning file=a%2Cb%3Ac%25d.yaml,line=1,col=1,endLine=2,endColumn=4,title=unknown-kind::Unknown kind "100%25%0D%0A::error::x", a, b:\\x1b[31m',
  );
});

test('the $kedb problem matcher reads kedb validate\'s text output: file, line, column, severity, code, message', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    contributes: { problemMatchers: { name: string; owner: string; fileLocation: string[]; pattern: Record<string, string | number> }[] };
  };
  const matcher = pkg.contributes.problemMatchers.find((m) => m.name === 'kedb');
  assert.ok(matcher, 'contributes.problemMatchers has kedb');
  assert.equal(matcher.owner, 'kedb');
  assert.deepEqual(matcher.fileLocation, ['relative', '${workspaceFolder}']);
  const p = matcher.pattern;
  const regexp = new RegExp(p.regexp as string);
  withBroken((parent) => {
    const text = kedb(['validate', BROKEN_NAME], parent);
    assert.equal(text.code, 1, text.stderr);
    const json = JSON.parse(kedb(['validate', BROKEN_NAME, '--format', 'json'], parent).stdout) as {
      file: string;
      line: number;
      column: number;
      severity: string;
      code: string;
      message: string;
    }[];
    const lines = text.stdout.trimEnd().split('\n');
    const matched = lines.flatMap((line) => {
      const m = regexp.exec(line);
      if (!m) return [];
      const g = (k: string) => m[p[k] as number];
      return [{ file: g('file'), line: Number(g('line')), column: Number(g('column')), severity: g('severity'), code: g('code'), message: g('message') }];
    });
    assert.deepEqual(
      matched,
      json.map((i) => ({ file: `${BROKEN_NAME}/${i.file}`, line: i.line, column: i.column, severity: i.severity, code: i.code, message: i.message })),
    );
    assert.equal(matched.length, lines.length - 1, 'every line but the summary');
    assert.equal(regexp.exec(lines.at(-1)!), null, 'the summary is no problem');
  });
});
