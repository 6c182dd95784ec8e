import { isScalar, type Document, type Node } from 'yaml';
import type { LineIndex } from '../base/lines';
import type { Range } from '../base/types';
import { locate, nodeRange, valueRange } from '../yaml/locate';
import type { DiagramNode } from './mermaid';

/** Where a diagram node's text is in the YAML, and the lines its whole item spans. */
export interface NodeLocation {
  key: string;
  /** The text scalar: what a click reveals and selects. */
  range: Range;
  /** First and last line (0-based) of the node's item: a cursor there highlights the node. */
  span: { start: number; end: number };
}

/** For a block scalar (`>-`, `|`), the range of its text without the indicator line and final newlines. */
function blockContentRange(node: Node | null, lines: LineIndex): Range | undefined {
  if (!isScalar(node) || (node.type !== 'BLOCK_FOLDED' && node.type !== 'BLOCK_LITERAL') || !node.range) return undefined;
  const [start, end] = node.range;
  const text = lines.text;
  let from = text.indexOf('\n', start);
  if (from < 0 || from >= end) return undefined;
  while (from < end && /\s/.test(text[from])) from++;
  let to = end;
  while (to > from && /\s/.test(text[to - 1])) to--;
  return to > from ? lines.range(from, to) : undefined;
}

/** Locates each node that comes from the record (config bones have no place) in the parsed document. */
export function locateNodes(doc: Document, lines: LineIndex, nodes: readonly DiagramNode[]): Map<string, NodeLocation> {
  const out = new Map<string, NodeLocation>();
  for (const n of nodes) {
    if (!n.path) continue;
    const found = locate(doc, n.path);
    const range = found && (blockContentRange(found.node, lines) ?? valueRange(found, lines));
    if (!range) continue;
    const item = n.itemPath ? locate(doc, n.itemPath) : null;
    const itemRange = (item && nodeRange(item.node, lines)) ?? range;
    // A block scalar or mapping ends at the start of the next line: that line is not the item's.
    const end = itemRange.end.character === 0 && itemRange.end.line > itemRange.start.line ? itemRange.end.line - 1 : itemRange.end.line;
    out.set(n.key, { key: n.key, range, span: { start: Math.min(range.start.line, itemRange.start.line), end: Math.max(end, range.start.line) } });
  }
  return out;
}

/** The node whose item holds `line`: the innermost (smallest span) when items nest. */
export function nodeAtLine(locations: Iterable<NodeLocation>, line: number): string | undefined {
  let best: NodeLocation | undefined;
  for (const l of locations) {
    if (line < l.span.start || line > l.span.end) continue;
    if (!best || l.span.end - l.span.start < best.span.end - best.span.start) best = l;
  }
  return best?.key;
}
