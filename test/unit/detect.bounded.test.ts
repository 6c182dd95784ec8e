/**
 * Bounded work on hostile input (issue 18): a flood of incidents with nearly the same wording
 * makes nearly every pair of texts similar. The text rule must still do work near linear in the
 * number of incidents, counted as exact similarity computations (no clock), and still report the
 * flood as one candidate. And `kedb candidates --rule burst` runs the burst rule alone, `--rule
 * all` with the three others.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultDetection, detect, NEIGHBOUR_CAP } from '../../src/core';
import { nearIdenticalCorpus } from '../../bench/candidates.data';
import { REPO_ROOT } from './helpers';

test('20,000 near-identical incidents: one text candidate holding them all, with exact comparisons growing linearly, not with the 200 million pairs', () => {
  const settings = defaultDetection();
  settings.text.linkage = 'star'; // the linkage that keeps every similar pair, up to the cap
  const work = (n: number) => {
    const r = detect(nearIdenticalCorpus(n), settings, { rules: ['text'] });
    const s = r.stats.text!;
    return { r, verified: s.verified, pairs: s.pairs, distinct: s.distinct };
  };
  const small = work(5_000);
  const big = work(20_000);
  assert.equal(big.distinct, 20_000, 'every text is distinct: none is collapsed as a duplicate');
  assert.equal(big.r.candidates.length, 1);
  assert.equal(big.r.candidates[0].count, 20_000);
  assert.deepEqual(big.r.candidates[0].rules, ['text']);
  // All pairs would be 20,000 × 19,999 / 2 ≈ 200 million; the cap keeps a bounded number per text.
  const perText = 2 * NEIGHBOUR_CAP;
  assert.ok(big.verified <= perText * 20_000, `${big.verified} exact comparisons for 20,000 texts (at most ${perText} each)`);
  assert.ok(big.pairs <= big.verified);
  // Four times the texts, about four times the work (all pairs would be sixteen).
  assert.ok(big.verified <= 4.5 * small.verified, `5,000 texts: ${small.verified} comparisons; 20,000: ${big.verified}`);
});

const KEDB = path.join(REPO_ROOT, 'bin', 'kedb.js');

function kedb(args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, LANG: 'C' };
  delete env.LC_ALL;
  delete env.LC_MESSAGES;
  const r = spawnSync(process.execPath, [KEDB, ...args], { cwd: REPO_ROOT, encoding: 'utf8', env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Json {
  candidates: { rule: string; rules: string[]; label: string; incidents: string[] }[];
}

test('kedb candidates --rule burst runs the burst rule alone; --rule all runs it with the four others; --help names it', (t) => {
  // 30 days: HQ every 3 hours (busy and steady), Branch 7 at noon every other day, and a burst of
  // 8 at Branch 7 within 90 minutes on 2026-03-21; every incident on its own text and category.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-burst-cli-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.mkdirSync(path.join(dir, 'incidents'));
  fs.writeFileSync(path.join(dir, 'kedb.config.yaml'), 'version: 1\n');
  const start = Date.parse('2026-03-01T00:00:00Z');
  const times: [string, string][] = [];
  for (let k = 0; k < 240; k++) times.push(['HQ', new Date(start + (1.5 + k * 3) * 3_600_000).toISOString()]);
  for (let d = 2; d <= 30; d += 2) times.push(['Branch 7', `2026-03-${String(d).padStart(2, '0')}T12:00:00Z`]);
  const burst = ['08:10', '08:20', '08:35', '08:50', '09:05', '09:15', '09:30', '09:40'].map((hm) => `2026-03-21T${hm}:00Z`);
  for (const at of burst) times.push(['Branch 7', at]);
  const burstIds: string[] = [];
  times.forEach(([location, at], i) => {
    const id = `INC-${String(i + 1).padStart(4, '0')}`;
    if (burst.includes(at)) burstIds.push(id);
    const yaml = `kind: incident\nid: ${id}\ntitle: Ticket ${id}\ncategory: cat-${i}\nlocation: ${location}\nreported_at: "${at}"\nstatus: closed\n`;
    fs.writeFileSync(path.join(dir, 'incidents', `${id}.yaml`), yaml);
  });

  const only = kedb(['candidates', dir, '--rule', 'burst', '--format', 'json', '--quiet']);
  assert.equal(only.code, 0, only.stderr);
  const found = (JSON.parse(only.stdout) as Json).candidates;
  assert.deepEqual(
    found.map((c) => [c.rules, c.label, [...c.incidents].sort()]),
    [[['burst'], 'Branch 7', burstIds]],
  );

  const all = kedb(['candidates', dir, '--rule', 'all', '--format', 'json', '--quiet']);
  assert.equal(all.code, 0, all.stderr);
  assert.ok((JSON.parse(all.stdout) as Json).candidates.some((c) => c.rules.includes('burst')), all.stdout);

  const help = kedb(['candidates', '--help']);
  assert.match(help.stdout, /\[--rule category\|ci\|text\|burst\|shared\|all\]/);
  assert.match(help.stdout, /category, ci \(CI or service and category\), text, burst, shared \(shared profile\), or all/);
});
