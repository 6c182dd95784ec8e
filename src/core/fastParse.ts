import { CORE_SCHEMA, loadAll } from 'js-yaml';
import type { KedbConfig } from './config';
import { recordShapeIssues, type ParsedFile, type ParsedRecord } from './parse';
import { validatorFor } from './schemas';
import { stripBom } from './text';

/**
 * Plain scalars that js-yaml and `yaml` read differently under the YAML 1.2 core schema (measured:
 * exponents without a dot such as 11e66822, `+.5`, binary `0b101`, signed hex `-0x1`). A file
 * holding one takes the ranged path, so both paths always agree.
 */
const AMBIGUOUS_SCALAR = /(?:^|[\s:[{,-])[-+]?(?:0b[01_]+|[-+]0x[0-9a-f]+|\.[0-9]|[0-9][0-9_]*[eE][-+]?[0-9]+)[ \t]*(?:$|[,\]}#])/im;

/**
 * The bulk-load fast path. `yaml` keeps source ranges and parses about 2 MB/s here; a value-only
 * parser (js-yaml, YAML 1.2 core schema like `yaml`'s default) is 5-7x faster. Clean files, nearly
 * all of a workspace, need no ranges, so they are parsed here. Any file this path is unsure of
 * returns undefined and goes through `parseRangedFile`, which then reports exact ranges.
 */
export function parseFast(rawText: string, config: KedbConfig): ParsedFile | undefined {
  const text = stripBom(rawText);
  // Aliases (bomb risk: js-yaml shares nodes but validation would walk every copy), tabs and
  // empty files take the ranged path, which has the guards and the exact messages for them.
  if (text.includes('\t') || /(^|[\s[{,:-])[&*][^\s]/.test(text) || text.trim() === '' || AMBIGUOUS_SCALAR.test(text)) return undefined;
  let docs: unknown[];
  try {
    docs = loadAll(text, undefined, { schema: CORE_SCHEMA, json: false }) as unknown[];
  } catch {
    return undefined;
  }
  const records: ParsedRecord[] = [];
  let declaresKind = false;
  for (let docIndex = 0; docIndex < docs.length; docIndex++) {
    const value = docs[docIndex];
    if (value === null || value === undefined) continue;
    const shape = recordShapeIssues(value, config, null);
    if (shape.issues.length > 0 || !shape.kind) return undefined;
    if (!validatorFor(shape.kind)(value)) return undefined;
    declaresKind = true;
    records.push({ docIndex, kind: shape.kind, id: shape.id, value: value as Record<string, unknown> });
  }
  if (records.length === 0) return undefined;
  return { records, issues: [], declaresKind };
}
