// Drawing a diagram with Mermaid and tying its SVG elements back to the record's nodes. Shared by
// the preview webview and the standalone page of `kedb fishbone --format html|svg`.
import mermaid from 'mermaid';
import type { MermaidConfig } from 'mermaid';
import { fillLabel, PREVIEW_LABELS_EN, type PreviewLabels, type WireDiagram, type WireNode } from '../shared/fishbone';

export type ThemeKind = 'light' | 'dark' | 'hc-dark' | 'hc-light';

export interface Palette {
  kind: ThemeKind;
  background: string;
  foreground: string;
  line: string;
  accent: string;
  rootCause: string;
  fontFamily: string;
}

/** The light palette used for exports and the standalone page: black on white, report-ready. */
export const LIGHT: Palette = {
  kind: 'light',
  background: '#ffffff',
  foreground: '#1f1f1f',
  line: '#333333',
  accent: '#005fb8',
  rootCause: '#b3261e',
  fontFamily: '"Segoe UI", "Helvetica Neue", Arial, sans-serif',
};

const FALLBACK: Record<ThemeKind, Palette> = {
  light: LIGHT,
  dark: { ...LIGHT, kind: 'dark', background: '#1f1f1f', foreground: '#cccccc', line: '#cccccc', accent: '#4daafc', rootCause: '#f48771' },
  'hc-dark': { ...LIGHT, kind: 'hc-dark', background: '#000000', foreground: '#ffffff', line: '#ffffff', accent: '#f38518', rootCause: '#ffcc00' },
  'hc-light': { ...LIGHT, kind: 'hc-light', background: '#ffffff', foreground: '#000000', line: '#000000', accent: '#0f4a85', rootCause: '#b5200d' },
};

let probe: CanvasRenderingContext2D | null | undefined;

/** Any CSS colour as `#rrggbb` or `rgba(…)` (what Mermaid's colour maths reads), or undefined. */
function cssColor(value: string): string | undefined {
  const v = value.trim();
  if (!v) return undefined;
  if (probe === undefined) probe = document.createElement('canvas').getContext('2d');
  if (!probe) return /^#[0-9a-f]{3,8}$/i.test(v) ? v : undefined;
  probe.fillStyle = '#010203';
  probe.fillStyle = v;
  const out = String(probe.fillStyle);
  return out === '#010203' && v.toLowerCase() !== '#010203' ? undefined : out;
}

/** The palette of the current VS Code theme, from the body's theme class and the theme's colours. */
export function currentPalette(): Palette {
  const cls = document.body.classList;
  const kind: ThemeKind = cls.contains('vscode-high-contrast-light')
    ? 'hc-light'
    : cls.contains('vscode-high-contrast')
      ? 'hc-dark'
      : cls.contains('vscode-dark')
        ? 'dark'
        : 'light';
  const base = FALLBACK[kind];
  const style = getComputedStyle(document.documentElement);
  const get = (name: string) => cssColor(style.getPropertyValue(name)) ;
  const hc = kind === 'hc-dark' || kind === 'hc-light';
  const foreground = get('--vscode-editor-foreground') ?? base.foreground;
  return {
    kind,
    background: get('--vscode-editor-background') ?? base.background,
    foreground,
    line: (hc ? get('--vscode-contrastBorder') : undefined) ?? foreground,
    accent: (hc ? get('--vscode-contrastActiveBorder') : undefined) ?? get('--vscode-focusBorder') ?? base.accent,
    rootCause: get('--vscode-editorError-foreground') ?? base.rootCause,
    fontFamily: style.getPropertyValue('--vscode-font-family').trim() || base.fontFamily,
  };
}

