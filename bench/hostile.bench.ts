/**
 * Hostile input (issue 19): records built to make validation slow or its output huge. Each case is
 * timed through the core as the editor runs it (a fresh `Workspace`, `setFileText` for every file,
 * then `issuesFor`), and once through `kedb validate` in-process on the same files written to a
 * temporary folder, counting the bytes it prints. Baseline: the figures measured before issue 19
 * (bench/README.md, "before issue 19"), printed beside each figure.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MAX_FILE_BYTES, Workspace, type Issue } from '../src/core';
import { runValidate } from '../src/cli/validate';
import { fmt, heading, median, row } from './stats';

interface Case {
  name: string;
  files: Array<{ path: string; text: string }>;
  /** Before issue 19: core time (ms), issues, `kedb validate` time (ms) and output (bytes); NaN when not measured. */
  before: { ms: number; issues: number; cliMs: number; bytes: number };
}

const NOT_MEASURED = { ms: NaN, issues: NaN, cliMs: NaN, bytes: NaN };
const MB = 1024 * 1024;

/** An incident with a `reporter` mapping of `keys` unknown keys `  kN: 1`, one issue each (all that fit under `maxBytes`). */
export function manyKeys(keys: number, maxBytes = Infinity): string {
  const out = ['kind: incident', 'id: INC-0001', 'title: Many keys', 'reporter:'];
  let size = out.join('\n').length + 1;
  for (let i = 0; i < keys; i++) {
    const line = `  k${i}: 1`;
    if ((size += line.length + 1) > maxBytes) break;
    out.push(line);
  }
  return out.join('\n') + '\n';
}

/** An incident whose `source` holds `n` flow lists where a scalar is expected: `n` schema errors, placed through the ranged parse. */
export function manySchemaErrors(n: number, maxBytes = Infinity): string {
  const out = ['kind: incident', 'id: INC-0001', 'title: Many schema errors', 'source:'];
  let size = out.join('\n').length + 1;
  for (let i = 0; i < n; i++) {
    const line = `  f${i}: [${i}]`;
    if ((size += line.length + 1) > maxBytes) break;
    out.push(line);
  }
  return out.join('\n') + '\n';
}

/** `n` valid incidents in their own files, all with the id INC-0001. */
export function sharedId(n: number): Array<{ path: string; text: string }> {
  const files: Array<{ path: string; text: string }> = [];
  for (let i = 0; i < n; i++) {
    files.push({ path: `incidents/dup-${String(i).padStart(5, '0')}.yaml`, text: `kind: incident\nid: INC-0001\ntitle: Copy ${i}\n` });
  }
  return files;
}

/** The baseline "before issue 19" (bench/README.md): measured here on 2026-12-07, 2 shared cores under load. */
const CASES: Case[] = [
  {
    name: '20,000 unknown keys',
    files: [{ path: 'incidents/INC-0001.yaml', text: manyKeys(20_000) }],
    before: { ms: 43_410, issues: 20_001, cliMs: 40_150, bytes: 2.2 * MB },
  },
  {
    name: '60,000 unknown keys (the 709 KB record of issue 19)',
    files: [{ path: 'incidents/INC-0001.yaml', text: manyKeys(60_000) }],
    before: { ms: 561_470, issues: 60_001, cliMs: 571_590, bytes: 6.7 * MB },
  },
  {
    name: '2,000 schema errors, placed through the ranged parse',
    files: [{ path: 'incidents/INC-0001.yaml', text: manySchemaErrors(2_000) }],
    before: { ms: 158.2, issues: 2_001, cliMs: 226.2, bytes: 300 * 1024 },
  },
  { name: '5,000 files sharing one id', files: sharedId(5_000), before: { ms: 5_450, issues: 15_000, cliMs: 6_760, bytes: 622.4 * MB } },
  {
    // Not measured before: about 75 minutes by the quadratic trend of the two above.
    name: 'unknown keys up to the 2 MB limit (the largest file checked)',
    files: [{ path: 'incidents/INC-0001.yaml', text: manyKeys(Infinity, MAX_FILE_BYTES - 1) }],
    before: NOT_MEASURED,
  },
  {
    // Before: flow lists took the ranged parse (`yaml`, about 1 s per MB): 2 to 4 s. Above 512 KB a
    // file is now read by js-yaml, each issue at the nearest key the line reader can place.
    name: 'flow lists up to the 2 MB limit (the ranged parse before)',
    files: [{ path: 'incidents/INC-0001.yaml', text: manySchemaErrors(Infinity, MAX_FILE_BYTES - 1) }],
    before: NOT_MEASURED,
  },
];

