import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, visit, YAMLParseError, type Alias, type Document, type Node, type YAMLError } from 'yaml';
import { idPattern, type KedbConfig } from './config';
import { lineBreaksAsLf, MAX_FILE_BYTES, tooLargeIssue } from '../yaml/decode';
import { closest } from '../base/words';
import { LineIndex } from '../base/lines';
import { EMPTY_RANGE, RECORD_KINDS, type Issue, type Range, type RecordKind } from '../base/types';
import {
  compareIssues,
  describeFirst,
  didYouMean,
  kindNoun,
  leftOutIssue,
  nonJsonValue,
  placed,
  placeSchemaErrors,
  type LeftOut,
  type PlacedIssue,
} from '../schema/validate';
import { t } from '../base/l10n';
import { nodeRange } from '../yaml/locate';
import { documentFinder, type RangeFinder } from '../yaml/lineLocate';
import { ProseReader } from '../prose/syntax';

/** Aliases a document may expand before it is treated as an alias bomb. */
export const MAX_ALIAS_COUNT = 100;

/** One record (one YAML document) of a file, as plain data. */
export interface ParsedRecord {
  /** Index of the document in its file (0 for single-record files). */
  docIndex: number;
  kind: RecordKind | undefined;
  id: string | undefined;
  value: Record<string, unknown>;
}

export interface ParsedFile {
  records: ParsedRecord[];
  /**
   * The file's issues in order: at most `MAX_ISSUES_PER_FILE`, then, when there are more, one
   * `too-many-issues` issue that counts them (`leftOut`).
   */
  issues: Issue[];
  /** The issues left out of `issues`, when there were too many. */
  leftOut?: LeftOut;
  /** True when some document declares one of our kinds: such a file is a record file wherever it is. */
  declaresKind: boolean;
  /** Some document has a syntax error, so its records could not be read. */
  broken?: boolean;
}

/** A file parsed with source ranges, for the editor and for precise diagnostics. */
export interface RangedFile extends ParsedFile {
  lines: LineIndex;
  documents: Document[];
}

const YAML_CODES: Record<string, Issue['code']> = {
  TAB_AS_INDENT: 'tab-indentation',
  DUPLICATE_KEY: 'duplicate-key',
};

function yamlIssue(err: YAMLError, lines: LineIndex, severity: 'error' | 'warning'): Issue {
  const code = YAML_CODES[err.code] ?? 'yaml-syntax';
  // yaml appends " at line N, column M:" and a source excerpt; the range already says where.
  let message = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  if (code === 'duplicate-key') message = t('Duplicate key: each key may appear only once in a mapping.');
  if (code === 'tab-indentation') message = t('This line is indented with a tab, and YAML allows only spaces for indentation. Replace the tab with spaces.');
  else if (!/[.!?]$/.test(message)) message += '.';
  const [start, rawEnd] = err.pos;
  let end = rawEnd;
  if (code === 'duplicate-key') {
    // yaml points at the key's first character; cover the whole key, as the user reads it.
    const key = /^[^:\r\n]*/.exec(lines.text.slice(start))?.[0].trimEnd() ?? '';
    end = Math.max(end, start + key.length);
  }
  return {
    code,
    severity,
    // The parser's own words stay in English: the yaml library has no translations.
    message: code === 'yaml-syntax' ? t('YAML syntax error: {0}', message) : message,
    range: lines.range(start, Math.max(end, start + 1)),
    data: { yamlCode: err.code },
  };
}

/** A mapping as YAML reads it: not a list, nor a timestamp (Date) or `!!binary` data (bytes). */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && nonJsonValue(v) === undefined;
}

/**
 * Checks that need the value only: the record's kind and its id pattern. `where` resolves a path to
 * a range; the fast path passes null and only asks whether any issue exists.
 */
/** Where `recordShapeIssues` puts its issues, from a document's finder. */
export function shapeLocator(finder: RangeFinder): (path: string[], at: 'value' | 'first-key' | 'key') => Range {
  return (path, at) => {
    const r = at === 'first-key' ? finder.firstKey([]) : at === 'key' ? finder.key(path) : finder.value(path);
    return r ?? finder.doc() ?? EMPTY_RANGE;
  };
}

