import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { load } from 'js-yaml';
import { runImport } from '../../src/cli/import';
import { Workspace } from '../../src/core';
import {
  detectPreset,
  importIncidents,
  incidentIdFor,
  parseDate,
  parseListLiteral,
  parseMappingText,
  PRESETS,
  resolveMapping,
  sniffDelimiter,
  summarize,
  type CsvEvent,
  type ImportProgress,
  type ImportTarget,
} from '../../src/core/import';
import { NodeFsHost } from '../../src/node/fsHost';
import { importCsvFile, ImportSetupError } from '../../src/node/importFile';
import { RecordFolder } from '../../src/node/recordFolder';
import { FIXTURES, runKedb } from './helpers';

const FIX = path.join(FIXTURES, 'import');
const fixture = (name: string) => path.join(FIX, name);

const roots: string[] = [];
after(() => {
  for (const root of roots) fs.rmSync(root, { recursive: true, force: true });
});

/** A fresh workspace folder, removed after the tests; records go to its `incidents/`. */
function tempWorkspace(): { root: string; out: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-import-'));
  roots.push(root);
  return { root, out: path.join(root, 'incidents') };
}

function readRecord(out: string, id: string): Record<string, unknown> {
  return load(fs.readFileSync(path.join(out, `${id}.yaml`), 'utf8')) as Record<string, unknown>;
}

function files(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
}

/**
 * Runs `kedb import` and returns its exit code and what it printed: the report in `out`, and the
 * lines about the workspace's kedb.config.yaml that follow it (created, or advice) in `setup`.
 */
async function cli(...args: string[]): Promise<{ code: number; out: string[]; err: string[]; setup: string[] }> {
  const printed: string[] = [];
  const err: string[] = [];
  const code = await runImport(args, (s) => printed.push(s), (s) => err.push(s));
  const setup = printed.filter((l) => /^(Created .*kedb\.config\.yaml |Note: )/.test(l));
  return { code, out: printed.filter((l) => !setup.includes(l)), err, setup };
}

async function errorsIn(root: string): Promise<string[]> {
  const ws = await Workspace.load(new NodeFsHost(root));
  const errors: string[] = [];
  for (const [file, issues] of ws.allIssues()) {
    for (const i of issues) if (i.severity === 'error') errors.push(`${file}: ${i.message}`);
  }
  return errors;
}

class MemoryTarget implements ImportTarget {
  readonly files = new Map<string, string>();
  read(name: string): string | undefined {
    return this.files.get(name);
  }
  write(name: string, text: string): void {
    this.files.set(name, text);
  }
}

// ---- values ---------------------------------------------------------------------------------------

test('day-first dates without padding become ISO date-times in UTC when the source has no zone', () => {
  assert.equal(parseDate('29/2/2016 01:16', 'd/m/y'), '2016-02-29T01:16:00Z');
  assert.equal(parseDate('5/3/2016 12:00', 'd/m/y'), '2016-03-05T12:00:00Z');
  assert.equal(parseDate('3/5/2016 12:00', 'm/d/y'), '2016-03-05T12:00:00Z');
  assert.equal(parseDate('2012-08-10 11:27:59', 'iso'), '2012-08-10T11:27:59Z');
  assert.equal(parseDate('2010-03-31T15:59:42+01:00', 'iso'), '2010-03-31T15:59:42+01:00');
  assert.equal(parseDate('14/2/2025 17:40', 'd/m/y', '+07:00'), '2025-02-14T17:40:00+07:00');
});

test('dates that do not exist are refused', () => {
  assert.equal(parseDate('31/2/2016 01:00', 'd/m/y'), undefined);
  assert.equal(parseDate('29/2/2015 01:00', 'd/m/y'), undefined);
  assert.equal(parseDate('12/13/2016', 'd/m/y'), undefined);
  assert.equal(parseDate('yesterday', 'iso'), undefined);
});

test('ids are INC- plus the ticket number padded to four digits; ids that could escape are refused', () => {
  assert.deepEqual(incidentIdFor('INC0000045', 'INC'), { ok: true, id: 'INC-0000045' });
  assert.deepEqual(incidentIdFor('IM0000013', 'INC'), { ok: true, id: 'INC-0000013' });
  assert.deepEqual(incidentIdFor('7', 'INC'), { ok: true, id: 'INC-0007' });
  assert.deepEqual(incidentIdFor('HD-1001', 'TCK'), { ok: true, id: 'TCK-1001' });
  for (const bad of ['../x', 'a/b', '..\\evil', '/etc/passwd', '..', 'C:x']) {
    const r = incidentIdFor(bad, 'INC');
    assert.equal(r.ok, false, bad);
    assert.equal(!r.ok && r.code, 'unsafe-id', bad);
  }
  const r = incidentIdFor('T-2024-1', 'INC');
  assert.equal(!r.ok && r.code, 'bad-id');
});

