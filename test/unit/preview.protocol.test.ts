import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { escapeHtml, previewCsp, previewHtml } from '../../src/extension/rca/html';
import { isHostMessage, isWebviewMessage, parseInit } from '../../src/shared/fishbone';
import { wrapWithin } from '../../src/webview/wrap';
import { REPO_ROOT } from './helpers';

const node = { key: 'rca/fishbone/effect', kind: 'effect', label: 'E', depth: 0, rootCause: false, evidence: [] };
const render = { type: 'render', source: 'file:///p.yaml', seq: 1, version: 3, title: 'T', locked: false, fishbone: { text: 'ishikawa\n    E\n', nodes: [node] }, whys: { text: 'flowchart TB\n', nodes: [] } };

test('host messages are checked field by field before the webview acts on them', () => {
  assert.ok(isHostMessage(render));
  assert.ok(isHostMessage({ type: 'highlight', source: 's', key: null }));
  assert.ok(isHostMessage({ type: 'error', source: 's', seq: 2, version: 1, message: 'm', line: 4 }));
  assert.ok(!isHostMessage({ ...render, seq: -1 }));
  assert.ok(!isHostMessage({ ...render, fishbone: { text: 'x', nodes: [{ ...node, kind: 'script' }] } }));
  assert.ok(!isHostMessage({ ...render, fishbone: { text: 'x', nodes: [{ ...node, mermaidId: 'a"b' }] } }));
  assert.ok(!isHostMessage({ ...render, source: undefined }));
  assert.ok(!isHostMessage({ type: 'eval', source: 's', code: 'alert(1)' }));
  assert.ok(!isHostMessage(null));
  assert.ok(!isHostMessage('render'));
});

test('webview messages are checked before the host acts on them', () => {
  assert.ok(isWebviewMessage({ type: 'ready' }));
  assert.ok(isWebviewMessage({ type: 'reveal', source: 's', key: 'k' }));
  assert.ok(!isWebviewMessage({ type: 'reveal', source: 's', key: 42 }));
  assert.ok(!isWebviewMessage({ type: 'reveal', key: 'k' }));
  assert.ok(isWebviewMessage({ type: 'export', source: 's', format: 'png', data: 'data:image/png;base64,AAAA' }));
  assert.ok(!isWebviewMessage({ type: 'export', source: 's', format: 'png', data: 'data:text/html,<script>' }));
  assert.ok(!isWebviewMessage({ type: 'export', source: 's', format: 'exe', data: '<x/>' }));
  assert.ok(isWebviewMessage({ type: 'rendered', source: 's', seq: 1, tab: 'whys', ok: true, ms: 12.5, labels: ['a'] }));
  assert.ok(!isWebviewMessage({ type: 'rendered', source: 's', seq: 1, tab: 'other', ok: true, ms: 1 }));
  assert.ok(!isWebviewMessage({ type: 'tabChanged', source: 's', tab: '__proto__' }));
});

test('the page: a strict CSP with a nonce, our script by nonce only, and its state as an escaped attribute', () => {
  const nonce = crypto.randomUUID().replace(/-/g, '');
  const html = previewHtml({ cspSource: 'https://res.example', nonce, scriptUri: 'https://res.example/dist/webview/preview.js', styleUri: 'https://res.example/media/preview.css', init: { source: 'file:///a"><script>alert(1)</script>.yaml', locked: false, tab: 'fishbone' } });
  assert.equal(previewCsp('https://res.example', nonce), `default-src 'none'; script-src 'nonce-${nonce}'; style-src https://res.example 'unsafe-inline'; img-src https://res.example data:; font-src https://res.example`);
  assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${escapeHtml(previewCsp('https://res.example', nonce))}">`));
  assert.deepEqual(html.match(/<script[^>]*>/g), [`<script type="module" nonce="${nonce}" src="https://res.example/dist/webview/preview.js">`]);
  assert.doesNotMatch(html, /unsafe-eval|<script>alert/);
  const attr = /data-init="([^"]*)"/.exec(html)![1];
  const decoded = attr.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
  assert.deepEqual(parseInit(decoded), { source: 'file:///a"><script>alert(1)</script>.yaml', locked: false, tab: 'fishbone' });
  assert.equal(parseInit('{"source":1}'), undefined);
});

test('Mermaid is bundled into the webview only, never into the extension host or the CLI', (t) => {
  const ext = path.join(REPO_ROOT, 'dist', 'extension.js');
  const webview = path.join(REPO_ROOT, 'dist', 'webview', 'preview.js');
  if (!fs.existsSync(ext) || !fs.existsSync(webview)) return t.skip('run node esbuild.mjs first');
  for (const f of [ext, path.join(REPO_ROOT, 'dist', 'cli.js')]) {
    const text = fs.readFileSync(f, 'utf8');
    assert.doesNotMatch(text, /ishikawa-head-group|mermaidAPI|DOMPurify/, path.basename(f));
  }
  const chunks = fs.readdirSync(path.join(REPO_ROOT, 'dist', 'webview', 'chunks')).map((c) => fs.readFileSync(path.join(REPO_ROOT, 'dist', 'webview', 'chunks', c), 'utf8'));
  assert.ok(chunks.some((c) => c.includes('ishikawa-head-group')), 'the ishikawa renderer is in a webview chunk');
});

test('fishbone label wrapping: as few lines as allowed, never narrower than Mermaid\'s 15 characters, words kept whole', () => {
  const words = 'The router is not fully compatible with the latest EMR configuration.'.split(' ');
  // Room for many lines: Mermaid's own 15-character wrap.
  assert.deepEqual(wrapWithin(words, 10), ['The router is', 'not fully', 'compatible with', 'the latest EMR', 'configuration.']);
  // Two lines: as even as the words allow.
  assert.deepEqual(wrapWithin(words, 2), ['The router is not fully compatible', 'with the latest EMR configuration.']);
  // One line: the whole label.
  assert.deepEqual(wrapWithin(words, 1), [words.join(' ')]);
  // A word longer than the width keeps a line of its own.
  assert.deepEqual(wrapWithin(['Supercalifragilisticexpialidocious', 'VPN'], 5), ['Supercalifragilisticexpialidocious', 'VPN']);
});
