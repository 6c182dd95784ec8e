import { CORE_SCHEMA, loadAll, YAMLException } from 'js-yaml';
import type { KedbConfig } from './config';
import { documentLineSpans, isEmptySpan, lineFinder, LocateGiveUp, splitLines, type Line, type RangeFinder } from '../yaml/lineLocate';
import { recordShapeIssues, setFileIssues, shapeLocator, type ParsedFile, type ParsedRecord } from './parse';
import { validatorFor } from '../schema/schemas';
import { LineIndex, stripBom } from '../base/lines';
import { formatSize, lineBreaksAsLf, MAX_FILE_BYTES, tooLargeIssue } from '../yaml/decode';
import { placed, placeSchemaErrors, type PlacedIssue } from '../schema/validate';
import type { ErrorObject } from 'ajv';
import { mayHideProse } from '../prose/syntax';
import type { Issue, Range } from '../base/types';
import { t } from '../base';

/** An anchor or an alias (`&a`, `*a`): the ranged path has the guards for them; a large file is not checked. */
const ALIAS = /(^|[\s[{,:-])[&*][^\s]/;

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
  // A byte order mark: the ranged parse, whose ranges count it (js-yaml's would not).
  if (rawText.charCodeAt(0) === 0xfeff) return undefined;
  const text = lineBreaksAsLf(rawText);
  // Aliases (bomb risk: js-yaml shares nodes but validation would walk every copy), tabs and
  // empty files take the ranged path, which has the guards and the exact messages for them.
  if (text.includes('\t') || ALIAS.test(text) || text.trim() === '' || AMBIGUOUS_SCALAR.test(text) || mayHideProse(text)) return undefined;
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
 * Above this size a file never takes the ranged parse: `yaml` reads about 1 MB/s here, so a file
 * near the 2 MB limit would take 2 to 4 s on every keystroke. Such a file is read as
 * {@link parseLarge} reads it instead.
 */
export const RANGED_MAX_BYTES = 512 * 1024;


/**
 * A file over {@link RANGED_MAX_BYTES}, read in well under a second: js-yaml for the values, issues
 * placed by reading the lines, and where the line reader cannot place one exactly (a flow
 * collection, a quoted key, a multi-line value), at the nearest key above it that it can. A syntax
 * error is placed where js-yaml stops. Anchors and aliases are not read (expanding them is where a
 * bomb hides); the file then gets one issue that says so.
 */
export function parseLarge(rawText: string, config: KedbConfig): ParsedFile {
  const text = lineBreaksAsLf(stripBom(rawText));
  const only = (issue: Issue): ParsedFile => ({ records: [], issues: [issue], declaresKind: false });
  const broken = (issue: Issue): ParsedFile => ({ ...only(issue), broken: true });
  if (text.length > MAX_FILE_BYTES) return only(tooLargeIssue(text.length));
  const lines = new LineIndex(text);
  const size = formatSize(text.length);
  const limit = formatSize(RANGED_MAX_BYTES);
  if (ALIAS.test(text)) {
    const at = ALIAS.exec(text)!.index;
    return only({
      code: 'file-too-large',
      severity: 'error',
      message: t('File is {0} and uses anchors or aliases (& and *); files over {1} that use them are not checked. Write the values out, or split the file into one record per file.', size, limit),
      range: lines.range(at, at + 1),
    });
  }
  let docs: unknown[];
  try {
    docs = loadAll(text, undefined, { schema: CORE_SCHEMA, json: false }) as unknown[];
  } catch (e) {
    if (!(e instanceof YAMLException)) throw e;
    const at = Math.min(e.mark?.position ?? 0, text.length);
    return broken({
      code: 'yaml-syntax',
      severity: 'error',
      message: t('YAML syntax error: {0}', `${(e.reason || e.message).replace(/[.]$/, '')}.`),
      range: lines.range(at, Math.min(at + 1, text.length)),
    });
  }
  const located = locatedIssues(text, docs, config, undefined, true);
  return located ?? only({ code: 'file-too-large', severity: 'error', message: t('File is {0}; its documents could not be told apart, and files over {1} are only checked when they can. Split it into one record per file.', size, limit), range: lines.range(0, 0) });
}

/**
 * The line finder for a large file: each question the line reader cannot answer exactly is
 * answered by the nearest key above it that it can, or the document's first line.
 */
function nearestFinder(finder: RangeFinder, lineList: readonly Line[], span: { from: number; to: number }, lines: LineIndex): RangeFinder {
  const first = (): Range => {
    let i = span.from;
    while (i < span.to - 1 && /^\s*(#.*)?$/.test(lineList[i].text)) i++;
    const line = lineList[Math.min(i, lineList.length - 1)];
    return lines.range(line.start, line.start + line.text.length);
  };
  const tryIt = <T>(f: () => T): T | undefined => {
    try {
      return f();
    } catch (e) {
      if (e instanceof LocateGiveUp) return undefined;
      throw e;
    }
  };
  const nearest = (path: readonly (string | number)[]): Range | undefined => {
    for (let n = path.length - 1; n > 0; n--) {
      const r = tryIt(() => finder.key(path.slice(0, n)));
      if (r) return r;
    }
    return first();
  };
  return {
    doc: () => tryIt(() => finder.doc()) ?? first(),
    value: (path) => tryIt(() => finder.value(path)) ?? tryIt(() => finder.key(path)) ?? nearest(path),
    key: (path) => tryIt(() => finder.key(path)) ?? nearest(path),
    firstKey: (path) => tryIt(() => finder.firstKey(path)) ?? tryIt(() => finder.key(path)) ?? nearest([...path, '']),
  };
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
  /** Place what the line reader cannot at the nearest key it can (large files), instead of giving up. */
  nearest = false,
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
      if (isEmptySpan(lineList, spans[docIndex])) {
        if (nearest) continue;
        return undefined;
      }
      const exact = lineFinder(lineList, spans[docIndex], lines);
      const finder = nearest ? nearestFinder(exact, lineList, spans[docIndex], lines) : exact;
      const shape = recordShapeIssues(value, config, shapeLocator(finder));
      for (const i of shape.issues) found.push(placed(i));
      if (!isPlainObject(value)) continue;
      if (shape.kind) {
        result.declaresKind = true;
        const errors = known?.docIndex === docIndex ? known.errors : undefined;
        // One by one: a spread of 100,000 issues would overflow the stack.
        // js-yaml's core schema makes no timestamps nor bytes: the value is plain JSON.
        // A large file places its first thousand errors by line; the rest are counted at the document's end.
        const placeAtMost = nearest ? { count: 1000, rest: lines.range(lineList[spans[docIndex].to - 1].start, lineList[spans[docIndex].to - 1].start) } : undefined;
        for (const p of placeSchemaErrors(shape.kind, value, finder, lines, { errors, plainJson: true, placeAtMost })) found.push(p);
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
