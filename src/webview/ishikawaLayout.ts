// Makes room for the labels of a drawn Mermaid fishbone. Mermaid's ishikawa layout spaces the
// causes on a bone by their count and wraps every label at 15 characters, so long causes on a busy
// bone run into each other, and a label made wider or bolder than Mermaid measured runs into the
// next pair of bones. This pass works on the drawn SVG, in the page that shows it:
// 1. on each bone, a label gets as many lines as the gap between its row and the next allows, and
//    is rewrapped wider when it had more; labels that still touch lose a line until they do not;
// 2. each pair of bones is moved left until it clears everything to its right;
// 3. the spine and the viewBox are stretched to the new extent.
// It needs the SVG in the document (it measures text), and leaves other diagrams alone.
import { wrapWithin } from './wrap';

/** Space kept between two labels, and between two pairs of bones. */
const GAP = 2;
const PAIR_GAP = 8;
/** Mermaid's padding around a fishbone (ishikawa.diagramPadding). */
const PADDING = 20;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Label {
  text: SVGTextElement;
  words: string[];
  /** The vertical middle of the label's lines: the row Mermaid put it on. */
  middle: number;
  /** The most lines this label may take. */
  max: number;
}

function overlaps(a: Box, b: Box, gap = 0): boolean {
  return a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;
}

function shifted(b: Box, dx: number): Box {
  return { x: b.x + dx, y: b.y, width: b.width, height: b.height };
}

function linesOf(text: SVGTextElement): string[] {
  const spans = [...text.querySelectorAll(':scope > tspan')];
  return spans.length ? spans.map((s) => s.textContent ?? '') : [text.textContent ?? ''];
}

/** Writes `lines` into a label, centred on the same row, spaced `lh` apart as Mermaid spaces them. */
function setLines(label: Label, lines: string[], lh: number): void {
  const { text } = label;
  const x = text.getAttribute('x') ?? '0';
  text.setAttribute('y', String(label.middle - ((lines.length - 1) * lh) / 2));
  const spans = lines.map((line, i) => {
    const span = document.createElementNS('http://www.w3.org/2000/svg', 'tspan');
    span.setAttribute('x', x);
    span.setAttribute('dy', String(i === 0 ? 0 : lh));
    span.textContent = line;
    return span;
  });
  // A title (the tooltip) stays; the old lines go.
  for (const old of text.querySelectorAll(':scope > tspan')) old.remove();
  text.append(...spans);
}

/** The bones of one pair group: each starts at its `line.ishikawa-branch`. */
function bonesOf(pair: Element): { category: Element | undefined; labels: SVGTextElement[] }[] {
  const bones: { category: Element | undefined; labels: SVGTextElement[] }[] = [];
  for (const child of pair.children) {
    if (child.matches('line.ishikawa-branch')) bones.push({ category: undefined, labels: [] });
    const bone = bones[bones.length - 1];
    if (!bone) continue;
    if (child.matches('g.ishikawa-label-group')) bone.category = child;
    else if (child.matches('g.ishikawa-sub-group')) {
      const t = child.querySelector<SVGTextElement>(':scope > text');
      if (t) bone.labels.push(t);
    }
  }
  return bones;
}

function lineHeight(svg: SVGSVGElement, sample: SVGTextElement | undefined): number {
  for (const span of svg.querySelectorAll('g.ishikawa-sub-group tspan[dy]')) {
    const dy = Number(span.getAttribute('dy'));
    if (dy > 0) return dy;
  }
  const size = sample ? parseFloat(getComputedStyle(sample).fontSize) : NaN;
  return (Number.isFinite(size) && size > 0 ? size : 13) * 1.05;
}

/** The labels of one bone, as read from the drawing. */
function readBone(category: Element | undefined, texts: SVGTextElement[], lh: number): { category: Element | undefined; labels: Label[] } {
  return {
    category,
    labels: texts.map((text) => {
      const lines = linesOf(text);
      const first = Number(text.getAttribute('y') ?? 0);
      return { text, words: lines.join(' ').split(/\s+/).filter(Boolean), middle: first + ((lines.length - 1) * lh) / 2, max: lines.length };
    }),
  };
}

/** Step 1 on one bone, from the rows alone: no label takes more lines than the gap between rows holds. */
function fitRows(labels: Label[], lh: number): void {
  const rows = [...new Set(labels.map((l) => Math.round(l.middle * 100) / 100))].sort((a, b) => a - b);
  let gap = Infinity;
  for (let i = 1; i < rows.length; i++) gap = Math.min(gap, rows[i] - rows[i - 1]);
  const fits = Number.isFinite(gap) ? Math.max(1, Math.floor((gap - GAP) / lh)) : Infinity;
  for (const label of labels) {
    if (label.max <= fits) continue;
    label.max = fits;
    setLines(label, wrapWithin(label.words, fits), lh);
  }
}

/**
 * Step 1, measured, on every bone at once (one layout per round): what a row's spacing cannot say
 * (labels hung above or below their row, bold root causes) is found by measuring, and any label
 * that still touches another or its bone's name gives up a line.
 */
