import { CORE_SCHEMA, loadAll } from 'js-yaml';
import type { KedbConfig } from './config';
import { documentLineSpans, isEmptySpan, lineFinder, LocateGiveUp, splitLines } from '../yaml/lineLocate';
import { recordShapeIssues, setFileIssues, shapeLocator, type ParsedFile, type ParsedRecord } from './parse';
import { validatorFor } from '../schema/schemas';
import { LineIndex, stripBom } from '../base/lines';
import { lineBreaksAsLf } from '../yaml/decode';
import { placed, placeSchemaErrors, type PlacedIssue } from '../schema/validate';
import type { ErrorObject } from 'ajv';
import { mayHideProse } from '../prose/syntax';

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
  // Lone CRs (old Mac line ends) as LF, as the ranged parse reads them: offsets stay the same.
  const text = lineBreaksAsLf(stripBom(rawText));
  // Aliases (bomb risk: js-yaml shares nodes but validation would walk every copy), tabs and
  // empty files take the ranged path, which has the guards and the exact messages for them.
  if (text.includes('\t') || /(^|[\s[{,:-])[&*][^\s]/.test(text) || text.trim() === '' || AMBIGUOUS_SCALAR.test(text) || mayHideProse(text)) return undefined;
  let docs: unknown[];
  try {
    docs = loadAll(text, undefined, { schema: CORE_SCHEMA, json: false }) as unknown[];
  } catch {
    return undefined;
  }
  const records: ParsedRecord[] = [];
  let declaresKind = false;
  let clean = true;
  /** ajv's errors for the document found broken, kept so that it is not validated twice. */
  let firstErrors: { docIndex: number; errors: readonly ErrorObject[] } | undefined;
  for (let docIndex = 0; docIndex < docs.length; docIndex++) {
    const value = docs[docIndex];
    // An empty document (a comment-only one, or a trailing `---`): `yaml` tells these apart where
    // js-yaml reads null for both, so the ranged parse decides.
    if (value === null || value === undefined) return undefined;
    const shape = recordShapeIssues(value, config, null);
    if (shape.issues.length > 0 || !shape.kind) {
      clean = false;
      break;
    }
    const validate = validatorFor(shape.kind);
    if (!validate(value)) {
      firstErrors = { docIndex, errors: [...(validate.errors ?? [])] };
      clean = false;
      break;
    }
    declaresKind = true;
    records.push({ docIndex, kind: shape.kind, id: shape.id, value: value as Record<string, unknown> });
  }
  if (clean) return records.length === 0 ? undefined : { records, issues: [], declaresKind };
  return locatedIssues(text, docs, config, firstErrors);
}

/**
 * A file js-yaml read but whose records have schema or shape issues: the issues are placed by
 * reading the lines (`lineFinder`), as the ranged parse would place them. Anything the line reader
 * is unsure of returns undefined, and the file takes the ranged parse. A typo in a 500-record file
 * so costs a js-yaml parse, not a `yaml` one (measured in bench/yamlls).
 */
function locatedIssues(
  text: string,
  docs: unknown[],
  config: KedbConfig,
  known?: { docIndex: number; errors: readonly ErrorObject[] },
): ParsedFile | undefined {
  const lineList = splitLines(text);
  const spans = documentLineSpans(lineList);
  if (!spans || spans.length !== docs.length) return undefined;
  const lines = new LineIndex(text);
  const result: ParsedFile = { records: [], issues: [], declaresKind: false };
  const found: PlacedIssue[] = [];
  try {
    for (let docIndex = 0; docIndex < docs.length; docIndex++) {
      const value = docs[docIndex];
      if (isEmptySpan(lineList, spans[docIndex])) return undefined;
      const finder = lineFinder(lineList, spans[docIndex], lines);
      const shape = recordShapeIssues(value, config, shapeLocator(finder));
      for (const i of shape.issues) found.push(placed(i));
      if (!isPlainObject(value)) continue;
      if (shape.kind) {
        result.declaresKind = true;
        const errors = known?.docIndex === docIndex ? known.errors : undefined;
        // One by one: a spread of 100,000 issues would overflow the stack.
        // js-yaml's core schema makes no timestamps nor bytes: the value is plain JSON.
        for (const p of placeSchemaErrors(shape.kind, value, finder, lines, { errors, plainJson: true })) found.push(p);
      }
      result.records.push({ docIndex, kind: shape.kind, id: shape.id, value: value as Record<string, unknown> });
    }
  } catch (e) {
    if (e instanceof LocateGiveUp) return undefined;
    throw e;
  }
  setFileIssues(result, found);
  return result;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
