import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultConfig, parseRangedFile, quickFixesFor, resolveConfig } from '../../src/core';
import { buildRcaView, decodeMermaidLabel, fishboneToMermaid, fiveWhysToMermaid, mermaidLabel, nodeAtLine, readRca, rcaIssues } from '../../src/core/rca';
import { at, REPO_ROOT } from './helpers';
import { apply, codes, issue, workspace } from './kedbHelpers';

const PRB_0007 = fs.readFileSync(path.join(REPO_ROOT, 'samples', 'lab-02', 'problems', 'PRB-0007.yaml'), 'utf8');
const config = defaultConfig();

function view(text: string) {
  const v = buildRcaView(text, config);
  assert.ok(v.ok, v.ok ? '' : v.message);
  return v;
}

test('the seed PRB-0007 fishbone becomes exactly this ishikawa text', () => {
  assert.equal(
    view(PRB_0007).fishbone.text,
    [
      'ishikawa',
      '    VPN-Router Connectivity Disruption: Telemedicine #38; EMR unreachable #40;#34;connection lost#34;#41;',
      '    People',
      '        Network admins cannot quickly find a fix when a firmware update fails.',
      '            Network admins are unfamiliar with the firmware update procedure.',
      '        The support team is often late responding to reports.',
      '        Internal VPN troubleshooting documentation is very limited.',
      '    Process',
      '        There is no clear rollback procedure if a firmware update fails.',
      '        Resolution is often late.',
      '            Escalation to the vendor has no firm SLA.',
      '        VPN monitoring is reactive, not proactive.',
      '    Technology',
      '        The Cisco RV340 router firmware is faulty after the update.',
      '        The router is not fully compatible with the latest EMR configuration.',
      '        The router overloads when the load rises.',
      '            Router hardware capacity is limited.',
      '    Environment',
      '        The ISP connection fluctuates.',
      '        The network equipment room lacks adequate backup power.',
      '        The telemedicine network architecture has a single point of failure.',
      '    Measurement',
      '        VPN connection logs are not analysed routinely.',
      '        There is no real-time alerting for early warning.',
      '        The router has never been stress-tested.',
      '',
    ].join('\n'),
  );
});

test('the seed PRB-0007 5 Whys become exactly this flowchart, ending in the root cause', () => {
  assert.equal(
    view(PRB_0007).whys.text,
    [
      'flowchart TB',
      '    c0w0(["Why can clinic users not reach Telemedicine and the EMR?"])',
      '    c0b0["The VPN tunnels through the Cisco RV340 router keep dropping, so sessions end with #34;connection lost#34;."]',
      '    c0w0 -->|because| c0b0',
      '    c0w1(["Why do the VPN tunnels drop?"])',
      '    c0b0 --> c0w1',
      '    c0b1["The router firmware has been faulty since the last update, is not fully compatible with the latest EMR configuration, and the router overloads at peak load."]',
      '    c0w1 -->|because| c0b1',
      '    c0w2(["Why was the faulty firmware not rolled back straight away?"])',
      '    c0b1 --> c0w2',
      '    c0b2["There is no clear rollback procedure for a failed firmware update, and the network admins are unfamiliar with the update procedure."]',
      '    c0w2 -->|because| c0b2',
      '    c0w3(["Why was the failure not caught before it reached the clinics?"])',
      '    c0b2 --> c0w3',
      '    c0b3["VPN monitoring is reactive: connection logs are not analysed routinely, there is no real-time alerting, and the router was never stress-tested."]',
      '    c0w3 -->|because| c0b3',
      '    c0w4(["Why does one router failure take the whole service down?"])',
      '    c0b3 --> c0w4',
      '    c0b4[["The telemedicine network has a single point of failure: there is no redundant router or path."]]:::rootCause',
      '    c0w4 -->|because| c0b4',
      '    classDef rootCause stroke-width:3px,font-weight:bold',
      '',
    ].join('\n'),
  );
});

test('the seed PRB-0007 is valid under the new cause model and marks the KEDB row root causes', () => {
  const parsed = parseRangedFile(PRB_0007, config);
  assert.deepEqual(parsed.issues, []);
  const v = view(PRB_0007);
  assert.deepEqual(v.fishbone.nodes.filter((n) => n.kind === 'category').map((n) => n.label), ['People', 'Process', 'Technology', 'Environment', 'Measurement']);
  assert.equal(v.fishbone.nodes.filter((n) => n.kind === 'cause').length, 18);
  assert.deepEqual(v.model.rootCauses.length, 6);
  assert.deepEqual(v.fishbone.nodes.filter((n) => n.rootCause).map((n) => n.label).sort(), [...v.model.rootCauses].sort());
  assert.deepEqual(rcaIssues({ kind: 'problem', value: parsed.records[0].value }), []);
});

