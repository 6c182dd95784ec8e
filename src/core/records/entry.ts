import type { RecordKind } from '../base/types';

/** One record of the workspace: a YAML document holding a mapping with a known `kind`. */
export interface RecordEntry {
  file: string;
  /** Position among the file's records (documents holding a mapping). */
  ordinal: number;
  /** The YAML document it is, counting every document of the file. */
  docIndex?: number;
  kind: RecordKind;
  id: string | undefined;
  value: Record<string, unknown>;
}
