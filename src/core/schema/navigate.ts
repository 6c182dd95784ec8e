import { SCHEMAS, type SchemaName } from './schemas';

/** A key or a list index in a path through a record. */
export type Segment = string | number;

/** The parts of a draft-07 JSON Schema that the editor features read. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  required?: string[];
  items?: JsonSchema | JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  minItems?: number;
  minLength?: number;
  definitions?: Record<string, JsonSchema>;
  [keyword: string]: unknown;
}

/** One property a mapping may hold, as completion and quick fixes need it. */
export interface PropertyInfo {
  name: string;
  description: string | undefined;
  required: boolean;
  /** The property's own schema, `$ref` resolved. */
  schema: JsonSchema;
}

function rootOf(name: SchemaName): JsonSchema {
  return SCHEMAS[name] as JsonSchema;
}

/** Follows a JSON pointer such as `#/definitions/cause` inside the root schema. */
function byPointer(root: JsonSchema, ref: string): JsonSchema | undefined {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[seg];
  }
  return typeof node === 'object' && node !== null ? (node as JsonSchema) : undefined;
}

/**
 * Resolves `$ref` chains. Keywords written beside a `$ref` (draft-07 ignores them, but the schemas
 * use them for a more precise `description`) win over the target's, so hover shows the local text.
 */
export function resolveRef(root: JsonSchema, schema: JsonSchema): JsonSchema {
  let current = schema;
  const seen = new Set<string>();
  while (typeof current.$ref === 'string' && !seen.has(current.$ref)) {
    seen.add(current.$ref);
    const target = byPointer(root, current.$ref);
    if (!target) break;
    const { $ref: _ignored, ...siblings } = current;
    current = { ...target, ...siblings };
  }
  return current;
}

function step(root: JsonSchema, schema: JsonSchema, seg: Segment): JsonSchema | undefined {
  if (typeof seg === 'number') {
    const items = schema.items;
    if (!items || Array.isArray(items)) return undefined;
    return resolveRef(root, items);
  }
  const prop = schema.properties?.[seg];
  if (prop) return resolveRef(root, prop);
  const extra = schema.additionalProperties;
  if (extra && typeof extra === 'object') return resolveRef(root, extra);
  return undefined;
}

/**
 * The sub-schema at a path of keys and list indexes, with `$ref` resolved, or undefined when the
 * schema allows nothing there. `type: [string, object]` unions navigate as their object branch.
 */
export function schemaAt(name: SchemaName, path: readonly Segment[]): JsonSchema | undefined {
  const root = rootOf(name);
  let schema: JsonSchema | undefined = resolveRef(root, root);
  for (const seg of path) {
    if (!schema) return undefined;
    schema = step(root, schema, seg);
  }
  return schema;
}

/** The JSON types a schema accepts; inferred from `enum`/`const` when `type` is absent. */
export function typesOf(schema: JsonSchema): string[] {
  if (typeof schema.type === 'string') return [schema.type];
  if (Array.isArray(schema.type)) return [...schema.type];
  const values = schema.enum ?? ('const' in schema ? [schema.const] : undefined);
  if (values) {
    const out = new Set<string>();
    for (const v of values) out.add(v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);
    return [...out];
  }
  if (schema.properties) return ['object'];
  if (schema.items) return ['array'];
  return [];
}

/** Whether the schema at this place can be a mapping with named properties. */
export function isObjectSchema(schema: JsonSchema | undefined): boolean {
  return !!schema && (typesOf(schema).includes('object') || !!schema.properties);
}

/** The properties a mapping at `path` may hold, in schema order. */
export function propertiesAt(name: SchemaName, path: readonly Segment[]): PropertyInfo[] {
  const schema = schemaAt(name, path);
  if (!schema?.properties) return [];
  const root = rootOf(name);
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties).map(([prop, raw]) => {
    const resolved = resolveRef(root, raw);
    return { name: prop, description: resolved.description, required: required.has(prop), schema: resolved };
  });
}

/**
 * The property names whose value can be a list or a mapping somewhere in the schemas (`causes`,
 * `rca`, `evidence`…), sorted: after such a key with no value, the next line is indented.
 */
export function structuralKeys(): string[] {
  const keys = new Set<string>();
  for (const name of Object.keys(SCHEMAS) as SchemaName[]) {
    const root = rootOf(name);
    const seen = new Set<JsonSchema>();
    const walk = (raw: JsonSchema): void => {
      const schema = resolveRef(root, raw);
      if (seen.has(raw)) return;
      seen.add(raw);
      for (const [prop, sub] of Object.entries(schema.properties ?? {})) {
        const types = typesOf(resolveRef(root, sub));
        if (types.includes('array') || types.includes('object')) keys.add(prop);
        walk(sub);
      }
      if (schema.items && !Array.isArray(schema.items)) walk(schema.items);
      if (schema.additionalProperties && typeof schema.additionalProperties === 'object') walk(schema.additionalProperties);
    };
    walk(root);
  }
  return [...keys].sort();
}

/** The values allowed at `path` (`enum`, or a `const` as a one-value list), or undefined. */
export function enumAt(name: SchemaName, path: readonly Segment[]): unknown[] | undefined {
  const schema = schemaAt(name, path);
  return schema ? enumOf(schema) : undefined;
}

export function enumOf(schema: JsonSchema): unknown[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum;
  if ('const' in schema) return [schema.const];
  return undefined;
}

/**
 * The description of the key at the end of `path`, for hover. List indexes are skipped back to
 * the list's key, so hovering a list item describes the list.
 */
export function describeKey(name: SchemaName, path: readonly Segment[]): string | undefined {
  let end = path.length;
  while (end > 0 && typeof path[end - 1] === 'number') {
    const item = schemaAt(name, path.slice(0, end));
    if (item?.description) return item.description;
    end--;
  }
  if (end === 0) return rootOf(name).description;
  return schemaAt(name, path.slice(0, end))?.description;
}

/** YAML text for a value that a property of this schema can start with. */
export function placeholderFor(schema: JsonSchema): string {
  const values = enumOf(schema);
  if (values && values.length > 0) return yamlScalar(values[0]);
  const types = typesOf(schema);
  const first = types.find((t) => t !== 'null') ?? 'string';
  switch (first) {
    case 'array': {
      const items = schema.items && !Array.isArray(schema.items) ? schema.items : undefined;
      return (schema.minItems ?? 0) > 0 && (!items || typesOf(items).includes('string')) ? '[""]' : '[]';
    }
    case 'object':
      return '{}';
    case 'boolean':
      return 'false';
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? String(schema.minimum) : '0';
    default:
      return '""';
  }
}

const YAML_SPECIAL = /^(?:true|false|yes|no|on|off|null|~|y|n)$/i;

/**
 * A value written as YAML: plain when it reads back as the same string, quoted otherwise.
 * Numbers and booleans stay plain.
 */
export function yamlScalar(value: unknown): string {
  if (typeof value !== 'string') return value === undefined ? '' : JSON.stringify(value);
  if (
    value === '' ||
    YAML_SPECIAL.test(value) ||
    /^[-+]?(?:\d[\d_]*)?(?:\.\d+)?(?:e[-+]?\d+)?$/i.test(value) ||
    /^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(value) ||
    /:\s|\s#|:$|\s$/.test(value) ||
    /[\n\r\t]/.test(value)
  ) {
    return JSON.stringify(value);
  }
  return value;
}
