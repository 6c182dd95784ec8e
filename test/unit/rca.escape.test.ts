// The escaping property test: thousands of random and hostile strings go through the converters
// and then through Mermaid's own pipeline (directive and front-matter detection, comment removal,
// entity encoding, the ishikawa and flowchart grammars, their databases). Whatever the input, the
// text parses, the diagram keeps the shape we wrote, each label reads back exactly as the input
// normalised, and nothing becomes a directive, a click handler, a class or markup.
//
// Node has no DOM, so Mermaid's DOMPurify cannot run here: it is replaced by the identity. The test
// therefore shows that our escaping alone is enough; the browser test runs the real sanitiser too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { fishboneToMermaid, fiveWhysToMermaid, normalizeLabel, readRca } from '../../src/core/rca';
import { defaultConfig } from '../../src/core';
import { prng } from '../../bench/stats';

const STRINGS = Number(process.env.KEDB_ESCAPE_STRINGS ?? 4000);
// KEDB_ESCAPE_SEED replays or varies the random strings.
const SEED = Number(process.env.KEDB_ESCAPE_SEED ?? 7);

const HOSTILE = [
  '%%{init: {"theme": "dark", "securityLevel": "loose"}}%%',
  '%%{wrap}%%',
  '%%',
  '%% a comment',
  '---\ntitle: injected\nconfig:\n  theme: forest\n---',
  'click A callback "tip"',
  'click c0b0 href "javascript:alert(1)"',
  'call alert(1)',
  'style c0b0 fill:#f00;',
  'classDef evil fill:red;',
  'class c0w0 evil',
  'linkStyle 0 stroke:red;',
  '<script>alert(1)</script>',
  '<img src=x onerror="alert(1)">',
  '<a href="javascript:alert(1)">x</a>',
  '<br>',
  '<br/>',
  '<svg onload=alert(1)>',
  '</text><foreignObject><div>x</div></foreignObject>',
  '&lt;b&gt;',
  '&amp;',
  '#quot;',
  '#35;',
  '#60;script#62;',
  'ﬂ°°60¶ß',
  'ﬂ°lt¶ß',
  '¶ß',
  '[]',
  '["x"]',
  '(["x"])',
  '{{x}}',
  '-->',
  '---',
  '-->|x|',
  ':::rootCause',
  ';',
  'end',
  'subgraph x',
  'ishikawa',
  'ishikawa-beta',
  'flowchart LR',
  'graph TD',
  'accTitle: x',
  'title x',
  'direction LR',
  '`**md**`',
  '"',
  "'",
  '\\n',
  '\n',
  '\r\n',
  '\r',
  '\t',
  '\u2028',
  '\u2029',
  '\u0000',
  '\u0085',
  '\u00a0',
  '\u200b',
  '\u202e',
  '\ufeff',
  '\ud800',
  '\udfff',
  '😀',
  '𝕏',
  '    ',
  '',
];

