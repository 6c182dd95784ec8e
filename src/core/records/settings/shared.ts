/**
 * The `detection.shared` settings of kedb.config.yaml: the attribute profiles of rule 5 (see
 * `candidates/sharedRule.ts`), with the built-in ones.
 */

/** One attribute of a profile: a record path (`configuration_item`, `source.resolved_by`), as is or derived. */
export interface ProfileField {
  path: string;
  /** The attribute is "does the path hold exactly this value?" (yes or no), not the value itself. */
  is?: string;
  /** Numbers above this count as one value (`3 or more`). */
  atMost?: number;
  /** The attribute's name in the evidence; default: the path's usual name. */
  name?: string;
}

export interface SharedProfile {
  fields: ProfileField[];
  /** Hours after which a quiet spell ends a group; none: the whole history is one group. */
  gapHours?: number;
}

export interface SharedSettings {
  enabled: boolean;
  minCount: number;
  profiles: SharedProfile[];
}

/**
 * The built-in profiles (chosen on the first 60 % of the BPIC 2014 and UCI logs; see
 * bench/README.md): five that tell one configuration item's or service's faults apart by how they
 * were triaged and handled, and two that follow the one who resolved them.
 */
export function defaultProfiles(): SharedProfile[] {
  const several: ProfileField = { path: 'source.related_interaction', is: '#MULTIVALUE', name: 'several interactions' };
  return [
    { fields: [{ path: 'configuration_item' }, { path: 'impact' }, { path: 'urgency' }, { path: 'type' }] },
    { fields: [{ path: 'service' }, { path: 'source.caused_by_ci_type' }, { path: 'subcategory' }] },
    { fields: [{ path: 'source.caused_by_ci' }, { path: 'urgency' }, several, { path: 'source.reassignments', atMost: 3 }] },
    { fields: [{ path: 'configuration_item' }, { path: 'impact' }, { path: 'urgency' }, { path: 'source.closure_code' }] },
    { fields: [{ path: 'configuration_item' }, several] },
    { fields: [{ path: 'reporter.name' }, { path: 'source.resolved_by' }], gapHours: 168 },
    { fields: [{ path: 'source.location' }, { path: 'source.resolved_by' }], gapHours: 168 },
  ];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A profile as written in kedb.config.yaml (`fields`, `gap_hours`), or undefined when it is not one. */
export function profileOf(raw: unknown): SharedProfile | undefined {
  if (!isObject(raw) || !Array.isArray(raw.fields) || raw.fields.length === 0) return undefined;
  const fields: ProfileField[] = [];
  for (const f of raw.fields) {
    if (typeof f === 'string' && f.trim()) fields.push({ path: f.trim() });
    else if (isObject(f) && typeof f.path === 'string' && f.path.trim()) {
      const field: ProfileField = { path: f.path.trim() };
      if (typeof f.is === 'string') field.is = f.is;
      if (typeof f.at_most === 'number' && Number.isFinite(f.at_most)) field.atMost = f.at_most;
      if (typeof f.name === 'string' && f.name.trim()) field.name = f.name.trim();
      fields.push(field);
    } else return undefined;
  }
  const gap = raw.gap_hours;
  if (gap !== undefined && !(typeof gap === 'number' && Number.isFinite(gap) && gap > 0)) return undefined;
  return gap === undefined ? { fields } : { fields, gapHours: gap };
}
