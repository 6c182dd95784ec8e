// The fishbone preview's webview: draws what the host sends, keeps the last good diagram when a
// drawing fails, and reports clicks, tabs and exports back. Everything received is validated.
import { fillLabel, isHostMessage, parseInit, parseLabels, type DiagramTab, type HostMessage, type WebviewMessage, type WireDiagram } from '../shared/fishbone';
import { vscodeApi } from './host';
import { relieveFishbone, whileAttached } from './ishikawaLayout';
import { currentPalette, decorate, drawSvg, labelsOf, LIGHT, standaloneSvg, svgToPng, useMermaid } from './render';


type RenderMessage = Extract<HostMessage, { type: 'render' }>;

const vscode = vscodeApi<WebviewMessage>();
// What this webview showed before it was hidden or reloaded wins over the page's first state.
const init = parseInit(JSON.stringify(vscode.getState() ?? null)) ?? parseInit(document.body.getAttribute('data-init')) ?? { source: '', locked: false, tab: 'fishbone' as DiagramTab };
// The words this script writes, in the user's language: the host puts them in the page.
const labels = parseLabels(document.body.getAttribute('data-labels'));
const state = {
  source: init.source,
  tab: init.tab,
  locked: init.locked,
  latest: undefined as (RenderMessage & { receivedAt: number }) | undefined,
  highlight: null as string | null,
  /** What each tab shows now: the seq and palette it was drawn for. */
  drawn: { fishbone: '', whys: '' } as Record<DiagramTab, string>,
};

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const viewport = $('viewport');
const stage = $('stage');
const banner = $('banner');
const title = $('title');
const lockButton = $<HTMLButtonElement>('lock');
const tabs: Record<DiagramTab, HTMLButtonElement> = { fishbone: $('tab-fishbone'), whys: $('tab-whys') };

function post(message: WebviewMessage): void {
  vscode.postMessage(message);
}

function persist(): void {
  vscode.setState({ source: state.source, tab: state.tab, locked: state.locked });
}

// ---- pan and zoom ------------------------------------------------------------------------------

interface View {
  scale: number;
  x: number;
  y: number;
  /** Until the user pans or zooms, every new drawing is fitted to the window. */
  auto: boolean;
}
const views: Record<DiagramTab, View> = { fishbone: { scale: 1, x: 0, y: 0, auto: true }, whys: { scale: 1, x: 0, y: 0, auto: true } };
const svgs: Partial<Record<DiagramTab, SVGSVGElement>> = {};

function apply(): void {
  const v = views[state.tab];
  stage.style.transform = `translate(${v.x}px, ${v.y}px) scale(${v.scale})`;
}

function size(svg: SVGSVGElement): { w: number; h: number } {
  const vb = svg.viewBox.baseVal;
  if (vb && vb.width > 0) return { w: vb.width, h: vb.height };
  const r = svg.getBoundingClientRect();
  return { w: r.width || 1, h: r.height || 1 };
}

function fit(): void {
  const svg = svgs[state.tab];
  const v = views[state.tab];
  v.auto = true;
  if (!svg) return;
  const { w, h } = size(svg);
  const vw = viewport.clientWidth || 800;
  const vh = viewport.clientHeight || 600;
  v.scale = Math.min(vw / w, vh / h, 2) * 0.96;
  v.x = (vw - w * v.scale) / 2;
  v.y = (vh - h * v.scale) / 2;
  apply();
}

function zoomAt(factor: number, cx: number, cy: number): void {
  const v = views[state.tab];
  const scale = Math.min(8, Math.max(0.1, v.scale * factor));
  v.x = cx - ((cx - v.x) * scale) / v.scale;
  v.y = cy - ((cy - v.y) * scale) / v.scale;
  v.scale = scale;
  v.auto = false;
  apply();
}

viewport.addEventListener(
  'wheel',
  (e) => {
    e.preventDefault();
    const r = viewport.getBoundingClientRect();
    zoomAt(Math.exp(-e.deltaY / 300), e.clientX - r.left, e.clientY - r.top);
  },
  { passive: false },
);

