import type { KedbConfig } from '../records/config';
import { parseRangedFile } from '../records/parse';
import { locateNodes, type NodeLocation } from './lines';
import { fishboneToMermaid, fiveWhysToMermaid, type DiagramNode } from './mermaid';
import { readRca, type RcaModel } from './model';
import { t } from '../base/l10n';

export * from './model';
export * from './escape';
export * from './mermaid';
export * from './lines';
export * from './diagnostics';
export * from './fixes';
export * from './closeness';
export * from './rootCauseFixes';

/** A diagram ready to draw: Mermaid text, its nodes in draw order, and where each is in the YAML. */
export interface LocatedDiagram {
  text: string;
  nodes: (DiagramNode & { location?: NodeLocation })[];
}

/** Everything a preview or the CLI draws for one problem file, or why it cannot. */
export type RcaView =
  | { ok: true; id: string | undefined; title: string | undefined; model: RcaModel; fishbone: LocatedDiagram; whys: LocatedDiagram }
  | { ok: false; message: string; line: number | undefined };

/**
 * Parses a problem file's text and builds both diagrams for its first problem record. Schema
 * errors do not stop the drawing (bad items are left out); a YAML syntax error or a file with no
 * problem record does.
 */
export function buildRcaView(text: string, config: KedbConfig): RcaView {
  const parsed = parseRangedFile(text, config);
  const record = parsed.records.find((r) => r.kind === 'problem');
  if (!record) {
    const fatal = parsed.issues.find((i) => i.severity === 'error');
    if (fatal) return { ok: false, message: fatal.message, line: fatal.range.start.line };
    return { ok: false, message: t('This file holds no problem record (kind: problem).'), line: undefined };
  }
  const doc = parsed.documents[record.docIndex];
  const model = readRca(record.value, config);
  const locate = (d: { text: string; nodes: DiagramNode[] }): LocatedDiagram => {
    const where = locateNodes(doc, parsed.lines, d.nodes);
    return { text: d.text, nodes: d.nodes.map((n) => ({ ...n, location: where.get(n.key) })) };
  };
  return { ok: true, id: model.id, title: model.title, model, fishbone: locate(fishboneToMermaid(model)), whys: locate(fiveWhysToMermaid(model)) };
}