function separate(bones: { category: Element | undefined; labels: Label[] }[], lh: number): void {
  const names = bones.map((b) => (b.category ? [(b.category as SVGGraphicsElement).getBBox()] : []));
  for (let round = 0; round < 6; round++) {
    const shrink = new Set<Label>();
    bones.forEach(({ labels }, k) => {
      const boxes = labels.map((l) => l.text.getBBox());
      labels.forEach((a, i) => {
        for (let j = i + 1; j < labels.length; j++) {
          if (!overlaps(boxes[i], boxes[j], GAP)) continue;
          shrink.add(a);
          shrink.add(labels[j]);
        }
        if (names[k].some((f) => overlaps(boxes[i], f, GAP))) shrink.add(a);
      });
    });
    const shrinkable = [...shrink].filter((l) => l.max > 1);
    if (shrinkable.length === 0) return;
    for (const l of shrinkable) {
      l.max -= 1;
      setLines(l, wrapWithin(l.words, l.max), lh);
    }
  }
}

/** The boxes of a pair's texts, and of everything else it draws (bone names, lines). */
function boxesOf(pair: Element): { texts: Box[]; others: Box[] } {
  const measure = (selector: string) => [...pair.querySelectorAll<SVGGraphicsElement>(selector)].map((el) => el.getBBox());
  return { texts: measure('text'), others: measure('g.ishikawa-label-group, line') };
}

/**
 * Lays a drawn fishbone's labels out so that none overlaps another. The SVG must be in the
 * document.
 */
export function relieveFishbone(svg: SVGSVGElement): void {
  const root = svg.querySelector<SVGGElement>('g.ishikawa');
  if (!root || !svg.isConnected) return;
  // A page that is not laid out (a hidden frame) measures every box as empty: leave Mermaid's layout.
  const probe = root.querySelector<SVGGraphicsElement>(':scope > g.ishikawa-head-group');
  if (!probe || probe.getBBox().width === 0) return;
  const pairs = [...root.querySelectorAll(':scope > g.ishikawa-pair')];
  const lh = lineHeight(svg, root.querySelector<SVGTextElement>('g.ishikawa-sub-group text') ?? undefined);
  const bones = pairs.flatMap((pair) => bonesOf(pair).map((b) => readBone(b.category, b.labels, lh)));
  for (const bone of bones) fitRows(bone.labels, lh);
  separate(bones, lh);

  // Step 2: right to left, each pair starts where the labels to its right end (Mermaid's rule),
  // then moves on left while anything of it still touches what is placed. Everything is measured
  // first and moved last, so the page lays the drawing out once for all the pairs.
  const head = [...root.querySelectorAll<SVGGraphicsElement>(':scope > g.ishikawa-head-group')].map((g) => {
    const b = g.getBBox();
    const m = /translate\(\s*([-\d.e]+)[ ,]+([-\d.e]+)\s*\)/.exec(g.getAttribute('transform') ?? '');
    return m ? { x: b.x + Number(m[1]), y: b.y + Number(m[2]), width: b.width, height: b.height } : b;
  });
  const measured = pairs.map((pair) => {
    const { texts, others } = boxesOf(pair);
    return {
      pair,
      own: [...texts, ...others],
      textLeft: Math.min(...texts.map((b) => b.x)),
      start: Number(pair.querySelector('line.ishikawa-branch')?.getAttribute('x1') ?? NaN),
    };
  });
  const spine = root.querySelector<SVGGraphicsElement>(':scope > line.ishikawa-spine');
  const placed: Box[] = [...head];
  let leftmostText = 0;
  const shifts = measured.map(({ own, textLeft, start }, p) => {
    let dx = 0;
    if (p > 0 && Number.isFinite(start)) {
      dx = leftmostText - start;
      for (let round = 0; round < 20; round++) {
        let push = 0;
        for (const b of own) {
          const s = shifted(b, dx);
          for (const q of placed) if (overlaps(s, q, PAIR_GAP)) push = Math.max(push, s.x + s.width + PAIR_GAP - q.x);
        }
        if (push <= 0) break;
        dx -= push;
      }
    }
    for (const b of own) placed.push(shifted(b, dx));
    if (Number.isFinite(textLeft)) leftmostText = textLeft + dx;
    return dx;
  });
  measured.forEach(({ pair }, p) => {
    if (Math.abs(shifts[p]) > 0.01) pair.setAttribute('transform', `translate(${shifts[p]},0)`);
  });

  // Step 3: the spine reaches the last pair; the viewBox holds everything (the union of what was
  // measured, moved, and the spine).
  if (spine && pairs.length) {
    spine.setAttribute('x1', String(leftmostText));
    const y = Number(spine.getAttribute('y1') ?? 0);
    const x2 = Number(spine.getAttribute('x2') ?? 0);
    placed.push({ x: Math.min(leftmostText, x2), y, width: Math.abs(x2 - leftmostText), height: 0 });
  }
  const all = union(placed);
  const w = all.width + PADDING * 2;
  const h = all.height + PADDING * 2;
  svg.setAttribute('viewBox', `${all.x - PADDING} ${all.y - PADDING} ${w} ${h}`);
  svg.setAttribute('width', String(w));
  svg.setAttribute('height', String(h));
}

function union(boxes: Box[]): Box {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const b of boxes) {
    x0 = Math.min(x0, b.x);
    y0 = Math.min(y0, b.y);
    x1 = Math.max(x1, b.x + b.width);
    y1 = Math.max(y1, b.y + b.height);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** Runs `fn` with the SVG in the document (hidden, off-screen) when it is not there already. */
export function whileAttached<T>(svg: SVGSVGElement, fn: () => T): T {
  if (svg.isConnected) return fn();
  const holder = document.createElement('div');
  holder.style.cssText = 'position:absolute;left:-100000px;top:0;visibility:hidden;pointer-events:none';
  holder.appendChild(svg);
  document.body.appendChild(holder);
  try {
    return fn();
  } finally {
    holder.remove();
    svg.remove();
  }
}
