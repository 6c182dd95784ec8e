import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { Workspace } from '../../src/core';
import { buildReport, csvCell, escapeHtml, escapeMarkdownCell, exportKedb, isFormulaLike, KEDB_COLUMN_KEYS, KEDB_COLUMNS, kedbColumnLabels, kedbColumns, kedbTable, reportHtml, reportMarkdown } from '../../src/core';
import { NodeFsHost } from '../../src/node/fsHost';
import { FIXTURES } from './helpers';
import { NOW, workspace } from './kedbHelpers';

const HOSTILE = path.join(FIXTURES, 'kedb', 'hostile');

async function hostile() {
  const ws = await Workspace.load(new NodeFsHost(HOSTILE));
  return { ws, rows: kedbTable(ws) };
}

/** Every `<tag` in an HTML text, lower-cased. */
function tags(html: string): string[] {
  return [...html.matchAll(/<([a-z][a-z0-9-]*)/gi)].map((m) => m[1].toLowerCase());
}

test('CSV cells that a spreadsheet would run start with a quote; every cell reads back as that text', async () => {
  const { rows } = await hostile();
  const csv = exportKedb(rows, 'csv');
  const records: string[][] = parseCsv(csv, { relaxQuotes: false });
  assert.deepEqual(records[0], ['Known Error ID', 'Problem ID', 'Title', 'Symptoms', 'Root Causes', 'Workaround', 'Permanent Fix Status', 'Linked Incidents', 'State']);
  const [knownError, problem, title, symptoms, rootCauses, workaround, fix, incidents] = records[1];
  assert.equal(knownError, 'KE-0001', 'one id per cell');
  assert.equal(problem, 'PRB-0001');
  assert.equal(title, `'=cmd|' /C calc'!A0`);
  assert.equal(symptoms, `'=cmd|' /C calc'!A0; <script>alert('symptom')</script>; +SUM(1,2); @import "x"; | pipe | and *stars* and [link](javascript:alert(1))`);
  assert.equal(rootCauses, `'-2+3; %%{init: {"securityLevel": "loose"}}%%`);
  assert.equal(workaround, `'@SUM(A1:A2) <img src=x onerror=alert('workaround')>`);
  assert.equal(fix, 'Planned: "quoted", with commas and a line break & an <b>ampersand</b>');
  assert.equal(incidents, '1', 'INC-0001 names the problem and the known error, and the problem lists it: one incident');
  for (const cell of records.flat()) assert.ok(!/^\s*[=+\-@]/.test(cell) && !/^[\t\r]/.test(cell), `neutralised: ${cell}`);
  assert.ok(csv.endsWith('\r\n'));
});

test('the linked incidents count those the problem lists, those that name the problem and those that name the known error, each once; a known error without a problem has an empty problem cell in CSV', () => {
  const ws = workspace({
    'problems/PRB-0001.yaml': 'kind: problem\nid: PRB-0001\ntitle: VPN drops\nstatus: known-error\nincidents: [INC-0001, INC-0002]\n',
    'incidents/INC-0001.yaml': 'kind: incident\nid: INC-0001\ntitle: VPN dropped\nproblem: PRB-0001\n',
    'incidents/INC-0002.yaml': 'kind: incident\nid: INC-0002\ntitle: VPN dropped again\n',
    'incidents/INC-0003.yaml': 'kind: incident\nid: INC-0003\ntitle: VPN dropped once more\nproblem: PRB-0001\n',
    'incidents/INC-0004.yaml': 'kind: incident\nid: INC-0004\ntitle: Printer jam\nknown_error: KE-0002\n',
    'incidents/INC-0005.yaml': 'kind: incident\nid: INC-0005\ntitle: Unrelated\n',
    'known-errors/KE-0001.yaml': 'kind: known_error\nid: KE-0001\nproblem: PRB-0001\ntitle: VPN drops after the update\nworkaround: Reconnect\n',
    'known-errors/KE-0002.yaml': 'kind: known_error\nid: KE-0002\ntitle: Printer jams\nworkaround: Open the tray\n',
  });
  const rows = kedbTable(ws);
  assert.deepEqual(rows.map((r) => [r.id, r.problem, r.title, r.linked_incidents]), [
    ['KE-0002', '', 'Printer jams', 1],
    ['KE-0001', 'PRB-0001', 'VPN drops after the update', 3],
  ]);
  const records: string[][] = parseCsv(exportKedb(rows, 'csv'));
  assert.deepEqual(records.map((r) => [r[0], r[1], r[2], r[7]]), [
    ['Known Error ID', 'Problem ID', 'Title', 'Linked Incidents'],
    ['KE-0002', '', 'Printer jams', '1'],
    ['KE-0001', 'PRB-0001', 'VPN drops after the update', '3'],
  ]);
  assert.match(exportKedb(rows, 'md'), /^\| KE-0002 \| \(no problem\) \| Printer jams \| /m);
});