test('every diagram node maps back to the line of its text, the effect to its block scalar', () => {
  const v = view(PRB_0007);
  const line = (label: string) => {
    const n = [...v.fishbone.nodes, ...v.whys.nodes].find((x) => x.label === label);
    assert.ok(n?.location, label);
    return `${at(n.location.range)} span ${n.location.span.start + 1}-${n.location.span.end + 1}`;
  };
  assert.equal(line('VPN-Router Connectivity Disruption: Telemedicine & EMR unreachable ("connection lost")'), '47:7-47:93 span 46-47');
  assert.equal(line('People'), '49:15-49:21 span 49-55');
  assert.equal(line('Network admins cannot quickly find a fix when a firmware update fails.'), '51:20-51:90 span 51-53');
  assert.equal(line('Network admins are unfamiliar with the firmware update procedure.'), '53:17-53:82 span 53-53');
  assert.equal(line('The router has never been stress-tested.'), '87:13-87:53 span 87-87');
  assert.equal(line('Why do the VPN tunnels drop?'), '94:12-94:40 span 94-94');
  // A node for every node Mermaid draws: the effect, 5 bones, 18 causes.
  assert.equal(v.fishbone.nodes.length, 24);
  assert.ok(v.fishbone.nodes.every((n) => n.location));
});

test('the cursor anywhere in a cause item highlights that cause, the innermost one when they nest', () => {
  const v = view(PRB_0007);
  const locations = v.fishbone.nodes.flatMap((n) => (n.location ? [n.location] : []));
  const labelAt = (line1: number) => v.fishbone.nodes.find((n) => n.key === nodeAtLine(locations, line1 - 1))?.label;
  assert.equal(labelAt(52), 'Network admins cannot quickly find a fix when a firmware update fails.'); // `because:`
  assert.equal(labelAt(53), 'Network admins are unfamiliar with the firmware update procedure.');
  assert.equal(labelAt(64), 'VPN monitoring is reactive, not proactive.'); // its evidence line
  assert.equal(labelAt(50), 'People'); // `causes:` of the People bone
  assert.equal(labelAt(30), undefined);
});

test('the fishbone nodes come in the order Mermaid draws them: upper bones reversed', () => {
  const v = view(['kind: problem', 'id: PRB-0001', 'title: T', 'rca:', '  fishbone:', '    effect: E', '    categories:', '      - name: A', '        causes: [a1, {cause: a2, because: [a2x, a2y]}]', '      - name: B', '        causes: [b1, b2]', ''].join('\n'));
  assert.deepEqual(v.fishbone.nodes.map((n) => n.label), ['E', 'A', 'a2', 'a2y', 'a2x', 'a1', 'B', 'b1', 'b2']);
  assert.equal(v.fishbone.text, 'ishikawa\n    E\n    A\n        a1\n        a2\n            a2x\n            a2y\n    B\n        b1\n        b2\n');
});

test('the effect defaults to the title, then the problem statement; missing bones come from the config', () => {
  const cfg = resolveConfig({ fishbone: { preset: '4S' } });
  const m1 = readRca({ title: 'T', problem_statement: 'Stmt' }, cfg);
  assert.equal(m1.effect, 'T');
  assert.deepEqual(m1.effectPath, ['title']);
  const m0 = readRca({ problem_statement: 'Only a statement' }, cfg);
  assert.equal(m0.effect, 'Only a statement');
  assert.deepEqual(m0.effectPath, ['problem_statement']);
  assert.deepEqual(m1.categories.map((c) => c.name), ['Surroundings', 'Suppliers', 'Systems', 'Skills']);
  assert.equal(m1.categoriesFromConfig, true);
  const m2 = readRca({ title: 'Only a title', rca: { fishbone: { categories: [] } } }, cfg);
  assert.equal(m2.effect, 'Only a title');
  assert.deepEqual(m2.categories, []);
  assert.equal(fishboneToMermaid(m2).text, 'ishikawa\n    Only a title\n');
});

