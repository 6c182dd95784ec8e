import * as path from 'node:path';
import * as vscode from 'vscode';
import { detectPreset, formatImportReport, PRESET_NAMES, summaryLine, type ImportSummary } from '../../core/import';
import { importCsvFile, ImportSetupError, readCsvHeader } from '../../node/importFile';
import type { RecordIndex } from '../index/recordIndex';

export interface ImportCommandArgs {
  /** Skip the pickers (tests, other extensions): the CSV, the preset, and the target folder. */
  csv?: vscode.Uri;
  preset?: string;
  outDir?: vscode.Uri;
  /** Open the summary at the end without asking. */
  openSummary?: boolean;
}

const PRESET_DETAIL: Record<string, string> = {
  seed: 'Ticket ID, Body, Department, Priority, Tags',
  'tobi-bueck': 'subject, body, answer, type, queue, priority, language, tag_1..8',
  'servicenow-uci': 'ServiceNow export: number, impact, urgency, priority, problem_id…',
  bpic2014: 'Rabobank ITIL: CI name, CI type, impact, urgency, priority 1-5, KM number',
};

/**
 * KEDB: Import Tickets from CSV…: picks a file and a preset (the detected one first), imports with a
 * progress notification that counts rows and can be cancelled, then offers the summary.
 */
export async function importTickets(index: RecordIndex, args: ImportCommandArgs = {}): Promise<ImportSummary | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const csv =
    args.csv ??
    (await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Import', filters: { 'CSV files': ['csv', 'txt'] }, defaultUri: folder?.uri }))?.[0];
  if (!csv) return undefined;
  if (csv.scheme !== 'file') {
    void vscode.window.showErrorMessage('KEDB: the import reads local files only.');
    return undefined;
  }
  let preset = args.preset;
  if (!preset) {
    const header = await readCsvHeader(csv.fsPath).catch(() => undefined);
    const detected = header ? detectPreset(header) : undefined;
    const items = PRESET_NAMES.map((name) => ({
      label: name,
      description: name === detected ? '(detected from the header)' : '',
      detail: PRESET_DETAIL[name],
    })).sort((a, b) => (a.label === detected ? -1 : b.label === detected ? 1 : 0));
    preset = (await vscode.window.showQuickPick(items, { placeHolder: `Which export is ${path.basename(csv.fsPath)}?` }))?.label;
    if (!preset) return undefined;
  }
  const outDir = args.outDir ?? (folder ? vscode.Uri.joinPath(folder.uri, 'incidents') : undefined);
  if (!outDir) {
    void vscode.window.showWarningMessage('KEDB: open a folder first: the records are written into it.');
    return undefined;
  }
  let summary: ImportSummary | undefined;
  try {
    summary = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `KEDB: importing ${path.basename(csv.fsPath)}`, cancellable: true },
      async (progress, token) => {
        let lastFraction = 0;
        const result = await importCsvFile({
          csvPath: csv.fsPath,
          outDir: outDir.fsPath,
          preset,
          isCancelled: () => token.isCancellationRequested,
          progressEvery: 250,
          onProgress: (p) => {
            const fraction = p.totalBytes ? p.bytesRead! / p.totalBytes : 0;
            progress.report({
              message: `${p.rows.toLocaleString()} rows: ${p.imported.toLocaleString()} new, ${p.updated.toLocaleString()} updated, ${p.skipped.toLocaleString()} skipped`,
              increment: Math.max(0, (fraction - lastFraction) * 100),
            });
            lastFraction = fraction;
          },
        });
        return result.summary;
      },
    );
  } catch (e) {
    const message = e instanceof ImportSetupError ? e.message : e instanceof Error ? e.message : String(e);
    void vscode.window.showErrorMessage(`KEDB: import failed: ${message}`);
    return undefined;
  }
  await index.reloadAll();
  const text = [`# Import of ${csv.fsPath}`, '', ...formatImportReport(summary, (n) => `${path.basename(csv.fsPath)}:${n}`)].join('\n');
  const open = async () => {
    const doc = await vscode.workspace.openTextDocument({ content: text, language: 'markdown' });
    await vscode.window.showTextDocument(doc, { preview: true });
  };
  if (args.openSummary) await open();
  else {
    void vscode.window.showInformationMessage(`KEDB: ${summaryLine(summary)}`, 'Open Summary').then((a) => (a ? open() : undefined));
  }
  return summary;
}
