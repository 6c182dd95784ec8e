// The same candidates in the same order in the view, `kedb candidates` and the report (issue 18):
// read from what each shows, in the real extension host.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';

interface SnapshotNode {
  label: string;
  children?: SnapshotNode[];
}

const KEDB = path.resolve(__dirname, '..', '..', '..', 'bin', 'kedb.js');

/** Runs Detect, `kedb candidates --format json` and Generate Report on `folder`; asserts one order. */
export async function assertSameCandidateOrder(folder: vscode.Uri): Promise<string[]> {
  await vscode.commands.executeCommand('kedb.detectCandidates');
  const tree = await vscode.commands.executeCommand<SnapshotNode[]>('kedb._candidatesSnapshot');
  const section = tree.find((n) => /^Candidates \(\d+\)$/.test(n.label));
  assert.ok(section, `a Candidates section: ${tree.map((n) => n.label).join(', ')}`);
  const view = (section.children ?? []).map((n) => n.label.replace(/^\d+\. /, ''));

  const cli = spawnSync(process.execPath, [KEDB, 'candidates', folder.fsPath, '--format', 'json'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(cli.status, 0, cli.stderr);
  const fromCli = (JSON.parse(cli.stdout) as { candidates: { label: string }[] }).candidates.map((c) => c.label);

  const report = await vscode.commands.executeCommand<{ markdown: string }>('kedb.generateReport', { show: false });
  const md = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(report.markdown)));
  const section1 = md.slice(md.indexOf('## 1.'), md.indexOf('## 2.'));
  // Table rows ranked "1", "2"… (those inside a candidate are ranked "1.1" and left out here).
  const fromReport = [...section1.matchAll(/^\| (\d+) \| (.*?) \| \d+ \|/gm)].map((m) => m[2].replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))).replace(/\\([\\|*_`[\]])/g, '$1'));
  assert.ok(fromReport.length > 0, 'the report ranks candidates');
  assert.deepEqual(view.slice(0, fromReport.length), fromReport, 'the view and the report rank the same candidates');
  assert.deepEqual(view, fromCli, 'the view and kedb candidates rank the same candidates');
  return view;
}
