import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import incidentSchema from '../../../schemas/incident.schema.json';
import problemSchema from '../../../schemas/problem.schema.json';
import knownErrorSchema from '../../../schemas/known-error.schema.json';
import configSchema from '../../../schemas/config.schema.json';
import type { RecordKind } from '../base/types';

export type SchemaName = RecordKind | 'config';

/** The JSON Schemas, bundled into the build so that no file is read at run time. */
export const SCHEMAS: Record<SchemaName, Record<string, unknown>> = {
  incident: incidentSchema,
  problem: problemSchema,
  known_error: knownErrorSchema,
  config: configSchema,
};

/** Schema file name (under `schemas/`) for each schema, as published for other YAML tools. */
export const SCHEMA_FILES: Record<SchemaName, string> = {
  incident: 'incident.schema.json',
  problem: 'problem.schema.json',
  known_error: 'known-error.schema.json',
  config: 'config.schema.json',
};

let ajv: Ajv | undefined;
const compiled = new Map<SchemaName, ValidateFunction>();

/** Compiles lazily: ajv's compile costs tens of milliseconds, so pay it on first use, once. */
export function validatorFor(name: SchemaName): ValidateFunction {
  let fn = compiled.get(name);
  if (!fn) {
    if (!ajv) {
      ajv = new Ajv({ allErrors: true, verbose: true, strict: false, allowUnionTypes: true });
      addFormats(ajv);
    }
    fn = ajv.compile(SCHEMAS[name]);
    compiled.set(name, fn);
  }
  return fn;
}

/** Runs the schema and returns its raw errors (empty when valid). */
export function schemaErrors(name: SchemaName, value: unknown): ErrorObject[] {
  const fn = validatorFor(name);
  return fn(value) ? [] : [...(fn.errors ?? [])];
}

/**
 * The schema's order of the keys of the mapping at `path` (the record's top level when empty): the
 * order new keys are written in, so an added key lands beside the keys it belongs with.
 */
export function propertyOrder(name: SchemaName, path: readonly string[] = []): string[] {
  let props = SCHEMAS[name].properties as Record<string, { properties?: Record<string, unknown> }> | undefined;
  for (const key of path) props = props?.[key]?.properties as typeof props;
  return props ? Object.keys(props) : [];
}
