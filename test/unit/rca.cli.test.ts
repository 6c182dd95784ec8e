import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromiumMissing, CHROMIUM, REPO_ROOT, testNeeding } from './helpers';

const KEDB = path.join(REPO_ROOT, 'bin', 'kedb.js');
const SAMPLE = path.join(REPO_ROOT, 'samples', 'lab-02');

function kedb(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [KEDB, ...args], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('kedb fishbone prints the ishikawa text, then the 5 Whys flowchart', () => {
  const r = kedb(['fishbone', 'PRB-0007', SAMPLE]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^ishikawa\n {4}VPN-Router Connectivity Disruption: Telemedicine #38; EMR unreachable #40;#34;connection lost#34;#41;\n {4}People\n/);
  assert.match(r.stdout, /\n\nflowchart TB\n/);
  assert.ok(r.stdout.includes('    Measurement\n        VPN connection logs are not analysed routinely.\n'));
});

test('kedb fishbone --format html writes a page that draws offline: our script by hash, the data as inert JSON', () => {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-fb-')), 'PRB-0007.html');
  const r = kedb(['fishbone', 'PRB-0007', SAMPLE, '--format', 'html', '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  const html = fs.readFileSync(out, 'utf8');
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-[A-Za-z0-9+/=]+'; style-src 'unsafe-inline'; img-src data:">/);
  const page = html.replace(/<script>[\s\S]*<\/script>/, '<script></script>');
  assert.doesNotMatch(page, /<script[^>]+src=|<link |<img /, 'nothing to fetch; the CSP forbids it anyway');
  const data = /<script type="application\/json" id="kedb-data">(.*?)<\/script>/s.exec(html)![1];
  assert.doesNotMatch(data, /</);
  assert.equal((JSON.parse(data) as { diagrams: { fishbone: { nodes: unknown[] } } }).diagrams.fishbone.nodes.length, 24);
  assert.equal(html.match(/<\/script>/g)?.length, 2, 'the inlined bundle cannot close its own element');
});

test('kedb fishbone explains what is wrong: unknown id, not a problem, bad format, no Chromium for svg', () => {
  assert.deepEqual(kedb(['fishbone', 'PRB-9999', SAMPLE]).code, 1);
  const inc = kedb(['fishbone', 'INC-0007', SAMPLE]);
  assert.equal(inc.code, 1);
  assert.match(inc.stderr, /INC-0007 is an incident; only problems have a root cause analysis/);
  assert.equal(kedb(['fishbone', 'PRB-0007', SAMPLE, '--format', 'pdf']).code, 2);
  const none = kedb(['fishbone', 'PRB-0007', SAMPLE, '--format', 'svg'], { KEDB_CHROMIUM: '/nonexistent/chromium' });
  assert.equal(none.code, 2);
  assert.match(none.stderr, /--format svg needs Chromium or Chrome, and none was found \(set KEDB_CHROMIUM=/);
  assert.equal(none.stdout, '');
});

testNeeding(chromiumMissing(), 'kedb fishbone --format svg draws a standalone SVG through headless Chromium', {}, () => {
  const r = kedb(['fishbone', 'PRB-0007', SAMPLE, '--format', 'svg'], { KEDB_CHROMIUM: CHROMIUM });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*aria-roledescription="ishikawa"/);
  for (const word of ['Measurement', 'Technology', 'stress-tested.', 'kedb-root-cause']) assert.ok(r.stdout.includes(word), word);
});