test('Python-style tag lists are split into tags', () => {
  assert.deepEqual(parseListLiteral("['Account', 'Disruption', 'Tech Support']"), ['Account', 'Disruption', 'Tech Support']);
  assert.deepEqual(parseListLiteral('["VPN", "Network"]'), ['VPN', 'Network']);
  assert.deepEqual(parseListLiteral('[]'), []);
  assert.deepEqual(parseListLiteral('Access, Email'), ['Access', 'Email']);
});

test('a title made from a ticket body skips the greeting and fits the length', () => {
  const title = summarize(
    'Dear Customer Support Team, I am writing to report a significant problem with the centralized account management portal, which is offline.',
    80,
  );
  assert.ok(title.startsWith('I am writing to report a significant problem'), title);
  assert.ok(title.length <= 80, title);
  assert.ok(title.endsWith('…'), title);
  assert.equal(summarize('Printer jammed. Please help.', 80), 'Printer jammed.');
});

test('the separator is detected from the header, ignoring separators inside quotes', () => {
  assert.equal(sniffDelimiter('a;b;"c,d,e"\n1;2;3'), ';');
  assert.equal(sniffDelimiter('a,b,c'), ',');
  assert.equal(sniffDelimiter('a\tb\tc'), '\t');
  assert.equal(sniffDelimiter('Ticket ID|Body|Priority'), ',');
});

test('detectPreset recognises each dataset from its header columns', () => {
  const uci =
    'number,incident_state,active,reassignment_count,reopen_count,sys_mod_count,made_sla,caller_id,opened_by,opened_at,sys_created_by,sys_created_at,sys_updated_by,sys_updated_at,contact_type,location,category,subcategory,u_symptom,cmdb_ci,impact,urgency,priority,assignment_group,assigned_to,knowledge,u_priority_confirmation,notify,problem_id,rfc,vendor,caused_by,closed_code,resolved_by,resolved_at,closed_at';
  const bpic =
    'ci_name_aff,ci_type_aff,ci_subtype_aff,service_component_wbs_aff,incident_id,status,impact,urgency,priority,category,km_number,alert_status,x_reassignments,open_time,reopen_time,resolved_time,close_time,handle_time_hours,closure_code,x_related_interactions,related_interaction,x_related_incidents,x_related_changes,related_change,ci_name_cby,ci_type_cby,ci_subtype_cby,servicecomp_wbs_cby';
  assert.equal(detectPreset(uci.split(',')), 'servicenow-uci');
  assert.equal(detectPreset(bpic.split(',')), 'bpic2014');
  assert.equal(detectPreset('subject,body,answer,type,queue,priority,language,tag_1,tag_2'.split(',')), 'tobi-bueck');
  assert.equal(detectPreset('subject,body,queue,priority,language'.split(',')), 'tobi-bueck');
  assert.equal(detectPreset(['Ticket ID', 'Body', 'Department', 'Priority', 'Tags']), 'seed');
  assert.equal(detectPreset('incident_id,data_stamp,incident_activity_number,incident_activity_type'.split(',')), undefined);
});

// ---- mapping files --------------------------------------------------------------------------------

test('a mapping file with a misspelt field names the line and suggests the field', () => {
  const r = parseMappingText('preset: seed\nfields:\n  reproter.name: Caller\n  title: { column: Body, date: yyyy }\n');
  assert.equal(r.ok, false);
  const problems = r.ok ? [] : r.problems;
  assert.deepEqual(
    problems.map((p) => `${p.line}: ${p.path}`),
    ['3: fields.reproter.name', '4: fields.title.date'],
  );
  assert.match(problems[0].message, /did you mean "reporter\.name"/);
  assert.match(problems[1].message, /iso, d\/m\/y, m\/d\/y/);
});

test('fields the importer owns cannot be mapped', () => {
  const r = parseMappingText('id: Number\nfields:\n  title: Summary\n  source.hash: Hash\n');
  assert.equal(r.ok, false);
  assert.match(r.ok ? '' : r.problems[0].message, /set by the importer/);
});

