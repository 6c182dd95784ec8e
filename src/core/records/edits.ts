import type { Document } from 'yaml';
import type { KedbConfig } from './config';
import { parseRangedFile } from './parse';

/** A text replacement in one file: `[start, end)` offsets replaced by `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * Adds `key: value` as the last top-level key of the file's `ordinal`-th record, after its last
 * value and before any trailing comments or the next document, keeping the rest byte for byte.
 */
export function appendTopLevelKey(text: string, ordinal: number, key: string, value: string, config: KedbConfig): TextEdit | undefined {
  const ranged = parseRangedFile(text, config);
  const rec = ranged.records[ordinal];
  const doc: Document | undefined = rec ? ranged.documents[rec.docIndex] : undefined;
  const range = doc?.contents?.range;
  if (!range) return undefined;
  let at = range[1];
  // Stay on the value's own line: insert after its line break.
  while (at < text.length && text[at] !== '\n') at++;
  const line = `${key}: ${value}`;
  if (at >= text.length) return { start: text.length, end: text.length, text: (text.endsWith('\n') || text === '' ? '' : '\n') + line + '\n' };
  return { start: at + 1, end: at + 1, text: line + '\n' };
}
