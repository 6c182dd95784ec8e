// The editor's words in Indonesian: quick-fix titles, the checklist fix, hover and completion
// texts, with the Indonesian bundle merged from l10n/id/*.json; English again once it is unset.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checklistFixTitle,
  completionsAt,
  hoverAt,
  hoverMarkdownText,
  parseRangedFile,
  PRESETS,
  quickFixesFor,
  resolveConfig,
  suggestChecklist,
  Workspace,
  type Issue,
  type QuickFix,
} from '../../src/core';
import { inIndonesian } from './helpers';

const NOW = '2025-10-01T10:00:00+07:00';

function titles(ws: Workspace, file: string, code: Issue['code']): string[] {
  const issue = ws.issuesFor(file).find((i) => i.code === code);
  assert.ok(issue, `${file} has a ${code} issue`);
  return quickFixesFor(issue, { workspace: ws, path: file, ranged: parseRangedFile(ws.textOf(file)!, ws.config), now: NOW }).map((f: QuickFix) => f.title);
}

function fixture(): Workspace {
  const ws = new Workspace();
  ws.setFileText('problems/PRB-0001.yaml', 'kind: problem\nid: PRB-0001\ntitle: VPN\nstatus: fix-in-progres\nknown_error: KE-0900\n');
  ws.setFileText('problems/PRB-0002.yaml', 'kind: problem\nid: PRB-0002\nstatus: new\n');
  ws.setFileText('incidents/INC-0007.yaml', 'kind: incident\nid: INC-0007\ntitle: VPN drops\nstatus: new\npriority: P2\nproblem: PRB-0001\n');
  return ws;
}

test('quick-fix titles in Indonesian, and in English again once the bundle is unset', () => {
  const ws = fixture();
  inIndonesian(() => {
    assert.deepEqual(titles(ws, 'problems/PRB-0001.yaml', 'invalid-value'), ['Ubah menjadi fix-in-progress']);
    assert.deepEqual(titles(ws, 'problems/PRB-0002.yaml', 'missing-property'), ['Tambahkan "title: """']);
    assert.deepEqual(titles(ws, 'problems/PRB-0001.yaml', 'unknown-reference'), ['Buat known error KE-0900']);
  });
  assert.deepEqual(titles(ws, 'problems/PRB-0001.yaml', 'invalid-value'), ['Change to fix-in-progress']);
  assert.deepEqual(titles(ws, 'problems/PRB-0002.yaml', 'missing-property'), ['Add "title: """']);
  assert.deepEqual(titles(ws, 'problems/PRB-0001.yaml', 'unknown-reference'), ['Create known error KE-0900']);
});

test('the checklist fix title: the sentence in Indonesian, the ticket\'s words as written', () => {
  const value = { kind: 'incident', id: 'INC-0001', title: 'x', body: 'Printers are offline. Raising this ticket via the service portal.' };
  const channel = () => suggestChecklist(value, resolveConfig({}), PRESETS['itil-3x3']).suggestions.find((s) => s.field === 'channel')!;
  inIndonesian(() => {
    assert.equal(checklistFixTitle(channel()), "Tetapkan channel: portal, karena isi tiket menyebut 'Raising this ticket' dan 'via the service portal'");
  });
  assert.equal(checklistFixTitle(channel()), "Set channel: portal, because the body says 'Raising this ticket' and 'via the service portal'");
});

test('hover and completion texts in Indonesian', () => {
  const ws = fixture();
  const text = ws.textOf('problems/PRB-0001.yaml')!;
  const ranged = parseRangedFile(ws.textOf('incidents/INC-0007.yaml')!, ws.config);
  const hover = () => hoverAt(ranged, 'incidents/INC-0007.yaml', { line: 5, character: 12 }, ws)!;
  const link = (id: string) => `command:open?${id}`;
  inIndonesian(() => {
    // The record PRB-0001 as the incident names it: its kind and status, and the link to open it.
    const md = hoverMarkdownText(hover(), link);
    assert.match(md, /^\*\*PRB-0001\*\* — VPN\n\nmasalah · status `fix-in-progres`\n\n\[Buka PRB-0001\]\(command:open\?PRB-0001 "Buka problems\/PRB-0001\.yaml"\)$/);
    const dangling = hoverAt(parseRangedFile('kind: incident\nproblem: PRB-0404\n', ws.config), 'incidents/INC-0009.yaml', { line: 1, character: 12 }, ws)!;
    assert.equal(hoverMarkdownText(dangling, link), '`PRB-0404`: tidak ada masalah dengan id ini di ruang kerja ini.');
    // A reference field's type, in the completion list and the key hover.
    const items = completionsAt(text + 'incidents:\n  - ', { line: 6, character: 4 }, { path: 'problems/PRB-0001.yaml', workspace: ws, now: NOW }).items;
    const inc = items.find((i) => i.label === 'INC-0007');
    assert.match(inc?.documentation ?? '', /Status: new {2}\nPrioritas: P2 {2}\nMerujuk balik ke PRB-0001/);
    // A key's type in the completion list: a reference field's, and a required one's.
    const keys = completionsAt('kind: problem\nid: PRB-0003\n', { line: 2, character: 0 }, { path: 'problems/PRB-0003.yaml', workspace: ws, now: NOW }).items;
    assert.equal(keys.find((i) => i.label === 'incidents' && i.kind === 'property')?.detail, 'daftar id insiden');
    assert.equal(keys.find((i) => i.label === 'title' && i.kind === 'property')?.detail, 'teks · wajib');
  });
  assert.match(hoverMarkdownText(hover(), link), /\n\nproblem · status `fix-in-progres`\n\n\[Open PRB-0001\]/);
});