test('an unknown preset in a mapping is refused with a suggestion', () => {
  const r = resolveMapping({ preset: 'servicenow' }, PRESETS);
  assert.equal(r.ok, false);
  assert.match(r.ok ? '' : r.message, /unknown preset "servicenow"; did you mean "servicenow-uci"\?/);
});

// ---- the driver, in memory --------------------------------------------------------------------------

function seedEvents(n: number, onYield?: (row: number) => void): { events: AsyncIterable<CsvEvent>; closed: () => boolean } {
  let closed = false;
  async function* gen(): AsyncGenerator<CsvEvent> {
    try {
      yield { type: 'row', line: 1, fields: ['Ticket ID', 'Body', 'Department', 'Priority', 'Tags'] };
      for (let i = 1; i <= n; i++) {
        onYield?.(i);
        yield { type: 'row', line: i + 1, fields: [String(i), `Ticket number ${i} is about the printer.`, 'IT', 'low', "['Printer']"] };
      }
    } finally {
      closed = true;
    }
  }
  return { events: gen(), closed: () => closed };
}

test('cancelling through an AbortSignal stops at the next row and keeps what was written', async () => {
  const controller = new AbortController();
  const { events, closed } = seedEvents(50, (i) => {
    if (i === 5) controller.abort();
  });
  const target = new MemoryTarget();
  const r = resolveMapping({ preset: 'seed' }, PRESETS);
  assert.ok(r.ok);
  const summary = await importIncidents(() => events, { mapping: r.mapping, target, fileName: 'x.csv', signal: controller.signal });
  assert.equal(summary.cancelled, true);
  assert.equal(summary.imported, 5);
  assert.deepEqual([...target.files.keys()], ['INC-0001.yaml', 'INC-0002.yaml', 'INC-0003.yaml', 'INC-0004.yaml', 'INC-0005.yaml']);
  assert.equal(closed(), true, 'the reader was closed');
});

test('an isCancelled callback stops the import too, and progress reports counts as it goes', async () => {
  const { events } = seedEvents(30);
  const target = new MemoryTarget();
  const r = resolveMapping({ preset: 'seed' }, PRESETS);
  assert.ok(r.ok);
  const seen: ImportProgress[] = [];
  const summary = await importIncidents(() => events, {
    mapping: r.mapping,
    target,
    fileName: 'x.csv',
    progressEvery: 10,
    onProgress: (p) => seen.push(p),
    isCancelled: () => target.files.size >= 25,
  });
  assert.equal(summary.cancelled, true);
  assert.equal(summary.imported, 25);
  assert.deepEqual(
    seen.map((p) => [p.rows, p.imported]),
    [
      [10, 10],
      [20, 20],
      [25, 25],
    ],
  );
});

// ---- fixture files through the CLI --------------------------------------------------------------------

test('the import says what each ticket type became, and writes the config of a new workspace with what the export lacks', async () => {
  const { root, out } = tempWorkspace();
  const r = await cli(fixture('support-tickets.csv'), '--out', out);
  assert.equal(r.code, 0, r.err.join('\n'));
  assert.ok(r.out.includes('Ticket types: 2 "Problem" became incidents; 1 "Change" became service requests; 1 "Incident" became incidents.'), r.out.join('\n'));
  assert.equal(r.setup.length, 1, r.setup.join('\n'));
  assert.match(r.setup[0], /^Created .*kedb\.config\.yaml with the checklist fields this export cannot hold \(checklist\.sources\.tobi-bueck: record, status, impact, urgency, initial_analysis, escalation\)/);
  assert.deepEqual(await errorsIn(root), []);
});

test('kedb import turns the seed sheet into valid incident records', async () => {
  const { root, out } = tempWorkspace();
  const r = await cli(fixture('seed-tickets.csv'), '--preset', 'seed', '--out', out);
  assert.equal(r.code, 0, r.out.join('\n'));
  assert.match(r.out.at(-1)!, /^Imported 8, updated 0, unchanged 0, skipped 0: 8 rows of seed-tickets\.csv \(seed\)/);
  assert.deepEqual(files(out), [1, 2, 3, 4, 5, 6, 7, 8].map((n) => `INC-000${n}.yaml`));
  assert.deepEqual(await errorsIn(root), []);

  const first = readRecord(out, 'INC-0001');
  assert.equal(first.priority, 'P2');
  assert.deepEqual(first.tags, ['VPN', 'Network', 'Outage']);
  assert.deepEqual(first.reporter, { department: 'Technical Support' });
  assert.equal((first.source as Record<string, unknown>).original_priority, 'high');
  assert.equal((first.source as Record<string, unknown>).original_id, '1');
  assert.match(first.title as string, /^the VPN connection to the EMR system drops every hour\.$/);
  assert.match(readRecord(out, 'INC-0002').body as string, /shows "paper jam" although/);
  assert.equal(readRecord(out, 'INC-0003').body, 'Dear team,\nI would like to know which payment options are accepted for the annual plan.');
  assert.deepEqual(readRecord(out, 'INC-0008').tags, undefined, 'an empty tag list writes no tags');
});