let drag: { x: number; y: number; moved: boolean } | undefined;
viewport.addEventListener('pointerdown', (e) => {
  if (e.button !== 0) return;
  drag = { x: e.clientX, y: e.clientY, moved: false };
  viewport.setPointerCapture(e.pointerId);
});
viewport.addEventListener('pointermove', (e) => {
  if (!drag) return;
  const dx = e.clientX - drag.x;
  const dy = e.clientY - drag.y;
  if (!drag.moved && Math.hypot(dx, dy) < 4) return;
  drag.moved = true;
  viewport.classList.add('panning');
  const v = views[state.tab];
  v.x += dx;
  v.y += dy;
  v.auto = false;
  drag.x = e.clientX;
  drag.y = e.clientY;
  apply();
});
viewport.addEventListener('pointerup', (e) => {
  const wasDrag = drag?.moved;
  drag = undefined;
  viewport.classList.remove('panning');
  if (wasDrag) return;
  // A click, not a drag: reveal the node under the pointer.
  const target = document.elementFromPoint(e.clientX, e.clientY);
  const node = target?.closest('[data-key]');
  const key = node?.getAttribute('data-key');
  if (key) post({ type: 'reveal', source: state.source, key });
});
window.addEventListener('resize', () => views[state.tab].auto && fit());
$('zoom-in').addEventListener('click', () => zoomAt(1.25, viewport.clientWidth / 2, viewport.clientHeight / 2));
$('zoom-out').addEventListener('click', () => zoomAt(0.8, viewport.clientWidth / 2, viewport.clientHeight / 2));
$('fit').addEventListener('click', fit);
document.addEventListener('keydown', (e) => {
  if (e.key === '0') fit();
  else if (e.key === '+' || e.key === '=') zoomAt(1.25, viewport.clientWidth / 2, viewport.clientHeight / 2);
  else if (e.key === '-') zoomAt(0.8, viewport.clientWidth / 2, viewport.clientHeight / 2);
});

// ---- drawing -----------------------------------------------------------------------------------

/** Runs drawing and export one at a time: Mermaid has one global configuration. */
let queue: Promise<unknown> = Promise.resolve();
function serial<T>(fn: () => Promise<T>): Promise<T> {
  const next = queue.then(fn, fn);
  queue = next.catch(() => undefined);
  return next;
}

function showBanner(text: string | undefined): void {
  banner.hidden = !text;
  banner.textContent = text ?? '';
}

function diagramOf(msg: RenderMessage, tab: DiagramTab): WireDiagram {
  return tab === 'fishbone' ? msg.fishbone : msg.whys;
}

let scheduled = false;
/**
 * Draws soon, not at once: messages already queued (a burst of edits) are taken in first, and the
 * newest state is drawn once. A task, not an animation frame, so a visible preview does not wait
 * for the next frame and a hidden one still catches up.
 */
function schedulePump(): void {
  if (scheduled) return;
  scheduled = true;
  setTimeout(() => {
    scheduled = false;
    void pump();
  }, 0);
}

let pumping = false;
/** Draws the newest render message for the visible tab; messages that arrive meanwhile replace it, unseen ones are dropped. */
async function pump(): Promise<void> {
  if (pumping) return;
  pumping = true;
  try {
    for (;;) {
      const msg = state.latest;
      const tab = state.tab;
      if (!msg) return;
      const palette = currentPalette();
      document.body.style.setProperty('--kedb-root-cause', palette.rootCause);
      const key = `${msg.seq}|${JSON.stringify(palette)}`;
      if (state.drawn[tab] === key) return;
      await serial(() => draw(msg, tab, palette, key));
    }
  } finally {
    pumping = false;
  }
}

async function draw(msg: RenderMessage & { receivedAt: number }, tab: DiagramTab, palette: ReturnType<typeof currentPalette>, key: string): Promise<void> {
  const diagram = diagramOf(msg, tab);
  if (tab === 'whys' && diagram.nodes.length === 0) {
    stage.replaceChildren(Object.assign(document.createElement('p'), { className: 'empty', textContent: labels.noWhys }));
    delete svgs[tab];
    state.drawn[tab] = key;
    showBanner(undefined);
    post({ type: 'rendered', source: msg.source, seq: msg.seq, tab, ok: true, ms: performance.now() - msg.receivedAt, labels: [] });
    return;
  }
  useMermaid(palette);
  let svg: SVGSVGElement;
  try {
    svg = await drawSvg(diagram.text);
  } catch (err) {
    state.drawn[tab] = key;
    const message = err instanceof Error ? err.message : String(err);
    const failed = fillLabel(labels.drawFailed, message.split('\n')[0]);
    showBanner(svgs[tab] ? fillLabel(labels.keepLast, failed) : failed);
    post({ type: 'rendered', source: msg.source, seq: msg.seq, tab, ok: false, ms: performance.now() - msg.receivedAt, error: message });
    return;
  }
  // A newer message or another tab arrived while Mermaid worked: this drawing is stale.
  if (state.latest !== msg || state.tab !== tab) return;
  decorate(svg, diagram, true, labels);
  stage.replaceChildren(svg);
  relieveFishbone(svg);
  svgs[tab] = svg;
  state.drawn[tab] = key;
  showBanner(undefined);
  applyHighlight();
  if (views[tab].auto) fit();
  else apply();
  post({ type: 'rendered', source: msg.source, seq: msg.seq, tab, ok: true, ms: performance.now() - msg.receivedAt, labels: labelsOf(svg) });
}

