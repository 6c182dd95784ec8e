// The preview's webview in a real browser: the page the extension builds, our bundle, the seed's
// PRB-0007, in headless Chromium through playwright-core. Skipped when there is no Chromium.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CROWDING, denseFishbone, launch, OVERLAPS, PreviewPage, PreviewServer, renderMessage, repoRoot } from '../../bench/previewHarness';
import type { WebviewMessage } from '../../src/shared/fishbone';
import { detect, draftProblem } from '../../src/core';
import { NodeFsHost } from '../../src/node/fsHost';
import { chromiumMissing, testNeeding, WorkspaceWithoutChecklist } from './helpers';

const ROOT = repoRoot();
const PRB = path.join(ROOT, 'samples', 'lab-02', 'problems', 'PRB-0007.yaml');
const TEXT = fs.readFileSync(PRB, 'utf8');
const SOURCE = 'file:///lab-02/problems/PRB-0007.yaml';
const OUT = path.join(ROOT, 'test-output');

let server: PreviewServer;
let browser: Awaited<ReturnType<typeof launch>> | undefined;

before(async () => {
  if (chromiumMissing()) return;
  fs.mkdirSync(OUT, { recursive: true });
  server = new PreviewServer();
  await server.start({ source: SOURCE, locked: false, tab: 'fishbone' });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
});

async function openPage(bodyClass = 'vscode-light'): Promise<PreviewPage> {
  const page = await PreviewPage.open(browser!.context, server, bodyClass);
  await page.waitFor((m) => m.type === 'ready');
  return page;
}

