/**
 * The figures as people read them: plain text for a terminal, Markdown, and a standalone HTML page
 * of tables. Long tables show their first rows and one "others" row (the JSON keeps every row).
 */
import { escapeHtml, pageHead } from '../base/html';
import { t } from '../base/l10n';
import { escapeMarkdownCell } from '../base/markdown';
import { HTML_STYLE } from '../kedb/export';
import type { ParetoRow, Stats } from './model';

export interface StatsRenderOptions {
  /** Rows of a Pareto table shown before the "others" row (default 20). */
  topRows?: number;
  /** The latest weeks shown in the weekly table (default 12). */
  weeks?: number;
}

/** One table of the output: a heading, sentences before it, and its cells (already text). */
interface Section {
  title: string;
  lines: string[];
  head?: string[];
  rows?: string[][];
  /** Columns aligned right (numbers). */
  right?: number[];
}

/** A share as a percentage with one decimal. */
export function percent(share: number): string {
  return `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}

function days(n: number | null): string {
  return n === null ? '—' : n === 1 ? t('1 day') : t('{0} days', Number.isInteger(n) ? n : n.toFixed(1));
}

function paretoRows(rows: readonly ParetoRow[], top: number): string[][] {
  const shown = rows.slice(0, top).map((r, i) => [String(i + 1), r.value, String(r.count), percent(r.share), percent(r.cumulative)]);
  const rest = rows.slice(top);
  if (rest.length) {
    const count = rest.reduce((n, r) => n + r.count, 0);
    const total = rows.reduce((n, r) => n + r.count, 0);
    shown.push(['', rest.length === 1 ? t('Others (1 value)') : t('Others ({0} values)', rest.length), String(count), percent(total ? count / total : 0), percent(1)]);
  }
  return shown;
}

function sections(s: Stats, options: StatsRenderOptions): Section[] {
  const top = options.topRows ?? 20;
  const out: Section[] = [];
  const paretoHead = ['#', t('Value'), t('Incidents'), t('Share'), t('Cumulative')];
  const paretoTitles: Array<[keyof Stats['pareto'], string]> = [
    ['category', t('Pareto of incidents by category')],
    ['service', t('Pareto of incidents by service')],
    ['configuration_item', t('Pareto of incidents by configuration item')],
  ];
  for (const [key, title] of paretoTitles) {
    const rows = s.pareto[key];
    if (rows.length === 0) out.push({ title, lines: [t('No incident has a {0}.', key)] });
    else {
      const within80 = rows.findIndex((r) => r.cumulative >= 0.8 - 1e-9) + 1;
      out.push({
        title,
        lines: [t('{0} values; the first {1} account for 80% of the incidents that have one.', rows.length, within80)],
        head: paretoHead,
        rows: paretoRows(rows, top),
        right: [0, 2, 3, 4],
      });
    }
  }

  const w = s.weekly;
  if (w.weeks.length === 0) out.push({ title: t('Incidents per week'), lines: [t('No weekly trend (see the notes).')] });
  else {
    const last = Math.min(w.weeks.length, options.weeks ?? 12);
    const from = w.weeks.length - last;
    const lines = [t('{0} weeks from {1}; the last {2} are shown, weeks start on Monday.', w.weeks.length, w.weeks[0], last)];
    w.candidates.forEach((c, i) => lines.push(`C${i + 1}: ${c.label} (${c.ids.length})`));
    out.push({
      title: t('Incidents per week'),
      lines,
      head: [t('Week of'), t('All'), ...w.candidates.map((_, i) => `C${i + 1}`)],
      rows: w.weeks.slice(from).map((week, i) => [week, String(w.overall[from + i]), ...w.candidates.map((c) => String(c.counts[from + i]))]),
      right: Array.from({ length: w.candidates.length + 1 }, (_, i) => i + 1),
    });
  }

  out.push({
    title: t('Problems by state'),
    lines: [t('{0} problems.', s.counts.problems)],
    head: [t('State'), t('Problems')],
    rows: s.problems_by_state.map((x) => [x.state, String(x.count)]),
    right: [1],
  });

  const a = s.aging;
  const agingLines = [
    a.open.length === 0
      ? t('No open problem with a known age.')
      : t('{0} open problems; median age {1}; oldest {2} ({3}).', a.open.length, days(a.median_days), a.oldest!.id, days(a.oldest!.age_days)),
  ];
  out.push({
    title: t('Age of the open problems'),
    lines: agingLines,
    head: [t('Age (days)'), t('Problems')],
    rows: a.buckets.map((b) => [b.label, String(b.count)]),
    right: [1],
  });

  const tis = s.time_in_state;
  out.push(
    tis.median.length === 0
      ? { title: t('Time in each state'), lines: [tis.per_problem.length ? t('No state change falls on or before {0} (see the notes).', s.now) : t('No problem has a recorded history of its states (see the notes).')] }
      : {
          title: t('Time in each state'),
          lines: [tis.source === 'git' ? t('From the git history of {0} problem files.', tis.per_problem.length) : t('From the recorded history of {0} problems.', tis.per_problem.length)],
          head: [t('State'), t('Median (days)'), t('Problems')],
          rows: tis.median.map((m) => [m.state, m.days.toFixed(2), String(m.problems)]),
          right: [1, 2],
        },
  );

  const c = s.coverage;
  const frac = (f: { count: number; total: number; share: number }) => [String(f.count), String(f.total), percent(f.share)];
  const rows = [
    [t('Incidents linked to a problem'), ...frac(c.incidents_linked)],
    [t('Problems with a known error'), ...frac(c.problems_with_known_error)],
    [t('Known errors with a workaround'), ...frac(c.known_errors_with_workaround)],
  ];
  const lines: string[] = [];
  if (c.fix_status.length) lines.push(t('Permanent fixes: {0}.', c.fix_status.map((f) => `${f.status} ${f.count}`).join(', ')));
  if (c.recurrences !== undefined) lines.push(t('Recurrences (incidents after their problem was resolved): {0}.', c.recurrences));
  if (c.overdue_tasks !== undefined) lines.push(t('Overdue tasks on {0}: {1}.', s.now, c.overdue_tasks));
  out.push({ title: t('Coverage'), lines, head: [t('Measure'), t('Count'), t('Of'), t('Share')], rows, right: [1, 2, 3] });
  return out;
}

function heading(s: Stats): string {
  return t('Insights on {0}: {1} incidents, {2} problems, {3} known errors.', s.now, s.counts.incidents, s.counts.problems, s.counts.known_errors);
}

/** Plain text: aligned columns. */
export function statsText(s: Stats, options: StatsRenderOptions = {}): string {
  const out: string[] = [heading(s), ''];
  for (const sec of sections(s, options)) {
    out.push(sec.title, '-'.repeat(sec.title.length), ...sec.lines);
    if (sec.head && sec.rows) {
      const all = [sec.head, ...sec.rows];
      const widths = sec.head.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
      for (const r of all) out.push(r.map((cell, i) => (sec.right?.includes(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd());
    }
    out.push('');
  }
  if (s.notes.length) out.push(t('Notes'), '-'.repeat(t('Notes').length), ...s.notes.map((n) => `- ${n}`));
  return out.join('\n').trimEnd();
}

/** Markdown: a heading and a table per figure, every cell escaped. */
export function statsMarkdown(s: Stats, options: StatsRenderOptions = {}): string {
  const out: string[] = [`# ${escapeMarkdownCell(t('Insights'))}`, '', escapeMarkdownCell(heading(s)), ''];
  for (const sec of sections(s, options)) {
    out.push(`## ${escapeMarkdownCell(sec.title)}`, '');
    for (const l of sec.lines) out.push(escapeMarkdownCell(l), '');
    if (sec.head && sec.rows) {
      out.push(`| ${sec.head.map(escapeMarkdownCell).join(' | ')} |`);
      out.push(`| ${sec.head.map((_, i) => (sec.right?.includes(i) ? '---:' : '---')).join(' | ')} |`);
      for (const r of sec.rows) out.push(`| ${r.map(escapeMarkdownCell).join(' | ')} |`);
      out.push('');
    }
  }
  if (s.notes.length) out.push(`## ${escapeMarkdownCell(t('Notes'))}`, '', ...s.notes.map((n) => `- ${escapeMarkdownCell(n)}`), '');
  return out.join('\n');
}

