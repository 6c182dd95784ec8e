import type { Document } from 'yaml';
import type { LineIndex } from '../base/lines';
import type { Range } from '../base/types';
import { firstKeyRange, locate, nodeRange, valueRange } from './locate';

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
  return {
    doc: () => nodeRange(doc.contents, lines),
    value: (path) => {
      const found = locate(doc, path);
      return found ? valueRange(found, lines) : undefined;
    },
    key: (path) => nodeRange(locate(doc, path)?.key, lines),
    firstKey: (path) => firstKeyRange(locate(doc, path)?.node ?? null, lines),
  };
}

/** The line reader met something it cannot place for certain. */
export class LocateGiveUp extends Error {}

const giveUp = (why: string): never => {
  throw new LocateGiveUp(why);
};

/** A plain key as records write them: `status`, `initial_analysis`, `root-cause`. */
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

interface Line {
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

/** The lines of a text with their offsets. */
export function splitLines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const body = end > start && text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    out.push({ start, text: body });
    if (nl < 0) break;
    start = nl + 1;
  }
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
  const root = (): MappingSpan => {
    for (let i = span.from; i < span.to; i++) {
      const t = lineList[i].text;
      if (isBlankOrComment(t)) continue;
      if (indentOf(t) !== 0) giveUp('the document does not start at column 0');
      return { from: i, to: span.to, indent: 0 };
    }
    return giveUp('an empty document');
  };

  const findKey = (m: MappingSpan, key: string): KeyLine => {
    if (!PLAIN_KEY.test(key)) giveUp('a key that is not plain');
    let found: KeyLine | undefined;
    const prefix = ' '.repeat(m.indent) + key + ':';
    for (let i = m.from; i < m.to; i++) {
      const t = lineList[i].text;
      if (!t.startsWith(prefix)) continue;
      const after = t.slice(prefix.length);
      if (after !== '' && after[0] !== ' ') continue;
      if (found) giveUp('a key written twice');
      const rest = after.trimStart();
      found = { line: i, indent: m.indent, key, valueStart: lineList[i].start + prefix.length + (after.length - rest.length), rest };
    }
    return found ?? giveUp('a key not found on its own line');
  };

  /** The lines under a key whose value is a block collection, or undefined when it has none. */
  const childSpan = (k: KeyLine, to: number): { from: number; to: number; firstIndent: number; first: number } | undefined => {
    let first = -1;
    let end = to;
    for (let i = k.line + 1; i < to; i++) {
      const t = lineList[i].text;
      if (isBlankOrComment(t)) continue;
      const ind = indentOf(t);
      if (ind <= k.indent) {
        // A sequence may sit at its key's own indent (`tags:` then `- a`).
        if (first < 0 && ind === k.indent && /^-(\s|$)/.test(t.trimStart())) giveUp('a sequence at the key\'s indent');
        end = i;
        break;
      }
      if (first < 0) first = i;
    }
    if (first < 0) return undefined;
    return { from: first, to: end, firstIndent: indentOf(lineList[first].text), first };
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
        // The previous key's value must be a block mapping to step into.
        if (keyLine.rest !== '' && !keyLine.rest.startsWith('#')) giveUp('stepping into an inline value');
        const child = childSpan(keyLine, mapping.to);
        if (!child) giveUp('stepping into an empty value');
        const c = child!;
        if (/^-(\s|$)/.test(lineList[c.first].text.trimStart())) giveUp('a sequence on the path');
        parent = mapping;
        mapping = { from: c.from, to: c.to, indent: c.firstIndent };
        // Every key line of this mapping must sit at exactly its indent.
        for (let i = c.from; i < c.to; i++) {
          const t = lineList[i].text;
          if (!isBlankOrComment(t) && indentOf(t) < c.firstIndent) giveUp('an uneven block');
        }
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