export function recordShapeIssues(
  value: unknown,
  config: KedbConfig,
  where: ((path: string[], at: 'value' | 'first-key' | 'key') => Range) | null,
): { issues: Issue[]; kind: RecordKind | undefined; id: string | undefined } {
  const issues: Issue[] = [];
  const r = (path: string[], at: 'value' | 'first-key' | 'key') => (where ? where(path, at) : EMPTY_RANGE);
  if (!isPlainObject(value)) {
    issues.push({
      code: 'not-a-mapping',
      severity: 'error',
      message: Array.isArray(value)
        ? t('A record must be a YAML mapping of keys and values, but this document is a list.')
        : value === null
          ? t('A record must be a YAML mapping of keys and values, but this document is empty.')
          : t('A record must be a YAML mapping of keys and values, but this document is a single value.'),
      range: r([], 'value'),
    });
    return { issues, kind: undefined, id: undefined };
  }
  let kind: RecordKind | undefined;
  const rawKind = value.kind;
  if (rawKind === undefined) {
    issues.push({
      code: 'missing-kind',
      severity: 'error',
      message: t('Missing "kind": add `kind: incident`, `kind: problem` or `kind: known_error` to say what this record is.'),
      range: r([], 'first-key'),
    });
  } else if (typeof rawKind === 'string' && (RECORD_KINDS as readonly string[]).includes(rawKind)) {
    kind = rawKind as RecordKind;
  } else {
    const guess = typeof rawKind === 'string' ? closest(rawKind, RECORD_KINDS, 1) : [];
    issues.push({
      code: 'unknown-kind',
      severity: 'error',
      message: t('Unknown kind {0}. Expected incident, problem or known_error.', nonJsonValue(rawKind) ?? String(JSON.stringify(rawKind))) + didYouMean(guess),
      range: r(['kind'], 'value'),
      data: { suggestions: guess.length ? guess : [...RECORD_KINDS] },
    });
  }
  const id = typeof value.id === 'string' ? value.id : undefined;
  if (kind && id !== undefined && !idPattern(config, kind).test(id)) {
    const prefix = config.idPrefixes[kind];
    issues.push({
      code: 'id-pattern',
      severity: 'error',
      message: t('Id "{0}" does not match the {1} id pattern: {2}- and at least four digits, e.g. {2}-0001.', id, kindNoun(kind), prefix),
      range: r(['id'], 'value'),
      data: { kind, prefix },
    });
  }
  return { issues, kind, id };
}

/** Parses a file with `yaml`, keeping source ranges, and reports every issue it can see alone. */
export function parseRangedFile(rawText: string, config: KedbConfig): RangedFile {
  // Lone CRs (old Mac line ends) become LF, which keeps every offset: `yaml` and the line index
  // then count the lines as the editor shows them. A byte order mark stays: `yaml` reads it as one,
  // and every range (the edits' too) then counts from the text as given.
  const text = lineBreaksAsLf(rawText);
  const lines = new LineIndex(text);
  const result: RangedFile = { records: [], issues: [], declaresKind: false, lines, documents: [] };
  if (text.length > MAX_FILE_BYTES) {
    result.issues.push(tooLargeIssue(text.length));
    return result;
  }
  // Not `uniqueKeys: true`: that check compares each key with every earlier key of its mapping
  // (20,000 keys took 11 s); `markDuplicateKeys` makes the same errors with a set per mapping.
  let documents = parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false });
  if (!Array.isArray(documents)) {
    // parseAllDocuments returns an EmptyStream for input with no documents at all.
    result.issues.push(emptyFileIssue());
    return result;
  }
  let exact = true;
  for (const doc of documents) if (!markDuplicateKeys(doc)) exact = false;
  // An empty key written twice (`?` alone, `: x`): only `yaml` knows where it puts that error, and
  // such a small file costs it little.
  if (!exact && text.length <= EXACT_DUPLICATES_MAX) documents = parseAllDocuments(text, { uniqueKeys: true, prettyErrors: false }) as typeof documents;
  result.documents = documents;
  let nonEmpty = 0;
  const found: PlacedIssue[] = [];
  // Timestamps and bytes (`nonJsonValue`) come only from tags, written with `!`.
  const plainJson = !text.includes('!');
  // Prose that broke YAML (a `: ` or ` #` in a sentence, …) is said in the field's terms (prose/).
  const prose = new ProseReader(text, lines);
  const said = (e: YAMLError, severity: 'error' | 'warning') => {
    const issue = prose.explain(e.code, e.pos[0], severity);
    if (issue !== null) found.push(placed(issue ?? yamlIssue(e, lines, severity)));
  };
  documents.forEach((doc, docIndex) => {
    for (const w of doc.warnings) said(w, 'warning');
    for (const e of doc.errors) said(e, 'error');
    const fatal = doc.errors.some((e) => e.code !== 'DUPLICATE_KEY');
    if (doc.contents === null && !fatal) return; // a document holding only comments
    nonEmpty++;
    if (fatal) {
      result.broken = true;
      return; // a broken document's value is a guess; its syntax error says enough
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (err) {
      const undefinedAliases = undefinedAliasIssues(doc, lines);
      if (undefinedAliases.length > 0) for (const i of undefinedAliases) found.push(placed(i));
      else found.push(placed(aliasIssue(doc, lines, err)));
      return;
    }
    const finder = documentFinder(doc, lines);
    const where = shapeLocator(finder);
    const shape = recordShapeIssues(value, config, where);
    for (const i of shape.issues) found.push(placed(i));
    if (!isPlainObject(value)) return;
    if (shape.kind) {
      result.declaresKind = true;
      // One by one: a spread of 100,000 issues would overflow the stack.
      for (const p of placeSchemaErrors(shape.kind, value, finder, lines, { plainJson })) found.push(p);
    }
    result.records.push({ docIndex, kind: shape.kind, id: shape.id, value });
  });
  if (nonEmpty === 0) found.push(placed(emptyFileIssue()));
  for (const i of prose.comments()) found.push(placed(i));
  setFileIssues(result, found);
  return result;
}