function randomString(r: () => number): string {
  const parts: string[] = [];
  const n = 1 + Math.floor(r() * 5);
  for (let i = 0; i < n; i++) {
    const pick = r();
    if (pick < 0.45) parts.push(HOSTILE[Math.floor(r() * HOSTILE.length)]);
    else if (pick < 0.75) {
      // printable ASCII, syntax characters included
      let s = '';
      for (let k = Math.floor(r() * 12); k > 0; k--) s += String.fromCharCode(32 + Math.floor(r() * 95));
      parts.push(s);
    } else if (pick < 0.9) {
      // any BMP code unit, lone surrogates and controls included
      let s = '';
      for (let k = Math.floor(r() * 6); k > 0; k--) s += String.fromCharCode(Math.floor(r() * 0x10000));
      parts.push(s);
    } else parts.push(['Router', 'firmware', 'EMR', 'VPN'][Math.floor(r() * 4)]);
  }
  return parts.join(r() < 0.5 ? ' ' : '');
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * What Mermaid shows for a database label: its entity placeholders turned back into character
 * references (Mermaid's decodeEntities, on the finished SVG), then read once, as the browser does.
 */
function shown(dbText: string): string {
  const markup = dbText.replace(/ﬂ°°/g, '&#').replace(/ﬂ°/g, '&').replace(/¶ß/g, ';');
  return markup.replace(/&#(\d+);|&(\w+);/g, (all, n: string | undefined, name: string | undefined) => (n ? String.fromCodePoint(Number(n)) : (NAMED[name!] ?? all)));
}

interface Tree {
  text: string;
  children: Tree[];
}

type MermaidModule = typeof import('mermaid');

async function loadMermaid(): Promise<MermaidModule['default']> {
  // The same module instance Mermaid imports: neutralise it before Mermaid first uses it.
  const purify = (await import('dompurify')).default as unknown as Record<string, unknown>;
  purify.addHook = () => undefined;
  purify.sanitize = (s: unknown) => s;
  const mermaid = (await import('mermaid')).default;
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', maxTextSize: 2_000_000 });
  return mermaid;
}

test(`${STRINGS} random and hostile strings: the fishbone always parses in Mermaid, keeps its shape, and shows each string as text`, async () => {
  const mermaid = await loadMermaid();
  const r = prng(SEED);
  const PER = 40;
  let checked = 0;
  for (let batch = 0; checked < STRINGS; batch++) {
    const strings = Array.from({ length: PER }, () => randomString(r));
    checked += PER;
    // effect, two categories, causes with one level of `because`
    const causes = strings.slice(3).map((s, i) => (i % 4 === 1 ? { cause: s, because: [strings[(i + 5) % PER]] } : s));
    const value = { kind: 'problem', id: 'PRB-0001', title: 'T', rca: { fishbone: { effect: strings[0], categories: [{ name: strings[1], causes: causes.slice(0, 18) }, { name: strings[2], causes: causes.slice(18) }] } } };
    const model = readRca(value, defaultConfig());
    const { text } = fishboneToMermaid(model);
    const parsed = await mermaid.parse(text).catch((e: Error) => {
      if (process.env.KEDB_ESCAPE_DUMP) fs.writeFileSync(process.env.KEDB_ESCAPE_DUMP, text);
      return assert.fail(`batch ${batch}: ${e.message}\n${text}`);
    });
    assert.deepEqual(parsed, { diagramType: 'ishikawa', config: {} }, `batch ${batch}: no directive or front matter reached Mermaid`);
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const root = (diagram.db as unknown as { getRoot(): Tree }).getRoot();
    const expectTree = (t: Tree, label: string, children: { label: string; children: unknown[] }[], where: string) => {
      assert.equal(shown(t.text), normalizeLabel(label), `${where}: label of ${JSON.stringify(label)}`);
      assert.doesNotMatch(t.text, /[<>"'`%#\n\r]/, `${where}: no raw syntax in ${JSON.stringify(t.text)}`);
      assert.equal(t.children.length, children.length, `${where}: children of ${JSON.stringify(label)}`);
      t.children.forEach((c, i) => expectTree(c, children[i].label, children[i].children as never, `${where}/${i}`));
    };
    const asTree = (c: (typeof model.categories)[number]['causes'][number]): { label: string; children: unknown[] } => ({ label: c.text, children: c.children.map(asTree) });
    expectTree(
      root,
      model.effect,
      model.categories.map((cat) => ({ label: cat.name, children: cat.causes.map(asTree) })),
      `batch ${batch}`,
    );
  }
  assert.ok(checked >= STRINGS);
});

test(`${STRINGS} random and hostile strings: the 5 Whys flowchart parses, with no click, class, style or extra node`, async () => {
  const mermaid = await loadMermaid();
  const r = prng(SEED + 4);
  const baseline = await mermaid.mermaidAPI.getDiagramFromText('flowchart TB\n    a["x"]\n');
  const baselineFuns = (baseline.db as unknown as { funs: unknown[] }).funs.length;
  const PER = 40;
  let checked = 0;
  for (let batch = 0; checked < STRINGS; batch++) {
    const strings = Array.from({ length: PER }, () => randomString(r));
    checked += PER;
    const chains: Record<string, { why: string; because: string }[]> = {};
    for (let c = 0; c < 4; c++) chains[strings[c]] = Array.from({ length: 4 }, (_, s) => ({ why: strings[4 + c * 8 + s * 2], because: strings[5 + c * 8 + s * 2] }));
    const model = readRca({ rca: { five_whys: chains } }, defaultConfig());
    const { text, nodes } = fiveWhysToMermaid(model);
    const parsed = await mermaid.parse(text);
    assert.deepEqual(parsed, { diagramType: 'flowchart-v2', config: {} }, `batch ${batch}`);
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const db = diagram.db as unknown as {
      getVertices(): Map<string, { text: string; classes: string[]; link?: string; haveCallback?: boolean }>;
      getClasses(): Map<string, unknown>;
      getEdges(): unknown[];
      getSubGraphs(): unknown[];
      funs: unknown[];
      tooltips: Map<string, unknown>;
    };
    const vertices = db.getVertices();
    assert.deepEqual([...vertices.keys()].sort(), nodes.map((n) => n.mermaidId).sort(), `batch ${batch}: only our nodes`);
    for (const n of nodes) {
      const v = vertices.get(n.mermaidId!)!;
      assert.equal(v.link, undefined);
      assert.ok(!v.haveCallback);
      assert.deepEqual(v.classes, n.rootCause ? ['rootCause'] : []);
      assert.equal(shown(v.text), n.label, `batch ${batch}: ${JSON.stringify(n.label)}`);
      assert.doesNotMatch(v.text, /[<>"'`%#\n\r]/);
    }
    assert.deepEqual([...db.getClasses().keys()], ['rootCause']);
    assert.equal(db.funs.length, baselineFuns, 'no click function beyond the tooltip set-up every flowchart has');
    assert.equal(db.tooltips.size, 0, 'no tooltip');
    // Chain names are mapping keys: two equal random names make one chain.
    assert.equal(db.getSubGraphs().length, model.chains.length);
    assert.equal(db.getEdges().length, model.chains.length * 7);
  }
});