/** A standalone page of tables (no script, no outside resource). */
export function statsHtml(s: Stats, options: StatsRenderOptions = {}): string {
  const e = escapeHtml;
  const parts: string[] = [`<h1>${e(t('Insights'))}</h1>`, `<p class="muted">${e(heading(s))}</p>`];
  for (const sec of sections(s, options)) {
    parts.push(`<h2>${e(sec.title)}</h2>`);
    for (const l of sec.lines) parts.push(`<p>${e(l)}</p>`);
    if (sec.head && sec.rows) {
      const cls = (i: number) => (sec.right?.includes(i) ? ' class="num"' : '');
      const th = sec.head.map((h, i) => `<th scope="col"${cls(i)}>${e(h)}</th>`).join('');
      const body = sec.rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${e(c)}</td>`).join('')}</tr>`).join('\n');
      parts.push(`<table>\n<caption>${e(sec.title)}</caption>\n<thead><tr>${th}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`);
    }
  }
  if (s.notes.length) parts.push(`<h2>${e(t('Notes'))}</h2>`, `<ul>\n${s.notes.map((n) => `<li>${e(n)}</li>`).join('\n')}\n</ul>`);
  return `${pageHead({ cspAttribute: "default-src 'none'; style-src 'unsafe-inline'", title: t('Insights'), style: HTML_STYLE })}<body>
${parts.join('\n')}
</body>
</html>
`;
}