/** Loads the files into a fresh Workspace and asks for every file's issues; returns them all. */
function throughCore(files: Case['files']): Issue[] {
  const ws = new Workspace();
  for (const f of files) ws.setFileText(f.path, f.text, false);
  const all: Issue[] = [];
  for (const f of files) for (const i of ws.issuesFor(f.path)) all.push(i);
  return all;
}

/** Wall time (ms) of `fn`: one run when it takes more than 5 s, else the median of `runs` after that first run (a warm-up). */
async function timed<T>(fn: () => T | Promise<T>, runs = 5): Promise<{ ms: number; runs: number; result: T }> {
  let t = performance.now();
  const result = await fn();
  const first = performance.now() - t;
  if (first > 5000) return { ms: first, runs: 1, result };
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return { ms: median(times), runs, result };
}

function runs(n: number): string {
  return n === 1 ? 'one run' : `median of ${n}`;
}

function ms(x: number): string {
  return Number.isNaN(x) ? 'n/a' : x >= 1000 ? `${fmt(x / 1000, 2)} s` : `${fmt(x, 1)} ms`;
}

function bytes(x: number): string {
  if (Number.isNaN(x)) return 'n/a';
  return x >= 1024 * 1024 ? `${fmt(x / 1024 / 1024, 1)} MB` : x >= 1024 ? `${fmt(x / 1024, 1)} KB` : `${x} B`;
}

function ratio(now: number, before: number): string {
  if (Number.isNaN(before) || now <= 0) return '';
  const r = before / now;
  return `before issue 19: ${ms(before)}, ` + (r >= 1 ? `${fmt(r, r >= 10 ? 0 : 1)}x faster` : `${fmt(1 / r, 1)}x slower`);
}

export async function run(): Promise<void> {
  heading('Hostile input: linear validation and capped output (issue 19)');
  const only = process.env.KEDB_HOSTILE_CASES?.split(',').map(Number);
  for (const [n, c] of CASES.entries()) {
    if (only && !only.includes(n + 1)) continue;
    const size = c.files.reduce((s, f) => s + Buffer.byteLength(f.text), 0);
    console.log(`\n  ${c.name}: ${c.files.length} file(s), ${bytes(size)}`);
    const core = await timed(() => throughCore(c.files));
    const target = c.files.length === 1 ? '; target < 1 s' : '';
    row('core: setFileText + issuesFor', ms(core.ms), `${runs(core.runs)}${target}; ${ratio(core.ms, c.before.ms)}`);
    row('issues reported', fmt(core.result.length, 0), Number.isNaN(c.before.issues) ? '' : `before issue 19: ${fmt(c.before.issues, 0)}`);
    // `kedb validate` on the same files, in-process, counting what it prints.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-hostile-'));
    try {
      for (const f of c.files) {
        fs.mkdirSync(path.join(dir, path.dirname(f.path)), { recursive: true });
        fs.writeFileSync(path.join(dir, f.path), f.text);
      }
      let printed = 0;
      const cli = await timed(async () => {
        printed = 0;
        await runValidate(['--quiet', dir], (s) => (printed += Buffer.byteLength(s) + 1), () => undefined);
      }, 3);
      row('kedb validate: time, in-process', ms(cli.ms), `${runs(cli.runs)}; ${ratio(cli.ms, c.before.cliMs)}`);
      row('kedb validate: output', bytes(printed), Number.isNaN(c.before.bytes) ? '' : `before issue 19: ${bytes(c.before.bytes)}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}
