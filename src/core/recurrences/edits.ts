import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { KedbConfig } from '../records/config';
import { endOfLine, findPair, insertLines, lineStart, recordDocument, setIn, type SetOptions, type TextEdit } from '../records/edits';

/**
 * The edit that appends a mapping (`fields`: keys with values already in one-line YAML form) to the
 * list at the top-level `key` of a record, in the list's own style: a block item for a block list,
 * a flow mapping inside a flow list, a new block list when there is none (or an empty one).
 * Nothing that is written is overwritten: undefined when `key` holds anything but a list.
 */
export function appendMapping(text: string, ordinal: number, key: string, fields: readonly [string, string][], config: KedbConfig, options: SetOptions = {}): TextEdit | undefined {
  if (fields.length === 0) return undefined;
  const block = fields.map(([k, v], i) => `${i === 0 ? '- ' : '  '}${k}: ${v}`);
  const root = recordDocument(text, ordinal, config)?.contents;
  if (!isMap(root) || root.flow) return undefined;
  const pair = findPair(root, key);
  const list = pair?.value;
  const empty = !list || (isScalar(list) && (list.value === null || list.value === '')) || (isSeq(list) && list.items.length === 0);
  if (empty) return setIn(text, ordinal, [key], { block }, config, options);
  if (!isSeq(list) || !list.range) return undefined;
  if (list.flow) {
    const close = text.lastIndexOf(']', list.range[1]);
    if (close < 0) return undefined;
    return { start: close, end: close, text: `, { ${fields.map(([k, v]) => `${k}: ${v}`).join(', ')} }` };
  }
  const last = list.items[list.items.length - 1] as Node | undefined;
  if (!last?.range) return undefined;
  const dash = text.lastIndexOf('-', last.range[0]);
  const indent = text.slice(lineStart(text, dash), dash);
  if (!/^ *$/.test(indent)) return undefined;
  const end = text[list.range[1] - 1] === '\n' ? list.range[1] : endOfLine(text, list.range[1]);
  return insertLines(text, end, block.map((l) => indent + l));
}
