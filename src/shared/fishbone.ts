/**
 * The messages between the fishbone preview's host (extension) and its webview, as discriminated
 * unions, with validators both sides run on everything they receive. Every message about a
 * document carries its `source` uri; a side ignores messages about a document it is not showing.
 * Imports only src/shared: the file is bundled into both the extension host and the browser.
 */

import { fillLabel, isObj, isStr } from './wire';

export { fillLabel };

export const PREVIEW_VIEW_TYPE = 'kedb.fishbonePreview';

export type DiagramTab = 'fishbone' | 'whys';
export const DIAGRAM_TABS: readonly DiagramTab[] = ['fishbone', 'whys'];

/** A diagram node as the webview needs it. */
export interface WireNode {
  key: string;
  kind: 'effect' | 'category' | 'cause' | 'why' | 'because';
  label: string;
  depth: number;
  rootCause: boolean;
  evidence: string[];
  /** 0-based line of the node's text in the YAML, when it comes from the record. */
  line?: number;
  mermaidId?: string;
}

export interface WireDiagram {
  text: string;
  nodes: WireNode[];
}

/** The initial state, written into the page as a JSON data attribute. */
export interface PreviewInit {
  source: string;
  locked: boolean;
  tab: DiagramTab;
}

export type HostMessage =
  /** A new drawing. `seq` grows with every render the host sends; the webview draws only the newest. */
  | { type: 'render'; source: string; seq: number; version: number; title: string; locked: boolean; fishbone: WireDiagram; whys: WireDiagram }
  /** The YAML cannot be drawn now: keep the last good diagram and show this in a banner. */
  | { type: 'error'; source: string; seq: number; version: number; message: string; line?: number }
  /** The node under the editor's cursor, or null. */
  | { type: 'highlight'; source: string; key: string | null }
  /** Show this tab. */
  | { type: 'showTab'; source: string; tab: DiagramTab }
  /** Produce an export and send it back as an `export` message. */
  | { type: 'requestExport'; source: string; format: 'svg' | 'png' };

export type WebviewMessage =
  | { type: 'ready' }
  /** The user clicked a node: reveal its line. */
  | { type: 'reveal'; source: string; key: string }
  /** A render message was drawn (ok) or failed to draw; `ms` from receipt to drawn. */
  | { type: 'rendered'; source: string; seq: number; tab: DiagramTab; ok: boolean; ms: number; error?: string; labels?: string[] }
  | { type: 'export'; source: string; format: 'svg' | 'png'; data: string }
  | { type: 'toggleLock'; source: string }
  | { type: 'tabChanged'; source: string; tab: DiagramTab };

/** Limits that keep a bad message from costing much: the largest diagram text and export we accept. */
export const MAX_TEXT = 2_000_000;
export const MAX_EXPORT = 50_000_000;

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isTab = (v: unknown): v is DiagramTab => v === 'fishbone' || v === 'whys';
const isFormat = (v: unknown): v is 'svg' | 'png' => v === 'svg' || v === 'png';
const KINDS = new Set(['effect', 'category', 'cause', 'why', 'because']);

function isNode(v: unknown): v is WireNode {
  return (
    isObj(v) &&
    isStr(v.key, 2000) &&
    typeof v.kind === 'string' &&
    KINDS.has(v.kind) &&
    isStr(v.label, 20_000) &&
    isInt(v.depth) &&
    typeof v.rootCause === 'boolean' &&
    Array.isArray(v.evidence) &&
    v.evidence.every((e) => isStr(e, 20_000)) &&
    (v.line === undefined || isInt(v.line)) &&
    (v.mermaidId === undefined || (isStr(v.mermaidId, 100) && /^[A-Za-z0-9_]+$/.test(v.mermaidId)))
  );
}

function isDiagram(v: unknown): v is WireDiagram {
  return isObj(v) && isStr(v.text, MAX_TEXT) && Array.isArray(v.nodes) && v.nodes.every(isNode);
}