test('the fishbone presets 6M, 4S and 8P are selectable; a custom list wins', () => {
  assert.deepEqual(resolveConfig({ fishbone: { preset: '6M' } }).fishboneCategories, ['Man', 'Machine', 'Method', 'Material', 'Measurement', 'Mother Nature']);
  assert.deepEqual(resolveConfig({ fishbone: { preset: '8P' } }).fishboneCategories, ['Product', 'Price', 'Place', 'Promotion', 'People', 'Process', 'Physical Evidence', 'Productivity & Quality']);
  assert.deepEqual(resolveConfig({ fishbone: { preset: '4S', categories: ['Mine'] } }).fishboneCategories, ['Mine']);
  assert.deepEqual(resolveConfig({ fishbone: { preset: 'toString' } }).fishboneCategories, defaultConfig().fishboneCategories);
  const issues = parseRangedFile('fishbone:\n  preset: 7M\n', config).issues.filter((i) => i.code !== 'missing-kind');
  assert.equal(issues.length, 0, 'the record parser does not know config files');
});

test('a config with an unknown fishbone preset gets a diagnostic at the value', async () => {
  const ws = workspace({ 'kedb.config.yaml': 'version: 1\nfishbone:\n  preset: 7M\n' });
  assert.deepEqual(ws.issuesFor('kedb.config.yaml').map((i) => `${i.code} ${at(i.range)}`), ['invalid-value 3:11-3:13']);
});

test('several named 5 Whys chains become subgraphs side by side, each ending in its root cause', () => {
  const text = ['kind: problem', 'id: PRB-0001', 'title: T', 'rca:', '  five_whys:', '    Firmware:', '      - why: Why down?', '        because: Tunnel drops.', '      - why: Why drops?', '        because: Bad firmware.', '    Redundancy:', '      - Single router.', ''].join('\n');
  assert.deepEqual(parseRangedFile(text, config).issues, []);
  const v = view(text);
  assert.equal(
    v.whys.text,
    [
      'flowchart TB',
      '    subgraph chain0["Firmware"]',
      '        direction TB',
      '        c0w0(["Why down?"])',
      '        c0b0["Tunnel drops."]',
      '        c0w0 -->|because| c0b0',
      '        c0w1(["Why drops?"])',
      '        c0b0 --> c0w1',
      '        c0b1[["Bad firmware."]]:::rootCause',
      '        c0w1 -->|because| c0b1',
      '    end',
      '    subgraph chain1["Redundancy"]',
      '        direction TB',
      '        c1b0[["Single router."]]:::rootCause',
      '    end',
      '    classDef rootCause stroke-width:3px,font-weight:bold',
      '',
    ].join('\n'),
  );
  assert.deepEqual(v.whys.nodes.filter((n) => n.rootCause).map((n) => `${n.mermaidId} ${n.location && at(n.location.range)}`), ['c0b1 10:18-10:31', 'c1b0 12:9-12:23']);
});

test('the new cause model: nested because, evidence as text or list; the old {text, causes} shape is refused', () => {
  const good = ['kind: problem', 'id: PRB-0001', 'title: T', 'rca:', '  fishbone:', '    categories:', '      - name: People', '        causes:', '          - cause: A', '            evidence: [x, y]', '            because:', '              - cause: B', '                root_cause: true', '                because: [C]', '  root_causes: [b.]', ''].join('\n');
  assert.deepEqual(parseRangedFile(good, config).issues, []);
  const old = ['kind: problem', 'id: PRB-0001', 'title: T', 'rca:', '  fishbone:', '    categories:', '      - name: People', '        causes:', '          - text: A', '            causes: [B]', ''].join('\n');
  assert.deepEqual(
    parseRangedFile(old, config).issues.map((i) => `${i.code} ${at(i.range)} ${i.message}`),
    [
      'missing-property 9:13-9:17 Missing required property "cause" in rca.fishbone.categories[0].causes[0].',
      'unknown-property 9:13-9:17 Unknown property "text" in rca.fishbone.categories[0].causes[0].',
      'unknown-property 10:13-10:19 Unknown property "causes" in rca.fishbone.categories[0].causes[0]. Did you mean "cause"?',
    ],
  );
});

