import type { Document } from 'yaml';
import type { LineIndex } from '../base/lines';
import type { Range } from '../base/types';
import { firstKeyRange, nodeRange, pathLocator, valueRange } from './locate';

/**
 * Where a path of a parsed document sits in its text: what a diagnostic needs to point at. Two
 * implementations give the same ranges: one over `yaml`'s syntax tree (exact for any YAML, but it
 * needs the ranged parse, about 5x slower than the value-only one), and one that reads the lines of
 * plain block-style YAML, the way records are written. The line reader gives up, by throwing
 * `LocateGiveUp`, on anything it is not sure of; the caller then takes the ranged parse.
 */
export interface RangeFinder {
  /** The whole document's contents: where an issue goes that has no better place. */
  doc(): Range | undefined;
  /** The value at `path` (its key when the value is empty); undefined when there is none. */
  value(path: readonly (string | number)[]): Range | undefined;
  /** The key of the pair at `path`. */
  key(path: readonly (string | number)[]): Range | undefined;
  /** The first key of the mapping at `path`, where a missing property is reported. */
  firstKey(path: readonly (string | number)[]): Range | undefined;
}

/** The ranges `yaml`'s syntax tree gives. */
export function documentFinder(doc: Document, lines: LineIndex): RangeFinder {
  // Indexed once per finder, so placing every issue of a document stays linear in its size.
  const locate = pathLocator(doc);
  return {
    doc: () => nodeRange(doc.contents, lines),
    value: (path) => {
      const found = locate(path);
      return found ? valueRange(found, lines) : undefined;
    },
    key: (path) => nodeRange(locate(path)?.key, lines),
    firstKey: (path) => firstKeyRange(locate(path)?.node ?? null, lines),
  };
}

/**
 * The line reader met something it cannot place for certain. Not an `Error`: it is control flow,
 * thrown once per issue the reader cannot place in a large file (hundreds of thousands), and an
 * Error's stack trace made that the slowest step of validating one (measured in bench/hostile).
 */
export class LocateGiveUp {
  constructor(readonly why: string) {}
}

const giveUp = (why: string): never => {
  throw new LocateGiveUp(why);
};

/** A plain key as records write them: `status`, `initial_analysis`, `root-cause`. */
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
/** The first character of a PLAIN_KEY: A-Z, a-z, _. */
function isKeyStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** A later character of a PLAIN_KEY: A-Z, a-z, 0-9, _, ., -. */
function isKeyChar(c: number): boolean {
  return isKeyStart(c) || (c >= 48 && c <= 57) || c === 46 || c === 45;
}

export interface Line {
  /** Offset of the line's first character in the text. */
  start: number;
  /** The line without its break. */
  text: string;
}

/**
 * Splits a text into its YAML documents' line spans, as js-yaml's `loadAll` and `yaml`'s
 * `parseAllDocuments` count them; undefined when directives, end markers or content after `---`
 * make that uncertain.
 */
export function documentLineSpans(lines: readonly Line[]): Array<{ from: number; to: number }> | undefined {
  const markers: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i].text;
    if (l.startsWith('%') || /^\.\.\.(\s|$)/.test(l)) return undefined;
    if (/^---(\s|$)/.test(l)) {
      if (!/^---\s*(#.*)?$/.test(l)) return undefined;
      markers.push(i);
    }
  }
  const spans: Array<{ from: number; to: number }> = [];
  let from = 0;
  for (const m of markers) {
    spans.push({ from, to: m });
    from = m + 1;
  }
  spans.push({ from, to: lines.length });
  // What comes before the first marker is a document only if it holds something.
  if (markers.length > 0 && isEmptySpan(lines, spans[0])) spans.shift();
  return spans;
}

export function isEmptySpan(lines: readonly Line[], span: { from: number; to: number }): boolean {
  for (let i = span.from; i < span.to; i++) if (!isBlankOrComment(lines[i].text)) return false;
  return true;
}

function isBlankOrComment(text: string): boolean {
  return /^\s*(#.*)?$/.test(text);
}

function indentOf(text: string): number {
  return text.length - text.trimStart().length;
}

/** The lines of a text with their offsets. A line ends at LF, CRLF or a lone CR (old Mac files). */
export function splitLines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  if (!text.includes('\r')) {
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      out.push({ start, text: text.slice(start, nl) });
      start = nl + 1;
    }
    out.push({ start, text: text.slice(start) });
    return out;
  }
  const re = /\r\n?|\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ start, text: text.slice(start, m.index) });
    start = m.index + m[0].length;
  }
  out.push({ start, text: text.slice(start) });
  return out;
}

/** A block mapping: its lines and the indent of its keys. */
interface MappingSpan {
  from: number;
  to: number;
  indent: number;
}

/** A key's line inside a mapping, and what follows its colon. */
interface KeyLine {
  line: number;
  indent: number;
  key: string;
  /** Offset (in the text) where the value's text starts, after the colon and spaces. */
  valueStart: number;
  /** The rest of the line after the colon, trimmed at the start. */
  rest: string;
}

