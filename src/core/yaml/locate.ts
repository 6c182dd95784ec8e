import { isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { LineIndex } from '../base/lines';
import type { Range } from '../base/types';

/** Splits an ajv/JSON-pointer instance path into segments. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  const segments = pointer.slice(1).split('/');
  return pointer.includes('~') ? segments.map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')) : segments;
}

function keyText(pair: Pair): string | undefined {
  const k = pair.key;
  if (isScalar(k)) return String(k.value);
  return k == null ? undefined : String(k);
}

export interface Located {
  node: Node | null;
  /** The key node of the pair holding `node`, when it sits in a mapping. */
  key: Node | null;
}

/** Finds the node at a path of keys and indexes. Returns null when the path does not exist. */
export function locate(doc: Document, segments: readonly (string | number)[]): Located | null {
  return walk(doc, segments, (map, key) => map.items.find((p) => isPair(p) && keyText(p) === key) as Pair | undefined);
}

/** Follows a path of keys and indexes from the document's root, finding each key with `pairOf`. */
function walk(doc: Document, segments: readonly (string | number)[], pairOf: (map: YAMLMap, key: string) => Pair | undefined): Located | null {
  let node: unknown = doc.contents;
  let key: Node | null = null;
  for (const seg of segments) {
    if (isMap(node)) {
      const pair = pairOf(node, String(seg));
      if (!pair) return null;
      key = (pair.key as Node) ?? null;
      node = pair.value;
    } else if (isSeq(node)) {
      const idx = typeof seg === 'number' ? seg : Number(seg);
      if (!Number.isInteger(idx) || idx < 0 || idx >= node.items.length) return null;
      key = null;
      node = node.items[idx];
    } else {
      return null;
    }
  }
  return { node: (node as Node) ?? null, key };
}

/**
 * `locate` for many paths of one document: each mapping's keys are indexed the first time a path
 * goes through it, so N paths cost about N times their depth, not N times the mapping's size (a
 * record with 60,000 unknown keys has 60,000 issues to place). Gives what `locate` gives; the
 * document must not change while it is used.
 */
export function pathLocator(doc: Document): (segments: readonly (string | number)[]) => Located | null {
  const indexes = new Map<unknown, Map<string, Pair>>();
  const pairOf = (map: { items: unknown[] }, seg: string): Pair | undefined => {
    let keys = indexes.get(map);
    if (!keys) {
      keys = new Map();
      for (const p of map.items) {
        if (!isPair(p)) continue;
        const k = keyText(p);
        if (k !== undefined && !keys.has(k)) keys.set(k, p);
      }
      indexes.set(map, keys);
    }
    return keys.get(seg);
  };
  return (segments) => walk(doc, segments, pairOf);
}

export function nodeRange(node: Node | null | undefined, lines: LineIndex): Range | undefined {
  const r = node?.range;
  if (!r) return undefined;
  return lines.range(r[0], r[1]);
}

/**
 * The range for a value: the value itself, or, when it is empty (`key:` with nothing after it),
 * the key.
 */
export function valueRange(found: Located, lines: LineIndex): Range | undefined {
  const { node, key } = found;
  if (node && node.range && node.range[1] > node.range[0]) return nodeRange(node, lines);
  return nodeRange(key, lines) ?? nodeRange(node, lines);
}

/** The range of a mapping's first key, where a missing property is reported. */
export function firstKeyRange(node: Node | null, lines: LineIndex): Range | undefined {
  if (isMap(node) && node.items.length > 0) {
    const first = node.items[0];
    if (isPair(first)) return nodeRange(first.key as Node, lines);
  }
  return nodeRange(node, lines);
}
