/** Turning one CSV row into an incident (or problem) record: values, schema check, hash and YAML text. */
import type { ErrorObject } from 'ajv';
import { dump } from 'js-yaml';
import { t } from '../base/l10n';
import { validatorFor } from '../schema/schemas';
import { fieldsHash } from './hash';
import { RowError, type CompiledMapping, type RowContext } from './mapping';
import { idFromDigits, incidentIdFor } from './values';

export interface FreshRecord {
  id: string;
  value: Record<string, unknown>;
  /** Hash of the source-derived fields, as stored in `source.hash`. */
  hash: string;
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let obj = target;
  for (let i = 0; i < path.length - 1; i++) {
    let next = obj[path[i]];
    if (typeof next !== 'object' || next === null) {
      next = {};
      obj[path[i]] = next;
    }
    obj = next as Record<string, unknown>;
  }
  obj[path[path.length - 1]] = value;
}

/** The record id of a row: from the id column, or from the row number. Throws `RowError`. */
export function rowId(mapping: CompiledMapping, row: readonly string[], rowNumber: number, prefix: string): { id: string; originalId?: string } {
  if (mapping.idColumn < 0) return { id: idFromDigits(prefix, String(rowNumber)) };
  const written = row[mapping.idColumn] ?? '';
  const raw = mapping.idStrip && written.trim().startsWith(mapping.idStrip) ? written.trim().slice(mapping.idStrip.length) : written;
  if (raw.trim() === '') throw new RowError('bad-id', t('no ticket id: column "{0}" is empty', String(mapping.idColumnName)));
  const r = incidentIdFor(raw, prefix);
  if (!r.ok) throw new RowError(r.code, r.reason);
  return { id: r.id, originalId: written.trim() };
}

function describeSchemaError(e: ErrorObject, labels: Map<string, string>): string {
  const path = e.instancePath.slice(1).replace(/\//g, '.');
  if (e.keyword === 'required') {
    const prop = (e.params as { missingProperty: string }).missingProperty;
    const label = labels.get(prop) ?? prop;
    return t('no {0}: {1} gives no value for this row', prop, label);
  }
  const label = labels.get(path) ?? path;
  const shown = typeof e.data === 'string' ? JSON.stringify(e.data) : JSON.stringify(e.data);
  if (e.keyword === 'enum') {
    const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map(String).join(', ');
    return t('{0}: {1} is not allowed (expected one of {2})', label, shown, allowed);
  }
  if (e.keyword === 'format') return t('{0}: {1} is not a valid {2}', label, shown, (e.params as { format: string }).format);
  if (e.keyword === 'minLength') return t('{0} is empty', label);
  return `${label}: ${shown} ${e.message ?? t('is invalid')}`;
}

/**
 * Builds the record for a row and checks it against the incident schema, so that nothing invalid
 * is ever written. Throws `RowError` with a reason a person can act on.
 */
export function buildRecord(mapping: CompiledMapping, row: readonly string[], ctx: RowContext & { id: string }): FreshRecord {
  const value: Record<string, unknown> = { kind: mapping.kind, id: ctx.id };
  for (const f of mapping.fields) {
    const v = f.get(row, ctx);
    if (v !== undefined) setPath(value, f.path, v);
  }
  const validate = validatorFor(mapping.kind);
  if (!validate(value)) {
    const labels = new Map(mapping.fields.map((f) => [f.key, f.label]));
    const first = (validate.errors ?? [])[0];
    throw new RowError('invalid-record', first ? describeSchemaError(first, labels) : mapping.kind === 'problem' ? t('the record does not fit the problem schema') : t('the record does not fit the incident schema'));
  }
  const hash = fieldsHash(value, mapping.hashPaths);
  (value.source as Record<string, unknown>).hash = hash;
  return { id: ctx.id, value, hash };
}

/** YAML text of a new record. js-yaml writes it about 3x faster than `yaml`, and as plainly. */
export function recordYaml(value: Record<string, unknown>): string {
  return dump(value, { lineWidth: -1, noRefs: true });
}
