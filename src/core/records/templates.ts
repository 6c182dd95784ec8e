import type { KedbConfig } from './config';
import type { RecordKind } from '../base/types';

export interface TemplateOptions {
  id: string;
  /** An ISO date-time for the record's timestamp; the caller supplies "now". */
  now: string;
  title?: string;
  /** For a known error: the problem it documents. For an incident: its problem. */
  problem?: string;
}

/** YAML quoting for a value placed in a template. */
function q(s: string): string {
  return JSON.stringify(s);
}

/**
 * The text of a new, valid record of each kind, with the fields a user fills next and comments
 * that say what goes where.
 */
export function recordTemplate(kind: RecordKind, opts: TemplateOptions, config: KedbConfig): string {
  const title = q(opts.title ?? 'New ' + kind.replace('_', ' '));
  if (kind === 'incident') {
    return [
      'kind: incident',
      `id: ${opts.id}`,
      `title: ${title}`,
      'description: ""',
      `reported_at: ${opts.now}`,
      'reporter:',
      '  name: ""',
      'channel: email # email, phone, portal, chat, walk-in, monitoring',
      'service: ""',
      'category: ""',
      'type: incident # or service-request',
      'impact: medium # high, medium, low',
      'urgency: medium # high, medium, low',
      'priority: P3',
      'status: new',
      ...(opts.problem ? [`problem: ${opts.problem}`] : []),
      '',
    ].join('\n');
  }
  if (kind === 'problem') {
    return [
      'kind: problem',
      `id: ${opts.id}`,
      `title: ${title}`,
      'problem_statement: ""',
      'status: new',
      `created_at: ${opts.now}`,
      'incidents: []',
      'rca:',
      '  method: fishbone',
      '  fishbone:',
      '    categories:',
      ...config.fishboneCategories.flatMap((c) => [`      - name: ${q(c)}`, '        causes: []']),
      '  five_whys: []',
      '  root_causes: []',
      '',
    ].join('\n');
  }
  return [
    'kind: known_error',
    `id: ${opts.id}`,
    `problem: ${opts.problem ?? config.idPrefixes.problem + '-0000'}`,
    `title: ${title}`,
    'symptoms:',
    '  - ""',
    'root_causes: []',
    'workaround: ""',
    'permanent_fix:',
    '  status: open # open, planned, in-progress, ongoing, done',
    `created_at: ${opts.now}`,
    '',
  ].join('\n');
}

/** "2025-09-21T08:30:00+07:00" for a Date in its local offset (minutes east of UTC). */
export function isoWithOffset(date: Date, offsetMinutes = -date.getTimezoneOffset()): string {
  const local = new Date(date.getTime() + offsetMinutes * 60_000);
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local.toISOString().slice(0, 19)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