/** True when `v` is a well-formed message from the host. */
export function isHostMessage(v: unknown): v is HostMessage {
  if (!isObj(v) || !isStr(v.source, 10_000)) return false;
  switch (v.type) {
    case 'render':
      return isInt(v.seq) && isInt(v.version) && isStr(v.title) && typeof v.locked === 'boolean' && isDiagram(v.fishbone) && isDiagram(v.whys);
    case 'error':
      return isInt(v.seq) && isInt(v.version) && isStr(v.message) && (v.line === undefined || isInt(v.line));
    case 'highlight':
      return v.key === null || isStr(v.key, 2000);
    case 'showTab':
      return isTab(v.tab);
    case 'requestExport':
      return isFormat(v.format);
    default:
      return false;
  }
}

/** True when `v` is a well-formed message from the webview. */
export function isWebviewMessage(v: unknown): v is WebviewMessage {
  if (!isObj(v)) return false;
  if (v.type === 'ready') return true;
  if (!isStr(v.source, 10_000)) return false;
  switch (v.type) {
    case 'reveal':
      return isStr(v.key, 2000);
    case 'rendered':
      return isInt(v.seq) && isTab(v.tab) && typeof v.ok === 'boolean' && typeof v.ms === 'number' && Number.isFinite(v.ms) && (v.error === undefined || isStr(v.error)) && (v.labels === undefined || (Array.isArray(v.labels) && v.labels.length <= 100_000 && v.labels.every((l) => isStr(l, 20_000))));
    case 'export':
      return isFormat(v.format) && isStr(v.data, MAX_EXPORT) && (v.format === 'svg' ? v.data.trimStart().startsWith('<') : v.data.startsWith('data:image/png;base64,'));
    case 'toggleLock':
      return true;
    case 'tabChanged':
      return isTab(v.tab);
    default:
      return false;
  }
}

/** Parses the page's initial state attribute, falling back to safe defaults. */
export function parseInit(json: string | undefined | null): PreviewInit | undefined {
  try {
    const v: unknown = JSON.parse(json ?? '');
    if (isObj(v) && isStr(v.source) && typeof v.locked === 'boolean' && isTab(v.tab)) return { source: v.source, locked: v.locked, tab: v.tab };
  } catch {
    // fall through
  }
  return undefined;
}

/**
 * The words the preview's script writes into the page at run time, in the user's language. The
 * webview cannot translate: the host builds these with `t()` (`previewLabels` in
 * src/extension/rca/html.ts) and writes them into the page as the JSON `data-labels`
 * attribute; the script puts each one in as text (`textContent`), never as HTML. `{0}`, `{1}`… are
 * filled by `fillLabel`.
 */
export interface PreviewLabels {
  /** The lock button: the preview stays on its record / follows the active problem editor. */
  locked: string;
  follow: string;
  /** The 5 Whys tab when the record has none. */
  noWhys: string;
  /** {0}: Mermaid's first error line. */
  drawFailed: string;
  /** {0}: a message; said when the last good diagram stays on screen. */
  keepLast: string;
  /** {0}: a 1-based line, {1}: the message. */
  atLine: string;
  /** {0}: the error. */
  exportFailed: string;
  /** A node's tooltip: {0} its text; {0} one evidence; {0} its 1-based line. */
  rootCause: string;
  evidence: string;
  revealLine: string;
}

/** The English labels: what a page without `data-labels` (or with a bad one) shows. */
export const PREVIEW_LABELS_EN: Readonly<PreviewLabels> = {
  locked: 'Locked',
  follow: 'Follow editor',
  noWhys: 'No 5 Whys yet: add steps under rca.five_whys (why / because).',
  drawFailed: 'Mermaid could not draw this diagram: {0}',
  keepLast: '{0} Showing the last good diagram.',
  atLine: 'Line {0}: {1}',
  exportFailed: 'Export failed: {0}',
  rootCause: '{0} (root cause)',
  evidence: 'Evidence: {0}',
  revealLine: 'Line {0}: click to reveal',
};

/** Parses the page's `data-labels` attribute: each known label that is a string, else the English one. */
export function parseLabels(json: string | undefined | null): PreviewLabels {
  const out: PreviewLabels = { ...PREVIEW_LABELS_EN };
  try {
    const v: unknown = JSON.parse(json ?? '');
    if (isObj(v)) {
      for (const k of Object.keys(out) as (keyof PreviewLabels)[]) {
        const label = v[k];
        if (isStr(label, 2000)) out[k] = label;
      }
    }
  } catch {
    // English
  }
  return out;
}