/** Mermaid's settings for a palette: always `securityLevel: 'strict'`, never started on load. */
export function mermaidConfig(p: Palette): MermaidConfig {
  const dark = p.kind === 'dark' || p.kind === 'hc-dark';
  return {
    startOnLoad: false,
    securityLevel: 'strict',
    suppressErrorRendering: true,
    theme: 'base',
    darkMode: dark,
    fontFamily: p.fontFamily,
    // The ishikawa layout spaces causes by count, not by label height: 13 px text on 13.65 px lines
    // (the default is 14 px on 16.8 px) leaves the labels more room; ishikawaLayout.ts does the rest.
    fontSize: 13,
    maxTextSize: 2_000_000,
    // HTML labels: the path on which Mermaid turns our entity codes back into characters (SVG-text
    // labels show them as typed); DOMPurify cleans them under securityLevel strict.
    flowchart: { htmlLabels: true, useMaxWidth: false, curve: 'basis' },
    ishikawa: { useMaxWidth: false },
    themeVariables: {
      darkMode: dark,
      background: p.background,
      mainBkg: p.background,
      primaryColor: p.background,
      secondaryColor: p.background,
      tertiaryColor: p.background,
      primaryTextColor: p.foreground,
      secondaryTextColor: p.foreground,
      tertiaryTextColor: p.foreground,
      textColor: p.foreground,
      nodeTextColor: p.foreground,
      lineColor: p.line,
      primaryBorderColor: p.line,
      nodeBorder: p.line,
      clusterBkg: p.background,
      clusterBorder: p.line,
      titleColor: p.foreground,
      edgeLabelBackground: p.background,
      fontFamily: p.fontFamily,
      fontSize: '13px',
    },
  } as MermaidConfig;
}

let configured = '';

/** Sets Mermaid up for a palette, once per change of palette. */
export function useMermaid(p: Palette): void {
  const key = JSON.stringify(p);
  if (key === configured) return;
  mermaid.initialize(mermaidConfig(p));
  configured = key;
}

let counter = 0;

/**
 * Draws a diagram and returns its SVG element, detached. With `suppressErrorRendering` Mermaid
 * throws a parse error before drawing anything (no error picture is put in the page), which saves
 * the separate `mermaid.parse` pass: one parse per drawing instead of two.
 */
export async function drawSvg(text: string): Promise<SVGSVGElement> {
  const { svg } = await mermaid.render(`kedb-diagram-${++counter}`, text);
  // Mermaid's output under securityLevel strict has been through DOMPurify; the labels were
  // escaped by the core before that. A template keeps it inert until it is placed.
  const template = document.createElement('template');
  template.innerHTML = svg;
  const el = template.content.querySelector('svg');
  if (!el) throw new Error('Mermaid produced no SVG.');
  return el;
}