/** Each tied node's key, classes and text as the SVG shows it. */
async function drawnNodes(page: PreviewPage): Promise<{ key: string; cls: string; text: string }[]> {
  return page.page.evaluate(`[...document.querySelectorAll('#stage [data-key]')].map((el) => ({
    key: el.getAttribute('data-key'),
    cls: el.getAttribute('class'),
    text: [...[...el.querySelectorAll('text')].map((t) => [...t.querySelectorAll(':scope > tspan')].map((s) => s.textContent).join(' ') || t.textContent), ...[...el.querySelectorAll('foreignObject')].map((f) => f.querySelector('div, span, p')?.innerText ?? '')].join(' ').replace(/\\s+/g, ' ').trim(),
  }))`);
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

testNeeding(chromiumMissing(), 'the webview draws PRB-0007 in Chromium: the effect, the five bones and every cause, under the strict CSP', {}, async () => {
  const page = await openPage();
  const msg = renderMessage(TEXT, SOURCE, 1);
  const done = await page.render(msg);
  assert.equal(done.ok, true, done.error);
  const nodes = await drawnNodes(page);
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  const effect = msg.fishbone.nodes[0];
  assert.equal(effect.label, 'VPN-Router Connectivity Disruption: Telemedicine & EMR unreachable ("connection lost")');
  assert.equal(norm(byKey.get(effect.key)!.text), effect.label);
  const categories = msg.fishbone.nodes.filter((n) => n.kind === 'category');
  assert.deepEqual(categories.map((c) => norm(byKey.get(c.key)?.text ?? '')), ['People', 'Process', 'Technology', 'Environment', 'Measurement']);
  const causes = msg.fishbone.nodes.filter((n) => n.kind === 'cause');
  assert.equal(causes.length, 18);
  for (const c of causes) assert.equal(norm(byKey.get(c.key)?.text ?? '<missing>'), c.label, `cause ${c.key}`);
  // Every node is tied to its SVG element, and the 6 root causes are marked.
  assert.equal(nodes.length, msg.fishbone.nodes.length);
  assert.equal(nodes.filter((n) => n.cls.includes('kedb-root-cause')).length, 6);
  // The SVG really is an ishikawa fishbone: a spine, a head, branches.
  const shape = await page.page.evaluate(`({ spine: document.querySelectorAll('#stage line.ishikawa-spine').length, head: document.querySelectorAll('#stage path.ishikawa-head').length, branches: document.querySelectorAll('#stage line.ishikawa-branch').length })`);
  assert.deepEqual(shape, { spine: 1, head: 1, branches: 5 });
  assert.deepEqual(page.consoleErrors, [], 'no CSP violation or script error');
  await page.page.screenshot({ path: path.join(OUT, 'preview-PRB-0007.png') });
  await page.page.close();
});

testNeeding(chromiumMissing(), 'the 5 Whys tab draws the chain ending in the root cause', {}, async () => {
  const page = await openPage();
  const msg = renderMessage(TEXT, SOURCE, 1);
  await page.render(msg);
  await page.page.click('#tab-whys');
  const done = await page.waitFor((m): m is Extract<WebviewMessage, { type: 'rendered' }> => m.type === 'rendered' && m.tab === 'whys');
  assert.equal(done.ok, true, done.error);
  const nodes = await drawnNodes(page);
  assert.equal(nodes.length, 10);
  for (const n of msg.whys.nodes) assert.equal(norm(nodes.find((x) => x.key === n.key)?.text ?? ''), n.label);
  const root = nodes.filter((n) => n.cls.includes('kedb-root-cause'));
  assert.deepEqual(root.map((n) => n.text), ['The telemedicine network has a single point of failure: there is no redundant router or path.']);
  assert.ok(page.received.some((m) => m.type === 'tabChanged' && m.tab === 'whys'));
  await page.page.screenshot({ path: path.join(OUT, 'preview-PRB-0007-5-whys.png') });
  await page.page.close();
});

testNeeding(chromiumMissing(), 'clicking a cause posts a reveal for its key; the cursor highlight marks the bone', {}, async () => {
  const page = await openPage();
  const msg = renderMessage(TEXT, SOURCE, 1);
  await page.render(msg);
  const target = msg.fishbone.nodes.find((n) => n.label === 'The router has never been stress-tested.')!;
  await page.page.click(`#stage [data-key="${target.key}"] text`);
  const reveal = await page.waitFor((m) => m.type === 'reveal');
  assert.deepEqual(reveal.type === 'reveal' && { key: reveal.key, source: reveal.source }, { key: target.key, source: SOURCE });
  await page.send({ type: 'highlight', source: SOURCE, key: target.key });
  await page.page.waitForSelector(`#stage [data-key="${target.key}"].kedb-active rect.kedb-highlight`);
  await page.send({ type: 'highlight', source: 'file:///other.yaml', key: msg.fishbone.nodes[1].key });
  assert.equal(await page.page.evaluate(`document.querySelectorAll('#stage .kedb-active').length`), 1, 'a message about another document is ignored');
  await page.page.close();
});

testNeeding(chromiumMissing(), 'a broken YAML keeps the last good diagram under an error banner; stale renders are dropped', {}, async () => {
  const page = await openPage();
  await page.render(renderMessage(TEXT, SOURCE, 1));
  await page.send({ type: 'error', source: SOURCE, seq: 2, version: 2, message: 'YAML syntax error: bad indentation.', line: 51 });
  await page.page.waitForSelector('#banner:not([hidden])');
  assert.match(String(await page.page.textContent('#banner')), /^Line 52: YAML syntax error: bad indentation\. Showing the last good diagram\.$/);
  assert.equal(await page.page.evaluate(`document.querySelectorAll('#stage svg [data-key]').length`), 24);
  // Three edits in a burst: only the newest is drawn.
  const texts = ['First', 'Second', 'Third'].map((w) => TEXT.replace('The ISP connection fluctuates.', `The ISP connection fluctuates (${w}).`));
  const burst = texts.map((t, i) => renderMessage(t, SOURCE, 10 + i, 10 + i));
  await page.page.evaluate((msgs) => msgs.forEach((m) => (globalThis as unknown as { postMessage(m: unknown, o: string): void }).postMessage(m, '*')), burst);
  const last = await page.waitFor((m) => m.type === 'rendered' && m.seq === 12);
  assert.ok(last.type === 'rendered' && last.ok && last.labels?.some((l) => l.includes('(Third)')));
  assert.equal(page.received.filter((m) => m.type === 'rendered' && m.seq === 11).length, 0, 'the middle render was dropped');
  assert.equal(await page.page.isHidden('#banner'), true);
  await page.page.close();
});

testNeeding(chromiumMissing(), 'the diagram follows the theme: dark and high contrast colours, redrawn when the theme changes', {}, async () => {
  const page = await openPage('vscode-dark');
  await page.page.evaluate(`document.documentElement.style.setProperty('--vscode-editor-background', '#1e1e1e'); document.documentElement.style.setProperty('--vscode-editor-foreground', '#d4d4d4')`);
  await page.render(renderMessage(TEXT, SOURCE, 1));
  const fill = () => page.page.evaluate(`getComputedStyle(document.querySelector('#stage .ishikawa-head-label')).fill`);
  assert.equal(await fill(), 'rgb(212, 212, 212)');
  const before = page.received.filter((m) => m.type === 'rendered').length;
  await page.page.evaluate(`document.documentElement.style.setProperty('--vscode-editor-background', '#000000'); document.documentElement.style.setProperty('--vscode-editor-foreground', '#ffffff'); document.documentElement.style.setProperty('--vscode-contrastBorder', '#6fc3df'); document.body.className = 'vscode-high-contrast'`);
  await page.waitFor(() => page.received.filter((m) => m.type === 'rendered').length > before);
  assert.equal(await fill(), 'rgb(255, 255, 255)');
  assert.equal(await page.page.evaluate(`getComputedStyle(document.querySelector('#stage .ishikawa-spine')).stroke`), 'rgb(111, 195, 223)');
  await page.page.screenshot({ path: path.join(OUT, 'preview-PRB-0007-high-contrast.png') });
  await page.page.close();
});

testNeeding(chromiumMissing(), 'Export SVG gives a standalone file that opens in a browser; Export PNG a PNG image', {}, async () => {
  const page = await openPage('vscode-dark');
  await page.render(renderMessage(TEXT, SOURCE, 1));
  await page.page.click('#export-svg');
  const svg = await page.waitFor((m) => m.type === 'export' && m.format === 'svg');
  assert.ok(svg.type === 'export');
  assert.match(svg.data, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.doesNotMatch(svg.data, /<script|<foreignObject|\son\w+=/i);
  const file = path.join(OUT, 'PRB-0007-fishbone.svg');
  fs.writeFileSync(file, svg.data);
  // Opened on its own, as a file: it parses as XML and draws at its size, every cause in it.
  const standalone = await browser!.context.newPage();
  await standalone.goto('file://' + file);
  const opened = (await standalone.evaluate(`({ root: document.documentElement.nodeName, width: document.documentElement.getBBox().width, text: document.documentElement.textContent })`)) as { root: string; width: number; text: string };
  assert.equal(opened.root, 'svg');
  assert.ok(opened.width > 300, String(opened.width));
  assert.ok(norm(opened.text).includes('The router has never been stress-tested.'.split(' ').slice(0, 3).join(' ')));
  await standalone.close();
  await page.page.click('#export-png');
  const png = await page.waitFor((m) => m.type === 'export' && m.format === 'png');
  assert.ok(png.type === 'export');
  const bytes = Buffer.from(png.data.slice(png.data.indexOf(',') + 1), 'base64');
  assert.deepEqual([...bytes.subarray(1, 4)], [0x50, 0x4e, 0x47]);
  assert.ok(bytes.length > 10_000, String(bytes.length));
  fs.writeFileSync(path.join(OUT, 'PRB-0007-fishbone.png'), bytes);
  // The 5 Whys, whose labels are HTML: the canvas must not be tainted by them.
  await page.page.click('#tab-whys');
  await page.waitFor((m) => m.type === 'rendered' && m.tab === 'whys');
  await page.page.click('#export-png');
  const whysPng = await page.waitFor((m) => m.type === 'export' && m.format === 'png' && m !== png);
  assert.ok(whysPng.type === 'export' && whysPng.data.length > 10_000);
  fs.writeFileSync(path.join(OUT, 'PRB-0007-5-whys.png'), Buffer.from(whysPng.data.slice(whysPng.data.indexOf(',') + 1), 'base64'));
  await page.page.close();
});

testNeeding(chromiumMissing(), 'hostile labels drawn by the real Mermaid and DOMPurify in Chromium stay text: no script, handler, link or markup', {}, async () => {
  const hostile = [
    '<script>alert(1)</script>',
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '</text><foreignObject><div>x</div></foreignObject>',
    '%%{init: {"securityLevel": "loose"}}%%',
    'click A call alert(1)',
    'style A fill:#f00;',
    'ishikawa-beta x',
    'x direction LR y',
    'ﬂ°°60¶ßscript',
    '#60;b#62;',
    '&lt;b&gt; & "q" \'a\' `t`',
    '[] {} () |',
    'line\nbreak\r\nand\u2028more',
    '<br>two<br/>rows',
  ];
  const page = await openPage();
  const causes = hostile.flatMap((h, i) => [h, { cause: `${i}: ${h}`, because: [`${h} (why)`] }]);
  const yaml = JSON.stringify({ kind: 'problem', id: 'PRB-0999', title: '<b>T</b>', rca: { fishbone: { effect: hostile.join(' '), categories: [{ name: '<i>A</i>', causes: causes.slice(0, 15) }, { name: '%%B%%', causes: causes.slice(15) }] }, five_whys: { '<x>': hostile.map((h) => ({ why: h, because: h })) } } });
  const msg = renderMessage(yaml, SOURCE, 1);
  const done = await page.render(msg);
  assert.equal(done.ok, true, done.error);
  await page.page.click('#tab-whys');
  const whys = await page.waitFor((m) => m.type === 'rendered' && m.tab === 'whys');
  assert.ok(whys.type === 'rendered' && whys.ok, whys.type === 'rendered' ? whys.error : '');
  for (const tab of ['fishbone', 'whys'] as const) {
    await page.page.click(tab === 'fishbone' ? '#tab-fishbone' : '#tab-whys');
    const danger = await page.page.evaluate(`(() => {
      const svg = document.querySelector('#stage svg');
      const bad = [...svg.querySelectorAll('script, a, image, img, iframe, object, embed, use, style:not(svg > style)')].map((e) => e.nodeName);
      // Flowchart labels are HTML in foreignObject: only text containers and line breaks in there.
      for (const f of svg.querySelectorAll('foreignObject')) for (const el of f.querySelectorAll('*')) if (!['DIV', 'SPAN', 'P', 'BR'].includes(el.nodeName)) bad.push('in label: ' + el.nodeName);
      for (const el of svg.querySelectorAll('*')) for (const a of el.attributes) if (/^on/i.test(a.name) || /href/i.test(a.name) || /javascript:/i.test(a.value)) bad.push(el.nodeName + ' ' + a.name);
      return bad;
    })()`);
    assert.deepEqual(danger, [], tab);
    const nodes = await drawnNodes(page);
    const diagram = tab === 'fishbone' ? msg.fishbone : msg.whys;
    assert.equal(nodes.length, diagram.nodes.length, tab);
    for (const n of diagram.nodes) assert.equal(norm(nodes.find((x) => x.key === n.key)?.text ?? '<missing>'), n.label, `${tab} ${JSON.stringify(n.label)}`);
  }
  assert.deepEqual(page.consoleErrors, []);
  await page.page.close();
});


testNeeding(chromiumMissing(), 'no two labels overlap: PRB-0007, a dense fishbone of long causes, and its exported SVG', {}, async () => {
  for (const [name, text] of [['PRB-0007', TEXT], ['dense', denseFishbone()]] as const) {
    const page = await openPage();
    await page.page.setViewportSize({ width: 1600, height: 1000 });
    const msg = renderMessage(text, SOURCE, 1);
    const done = await page.render(msg);
    assert.equal(done.ok, true, done.error);
    // Every cause is drawn whole, in its own words.
    const nodes = await drawnNodes(page);
    const causes = msg.fishbone.nodes.filter((n) => n.kind === 'cause');
    assert.equal(causes.length, name === 'dense' ? 160 : 18);
    for (const c of causes) assert.equal(norm(nodes.find((x) => x.key === c.key)?.text ?? '<missing>'), c.label, `${name} ${c.key}`);
    const drawn = (await page.page.evaluate(OVERLAPS('#stage svg'))) as { count: number; overlaps: string[] };
    assert.ok(drawn.count > causes.length, `${name}: ${drawn.count} labels measured`);
    assert.deepEqual(drawn.overlaps, [], `${name}: overlapping labels in the preview`);
    await page.page.click('#fit');
    await page.page.screenshot({ path: path.join(OUT, `preview-${name}-layout.png`) });
    await page.page.click('#export-svg');
    const svg = await page.waitFor((m) => m.type === 'export' && m.format === 'svg');
    assert.ok(svg.type === 'export');
    const file = path.join(OUT, `${name}-fishbone.svg`);
    fs.writeFileSync(file, svg.data);
    const standalone = await browser!.context.newPage();
    await standalone.goto('file://' + file);
    const exported = (await standalone.evaluate(OVERLAPS('svg'))) as { count: number; overlaps: string[] };
    assert.equal(exported.count, drawn.count, `${name}: the export holds every label`);
    assert.deepEqual(exported.overlaps, [], `${name}: overlapping labels in the exported SVG`);
    // The viewBox holds the whole drawing: nothing is cut off at an edge.
    const inside = await standalone.evaluate(`(() => { const svg = document.documentElement; const vb = svg.viewBox.baseVal; const b = svg.querySelector('g.ishikawa').getBBox(); return b.x >= vb.x && b.y >= vb.y && b.x + b.width <= vb.x + vb.width && b.y + b.height <= vb.y + vb.height; })()`);
    assert.equal(inside, true, `${name}: the drawing fits its viewBox`);
    await standalone.close();
    await page.page.close();
  }
});

/**
 * A problem drafted from imported tickets, as "Create Problem Record" writes it for lab-02's largest
 * candidate, with its fishbone filled in from the tickets' own words: on each bone three causes
 * (an incident's description, 150–300 characters), each with a sub-cause (its first analysis).
 */
async function draftedFishbone(): Promise<string> {
  const ws = await WorkspaceWithoutChecklist.load(new NodeFsHost(path.join(ROOT, 'samples', 'lab-02')));
  const r = detect(ws.records('incident'), ws.config.detection, { categoryOrder: ws.config.categories });
  const draft = draftProblem(ws, r.candidates[0], '2025-09-23T09:00:00+07:00');
  const str = (v: unknown) => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : '');
  const tickets = [...r.candidates[0].items.map((i) => ws.get(i.id)), ...ws.records('incident')]
    .map((rec) => rec?.value as { description?: unknown; initial_analysis?: { understanding?: unknown } } | undefined)
    .filter((v) => str(v?.description) && str(v?.initial_analysis?.understanding));
  let n = 0;
  const text = draft.text.replace(/^( {8})causes: \[\]$/gm, (_, pad: string) => {
    const causes = [0, 1, 2].map(() => tickets[n++ % tickets.length]!);
    return [`${pad}causes:`, ...causes.flatMap((t) => [`${pad}  - cause: ${JSON.stringify(str(t.description))}`, `${pad}    because:`, `${pad}      - ${JSON.stringify(str(t.initial_analysis!.understanding))}`])].join('\n');
  });
  assert.notEqual(text, draft.text);
  return text;
}

testNeeding(chromiumMissing(), 'the fishbone reads well: no label overlaps another, no line crosses a label, every cause stays in its area, text at reading size (PRB-0007, 8 × 10 × 2, a drafted problem)', {}, async () => {
  const cases = [['PRB-0007', TEXT], ['dense', denseFishbone()], ['drafted', await draftedFishbone()]] as const;
  type Crowding = { labels: number; labelOverlaps: string[]; lineCrossings: string[]; outOfArea: string[]; smallestText: number };
  const reads = (c: Crowding) => ({ labelOverlaps: c.labelOverlaps, lineCrossings: c.lineCrossings, outOfArea: c.outOfArea, readable: c.smallestText >= 12 || c.smallestText });
  const well = { labelOverlaps: [], lineCrossings: [], outOfArea: [], readable: true };
  // The same problems as `kedb fishbone --format html` draws them, from a workspace of their own.
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-crowding-'));
  fs.mkdirSync(path.join(ws, 'problems'));
  fs.copyFileSync(path.join(ROOT, 'samples', 'lab-02', 'kedb.config.yaml'), path.join(ws, 'kedb.config.yaml'));
  try {
    for (const [name, text] of cases) {
      const page = await openPage();
      await page.page.setViewportSize({ width: 1600, height: 1000 });
      const msg = renderMessage(text, SOURCE, 1);
      const done = await page.render(msg);
      assert.equal(done.ok, true, done.error);
      const causes = msg.fishbone.nodes.filter((n) => n.kind === 'cause').length;
      assert.equal(causes, { 'PRB-0007': 18, dense: 160, drafted: msg.fishbone.nodes.filter((n) => n.kind === 'category').length * 6 }[name]);
      const drawn = (await page.page.evaluate(CROWDING('#stage svg'))) as Crowding;
      assert.ok(drawn.labels > causes, `${name}: ${drawn.labels} labels measured`);
      // The preview fits a new drawing to the window (a dense one small; the user zooms in), so its text size is not held to the pages' minimum.
      assert.deepEqual(reads({ ...drawn, smallestText: Infinity }), well, `${name}: the preview`);
      await page.page.click('#fit');
      await page.page.screenshot({ path: path.join(OUT, `preview-${name}-crowding.png`) });
      // The exported SVG (what `kedb fishbone --format svg` writes) reads the same.
      await page.page.click('#export-svg');
      const svg = await page.waitFor((m) => m.type === 'export' && m.format === 'svg');
      assert.ok(svg.type === 'export');
      const file = path.join(OUT, `${name}-crowding.svg`);
      fs.writeFileSync(file, svg.data);
      const standalone = await browser!.context.newPage();
      await standalone.goto('file://' + file);
      const exported = (await standalone.evaluate(CROWDING('svg'))) as Crowding;
      assert.equal(exported.labels, drawn.labels, `${name}: the export holds every label`);
      assert.deepEqual(reads(exported), well, `${name}: the exported SVG`);
      // The offline page of `kedb fishbone --format html`, in a window narrower than the diagram.
      const id = /^id: (\S+)$/m.exec(text)![1];
      fs.writeFileSync(path.join(ws, 'problems', `${id}.yaml`), text);
      const html = path.join(ws, `${id}.html`);
      const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'kedb.js'), 'fishbone', id, ws, '--format', 'html', '--out', html], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      await standalone.setViewportSize({ width: 1280, height: 900 });
      await standalone.goto('file://' + html);
      await standalone.waitForSelector('body[data-state="done"]');
      const offline = (await standalone.evaluate(CROWDING('#fishbone svg'))) as Crowding;
      assert.equal(offline.labels, drawn.labels, `${name}: the page draws every label`);
      assert.deepEqual(reads(offline), well, `${name}: the page of kedb fishbone --format html`);
      await standalone.close();
      await page.page.close();
    }
  } finally {
    fs.rmSync(ws, { recursive: true, force: true });
  }
});