test('the columns are one list: the CSV header is the English names of the labels every view shows, in the same order', () => {
  assert.equal(KEDB_COLUMN_KEYS.length, 9);
  assert.deepEqual([...KEDB_COLUMNS], kedbColumns());
  const labels = kedbColumnLabels();
  assert.deepEqual(KEDB_COLUMN_KEYS.map((k) => labels[k]), [...KEDB_COLUMNS]);
});

test('the formula check covers =, +, -, @, leading blanks, tab and carriage return, and nothing else', () => {
  for (const s of ['=1+2', '+1', '-1', '@SUM(1)', '  =1', '\t1', '\r1', "=cmd|' /C calc'!A0"]) {
    assert.ok(isFormulaLike(s), s);
    assert.ok(csvCell(s).replace(/^"/, '').startsWith("'"), s);
  }
  for (const s of ['Restart the router', '1+1', 'a=b', '']) assert.ok(!isFormulaLike(s), s);
  assert.equal(csvCell('a,b'), '"a,b"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
});

test('the HTML export escapes every record text: the only tags are the table\'s own', async () => {
  const { rows } = await hostile();
  const html = exportKedb(rows, 'html');
  assert.deepEqual([...new Set(tags(html))].sort(), ['body', 'h1', 'head', 'html', 'li', 'meta', 'span', 'style', 'table', 'tbody', 'td', 'th', 'thead', 'title', 'tr', 'ul']);
  const head = [...html.matchAll(/<th scope="col">([^<]*)<\/th>/g)].map((m) => m[1]);
  assert.deepEqual(head, ['Known Error ID', 'Problem ID', 'Title', 'Symptoms', 'Root Causes', 'Workaround', 'Permanent Fix Status', 'Linked Incidents', 'State']);
  assert.ok(html.includes('<tr><th scope="row">KE-0001</th><td>PRB-0001</td><td>=cmd|&#39; /C calc&#39;!A0</td>'), 'the ids in their own cells, then the title');
  assert.ok(html.includes('<td class="num">1</td><td class="state state-published">published</td></tr>'), 'the linked incidents, then the state last');
  assert.ok(html.includes('&#60;script&#62;alert(&#39;symptom&#39;)&#60;/script&#62;'));
  assert.ok(html.includes('&#60;img src=x onerror=alert(&#39;workaround&#39;)&#62;'));
  assert.ok(html.includes(`content="default-src 'none'; style-src 'unsafe-inline'"`), 'no script may run in the page');
});

test('the Markdown export escapes markup and keeps one line per row', async () => {
  const { rows } = await hostile();
  const md = exportKedb(rows, 'md');
  const lines = md.trimEnd().split('\n');
  assert.equal(lines.length, 3);
  assert.equal(lines[0], '| Known Error ID | Problem ID | Title | Symptoms | Root Causes | Workaround | Permanent Fix Status | Linked Incidents | State |');
  const cells = lines[2].split(/(?<!\\)\|/);
  assert.equal(cells.length, 11, 'nine cells: every | inside a cell is escaped');
  assert.deepEqual([cells[1], cells[2], cells[8]].map((c) => c.trim()), ['KE-0001', 'PRB-0001', '1']);
  assert.ok(!/<[a-z]/i.test(md), 'no raw tag');
  assert.ok(md.includes('\\| pipe \\| and \\*stars\\* and \\[link\\](javascript:alert(1))'));
  assert.equal(escapeMarkdownCell('a\nb  <i>'), 'a b &#60;i&#62;');
});

test('the JSON export is the documented shape', async () => {
  const { rows } = await hostile();
  const json = JSON.parse(exportKedb(rows, 'json'));
  assert.deepEqual(Object.keys(json[0]), ['id', 'problem', 'title', 'symptoms', 'root_causes', 'workaround', 'permanent_fix', 'linked_incidents', 'state', 'replaced_by', 'retired_at']);
  assert.equal(json[0].linked_incidents, 1);
  assert.equal(json[0].title, "=cmd|' /C calc'!A0", 'JSON keeps the text as it is');
  assert.deepEqual(json[0].permanent_fix, { status: 'planned', description: '"quoted", with commas and a line break & an <b>ampersand</b>' });
});

test('the report escapes the hostile records in Markdown and HTML, and no Mermaid directive survives into a fishbone', async () => {
  const { ws } = await hostile();
  const data = buildReport(ws, NOW);
  assert.equal(data.fishbones.length, 1);
  const mermaid = data.fishbones[0].mermaid;
  assert.ok(!mermaid.includes('%%'), 'directives and comments are encoded');
  assert.ok(!/^\s*click\b/m.test(mermaid), 'no line starts a click statement');
  assert.ok(!mermaid.includes('`'), 'no backquote can close the Markdown fence');
  assert.ok(!/[<>]/.test(mermaid));

  const md = reportMarkdown(data);
  const outsideFences = md.replace(/```mermaid\n[\s\S]*?\n```/g, '');
  assert.ok(!/<[a-z/]/i.test(outsideFences), 'no raw tag outside the Mermaid blocks');
  assert.equal((md.match(/```/g) ?? []).length, 2, 'one fenced block, opened and closed once');

  const nonce = 'test-nonce-0123';
  const html = reportHtml(data, { draw: { script: 'window.kedbDrawn = true;', nonce } });
  // The diagrams as inert JSON, then our one script with the nonce, and a CSP that runs nothing else.
  const scripts = [...html.matchAll(/<script([^>]*)>/gi)].map((m) => m[1]);
  assert.deepEqual(scripts, [' type="application/json" id="kedb-data"', ` nonce="${nonce}"`]);
  const json = /<script type="application\/json" id="kedb-data">(.*?)<\/script>/s.exec(html)![1];
  assert.ok(!json.includes('<'), 'no record text can end the data element');
  const drawn = (JSON.parse(json) as { diagrams: Record<string, { text: string }> }).diagrams;
  assert.deepEqual(Object.keys(drawn), ['rca-1']);
  assert.equal(drawn['rca-1'].text, mermaid, 'the page draws the same escaped Mermaid text it shows');
  assert.ok(html.includes(escapeHtml(`script-src 'nonce-${nonce}'`)), 'the CSP (an attribute, so escaped) allows only the nonce');
  assert.deepEqual(
    [...new Set(tags(html))].sort(),
    ['body', 'code', 'h1', 'h2', 'h3', 'head', 'html', 'li', 'meta', 'p', 'pre', 'script', 'section', 'span', 'style', 'table', 'tbody', 'td', 'th', 'thead', 'title', 'tr', 'ul'],
  );
  assert.ok(!html.includes("<iframe"), 'incident titles never reach the page unescaped');
  // Without the drawing script the page runs no script at all.
  const still = reportHtml(data);
  assert.ok(!/<script/i.test(still));
  assert.ok(!still.includes('script-src'));
});
