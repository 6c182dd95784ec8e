import { mermaidLabel, normalizeLabel } from './escape';
import type { CauseNode, RcaModel, RcaPath } from './model';
import { t } from '../base/l10n';

/** One node of a drawn diagram, with the record path it comes from. */
export interface DiagramNode {
  /** Stable across edits that keep the structure: the YAML path, `/`-joined. */
  key: string;
  kind: 'effect' | 'category' | 'cause' | 'why' | 'because';
  /** The text as the diagram shows it. */
  label: string;
  /** Path to the scalar to reveal; undefined for a bone from the config. */
  path: RcaPath | undefined;
  /** Path to the whole item, for finding the node under the cursor. */
  itemPath: RcaPath | undefined;
  /** 0 for the effect, 1 for a category, 2 for its causes, and one more per `because` level. */
  depth: number;
  rootCause: boolean;
  evidence: string[];
  /** The flowchart node id (5 Whys only). */
  mermaidId?: string;
}

export interface DiagramText {
  text: string;
  /**
   * The nodes in the order the renderer draws them: for the fishbone, the head, then each bone
   * followed by its causes (reversed on the upper bones, where Mermaid lays them out bottom-up).
   */
  nodes: DiagramNode[];
}

const INDENT = '    ';

export function pathKey(path: RcaPath | undefined, fallback: string): string {
  return path ? path.join('/') : fallback;
}

/**
 * The fishbone as Mermaid `ishikawa` text: the effect on the first line, then the bones, then causes
 * nested by indentation. Every label goes through `mermaidLabel`.
 */
export function fishboneToMermaid(model: RcaModel): DiagramText {
  const effect = model.effect || model.title || model.id || t('Effect');
  const lines = ['ishikawa', INDENT + mermaidLabel(effect)];
  const nodes: DiagramNode[] = [
    {
      key: pathKey(model.effectPath, 'effect'),
      kind: 'effect',
      label: normalizeLabel(effect),
      path: model.effectPath,
      itemPath: model.effectPath,
      depth: 0,
      rootCause: false,
      evidence: [],
    },
  ];
  const causeNode = (c: CauseNode, depth: number): DiagramNode => ({
    key: pathKey(c.itemPath, ''),
    kind: 'cause',
    label: normalizeLabel(c.text),
    path: c.path,
    itemPath: c.itemPath,
    depth,
    rootCause: c.rootCause,
    evidence: c.evidence,
  });
  const writeCauses = (causes: CauseNode[], depth: number) => {
    for (const c of causes) {
      lines.push(INDENT.repeat(depth) + mermaidLabel(c.text));
      writeCauses(c.children, depth + 1);
    }
  };
  // Mermaid draws even bones above the spine and lists their causes from the spine outwards,
  // i.e. in reverse at every level (ishikawaRenderer's flattenTree).
  const drawOrder = (causes: CauseNode[], depth: number, upper: boolean) => {
    for (const c of upper ? [...causes].reverse() : causes) {
      nodes.push(causeNode(c, depth));
      drawOrder(c.children, depth + 1, upper);
    }
  };
  model.categories.forEach((cat, i) => {
    lines.push(INDENT + mermaidLabel(cat.name));
    writeCauses(cat.causes, 2);
    nodes.push({
      key: pathKey(cat.itemPath, `category/${i}`),
      kind: 'category',
      label: normalizeLabel(cat.name),
      path: cat.path,
      itemPath: cat.itemPath,
      depth: 1,
      rootCause: false,
      evidence: [],
    });
    drawOrder(cat.causes, 2, i % 2 === 0);
  });
  return { text: lines.join('\n') + '\n', nodes };
}

/**
 * The 5 Whys as a Mermaid flowchart: each chain runs top to bottom, question → answer → next
 * question, and ends in its root cause (the last answer), drawn as a stadium in the `rootCause`
 * class. Several chains sit side by side, each in a subgraph named after it. Mermaid wraps the
 * labels itself (HTML labels, 200 px wide).
 */
export function fiveWhysToMermaid(model: RcaModel): DiagramText {
  const lines = ['flowchart TB'];
  const nodes: DiagramNode[] = [];
  model.chains.forEach((chain, ci) => {
    const pad = model.chains.length > 1 ? INDENT + INDENT : INDENT;
    if (model.chains.length > 1) lines.push(`${INDENT}subgraph chain${ci}["${mermaidLabel(chain.name ?? `Chain ${ci + 1}`)}"]`, `${pad}direction TB`);
    let previous: string | undefined;
    chain.steps.forEach((step, si) => {
      const last = si === chain.steps.length - 1;
      if (step.why !== undefined) {
        const id = `c${ci}w${si}`;
        lines.push(`${pad}${id}(["${mermaidLabel(step.why)}"])`);
        if (previous) lines.push(`${pad}${previous} --> ${id}`);
        nodes.push({ key: pathKey(step.whyPath, id), kind: 'why', label: normalizeLabel(step.why), path: step.whyPath, itemPath: step.whyPath, depth: si, rootCause: false, evidence: [], mermaidId: id });
        previous = id;
      }
      const id = `c${ci}b${si}`;
      lines.push(last ? `${pad}${id}[["${mermaidLabel(step.because)}"]]:::rootCause` : `${pad}${id}["${mermaidLabel(step.because)}"]`);
      if (previous) lines.push(`${pad}${previous} -->${step.why !== undefined ? '|because|' : ''} ${id}`);
      nodes.push({ key: pathKey(step.becausePath, id), kind: 'because', label: normalizeLabel(step.because), path: step.becausePath, itemPath: step.itemPath, depth: si, rootCause: last, evidence: [], mermaidId: id });
      previous = id;
    });
    if (model.chains.length > 1) lines.push(`${INDENT}end`);
  });
  lines.push(`${INDENT}classDef rootCause stroke-width:3px,font-weight:bold`);
  return { text: lines.join('\n') + '\n', nodes };
}

/**
 * A diagram as a drawing page receives it (the preview's webview, the standalone fishbone page, the
 * report): plain JSON, each node with the 0-based YAML line of its text when it has one. The shape
 * is the preview protocol's `WireDiagram`.
 */
export function wireDiagram(d: { text: string; nodes: readonly (DiagramNode & { location?: { range: { start: { line: number } } } })[] }): {
  text: string;
  nodes: { key: string; kind: DiagramNode['kind']; label: string; depth: number; rootCause: boolean; evidence: string[]; line?: number; mermaidId?: string }[];
} {
  return {
    text: d.text,
    nodes: d.nodes.map((n) => ({
      key: n.key,
      kind: n.kind,
      label: n.label,
      depth: n.depth,
      rootCause: n.rootCause,
      evidence: n.evidence,
      ...(n.location ? { line: n.location.range.start.line } : {}),
      ...(n.mermaidId ? { mermaidId: n.mermaidId } : {}),
    })),
  };
}