/** The text of an SVG text element as one line: its tspans joined by spaces. */
function textOf(el: Element): string {
  // Rows are the text's own tspans (flowchart rows hold one tspan per word inside them).
  const spans = el.querySelectorAll(':scope > tspan');
  const parts = spans.length ? [...spans].map((s) => s.textContent ?? '') : [el.textContent ?? ''];
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** The elements that draw each node, in the renderer's order. */
function nodeElements(svg: SVGSVGElement, diagram: WireDiagram): Map<WireNode, Element> {
  const out = new Map<WireNode, Element>();
  if (diagram.nodes.some((n) => n.mermaidId)) {
    const byId = new Map<string, Element>();
    for (const g of svg.querySelectorAll('g.node')) {
      const m = /flowchart-([A-Za-z0-9_]+)-\d+$/.exec(g.id);
      if (m) byId.set(m[1], g);
    }
    for (const n of diagram.nodes) {
      const g = n.mermaidId ? byId.get(n.mermaidId) : undefined;
      if (g) out.set(n, g);
    }
    return out;
  }
  const groups = [...svg.querySelectorAll('g.ishikawa-head-group, g.ishikawa-label-group, g.ishikawa-sub-group')];
  const labelOf = (g: Element) => {
    const t = g.querySelector('text');
    return t ? textOf(t) : '';
  };
  const same = (a: string, b: string) => a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();
  if (groups.length === diagram.nodes.length && diagram.nodes.every((n, i) => same(labelOf(groups[i]), n.label))) {
    diagram.nodes.forEach((n, i) => out.set(n, groups[i]));
    return out;
  }
  // The renderer's order changed (another Mermaid version): match by text, first unused first.
  const used = new Set<Element>();
  for (const n of diagram.nodes) {
    const g = groups.find((x) => !used.has(x) && same(labelOf(x), n.label));
    if (g) {
      used.add(g);
      out.set(n, g);
    }
  }
  return out;
}

/**
 * Marks each node's element with `data-key`, a class, and a tooltip (`<title>`: the text, its
 * evidence, and the YAML line); root causes get `kedb-root-cause`. Returns how many were tied.
 */
export function decorate(svg: SVGSVGElement, diagram: WireDiagram, interactive: boolean, labels: Pick<PreviewLabels, 'rootCause' | 'evidence' | 'revealLine'> = PREVIEW_LABELS_EN): number {
  const map = nodeElements(svg, diagram);
  for (const [n, el] of map) {
    el.setAttribute('data-key', n.key);
    el.classList.add('kedb-node', `kedb-${n.kind}`);
    if (n.rootCause) el.classList.add('kedb-root-cause');
    if (interactive) {
      const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
      const lines = [n.rootCause ? fillLabel(labels.rootCause, n.label) : n.label, ...n.evidence.map((e) => fillLabel(labels.evidence, e))];
      if (n.line !== undefined) lines.push(fillLabel(labels.revealLine, n.line + 1));
      title.textContent = lines.join('\n');
      el.insertBefore(title, el.firstChild);
    }
  }
  return map.size;
}

/** A style block for exported and standalone SVGs, whose look cannot depend on the page's CSS. */
export function rootCauseStyle(p: Palette): string {
  return `.kedb-root-cause text, .kedb-root-cause tspan { font-weight: 700; fill: ${p.rootCause}; } .kedb-root-cause .nodeLabel, .kedb-root-cause foreignObject div { font-weight: 700; color: ${p.rootCause} !important; } .kedb-root-cause rect, .kedb-root-cause path, .kedb-root-cause polygon { stroke: ${p.rootCause}; }`;
}

/** The visible texts of a drawn diagram (for checks): each SVG text or HTML label as one line. */
export function labelsOf(svg: SVGSVGElement): string[] {
  const html = [...svg.querySelectorAll('foreignObject')].map((f) => f.querySelector<HTMLElement>('div, span, p')?.innerText ?? f.textContent ?? '');
  return [...[...svg.querySelectorAll('text')].map(textOf), ...html].map((s) => s.replace(/\s+/g, ' ').trim()).filter((t) => t !== '');
}

/**
 * A standalone SVG file: XML declaration, namespace, explicit size, a background and the
 * root-cause style inlined, so it opens the same in a browser or an editor.
 */
export function standaloneSvg(svg: SVGSVGElement, p: Palette): string {
  const el = svg.cloneNode(true) as SVGSVGElement;
  el.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  el.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
  const vb = (el.getAttribute('viewBox') ?? '').split(/[\s,]+/).map(Number);
  if (vb.length === 4 && vb.every(Number.isFinite)) {
    el.setAttribute('width', String(Math.ceil(vb[2])));
    el.setAttribute('height', String(Math.ceil(vb[3])));
    el.style.removeProperty('max-width');
    const bg = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
    bg.setAttribute('x', String(vb[0]));
    bg.setAttribute('y', String(vb[1]));
    bg.setAttribute('width', String(vb[2]));
    bg.setAttribute('height', String(vb[3]));
    bg.setAttribute('fill', p.background);
    el.insertBefore(bg, el.firstChild);
  }
  const style = document.createElementNS('http://www.w3.org/2000/svg', 'style');
  style.textContent = rootCauseStyle(p);
  el.appendChild(style);
  for (const t of el.querySelectorAll('title')) t.remove();
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(el);
}

/** Base64 of a string's UTF-8 bytes, in slices (a spread of a large array overflows the stack). */
function base64Utf8(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** A PNG data URL of a standalone SVG, drawn at `scale` on the SVG's own background. */
export async function svgToPng(xml: string, scale = 2): Promise<string> {
  const doc = new DOMParser().parseFromString(xml, 'image/svg+xml');
  const root = doc.documentElement;
  const w = Number(root.getAttribute('width')) || 800;
  const h = Number(root.getAttribute('height')) || 600;
  const img = new Image();
  img.src = 'data:image/svg+xml;base64,' + base64Utf8(xml);
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(w * scale);
  canvas.height = Math.ceil(h * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('No 2D canvas.');
  ctx.scale(scale, scale);
  ctx.drawImage(img, 0, 0, w, h);
  return canvas.toDataURL('image/png');
}