test('importing the same file again reports everything unchanged and rewrites nothing', async () => {
  const { out } = tempWorkspace();
  await cli(fixture('seed-tickets.csv'), '--preset', 'seed', '--out', out);
  const before = new Map(files(out).map((f) => [f, fs.readFileSync(path.join(out, f), 'utf8')]));
  const r = await cli(fixture('seed-tickets.csv'), '--preset', 'seed', '--out', out);
  assert.equal(r.code, 0);
  assert.match(r.out.at(-1)!, /^Imported 0, updated 0, unchanged 8, skipped 0:/);
  for (const [f, text] of before) assert.equal(fs.readFileSync(path.join(out, f), 'utf8'), text, f);
});

test('--dry-run reports what would happen and writes nothing', async () => {
  const { root, out } = tempWorkspace();
  const r = await cli(fixture('seed-tickets.csv'), '--preset', 'seed', '--out', out, '--dry-run');
  assert.equal(r.code, 0);
  assert.match(r.out.at(-2)!, /^Would import 8, would update 0, unchanged 0, skipped 0:/);
  assert.equal(r.out.at(-1), 'Dry run: nothing was written.');
  assert.deepEqual(files(root), []);
});

test('--limit imports only the first N incidents', async () => {
  const { out } = tempWorkspace();
  const r = await cli(fixture('seed-tickets.csv'), '--preset', 'seed', '--out', out, '--limit', '3');
  assert.equal(r.code, 0);
  assert.match(r.out.at(-1)!, /^Imported 3, .*stopped at --limit\.$/);
  assert.deepEqual(files(out), ['INC-0001.yaml', 'INC-0002.yaml', 'INC-0003.yaml']);
});