/**
 * The ranges of plain block-style YAML, read from its lines for one document (`span`). Anything
 * else (flow collections, sequences on the path, anchors, tags, quoted keys, multi-line scalars,
 * duplicate keys) throws `LocateGiveUp`.
 */
export function lineFinder(lineList: readonly Line[], span: { from: number; to: number }, index: LineIndex): RangeFinder {
  // Each answer reuses what earlier ones found: a mapping's keys are indexed the first time a path
  // reaches it, and the block under a key is found once. A question then costs about the depth of
  // its path, not the document's length, so placing N issues stays linear in the file (issue 19).
  let rootSpan: MappingSpan | undefined;
  const root = (): MappingSpan => {
    if (rootSpan) return rootSpan;
    for (let i = span.from; i < span.to; i++) {
      const t = lineList[i].text;
      if (isBlankOrComment(t)) continue;
      if (indentOf(t) !== 0) giveUp('the document does not start at column 0');
      return (rootSpan = { from: i, to: span.to, indent: 0 });
    }
    return giveUp('an empty document');
  };

  /**
   * The plain keys of each mapping (by its first line): the line each is written on (-1 when on two
   * lines), or its `KeyLine` once asked for.
   */
  const keyIndexes = new Map<number, Map<string, KeyLine | number>>();
  const keysOf = (m: MappingSpan): Map<string, KeyLine | number> => {
    const known = keyIndexes.get(m.from);
    if (known) return known;
    const keys = new Map<string, KeyLine | number>();
    const pad = ' '.repeat(m.indent);
    for (let i = m.from; i < m.to; i++) {
      const t = lineList[i].text;
      // `{indent spaces}{plain key}:` then a space or the line's end.
      if (t.length <= m.indent || !isKeyStart(t.charCodeAt(m.indent)) || (m.indent > 0 && !t.startsWith(pad))) continue;
      let end = m.indent + 1;
      while (end < t.length && isKeyChar(t.charCodeAt(end))) end++;
      if (t.charCodeAt(end) !== 58 || (end + 1 < t.length && t.charCodeAt(end + 1) !== 32)) continue;
      const key = t.slice(m.indent, end);
      keys.set(key, keys.has(key) ? -1 : i);
    }
    keyIndexes.set(m.from, keys);
    return keys;
  };

  const findKey = (m: MappingSpan, key: string): KeyLine => {
    const keys = keysOf(m);
    const found = keys.get(key);
    if (typeof found === 'object') return found;
    // Only plain keys are indexed, so a key found is plain.
    if (found === undefined || found < 0) {
      if (!PLAIN_KEY.test(key)) giveUp('a key that is not plain');
      return giveUp(found === undefined ? 'a key not found on its own line' : 'a key written twice');
    }
    const t = lineList[found].text;
    const colon = m.indent + key.length + 1;
    const after = t.slice(colon);
    const rest = after.trimStart();
    const line: KeyLine = { line: found, indent: m.indent, key, valueStart: lineList[found].start + colon + (after.length - rest.length), rest };
    keys.set(key, line);
    return line;
  };

  type Child = { from: number; to: number; firstIndent: number; first: number };
  /** The lines under a key whose value is a block collection, undefined when it has none, or why the reader gives up. */
  const scanChild = (k: KeyLine, to: number): Child | undefined | string => {
    let first = -1;
    let end = to;
    for (let i = k.line + 1; i < to; i++) {
      const t = lineList[i].text;
      if (isBlankOrComment(t)) continue;
      const ind = indentOf(t);
      if (ind <= k.indent) {
        // A sequence may sit at its key's own indent (`tags:` then `- a`).
        if (first < 0 && ind === k.indent && /^-(\s|$)/.test(t.trimStart())) return 'a sequence at the key\'s indent';
        end = i;
        break;
      }
      if (first < 0) first = i;
    }
    if (first < 0) return undefined;
    return { from: first, to: end, firstIndent: indentOf(lineList[first].text), first };
  };
  const children = new Map<number, { to: number; child: Child | undefined | string }>();
  const scanChildOnce = (k: KeyLine, to: number): Child | undefined | string => {
    let hit = children.get(k.line);
    if (!hit || hit.to !== to) children.set(k.line, (hit = { to, child: scanChild(k, to) }));
    return hit.child;
  };
  const childSpan = (k: KeyLine, to: number): Child | undefined => {
    const child = scanChildOnce(k, to);
    return typeof child === 'string' ? giveUp(child) : child;
  };

  /** The block mapping a path steps into under a key, or why it cannot, by the key's line. */
  const steps = new Map<number, MappingSpan | string>();
  const stepInto = (k: KeyLine, to: number): MappingSpan => {
    let step = steps.get(k.line);
    if (step === undefined) {
      step = mappingUnder(k, to);
      steps.set(k.line, step);
    }
    return typeof step === 'string' ? giveUp(step) : step;
  };
  const mappingUnder = (k: KeyLine, to: number): MappingSpan | string => {
    // The key's value must be a block mapping to step into.
    if (k.rest !== '' && !k.rest.startsWith('#')) return 'stepping into an inline value';
    const c = scanChildOnce(k, to);
    if (typeof c === 'string') return c;
    if (!c) return 'stepping into an empty value';
    if (/^-(\s|$)/.test(lineList[c.first].text.trimStart())) return 'a sequence on the path';
    // Every key line of this mapping must sit at exactly its indent.
    for (let i = c.from; i < c.to; i++) {
      const t = lineList[i].text;
      if (!isBlankOrComment(t) && indentOf(t) < c.firstIndent) return 'an uneven block';
    }
    return { from: c.from, to: c.to, indent: c.firstIndent };
  };

  /** The mapping a path leads to (every step a key of a block mapping), with the key line of its last step. */
  const walk = (path: readonly (string | number)[]): { mapping: MappingSpan; keyLine?: KeyLine; parent: MappingSpan } => {
    let mapping = root();
    let parent = mapping;
    let keyLine: KeyLine | undefined;
    for (let s = 0; s < path.length; s++) {
      const seg = path[s];
      if (typeof seg !== 'string' || /^\d+$/.test(seg)) giveUp('a sequence index on the path');
      if (keyLine) {
        parent = mapping;
        mapping = stepInto(keyLine, mapping.to);
      }
      keyLine = findKey(mapping, seg as string);
    }
    return { mapping, keyLine, parent };
  };

  /** The range of a one-line scalar after a key, or of the key itself when the value is empty. */
  const scalarRange = (k: KeyLine, to: number): Range => {
    const keyStart = lineList[k.line].start + k.indent;
    const keyRange = index.range(keyStart, keyStart + k.key.length);
    const rest = k.rest;
    if (rest === '' || rest.startsWith('#')) {
      if (childSpan(k, to)) giveUp('a block collection value');
      return keyRange;
    }
    if (/^[|>[{&*!%@`]/.test(rest) || /^-(\s|$)/.test(rest) || /^\?(\s|$)/.test(rest)) giveUp('a value that is not a one-line scalar');
    let length: number;
    if (rest[0] === '"' || rest[0] === "'") {
      const q = rest[0];
      let end = 1;
      while (end < rest.length) {
        if (rest[end] === '\\' && q === '"') end += 2;
        else if (rest[end] === q && q === "'" && rest[end + 1] === q) end += 2;
        else if (rest[end] === q) break;
        else end++;
      }
      if (end >= rest.length) giveUp('a quoted scalar over several lines');
      const tail = rest.slice(end + 1).trim();
      if (tail !== '' && !tail.startsWith('#')) giveUp('text after a quoted scalar');
      length = end + 1;
    } else {
      const value = rest.replace(/\s+#.*$/, '').trimEnd();
      if (/:(\s|$)/.test(value)) giveUp('a plain scalar holding ": "');
      length = value.length;
    }
    // A scalar may continue on more-indented lines below.
    for (let i = k.line + 1; i < to; i++) {
      const t = lineList[i].text;
      if (t.trim() === '') continue;
      if (indentOf(t) > k.indent && !t.trimStart().startsWith('#')) giveUp('a scalar that may continue on the next line');
      break;
    }
    return index.range(k.valueStart, k.valueStart + length);
  };

  const keyRangeOf = (k: KeyLine): Range => {
    const start = lineList[k.line].start + k.indent;
    return index.range(start, start + k.key.length);
  };

  return {
    doc: () => giveUp('no range for the whole document'),
    value: (path) => {
      if (path.length === 0) giveUp('the whole document');
      const { mapping, keyLine } = walk(path);
      return scalarRange(keyLine!, mapping.to);
    },
    key: (path) => {
      if (path.length === 0) giveUp('the root has no key');
      return keyRangeOf(walk(path).keyLine!);
    },
    firstKey: (path) => {
      let mapping: MappingSpan;
      if (path.length === 0) mapping = root();
      else {
        const { mapping: m, keyLine } = walk(path);
        const k = keyLine!;
        if (k.rest !== '' && !k.rest.startsWith('#')) giveUp('an inline value');
        const child = childSpan(k, m.to);
        if (!child || /^-(\s|$)/.test(lineList[child.first].text.trimStart())) giveUp('not a block mapping');
        mapping = { from: child!.from, to: child!.to, indent: child!.firstIndent };
      }
      for (let i = mapping.from; i < mapping.to; i++) {
        const t = lineList[i].text;
        if (isBlankOrComment(t)) continue;
        const m = /^(\s*)([A-Za-z_][A-Za-z0-9_.-]*):(\s|$)/.exec(t);
        if (!m || m[1].length !== mapping.indent) giveUp('a first key that is not plain');
        const start = lineList[i].start + mapping.indent;
        return index.range(start, start + m![2].length);
      }
      return giveUp('an empty mapping');
    },
  };
}
