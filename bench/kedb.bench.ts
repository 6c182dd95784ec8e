/**
 * KEDB benchmark (issue 8): Search Known Errors over 10,000 known errors (median query), the
 * incident ↔ known error match CodeLens against them (p95, as the editor computes it: parse the
 * incident's text, check the cached index, query), and the problem-management report on the UCI
 * workspace of 24,918 real incidents.
 *
 * The 10,000 known errors are real helpdesk tickets (the Tobi Bueck multilingual support tickets:
 * subject as title, body sentences as symptoms, the agent's answer as root cause and workaround);
 * the tickets left over are the incidents being written. Without the data, the same shapes are
 * made from the lab-02 known errors with shuffled words, and the figures say so.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { buildReport, incidentMatches, isoWithOffset, KnownErrorCache, reportHtml, reportMarkdown, Workspace } from '../src/core';
import { NodeFsHost } from '../src/node/fsHost';
import { dataRoot, ensureUciCorpus, REPO_ROOT } from './corpus';
import { fmt, heading, median, percentile, row } from './stats';

const KNOWN_ERRORS = 10_000;

interface Ticket {
  subject: string;
  body: string;
  answer: string;
}

function sentences(s: string, n: number): string[] {
  return (s.replace(/\s+/g, ' ').match(/[^.!?]+[.!?]?/g) ?? []).map((x) => x.trim()).filter((x) => x.length > 3).slice(0, n);
}

/** Real tickets when the data is there, else lab-02's known errors with their words shuffled. */
function tickets(): { list: Ticket[]; source: string } {
  const dir = path.join(dataRoot(), 'tobi-bueck-customer-support-tickets');
  if (fs.existsSync(dir)) {
    const list: Ticket[] = [];
    for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.csv')).sort()) {
      const rows = parseCsv(fs.readFileSync(path.join(dir, f)), { columns: true, relaxQuotes: true, skipEmptyLines: true }) as Record<string, string>[];
      // Two German files have no answers, and some tickets no subject: the body stands in.
      for (const r of rows) if (r.body) list.push({ subject: r.subject || sentences(r.body, 1)[0] || r.body.slice(0, 80), body: r.body, answer: r.answer ?? '' });
    }
    return { list, source: `${list.length} Tobi Bueck support tickets` };
  }
  const lab = new NodeFsHost(path.join(REPO_ROOT, 'samples', 'lab-02'));
  const words = lab
    .listFiles()
    .filter((f) => f.startsWith('known-errors/'))
    .flatMap((f) => fs.readFileSync(path.join(lab.root, f), 'utf8').split(/[^A-Za-z]+/))
    .filter((w) => w.length > 3);
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const phrase = (n: number) => Array.from({ length: n }, () => words[Math.floor(rand() * words.length)]).join(' ');
  const list = Array.from({ length: KNOWN_ERRORS + 500 }, () => ({ subject: phrase(6), body: `${phrase(12)}. ${phrase(10)}.`, answer: `${phrase(10)}.` }));
  return { list, source: 'synthetic (lab-02 words; set KEDB_DATA_DIR for the real tickets)' };
}

function knownErrorYaml(i: number, t: Ticket): string {
  const id = String(i + 1).padStart(5, '0');
  const q = JSON.stringify;
  return [
    'kind: known_error',
    `id: KE-${id}`,
    `problem: PRB-${id}`,
    `title: ${q(t.subject)}`,
    'symptoms:',
    ...sentences(t.body, 3).map((s) => `  - ${q(s)}`),
    'root_causes:',
    ...(t.answer ? sentences(t.answer, 1) : sentences(t.body, 4).slice(3)).map((s) => `  - ${q(s)}`),
    `workaround: ${q(t.answer.replace(/\s+/g, ' ').trim() || 'None: no workaround is known yet.')}`,
    'permanent_fix:',
    '  status: open',
    '',
  ].join('\n');
}

function incidentYaml(i: number, t: Ticket): string {
  const q = JSON.stringify;
  return ['kind: incident', `id: INC-9${String(i).padStart(4, '0')}`, `title: ${q(t.subject)}`, `description: ${q(t.body.replace(/\s+/g, ' ').trim())}`, 'status: new', 'impact: medium', 'urgency: medium', ''].join('\n');
}