test('a newer export updates only the source fields, keeps comments and user fields, and skips records edited since', async () => {
  const { out } = tempWorkspace();
  await cli(fixture('seed-tickets.csv'), '--preset', 'seed', '--out', out);
  // The user works on two records: comments and analysis on INC-0001, a better title on INC-0002.
  const file1 = path.join(out, 'INC-0001.yaml');
  const edited1 =
    '# Checked with the reporter on Monday.\n' +
    fs.readFileSync(file1, 'utf8').replace('priority: P2\n', 'priority: P2 # confirmed by the NOC\n') +
    'notes: Same symptom as INC-0007; probably the router firmware.\n';
  fs.writeFileSync(file1, edited1);
  const file2 = path.join(out, 'INC-0002.yaml');
  const edited2 = fs.readFileSync(file2, 'utf8').replace(/^title: .*$/m, 'title: Printer on floor 3 reports a phantom paper jam');
  fs.writeFileSync(file2, edited2);

  const r = await cli(fixture('seed-tickets-v2.csv'), '--preset', 'seed', '--out', out);
  assert.equal(r.code, 0, 'skipping an edited record is not a failure');
  assert.match(r.out.join('\n'), /seed-tickets-v2\.csv:4: INC-0002 skipped: edited since import/);
  assert.match(r.out.at(-1)!, /^Imported 1, updated 1, unchanged 6, skipped 1 \(1 edited since import\):/);

  const text1 = fs.readFileSync(file1, 'utf8');
  assert.ok(text1.startsWith('# Checked with the reporter on Monday.\n'), text1);
  assert.match(text1, /^priority: P3 # confirmed by the NOC$/m);
  assert.match(text1, /^notes: Same symptom as INC-0007; probably the router firmware\.$/m);
  const v1 = readRecord(out, 'INC-0001');
  assert.deepEqual(v1.tags, ['VPN', 'Network']);
  const source1 = v1.source as Record<string, unknown>;
  assert.equal(source1.original_priority, 'medium');
  assert.equal(source1.file, 'seed-tickets-v2.csv');
  assert.equal(source1.row, 2);
  // Lines of fields that did not change are as they were.
  const unchangedLines = edited1.split('\n').filter((l) => /^(kind|id|title|body|reporter| {2}department| {2}dataset| {2}original_id):/.test(l));
  for (const line of unchangedLines) assert.ok(text1.split('\n').includes(line), line);

  assert.equal(fs.readFileSync(file2, 'utf8'), edited2, 'the edited record is untouched');
  assert.ok(fs.existsSync(path.join(out, 'INC-0009.yaml')));

  // And the newer export, imported again, changes nothing more.
  const again = await cli(fixture('seed-tickets-v2.csv'), '--preset', 'seed', '--out', out);
  assert.match(again.out.at(-1)!, /^Imported 0, updated 0, unchanged 8, skipped 1 \(1 edited since import\):/);
});

test('a record file not made by the importer, or from another dataset, is left alone', async () => {
  const { out } = tempWorkspace();
  fs.mkdirSync(out, { recursive: true });
  const own = 'kind: incident\nid: INC-0001\ntitle: Written by hand\n';
  fs.writeFileSync(path.join(out, 'INC-0001.yaml'), own);
  fs.writeFileSync(
    path.join(out, 'INC-0002.yaml'),
    'kind: incident\nid: INC-0002\ntitle: From elsewhere\nsource:\n  dataset: bpic2014\n  hash: 0123456789abcdef\n',
  );
  const r = await cli(fixture('seed-tickets.csv'), '--preset', 'seed', '--out', out);
  assert.equal(r.code, 0);
  const text = r.out.join('\n');
  assert.match(text, /:2: INC-0001 skipped: INC-0001\.yaml exists and was not made by kedb import/);
  assert.match(text, /:3: INC-0002 skipped: INC-0002\.yaml was imported from dataset "bpic2014", not "seed"/);
  assert.equal(fs.readFileSync(path.join(out, 'INC-0001.yaml'), 'utf8'), own);
});

test('a semicolon-separated file with a BOM and CRLF line ends imports like any other', async () => {
  const { root, out } = tempWorkspace();
  const r = await cli(fixture('seed-semicolon-bom.csv'), '--out', out);
  assert.equal(r.code, 0, r.out.join('\n'));
  assert.match(r.out[0], /\(preset seed, detected from the header; UTF-8, separated by a semicolon\)$/);
  assert.deepEqual(files(out), ['INC-0011.yaml', 'INC-0012.yaml', 'INC-0013.yaml']);
  assert.equal(readRecord(out, 'INC-0011').body, 'Scanner in the lab; it stops after 10 pages.\nRestarting it helps for an hour.');
  assert.deepEqual(await errorsIn(root), []);
});

test('a Windows-1252 file is decoded: accents, the euro sign and curly quotes survive', async () => {
  const { out } = tempWorkspace();
  const r = await cli(fixture('seed-windows-1252.csv'), '--preset', 'seed', '--out', out);
  assert.equal(r.code, 0);
  assert.match(r.out[0], /Windows-1252/);
  assert.equal(readRecord(out, 'INC-0091').body, 'Le café du 3e étage: la machine n’accepte plus les badges, coût 2 €.');
  assert.deepEqual(readRecord(out, 'INC-0092').tags, ['Drucker', 'Büro']);
});

test('broken quoting: the bad row is reported with its line, the rows around it import', async () => {
  const { out } = tempWorkspace();
  const r = await cli(fixture('broken-quoting.csv'), '--preset', 'seed', '--out', out);
  assert.equal(r.code, 1);
  assert.deepEqual(r.out.slice(1, -1), [
    `${fixture('broken-quoting.csv')}:3: skipped: broken quoting: a quote inside a quoted field is followed by "D" instead of a comma; write a quote inside a quoted field as ""`,
  ]);
  assert.match(r.out.at(-1)!, /^Imported 4, updated 0, unchanged 0, skipped 1 \(1 broken CSV\):/);
  assert.deepEqual(files(out), ['INC-0021.yaml', 'INC-0023.yaml', 'INC-0024.yaml', 'INC-0025.yaml']);
});

test('an unclosed quote is reported where it opens, with the lines that could not be read', async () => {
  const { out } = tempWorkspace();
  const r = await cli(fixture('unclosed-quote.csv'), '--preset', 'seed', '--out', out);
  assert.equal(r.code, 1);
  assert.match(r.out[1], /unclosed-quote\.csv:4: skipped: a quoted field opens here and is never closed .*; lines 4 to 6 \(the end of the file\) could not be read$/);
  assert.deepEqual(files(out), ['INC-0031.yaml', 'INC-0032.yaml']);
});

test('a missing column stops the import at line 1 and names the column', async () => {
  const { root, out } = tempWorkspace();
  const r = await cli(fixture('missing-column.csv'), '--preset', 'seed', '--out', out);
  assert.equal(r.code, 2);
  assert.equal(
    r.out[1],
    `${fixture('missing-column.csv')}:1: error: the header has no column "Priority" (for priority, source.original_priority); it has: "Ticket ID", "Body", "Department", "Tags"`,
  );
  assert.equal(r.out[2], 'Nothing was imported.');
  assert.deepEqual(files(root), []);
});

test('an empty file says so', async () => {
  const { root, out } = tempWorkspace();
  const r = await cli(fixture('empty.csv'), '--preset', 'seed', '--out', out);
  assert.equal(r.code, 2);
  assert.equal(r.out[1], `${fixture('empty.csv')}:1: error: the file is empty: there is no header row and no ticket`);
  assert.deepEqual(files(root), []);
});

test('a file with a separator that is not detected gets a hint at line 1', async () => {
  const { out } = tempWorkspace();
  const r = await cli(fixture('wrong-separator.csv'), '--preset', 'seed', '--out', out);
  assert.equal(r.code, 2);
  assert.match(r.out[1], /wrong-separator\.csv:1: error: the header has no column "Ticket ID" \(for id\)/);
  assert.match(r.out[1], /The file seems to be separated by a pipe \(\|\), not a comma; give delimiter: "\|" in a mapping file/);
});

test('rows written with another separator are reported with their lines; the others import', async () => {
  const { out } = tempWorkspace();
  const r = await cli(fixture('mixed-separator.csv'), '--preset', 'seed', '--out', out);
  assert.equal(r.code, 1);
  assert.deepEqual(
    r.out.slice(1, -1).map((l) => l.slice(FIX.length + 1)),
    [
      'mixed-separator.csv:3: skipped: this row seems to be separated by a semicolon (;) instead of a comma, so its quotes fall in the middle of a field',
      'mixed-separator.csv:5: skipped: 1 field where the header has 5; this row seems to be separated by a semicolon (;) instead of a comma',
    ],
  );
  assert.deepEqual(files(out), ['INC-0061.yaml', 'INC-0063.yaml']);
});

test('ids that could escape the folder (../x, a/b, …) are refused and nothing is written outside it', async () => {
  const { root, out } = tempWorkspace();
  const r = await cli(fixture('unsafe-ids.csv'), '--preset', 'seed', '--out', out);
  assert.equal(r.code, 1);
  const shown = r.out.slice(1, -1).map((l) => l.slice(FIX.length + 1));
  assert.deepEqual(shown, [
    'unsafe-ids.csv:2: skipped: ticket id "../x" could name a file outside the target folder; refused',
    'unsafe-ids.csv:3: skipped: ticket id "a/b" could name a file outside the target folder; refused',
    'unsafe-ids.csv:4: skipped: ticket id "..\\\\evil" could name a file outside the target folder; refused',
    'unsafe-ids.csv:5: skipped: ticket id "/etc/passwd" could name a file outside the target folder; refused',
    'unsafe-ids.csv:6: skipped: ticket id ".." could name a file outside the target folder; refused',
  ]);
  // Beside the records only the new workspace's kedb.config.yaml, which the import writes on purpose.
  assert.deepEqual(files(root), ['incidents', 'kedb.config.yaml']);
  assert.deepEqual(files(out), ['INC-0071.yaml']);
});

test('the record folder refuses names that leave it and symbolic links', async () => {
  const { root, out } = tempWorkspace();
  const folder = new RecordFolder(out);
  assert.throws(() => folder.write('../x.yaml', 'x'), /not a plain record file name/);
  assert.throws(() => folder.read('sub/INC-0001.yaml'), /not a plain record file name/);
  fs.mkdirSync(out);
  const outside = path.join(root, 'outside.yaml');
  fs.writeFileSync(outside, 'precious\n');
  fs.symlinkSync(outside, path.join(out, 'INC-0071.yaml'));
  const r = await cli(fixture('unsafe-ids.csv'), '--preset', 'seed', '--out', out);
  assert.match(r.out.join('\n'), /unsafe-ids\.csv:7: INC-0071 skipped: INC-0071\.yaml is a symbolic link; refused/);
  assert.equal(fs.readFileSync(outside, 'utf8'), 'precious\n');
});

test('values the preset cannot map and rows without an id are skipped with the reason', async () => {
  const { out } = tempWorkspace();
  const r = await cli(fixture('bad-values.csv'), '--preset', 'seed', '--out', out);
  assert.equal(r.code, 1);
  assert.deepEqual(
    r.out.slice(1, -1).map((l) => l.slice(FIX.length + 1)),
    [
      'bad-values.csv:2: INC-0081 skipped: priority (column "Priority"): "urgent" is not one of the mapped values (critical, high, medium, low, very_low, very low)',
      'bad-values.csv:3: skipped: no ticket id: column "Ticket ID" is empty',
    ],
  );
  assert.deepEqual(files(out), ['INC-0083.yaml']);
});

test('a mapping file reads a helpdesk export: day-first dates in its zone, labels mapped, tag columns to tags', async () => {
  const { root, out } = tempWorkspace();
  const r = await cli(fixture('helpdesk-export.csv'), '--mapping', fixture('helpdesk-mapping.yaml'), '--out', out);
  assert.equal(r.code, 0, r.out.join('\n'));
  assert.deepEqual(files(out), ['INC-1001.yaml', 'INC-1002.yaml', 'INC-1003.yaml']);
  const second = readRecord(out, 'INC-1002');
  assert.equal(second.reported_at, '2025-02-14T17:40:00+07:00');
  assert.equal(second.impact, 'high');
  assert.equal(second.priority, 'P1');
  assert.equal(second.status, 'new');
  assert.equal(second.channel, 'phone');
  assert.deepEqual(second.tags, ['Network', 'Scanner', 'Warehouse']);
  assert.deepEqual(readRecord(out, 'INC-1003').tags, ['Access']);
  assert.equal((readRecord(out, 'INC-1001').source as Record<string, unknown>).original_priority, '2 - High');
  assert.deepEqual(await errorsIn(root), []);
});

test('a broken mapping file is reported with file and line, and nothing is imported', async () => {
  const { root, out } = tempWorkspace();
  const mapping = path.join(root, 'bad-mapping.yaml');
  fs.writeFileSync(mapping, 'preset: seed\nfields:\n  priorty: Priority\n');
  const r = await cli(fixture('seed-tickets.csv'), '--mapping', mapping, '--out', out);
  assert.equal(r.code, 2);
  assert.match(r.err.join('\n'), /bad-mapping\.yaml:3: fields\.priorty: "priorty" is not an incident field; did you mean "priority"\?/);
  assert.deepEqual(files(out), []);
  await assert.rejects(importCsvFile({ csvPath: fixture('seed-tickets.csv'), outDir: out, mappingPath: mapping }), ImportSetupError);
});

test('an event log: each incident takes its last event, even when its events are not together', async () => {
  const { root, out } = tempWorkspace();
  const result = await importCsvFile({ csvPath: fixture('servicenow-events.csv'), outDir: out });
  assert.equal(result.preset, 'servicenow-uci');
  assert.equal(result.presetDetected, true);
  const s = result.summary;
  assert.deepEqual([s.rows, s.imported, s.updated, s.unchanged, s.skipped], [8, 3, 0, 0, 0]);
  const one = readRecord(out, 'INC-0000001');
  assert.deepEqual([one.status, one.impact, one.urgency, one.priority], ['resolved', 'high', 'medium', 'P2']);
  assert.equal((one.source as Record<string, unknown>).problem_id, 'Problem ID  7');
  assert.equal(one.problem, undefined, 'ground truth stays in source, not in the problem link');
  const two = readRecord(out, 'INC-0000002');
  assert.deepEqual([two.status, two.urgency, (two.source as Record<string, unknown>).sys_mod_count], ['closed', 'medium', 3]);
  assert.equal((two.resolution as Record<string, unknown>).resolved_at, '2016-03-04T09:00:00Z');
  assert.equal(readRecord(out, 'INC-0000003').status, 'in-progress');
  assert.deepEqual(await errorsIn(root), []);
  const again = await importCsvFile({ csvPath: fixture('servicenow-events.csv'), outDir: out });
  assert.deepEqual([again.summary.imported, again.summary.updated, again.summary.unchanged], [0, 0, 3]);
});

test('a problem log (vinst-problems) without resolution codes or change ids: a new workspace gets lifecycle.sources, and kedb validate has nothing to say about them', async () => {
  const { root } = tempWorkspace();
  const out = path.join(root, 'problems');
  const r = await cli(fixture('vinst-problems.csv'), '--preset', 'vinst-problems', '--out', out, '--quiet');
  assert.equal(r.code, 0, r.err.join('\n'));
  assert.deepEqual(files(out), ['PRB-100000001.yaml', 'PRB-100000002.yaml', 'PRB-100000003.yaml', 'PRB-100000004.yaml']);
  assert.deepEqual(
    ['PRB-100000001', 'PRB-100000002', 'PRB-100000003', 'PRB-100000004'].map((id) => readRecord(out, id).status),
    ['closed', 'fix-in-progress', 'new', 'closed'],
  );
  assert.equal(r.setup.length, 1, r.setup.join('\n'));
  assert.match(r.setup[0], /^Created .*kedb\.config\.yaml with the problem fields this export cannot hold \(lifecycle\.sources\.vinst-problems: resolution\.code, resolution\.change\), which its problems are not asked for\.$/);
  const config = fs.readFileSync(path.join(root, 'kedb.config.yaml'), 'utf8');
  assert.match(config, /\n# resolution-code-missing, change-reference-missing\. Remove a field to be asked for it again\.\n/);
  assert.deepEqual((load(config) as { lifecycle: unknown }).lifecycle, { sources: { 'vinst-problems': { lacks: ['resolution.code', 'resolution.change'] } } });

  /** kedb validate's diagnostics, counted by "severity code". */
  const validate = (): Record<string, number> => {
    const v = runKedb(['validate', root, '--format', 'json']);
    const counts: Record<string, number> = {};
    for (const d of JSON.parse(v.stdout) as Array<{ severity: string; code: string }>) counts[`${d.severity} ${d.code}`] = (counts[`${d.severity} ${d.code}`] ?? 0) + 1;
    return counts;
  };
  assert.deepEqual(validate(), {});
  // Without it, the two closed problems and the fix in progress are each reported.
  fs.renameSync(path.join(root, 'kedb.config.yaml'), path.join(root, 'kept.yaml'));
  assert.deepEqual(validate(), { 'warning resolution-code-missing': 2, 'warning change-reference-missing': 1 });

  // An existing config is the user's: the import leaves it and says what to add.
  fs.writeFileSync(path.join(root, 'kedb.config.yaml'), '# mine\nversion: 1\n');
  const again = await cli(fixture('vinst-problems.csv'), '--preset', 'vinst-problems', '--out', out, '--quiet');
  assert.equal(fs.readFileSync(path.join(root, 'kedb.config.yaml'), 'utf8'), '# mine\nversion: 1\n');
  assert.equal(again.setup.length, 1, again.setup.join('\n'));
  assert.match(
    again.setup[0],
    /^Note: The vinst-problems export has no column for these problem fields: resolution\.code, resolution\.change\. So that its problems are not reported for them, add to .*kedb\.config\.yaml:\n {2}lifecycle:\n {4}sources:\n {6}vinst-problems:\n {8}lacks: \[resolution\.code, resolution\.change\]$/,
  );
  // Once it is there, the import has nothing more to say.
  fs.renameSync(path.join(root, 'kept.yaml'), path.join(root, 'kedb.config.yaml'));
  assert.deepEqual((await cli(fixture('vinst-problems.csv'), '--preset', 'vinst-problems', '--out', out, '--quiet')).setup, []);
  assert.deepEqual(validate(), {});
});

test('ids take the prefix of the workspace configuration', async () => {
  const { root, out } = tempWorkspace();
  fs.writeFileSync(path.join(root, 'kedb.config.yaml'), 'version: 1\nid_prefixes:\n  incident: TCK\n');
  const r = await cli(fixture('seed-semicolon-bom.csv'), '--out', out);
  assert.equal(r.code, 0);
  assert.deepEqual(files(out), ['TCK-0011.yaml', 'TCK-0012.yaml', 'TCK-0013.yaml']);
  assert.deepEqual(await errorsIn(root), []);
});

test('kedb import explains its usage mistakes', async () => {
  assert.equal((await cli()).code, 2);
  const unknown = await cli(fixture('seed-tickets.csv'), '--preset', 'zendesk');
  assert.equal(unknown.code, 2);
  assert.match(unknown.err[0], /unknown preset "zendesk"; presets: seed, tobi-bueck, servicenow-uci, bpic2014/);
  const limit = await cli(fixture('seed-tickets.csv'), '--limit', 'ten');
  assert.match(limit.err[0], /--limit must be a whole number/);
  const missing = await cli(fixture('no-such-file.csv'));
  assert.match(missing.err[0], /no-such-file\.csv: no such file/);
  const undetectable = await cli(fixture('helpdesk-export.csv'));
  assert.match(undetectable.err[0], /no preset fits the header of helpdesk-export\.csv \(Number, Opened, Short description/);
});