function applyHighlight(): void {
  for (const old of stage.querySelectorAll('.kedb-highlight')) old.remove();
  for (const el of stage.querySelectorAll('.kedb-active')) el.classList.remove('kedb-active');
  if (!state.highlight) return;
  for (const el of stage.querySelectorAll<SVGGraphicsElement>('[data-key]')) {
    if (el.getAttribute('data-key') !== state.highlight) continue;
    el.classList.add('kedb-active');
    const box = el.getBBox();
    const rect = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
    rect.setAttribute('class', 'kedb-highlight');
    rect.setAttribute('x', String(box.x - 6));
    rect.setAttribute('y', String(box.y - 4));
    rect.setAttribute('width', String(box.width + 12));
    rect.setAttribute('height', String(box.height + 8));
    rect.setAttribute('rx', '4');
    el.insertBefore(rect, el.firstChild);
  }
}

function setTab(tab: DiagramTab, notify: boolean): void {
  state.tab = tab;
  for (const [t, b] of Object.entries(tabs)) b.setAttribute('aria-selected', String(t === tab));
  const svg = svgs[tab];
  if (svg) {
    stage.replaceChildren(svg);
    applyHighlight();
    apply();
  }
  persist();
  if (notify) post({ type: 'tabChanged', source: state.source, tab });
  void pump();
}

async function exportDiagram(format: 'svg' | 'png'): Promise<void> {
  const msg = state.latest;
  if (!msg) return;
  const tab = state.tab;
  const diagram = diagramOf(msg, tab);
  if (diagram.nodes.length === 0) return;
  await serial(async () => {
    try {
      useMermaid(LIGHT);
      const svg = await drawSvg(diagram.text);
      decorate(svg, diagram, false);
      whileAttached(svg, () => relieveFishbone(svg));
      const xml = standaloneSvg(svg, LIGHT);
      const data = format === 'svg' ? xml : await svgToPng(xml);
      post({ type: 'export', source: msg.source, format, data });
    } catch (err) {
      showBanner(fillLabel(labels.exportFailed, err instanceof Error ? err.message : String(err)));
    }
  });
}

// ---- messages ----------------------------------------------------------------------------------

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const msg = event.data;
  if (!isHostMessage(msg)) return;
  if (msg.type !== 'render' && msg.source !== state.source) return;
  switch (msg.type) {
    case 'render': {
      if (state.latest && msg.source === state.source && msg.seq <= state.latest.seq) return;
      if (msg.source !== state.source) {
        views.fishbone.auto = views.whys.auto = true;
        state.highlight = null;
      }
      state.source = msg.source;
      state.locked = msg.locked;
      state.latest = { ...msg, receivedAt: performance.now() };
      title.textContent = msg.title;
      lockButton.textContent = msg.locked ? labels.locked : labels.follow;
      lockButton.setAttribute('aria-pressed', String(msg.locked));
      persist();
      schedulePump();
      break;
    }
    case 'error': {
      if (state.latest && msg.seq < state.latest.seq) return;
      const text = msg.line !== undefined ? fillLabel(labels.atLine, msg.line + 1, msg.message) : msg.message;
      showBanner(svgs[state.tab] ? fillLabel(labels.keepLast, text) : text);
      break;
    }
    case 'highlight':
      state.highlight = msg.key;
      applyHighlight();
      break;
    case 'showTab':
      setTab(msg.tab, false);
      break;
    case 'requestExport':
      void exportDiagram(msg.format);
      break;
  }
});

for (const [t, b] of Object.entries(tabs) as [DiagramTab, HTMLButtonElement][]) b.addEventListener('click', () => setTab(t, true));
lockButton.addEventListener('click', () => post({ type: 'toggleLock', source: state.source }));
$('export-svg').addEventListener('click', () => void exportDiagram('svg'));
$('export-png').addEventListener('click', () => void exportDiagram('png'));

// VS Code changes the body's theme class and the colour variables on <html> when the theme changes.
new MutationObserver(() => void pump()).observe(document.body, { attributes: true, attributeFilter: ['class'] });
new MutationObserver(() => void pump()).observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });

setTab(state.tab, false);
post({ type: 'ready' });
