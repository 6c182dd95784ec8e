import { SCHEMAS, SCHEMA_FILES, type SchemaName } from './schemas';

type Json = Record<string, unknown>;

function deref(root: Json, node: Json): Json {
  const ref = node.$ref;
  if (typeof ref === 'string' && ref.startsWith('#/definitions/')) {
    const target = (root.definitions as Record<string, Json> | undefined)?.[ref.slice('#/definitions/'.length)];
    if (target) return { ...target, ...Object.fromEntries(Object.entries(node).filter(([k]) => k !== '$ref')) };
  }
  return node;
}

function typeOf(root: Json, raw: Json): string {
  const node = deref(root, raw);
  if (Array.isArray(node.enum)) return node.enum.map((v) => `\`${String(v)}\``).join(', ');
  if (node.const !== undefined) return `\`${String(node.const)}\``;
  const t = node.type;
  const types = Array.isArray(t) ? t : t ? [t] : [];
  const words = types.map((x) => {
    if (x === 'array') {
      const items = node.items as Json | undefined;
      return items ? `list of ${typeOf(root, items)}` : 'list';
    }
    if (x === 'object') return 'mapping';
    if (x === 'string' && typeof node.format === 'string') return `${node.format}`;
    return String(x);
  });
  return words.join(' or ') || 'any';
}

function oneLine(s: unknown): string {
  return typeof s === 'string' ? s.replace(/\s+/g, ' ').replace(/\|/g, '\\|') : '';
}

/**
 * The record format reference, as Markdown, generated from the schemas' own descriptions so that
 * the documentation cannot drift from what the validator checks.
 */
export function schemaReference(): string {
  const out: string[] = [
    '# Record format reference',
    '',
    'Generated from `schemas/*.schema.json` by `npm run docs`; do not edit by hand.',
    '',
  ];
  const titles: Record<SchemaName, string> = {
    incident: 'Incident (`kind: incident`)',
    problem: 'Problem (`kind: problem`)',
    known_error: 'Known error (`kind: known_error`)',
    config: 'Workspace settings (`kedb.config.yaml`)',
  };
  for (const name of ['incident', 'problem', 'known_error', 'config'] as SchemaName[]) {
    const root = SCHEMAS[name] as Json;
    out.push(`## ${titles[name]}`, '', oneLine(root.description), '', `Schema: \`schemas/${SCHEMA_FILES[name]}\`.`, '');
    out.push('| field | type | required | description |', '| --- | --- | --- | --- |');
    const walk = (node: Json, prefix: string, depth: number) => {
      const n = deref(root, node);
      const props = n.properties as Record<string, Json> | undefined;
      if (props) {
        const required = new Set((n.required as string[] | undefined) ?? []);
        for (const [key, child] of Object.entries(props)) {
          const field = prefix ? `${prefix}.${key}` : key;
          out.push(`| \`${field}\` | ${typeOf(root, child)} | ${required.has(key) ? 'yes' : ''} | ${oneLine(deref(root, child).description ?? child.description)} |`);
          if (depth < 6) walk(child, field, depth + 1);
        }
      }
      const items = n.items as Json | undefined;
      if (items && !(typeof items.$ref === 'string' && prefix.split('[]').length > 2)) walk(items, `${prefix}[]`, depth + 1);
    };
    walk(root, '', 0);
    out.push('');
  }
  return out.join('\n');
}
