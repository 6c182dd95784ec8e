/**
 * Rule 5: shared profiles. Incidents that agree on every attribute of a profile (a configuration
 * item with the impact, urgency and type its incidents were triaged with; a caller with the one who
 * resolved them) are one group, cut wherever the next incident came more than the profile's gap
 * after the one before, when it has one.
 *
 * A configuration item carries many known errors, and an item's whole history is a topic: what
 * tells its faults apart is how each was triaged and handled. The built-in profiles were chosen on
 * the first 60 % (by time) of the two real logs with ground truth (`bench/README.md`); each names
 * fields only some exports have, and a profile whose fields an incident lacks leaves it out, so a
 * workspace gets the profiles its data can fill.
 *
 * Cost: one key per incident and profile, then a sort of each group when the profile has a gap.
 */
import type { IncidentFacts } from './incidents';
import type { RawGroup } from './rules';
import type { ProfileField, SharedSettings } from '../records';
import { t } from '../base/l10n';
import { SeqSets, seqsOf } from './seqSets';

/** The usual name of a path in the evidence, English (for records) and shown (current language). */
function fieldName(f: ProfileField): { en: string; shown: string } {
  if (f.name) return { en: f.name, shown: f.name === 'several interactions' ? t('several interactions') : f.name };
  switch (f.path) {
    case 'configuration_item':
      return { en: 'configuration item', shown: t('configuration item') };
    case 'service':
      return { en: 'service', shown: t('service') };
    case 'category':
      return { en: 'category', shown: t('category') };
    case 'subcategory':
      return { en: 'subcategory', shown: t('subcategory') };
    case 'impact':
      return { en: 'impact', shown: t('impact') };
    case 'urgency':
      return { en: 'urgency', shown: t('urgency') };
    case 'type':
      return { en: 'type', shown: t('type') };
    case 'reporter.name':
      return { en: 'caller', shown: t('caller') };
    case 'source.resolved_by':
      return { en: 'resolver', shown: t('resolver') };
    case 'source.location':
      return { en: 'location', shown: t('location') };
    case 'source.closure_code':
    case 'source.closed_code':
      return { en: 'closure code', shown: t('closure code') };
    case 'source.caused_by_ci':
      return { en: 'configuration item that caused it', shown: t('configuration item that caused it') };
    case 'source.caused_by_ci_type':
      return { en: 'type of the configuration item that caused it', shown: t('type of the configuration item that caused it') };
    case 'source.reassignments':
      return { en: 'reassignments', shown: t('reassignments') };
    default:
      return { en: f.path, shown: f.path };
  }
}

/** A value as a key part: text, a number or yes/no; undefined when missing, empty or `?`. */
function fieldValue(record: Record<string, unknown> | undefined, f: ProfileField, path: readonly string[]): string | undefined {
  let v: unknown = record;
  for (const p of path) {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
    v = (v as Record<string, unknown>)[p];
  }
  if (f.is !== undefined) return v === f.is ? 'yes' : 'no';
  if (typeof v === 'number' && Number.isFinite(v)) return f.atMost !== undefined && v >= f.atMost ? `${f.atMost}+` : String(v);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  return s && s !== '?' && s.length <= 120 ? s : undefined;
}

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The groups of every profile, each set of incidents once (the first profile that found it names it). */
export function sharedGroups(incidents: readonly IncidentFacts[], settings: SharedSettings): RawGroup[] {
  const out: RawGroup[] = [];
  const seen = new SeqSets();
  const minCount = Math.max(2, settings.minCount);
  // Each field's value of each incident, read when first needed (null: not read yet) and then
  // kept for the other profiles that name the field.
  const valuesOf = new Map<string, { field: ProfileField; path: string[]; values: (string | undefined | null)[] }>();
  const column = (field: ProfileField) => {
    const id = `${field.path}\u0000${String(field.is)}\u0000${String(field.atMost)}`;
    let c = valuesOf.get(id);
    if (!c) valuesOf.set(id, (c = { field, path: field.path.split('.'), values: new Array<null>(incidents.length).fill(null) }));
    return c;
  };
  settings.profiles.forEach((profile, pi) => {
    const columns = profile.fields.map(column);
    const names = profile.fields.map(fieldName);
    const groups = new Map<string, IncidentFacts[]>();
    for (let ii = 0; ii < incidents.length; ii++) {
      const i = incidents[ii];
      if (profile.gapHours !== undefined && i.time === undefined) continue;
      let key = '';
      let whole = true;
      for (let k = 0; k < columns.length; k++) {
        const c = columns[k];
        let v = c.values[ii];
        if (v === null) v = c.values[ii] = fieldValue(i.value, c.field, c.path);
        if (v === undefined) {
          whole = false;
          break;
        }
        key += (k ? '\u0000' : '') + v;
      }
      if (!whole) continue;
      const list = groups.get(key);
      if (list) list.push(i);
      else groups.set(key, [i]);
    }
    const gapMs = profile.gapHours !== undefined ? profile.gapHours * 3_600_000 : undefined;
    for (const [key, members] of groups) {
      if (members.length < minCount) continue;
      const runs: IncidentFacts[][] = [];
      if (gapMs === undefined) runs.push(members);
      else {
        members.sort((a, b) => a.time! - b.time! || a.seq - b.seq);
        let run: IncidentFacts[] = [members[0]];
        for (let k = 1; k < members.length; k++) {
          if (members[k].time! - members[k - 1].time! > gapMs) {
            runs.push(run);
            run = [];
          }
          run.push(members[k]);
        }
        runs.push(run);
      }
      const values = key.split('\u0000');
      for (const run of runs) {
        if (run.length < minCount) continue;
        const seqs = seqsOf(run);
        if (seen.addOrFind(seqs) !== undefined) continue;
        const en = values.map((v, k) => `${names[k].en} ${v}`).join(', ');
        const shown = values.map((v, k) => `${names[k].shown} ${v === 'yes' ? t('yes') : v === 'no' ? t('no') : v}`).join(', ');
        out.push({
          rule: 'shared',
          key: `shared:${pi + 1}:${values.join('|')}${gapMs !== undefined ? `@${day(run[0].time!)}` : ''}`,
          label: shown,
          englishLabel: en,
          members: run,
          seqs,
          notes: () => {
            const notes = { en: [`${run.length} incidents share the ${en}.`], shown: [t('{0} incidents share the {1}.', run.length, shown)] };
            if (gapMs !== undefined) {
              const from = day(run[0].time!);
              const to = day(run[run.length - 1].time!);
              notes.en.push(`Reported ${from} to ${to}, none more than ${profile.gapHours} hours after the one before.`);
              notes.shown.push(t('Reported {0} to {1}, none more than {2} hours after the one before.', from, to, profile.gapHours!));
            }
            return notes;
          },
        });
      }
    }
  });
  return out;
}