/**
 * A file's issues in order: the first `MAX_ISSUES_PER_FILE` described, then one that counts the
 * rest. Only those shown are described.
 */
export function setFileIssues(file: ParsedFile, found: PlacedIssue[]): void {
  const { issues, leftOut } = describeFirst(found);
  file.issues = leftOut ? [...issues, leftOutIssue(leftOut)] : issues;
  file.leftOut = leftOut;
}

/**
 * The error `yaml` makes for a duplicate key, without the stack trace `new` would capture: 170,000
 * of those took 6 s.
 */
function duplicateKeyError(offset: number): YAMLParseError {
  const error = Object.create(YAMLParseError.prototype) as YAMLParseError;
  return Object.assign(error, { name: 'YAMLParseError', code: 'DUPLICATE_KEY', message: 'Map keys must be unique', pos: [offset, offset + 1] });
}

/** Files up to this size whose duplicate keys `markDuplicateKeys` cannot place are parsed again by `yaml`. */
const EXACT_DUPLICATES_MAX = 64 * 1024;

/**
 * Adds to a document's errors the DUPLICATE_KEY errors `yaml` adds with `uniqueKeys: true`: a
 * scalar key whose value (compared with ===) an earlier key of its mapping has. Other keys
 * (collections, aliases) equal only themselves, so they are never duplicates. Returns false when
 * an empty key is among them, which `yaml` may place a few characters away (after `?`, at the `:`).
 */
export function markDuplicateKeys(doc: Document): boolean {
  let exact = true;
  // A walk of its own: `visit` builds a path array for every node it passes.
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    } else if (isPair(node)) {
      stack.push(node.key, node.value); // the pairs of an !!omap or !!pairs sequence
    } else if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        stack.push(pair.key, pair.value);
        const k = pair.key;
        if (!isScalar(k) || !k.range || (typeof k.value === 'number' && Number.isNaN(k.value))) continue;
        if (!seen.has(k.value)) seen.add(k.value);
        else {
          if (k.range[1] === k.range[0]) exact = false;
          doc.errors.push(duplicateKeyError(k.range[0]));
        }
      }
    }
  }
  return exact;
}

function emptyFileIssue(): Issue {
  return {
    code: 'empty-file',
    severity: 'warning',
    message: t('File is empty: it holds no record.'),
    range: EMPTY_RANGE,
  };
}

/**
 * The aliases of a document that name no anchor set before them (`yaml` fails on them while
 * converting, with the same error as for too many aliases), in document order.
 */
function undefinedAliasIssues(doc: Document, lines: LineIndex): Issue[] {
  const anchors = new Set<string>();
  const issues: Issue[] = [];
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) {
        const alias = node as Alias;
        if (!anchors.has(alias.source)) {
          issues.push({
            code: 'undefined-alias',
            severity: 'error',
            message: t('Undefined YAML alias *{0}: no anchor &{0} is set before it in this document.', alias.source),
            range: nodeRange(alias, lines) ?? nodeRange(doc.contents as Node, lines) ?? EMPTY_RANGE,
            data: { alias: alias.source },
          });
        }
      } else if (node.anchor) anchors.add(node.anchor);
    },
  });
  return issues;
}

function aliasIssue(doc: Document, lines: LineIndex, err: unknown): Issue {
  let first: Range | undefined;
  visit(doc, {
    Alias(_key, node) {
      if (isAlias(node)) first = nodeRange(node, lines);
      return visit.BREAK;
    },
  });
  const detail = err instanceof Error ? err.message : String(err);
  return {
    code: 'alias-limit',
    severity: 'error',
    message: t('Too many YAML aliases: this document expands more than {0} aliases, which looks like an alias bomb ({1}).', MAX_ALIAS_COUNT, detail),
    range: first ?? nodeRange(doc.contents as Node, lines) ?? EMPTY_RANGE,
  };
}

export function sortIssues(issues: Issue[]): void {
  issues.sort(compareIssues);
}

