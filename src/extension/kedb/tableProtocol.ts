// The host's side of the KEDB table's protocol: the rows it sends, made from the core's. The
// messages themselves and their checks are in src/shared/kedbTable.ts, beside the preview's.

import type { KedbTableRow } from '../../core/kedb';
import type { TableRow } from '../../shared/kedbTable';

export { KEDB_TABLE_VIEW_TYPE } from '../../shared/kedbTable';

/** A KEDB row as the table webview receives it, tagged with its workspace folder. */
export function toTableRow(r: KedbTableRow, folder: string): TableRow {
  return {
    id: r.id,
    problem: r.problem,
    title: r.title,
    symptoms: r.symptoms,
    rootCauses: r.root_causes,
    workaround: r.workaround,
    fixStatus: r.permanent_fix.status,
    fixDescription: r.permanent_fix.description,
    problemStatus: r.problemStatus ?? '',
    folder,
    incidents: r.linked_incidents,
    state: r.state,
    replacedBy: r.replaced_by ?? '',
  };
}
