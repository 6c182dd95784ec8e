// The drawing script of the pages we write to work offline: `kedb fishbone --format html` and the
// problem-management report. It draws each diagram of the page's `kedb-data` into the element with
// the same id (replacing the Mermaid text shown there until then), in the light report palette.
// `kedb fishbone --format svg` loads such a page in headless Chromium and reads the drawn SVG back
// (body[data-state] says when it is done).
import { parseLabels, type WireDiagram } from '../shared/fishbone';
import { relieveFishbone } from './ishikawaLayout';
import { decorate, drawSvg, LIGHT, rootCauseStyle, standaloneSvg, useMermaid } from './render';

interface PageData {
  /** Element id → the diagram to draw there. */
  diagrams?: Record<string, WireDiagram>;
  /** The tooltips' words in the user's language, when the page's writer gives them (else English). */
  labels?: unknown;
}

async function main(): Promise<void> {
  const data = JSON.parse(document.getElementById('kedb-data')?.textContent ?? '{}') as PageData;
  const labels = parseLabels(JSON.stringify(data.labels ?? null));
  useMermaid(LIGHT);
  const style = document.createElement('style');
  style.textContent = rootCauseStyle(LIGHT);
  document.head.appendChild(style);
  const out: Record<string, string> = {};
  for (const [id, diagram] of Object.entries(data.diagrams ?? {})) {
    const target = document.getElementById(id);
    if (!target || !diagram || !Array.isArray(diagram.nodes) || diagram.nodes.length === 0) continue;
    const svg = await drawSvg(diagram.text);
    decorate(svg, diagram, true, labels);
    target.replaceChildren(svg);
    relieveFishbone(svg);
    out[id] = standaloneSvg(svg, LIGHT);
  }
  (window as unknown as { kedbSvg: Record<string, string> }).kedbSvg = out;
  document.body.setAttribute('data-state', 'done');
}

main().catch((err: unknown) => {
  const p = document.createElement('pre');
  p.className = 'error';
  p.textContent = `Could not draw the diagram: ${err instanceof Error ? err.message : String(err)}`;
  document.body.appendChild(p);
  document.body.setAttribute('data-state', 'error');
});