export async function run(): Promise<void> {
  heading('KEDB: search, match CodeLens, report (issue 8)');
  const { list, source } = tickets();
  if (list.length < KNOWN_ERRORS + 100) {
    console.log(`  SKIPPED: only ${list.length} tickets`);
    return;
  }
  const asKnownErrors = list.slice(0, KNOWN_ERRORS);
  const held = list.slice(KNOWN_ERRORS);
  const ws = new Workspace();
  let t = performance.now();
  asKnownErrors.forEach((tk, i) => ws.setFileText(`known-errors/KE-${String(i + 1).padStart(5, '0')}.yaml`, knownErrorYaml(i, tk), false));
  row('known errors loaded into a Workspace', `${fmt((performance.now() - t) / 1000, 2)} s`, `${KNOWN_ERRORS} from ${source}`);

  const cache = new KnownErrorCache();
  t = performance.now();
  const index = cache.get(ws);
  row('known-error index built (once, then cached)', `${fmt(performance.now() - t)} ms`, `${index.size} known errors`);

  // Search: the held-out subjects (a described symptom) and short keyword queries.
  const queries = [...held.slice(0, 300).map((h) => h.subject), ...held.slice(0, 200).map((h) => sentences(h.body, 1)[0]?.split(' ').slice(0, 4).join(' ') ?? h.subject)];
  for (const q of queries.slice(0, 20)) cache.get(ws).search(q, 50); // warm-up
  const searchTimes: number[] = [];
  let found = 0;
  for (const q of queries) {
    const s = performance.now();
    const hits = cache.get(ws).search(q, 50);
    searchTimes.push(performance.now() - s);
    if (hits.length) found++;
  }
  row('Search Known Errors, one query: median', `${fmt(median(searchTimes), 2)} ms`, `target <= 20 ms; ${queries.length} queries, ${found} with results`);
  row('Search Known Errors, one query: p95', `${fmt(percentile(searchTimes, 95), 2)} ms`);

  // The match CodeLens: what provideCodeLenses does per incident document.
  const incidents = held.map((h, i) => incidentYaml(i, h));
  for (const text of incidents.slice(0, 20)) incidentMatches(ws, cache.get(ws), text);
  const lensTimes: number[] = [];
  let withLens = 0;
  for (const text of incidents) {
    const s = performance.now();
    const m = incidentMatches(ws, cache.get(ws), text);
    lensTimes.push(performance.now() - s);
    if (m.length) withLens++;
  }
  row('match CodeLens, one incident vs 10,000 KEs: median', `${fmt(median(lensTimes), 2)} ms`, `${incidents.length} incidents, ${withLens} with a match >= ${ws.config.lifecycle.matchThreshold}`);
  row('match CodeLens, one incident vs 10,000 KEs: p95', `${fmt(percentile(lensTimes, 95), 2)} ms`, 'target <= 30 ms');
  cache.dispose();

  // The report on the UCI workspace.
  const corpus = await ensureUciCorpus();
  if (!corpus) return;
  t = performance.now();
  const uci = await Workspace.load(new NodeFsHost(corpus.dir));
  const loadMs = performance.now() - t;
  t = performance.now();
  const data = buildReport(uci, isoWithOffset(new Date()));
  const buildMs = performance.now() - t;
  t = performance.now();
  const md = reportMarkdown(data);
  const html = reportHtml(data);
  const renderMs = performance.now() - t;
  row(`load the UCI workspace (${data.totals.incidents} incidents)`, `${fmt(loadMs / 1000, 2)} s`);
  row('report: build (checklist, detection, problems, KEDB)', `${fmt(buildMs / 1000, 2)} s`, Object.entries(data.timings).map(([k, v]) => `${k} ${fmt(v / 1000, 2)} s`).join(', '));
  row('report: Markdown + HTML', `${fmt(renderMs)} ms`, `${fmt(md.length / 1024)} KB + ${fmt(html.length / 1024)} KB`);
  row('report on the UCI workspace, load + build + write', `${fmt((loadMs + buildMs + renderMs) / 1000, 2)} s`, 'target <= 10 s');
}
