import { isAlias, parseAllDocuments, visit, type Document, type Node, type YAMLError } from 'yaml';
import { idPattern, type KedbConfig } from './config';
import { MAX_FILE_BYTES, tooLargeIssue } from '../yaml/decode';
import { closest } from '../base/words';
import { LineIndex, stripBom } from '../base/lines';
import { EMPTY_RANGE, RECORD_KINDS, type Issue, type Range, type RecordKind } from '../base/types';
import { didYouMean, kindNoun, validateAgainstSchema } from '../schema/validate';
import { t } from '../base/l10n';
import { nodeRange } from '../yaml/locate';
import { documentFinder, type RangeFinder } from '../yaml/lineLocate';

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
  issues: Issue[];
  /** True when some document declares one of our kinds: such a file is a record file wherever it is. */
  declaresKind: boolean;
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
  if (code === 'tab-indentation') message = t('Tabs are not allowed for indentation in YAML; indent with spaces.');
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

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
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
      message: t('Unknown kind {0}. Expected incident, problem or known_error.', String(JSON.stringify(rawKind))) + didYouMean(guess),
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
  const text = stripBom(rawText);
  const lines = new LineIndex(text);
  const result: RangedFile = { records: [], issues: [], declaresKind: false, lines, documents: [] };
  if (text.length > MAX_FILE_BYTES) {
    result.issues.push(tooLargeIssue(text.length));
    return result;
  }
  const documents = parseAllDocuments(text, { uniqueKeys: true, prettyErrors: false });
  if (!Array.isArray(documents)) {
    // parseAllDocuments returns an EmptyStream for input with no documents at all.
    result.issues.push(emptyFileIssue());
    return result;
  }
  result.documents = documents;
  let nonEmpty = 0;
  documents.forEach((doc, docIndex) => {
    for (const w of doc.warnings) result.issues.push(yamlIssue(w, lines, 'warning'));
    for (const e of doc.errors) result.issues.push(yamlIssue(e, lines, 'error'));
    const fatal = doc.errors.some((e) => e.code !== 'DUPLICATE_KEY');
    if (doc.contents === null && !fatal) return; // a document holding only comments
    nonEmpty++;
    if (fatal) return; // a broken document's value is a guess; its syntax error says enough
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (err) {
      result.issues.push(aliasIssue(doc, lines, err));
      return;
    }
    const finder = documentFinder(doc, lines);
    const where = shapeLocator(finder);
    const shape = recordShapeIssues(value, config, where);
    result.issues.push(...shape.issues);
    if (!isPlainObject(value)) return;
    if (shape.kind) {
      result.declaresKind = true;
      result.issues.push(...validateAgainstSchema(shape.kind, value, finder, lines));
    }
    result.records.push({ docIndex, kind: shape.kind, id: shape.id, value });
  });
  if (nonEmpty === 0) result.issues.push(emptyFileIssue());
  sortIssues(result.issues);
  return result;
}

function emptyFileIssue(): Issue {
  return {
    code: 'empty-file',
    severity: 'warning',
    message: t('File is empty: it holds no record.'),
    range: EMPTY_RANGE,
  };
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
  issues.sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      a.code.localeCompare(b.code),
  );
}

