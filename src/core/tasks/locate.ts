import type { Range } from '../base/types';
import type { KedbConfig } from '../records/config';
import { parseRangedFile } from '../records/parse';
import { locate, valueRange } from '../yaml/locate';

/**
 * Where task `index` of the file's `ordinal`-th record is: the range of its `id` value (else of
 * the task itself), for the Tasks view to reveal. Undefined when the file no longer has it.
 */
export function taskRange(text: string, config: KedbConfig, ordinal: number, index: number): Range | undefined {
  const ranged = parseRangedFile(text, config);
  const rec = ranged.records[ordinal];
  const doc = rec ? ranged.documents[rec.docIndex] : undefined;
  if (!doc) return undefined;
  const found = locate(doc, ['tasks', index, 'id']) ?? locate(doc, ['tasks', index]);
  return found ? valueRange(found, ranged.lines) : undefined;
}
