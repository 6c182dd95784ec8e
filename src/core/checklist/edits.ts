/**
 * Comment-preserving edits that fill empty fields of a record: a value after an empty key, a new
 * line among the record's keys (after the nearest key that comes before it in the schema's order,
 * so `channel` lands beside `reporter` and `urgency` before the comment over `priority`), or a new
 * block (`escalation:` with its fields). Every other byte stays as written.
 *
 * All edits of one call are computed on the original text and never overlap; lines inserted at
 * the same place are merged into one insertion, in schema order. So the edits for several fields
 * of several records of one file can be applied together, as one undoable change.
 */
import { isMap, isScalar, stringify, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { KedbConfig } from '../records/config';
import { endOfLine, findPair as pairOf, indentAt, type TextEdit } from '../records/edits';
import { parseRangedFile } from '../records/parse';
import { propertyOrder } from '../schema/schemas';

/** A value to set at a dotted path, e.g. `escalation.team`. */
export interface FieldAssignment {
  field: string;
  value: string | number | boolean;
}

/** Appends to the list at `key`, creating it. */
function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The incident schema's order of the keys of the map at `parent` (top level when empty). */
function schemaOrder(parent: readonly string[]): string[] {
  return propertyOrder('incident', parent);
}

/** A scalar as YAML: plain where that reads back as the same string, else double-quoted. Date-times always quoted, as records write them. */
function yamlScalar(value: string | number | boolean): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return JSON.stringify(value);
  return stringify(value, { lineWidth: 0 }).replace(/\n$/, '');
}

/** Where a node's last line ends: just past its line break. */
function afterNode(text: string, node: Node | null | undefined, fallback: number): number {
  const end = node?.range?.[1];
  if (end === undefined || end <= 0) return endOfLine(text, fallback);
  return endOfLine(text, end - (text[end - 1] === '\n' ? 1 : 0));
}

function isEmptyValue(node: Node | null | undefined): boolean {
  if (node === null || node === undefined) return true;
  if (isScalar(node)) return node.value === null || (typeof node.value === 'string' && node.value.trim() === '');
  if (isMap(node)) return node.items.length === 0 && !node.flow;
  return false;
}

interface Insertion {
  at: number;
  /** Position of the key among its siblings in schema order, to sort lines inserted at one place. */
  order: number;
  lines: string[];
}

/** The YAML lines of a block holding `entries` (nested keys as dotted paths), at `indent`. */
function blockLines(entries: [string[], string | number | boolean][], indent: string, parent: string[]): string[] {
  const groups = new Map<string, [string[], string | number | boolean][]>();
  for (const [path, v] of entries) pushTo(groups, path[0], [path.slice(1), v]);
  const order = schemaOrder(parent);
  const keys = [...groups.keys()].sort((a, b) => (order.indexOf(a) + 1 || 999) - (order.indexOf(b) + 1 || 999));
  const lines: string[] = [];
  for (const key of keys) {
    const list = groups.get(key)!;
    const leaf = list.find(([rest]) => rest.length === 0);
    if (leaf) lines.push(`${indent}${key}: ${yamlScalar(leaf[1])}`);
    else lines.push(`${indent}${key}:`, ...blockLines(list, indent + '  ', [...parent, key]));
  }
  return lines;
}

/**
 * Fills `entries` (paths relative to `map`) into a block map: empty keys get their value, nested
 * blocks are filled in turn, and keys that are absent become new lines after the nearest sibling
 * that comes before them in the schema's order (else after the map's last line).
 */
function fillMap(text: string, map: YAMLMap, parent: string[], entries: [string[], string | number | boolean][], edits: TextEdit[], inserts: Insertion[]): void {
  const groups = new Map<string, [string[], string | number | boolean][]>();
  for (const [path, v] of entries) pushTo(groups, path[0], [path.slice(1), v]);
  const order = schemaOrder(parent);
  const firstKey = map.items[0]?.key as Node | undefined;
  const childIndent = firstKey?.range ? indentAt(text, firstKey.range[0]) : '';
  for (const [key, list] of groups) {
    const pair = pairOf(map, key);
    const leaf = list.find(([rest]) => rest.length === 0);
    const value = pair?.value as Node | null | undefined;
    if (pair && leaf) {
      if (!isEmptyValue(value)) continue; // never overwrite an answer
      if (value && value.range && value.range[1] > value.range[0]) {
        edits.push({ start: value.range[0], end: value.range[1], text: yamlScalar(leaf[1]) });
      } else {
        const keyEnd = (pair.key as Node).range![1];
        const colon = text.indexOf(':', keyEnd);
        edits.push({ start: colon + 1, end: colon + 1, text: ' ' + yamlScalar(leaf[1]) });
      }
      continue;
    }
    if (pair && !leaf) {
      if (isMap(value) && !value.flow && value.items.length > 0) {
        fillMap(text, value, [...parent, key], list, edits, inserts);
      } else if (isEmptyValue(value)) {
        // `escalation:` with nothing under it: the fields go under the key.
        const keyNode = pair.key as Node;
        const indent = indentAt(text, keyNode.range![0]) + '  ';
        inserts.push({ at: afterNode(text, keyNode, keyNode.range![1]), order: 0, lines: blockLines(list, indent, [...parent, key]) });
      }
      continue; // a scalar or flow value where a block belongs: left for the user
    }
    // An absent key: after the nearest earlier sibling in schema order, else after the last key.
    const idx = order.indexOf(key);
    let anchor: Pair<Node, Node | null> | undefined;
    for (let i = idx - 1; i >= 0 && !anchor; i--) anchor = pairOf(map, order[i]);
    if (!anchor) anchor = map.items[map.items.length - 1] as Pair<Node, Node | null> | undefined;
    const at = anchor ? afterNode(text, (anchor.value as Node | null) ?? (anchor.key as Node), (anchor.key as Node).range![1]) : endOfLine(text, map.range![1]);
    inserts.push({ at, order: idx < 0 ? 999 : idx, lines: blockLines(list.map(([rest, v]) => [[key, ...rest], v]), childIndent, parent) });
  }
}

/**
 * The edits that set empty fields of the file's `ordinal`-th record. Fields that already hold a
 * value, or sit under a value that is no block, are left alone. Offsets are in `text` as given
 * (a leading BOM is accounted for).
 */
export function checklistEdits(text: string, ordinal: number, assignments: readonly FieldAssignment[], config: KedbConfig): TextEdit[] {
  if (assignments.length === 0) return [];
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const body = bom ? text.slice(1) : text;
  const ranged = parseRangedFile(body, config);
  const rec = ranged.records[ordinal];
  const doc: Document | undefined = rec ? ranged.documents[rec.docIndex] : undefined;
  const map = doc?.contents;
  if (!isMap(map) || map.flow || !map.range) return [];
  const edits: TextEdit[] = [];
  const inserts: Insertion[] = [];
  fillMap(body, map, [], assignments.map((a) => [a.field.split('.'), a.value]), edits, inserts);
  const eol = body.includes('\r\n') ? '\r\n' : '\n';
  const byAt = new Map<number, Insertion[]>();
  for (const ins of inserts) pushTo(byAt, ins.at, ins);
  for (const [at, list] of byAt) {
    list.sort((a, b) => a.order - b.order);
    const lines = list.flatMap((i) => i.lines);
    const needsBreak = at === body.length && body.length > 0 && !body.endsWith('\n');
    edits.push({ start: at, end: at, text: (needsBreak ? eol : '') + lines.map((l) => l + eol).join('') });
  }
  return edits.sort((a, b) => a.start - b.start).map((e) => ({ ...e, start: e.start + bom, end: e.end + bom }));
}