test('a cause marked root_cause but missing from root_causes gets a warning at root_cause', async () => {
  const text = ['kind: problem', 'id: PRB-0001', 'title: T', 'rca:', '  fishbone:', '    categories:', '      - name: Technology', '        causes:', '          - cause: Faulty firmware.', '            root_cause: true', '          - cause: Tiny router', '            because:', '              - cause: No budget', '                root_cause: true', '  root_causes:', '    - faulty   FIRMWARE', ''].join('\n');
  const ws = workspace({ 'problems/PRB-0001.yaml': text });
  assert.deepEqual(ws.issuesFor('problems/PRB-0001.yaml').map((i) => `${i.severity} ${i.code} ${at(i.range)} ${i.message}`), [
    'warning root-cause-unlisted 14:29-14:33 "No budget" is marked as a root cause but is not listed in rca.root_causes: add it there.',
  ]);
});

test('the quick fix adds an unlisted root cause to rca.root_causes, in the list\'s style, keeping comments', () => {
  const head = ['kind: problem', 'id: PRB-0001', 'title: T', 'rca:', '  fishbone:', '    categories:', '      - name: Technology', '        causes:', '          - cause: "Faulty firmware: v1.2"  # seen twice', '            root_cause: true'];
  const file = 'problems/PRB-0001.yaml';
  const fixed = (tail: string[]) => {
    const ws = workspace({ [file]: [...head, ...tail, ''].join('\n') });
    const found = issue(ws, file, 'root-cause-unlisted');
    const fixes = quickFixesFor(found, { workspace: ws, path: file, ranged: parseRangedFile(ws.textOf(file)!, ws.config) });
    assert.deepEqual(fixes.map((f) => [f.title, f.isPreferred]), [['Add "Faulty firmware: v1.2" to rca.root_causes', true]]);
    apply(ws, fixes[0].edits);
    assert.deepEqual(codes(ws, file, ['root-cause-unlisted']), [], 'the warning is gone');
    return ws.textOf(file)!.split('\n').slice(head.length).join('\n');
  };
  // A block list: a new item after the last, the comment kept.
  assert.equal(fixed(['  root_causes:', '    - No budget  # from the 5 Whys', '# end']), '  root_causes:\n    - No budget  # from the 5 Whys\n    - "Faulty firmware: v1.2"\n# end\n');
  // A flow list stays a flow list.
  assert.equal(fixed(['  root_causes: [No budget]']), '  root_causes: [No budget, "Faulty firmware: v1.2"]\n');
  // No list yet: one is made under rca.
  assert.equal(fixed(['  method: fishbone']), '  method: fishbone\n  root_causes:\n    - "Faulty firmware: v1.2"\n');
});

test('labels: syntax is written as entity codes, text stays readable, keywords lose their power', () => {
  assert.equal(mermaidLabel('Router "RV340" <b>fails</b> at 80% & more [x] {y} (z) #1; `a` | \\'), 'Router #34;RV340#34; #60;b#62;fails#60;/b#62; at 80#37; #38; more #91;x#93; #123;y#125; #40;z#41; #35;1; #96;a#96; #124; #92;');
  assert.equal(mermaidLabel('%%{init: {"theme": "dark"}}%%'), '#37;#37;#123;init: #123;#34;theme#34;: #34;dark#34;#125;#125;#37;#37;');
  assert.equal(mermaidLabel('click A call alert()'), '#99;lick A call alert#40;#41;');
  assert.equal(mermaidLabel('style A fill:#f00;'), '#115;tyle A fill#58;#35;f00;');
  assert.equal(mermaidLabel('line one\nline two\r\n\tthree\u2028four'), 'line one line two three four');
  assert.equal(mermaidLabel('   '), '…');
  assert.equal(mermaidLabel('ﬂ°°60¶ß'), 'fl°°60#182;\u200Bß');
  assert.equal(mermaidLabel('x'.repeat(1000)).length, 400);
  assert.equal(decodeMermaidLabel(mermaidLabel('a <b> & "c" #1;')), 'a <b> & "c" #1;');
  assert.equal(fiveWhysToMermaid(readRca({}, config)).text, 'flowchart TB\n    classDef rootCause stroke-width:3px,font-weight:bold\n');
});

test('a file with a YAML syntax error cannot be drawn, and says where', () => {
  const v = buildRcaView('kind: problem\nid: PRB-0001\ntitle: [unclosed\n', config);
  assert.equal(v.ok, false);
  assert.ok(!v.ok && v.line !== undefined && v.line >= 2 && /YAML syntax error/.test(v.message), JSON.stringify(v));
});
