import { KnownErrorIndex } from '../core';
import { loadReporting } from './progress';
import { t } from '../core/base';
import { defineCommand, parseCommand, type Print } from './args';
import { machineOutput, option } from './output';

/** `kedb search --help`, in the current language. */
export function searchUsage(): string {
  return `${t('Usage:')} kedb search "QUERY" [DIR] [--limit N] [--include-retired] [--format text|json]

${t(`Ranks the known errors under DIR (default: .) against QUERY by their title, symptoms and root
causes, with the candidate detector's text similarity.`)}
${t('Published known errors come first, then drafts (marked); retired ones are left out.')}

${option('  --limit N          ', t('show at most N known errors (default 10)'))}
${option('  --include-retired  ', t('list retired known errors too, last'))}
  --format json      [{id, problem, title, state, score, workaround, file}]`;
}

/** Every mistake in a search's arguments prints its usage. */
export const SEARCH = defineCommand({
  name: 'search',
  usage: searchUsage,
  options: {
    limit: { type: 'string', default: '10', valid: (v) => Number.isInteger(Number(v)) && Number(v) >= 1, invalid: () => searchUsage() },
    format: { type: 'string', default: 'text', choices: ['text', 'json'], invalid: () => searchUsage() },
    'include-retired': { type: 'boolean' },
  },
  positionals: { kind: 'arg-and-folder', arg: 'QUERY', nonBlank: true },
});

/** `kedb search`: 0 with matches, 1 with none, 2 bad usage. */
export async function runSearch(args: string[], out: Print, err: Print): Promise<number> {
  const parsed = parseCommand(SEARCH, args, out, err);
  if ('exit' in parsed) return parsed.exit;
  const { values, arg: query, dir } = parsed;
  const limit = Number(values.limit);
  if (values.format === 'json') machineOutput();
  const { ws, unread } = await loadReporting(dir, 'search', err);
  const hits = KnownErrorIndex.build(ws.records('known_error')).search(query, limit, 0, { includeRetired: values['include-retired'] === true });
  if (values.format === 'json') {
    out(JSON.stringify(hits.map((h) => ({ id: h.id, problem: h.problem ?? null, title: h.title, state: h.state, score: Math.round(h.score * 1000) / 1000, workaround: h.workaround ?? null, file: h.file })), null, 2));
  } else if (hits.length === 0) {
    out(t('No known error matches "{0}".', query));
  } else {
    for (const h of hits) {
      const mark = h.state === 'draft' ? `[${t('draft')}] ` : h.state === 'retired' ? `[${t('retired')}] ` : '';
      out(`${h.score.toFixed(2)}  ${h.id}${h.problem ? ` (${h.problem})` : ''}  ${mark}${h.title}`);
      if (h.workaround) out(`      ${t('workaround: {0}', h.workaround.replace(/\s+/g, ' ').trim())}`);
    }
  }
  // No match, or a known error that could not be read and so was not searched: 1.
  return hits.length && unread === 0 ? 0 : 1;
}
