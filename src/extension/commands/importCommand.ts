import * as path from 'node:path';
import * as vscode from 'vscode';
import { detectPreset, formatImportReport, PRESET_NAMES, summaryLine, type ImportSummary } from '../../core/import';
import { importCsvFile, ImportSetupError, readCsvHeader } from '../../node/importFile';
import type { RecordIndex } from '../index/recordIndex';
import { t } from '../../core/base';

export interface ImportCommandArgs {
  /** Skip the pickers (tests, other extensions): the CSV, the preset, and the target folder. */
  csv?: vscode.Uri;
  preset?: string;
  outDir?: vscode.Uri;
  /** Open the summary at the end without asking. */
  openSummary?: boolean;
}

/** The columns each preset reads (column names stay as the exports spell them). */
function presetDetail(name: string): string | undefined {
  switch (name) {
    case 'seed':
      return 'Ticket ID, Body, Department, Priority, Tags';
    case 'tobi-bueck':
      return 'subject, body, answer, type, queue, priority, language, tag_1..8';
    case 'servicenow-uci':
      return t('ServiceNow export: {0}', 'number, impact, urgency, priority, problem_id…');
    case 'bpic2014':
      return t('Rabobank ITIL: {0}', 'CI name, CI type, impact, urgency, priority 1-5, KM number');
    default:
      return undefined;
  }
}

/**
 * KEDB: Import Tickets from CSV…: picks a file and a preset (the detected one first), imports with a
 * progress notification that counts rows and can be cancelled, then offers the summary.
 */
export async function importTickets(index: RecordIndex, args: ImportCommandArgs = {}): Promise<ImportSummary | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const csv =
    args.csv ??
    (await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: t('Import'), filters: { [t('CSV files')]: ['csv', 'txt'] }, defaultUri: folder?.uri }))?.[0];
  if (!csv) return undefined;
  if (csv.scheme !== 'file') {
    void vscode.window.showErrorMessage(t('KEDB: the import reads local files only.'));
    return undefined;
  }
  let preset = args.preset;
  if (!preset) {
    const header = await readCsvHeader(csv.fsPath).catch(() => undefined);
    const detected = header ? detectPreset(header) : undefined;
    const items = PRESET_NAMES.map((name) => ({
      label: name,
      description: name === detected ? t('(detected from the header)') : '',
      detail: presetDetail(name),
    })).sort((a, b) => (a.label === detected ? -1 : b.label === detected ? 1 : 0));
    preset = (await vscode.window.showQuickPick(items, { placeHolder: t('Which export is {0}?', path.basename(csv.fsPath)) }))?.label;
    if (!preset) return undefined;
  }
  const outDir = args.outDir ?? (folder ? vscode.Uri.joinPath(folder.uri, 'incidents') : undefined);
  if (!outDir) {
    void vscode.window.showWarningMessage(t('KEDB: open a folder first: the records are written into it.'));
    return undefined;
  }
  let summary: ImportSummary | undefined;
  /** What the import set up in the workspace (kedb.config.yaml), and what it advises setting. */
  let setup: string[] = [];
  try {
    summary = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: t('KEDB: importing {0}', path.basename(csv.fsPath)), cancellable: true },
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
              message: t('{0} rows: {1} new, {2} updated, {3} skipped', p.rows.toLocaleString(), p.imported.toLocaleString(), p.updated.toLocaleString(), p.skipped.toLocaleString()),
              increment: Math.max(0, (fraction - lastFraction) * 100),
            });
            lastFraction = fraction;
          },
        });
        setup = [result.createdConfig, result.configNotWritten, ...result.advice].filter((l): l is string => l !== undefined);
        return result.summary;
      },
    );
  } catch (e) {
    const message = e instanceof ImportSetupError ? e.message : e instanceof Error ? e.message : String(e);
    void vscode.window.showErrorMessage(t('KEDB: import failed: {0}', message));
    return undefined;
  }
  await index.reloadAll();
  const text = [
    `# ${t('Import of {0}', csv.fsPath)}`,
    '',
    ...formatImportReport(summary, (n) => `${path.basename(csv.fsPath)}:${n}`),
    ...(setup.length ? ['', `## ${t('Workspace settings')}`, '', ...setup.flatMap((l) => [l.includes('\n') ? l.replace(/\n/, '\n\n```yaml\n') + '\n```' : l, ''])] : []),
  ].join('\n');
  const open = async () => {
    const doc = await vscode.workspace.openTextDocument({ content: text, language: 'markdown' });
    await vscode.window.showTextDocument(doc, { preview: true });
  };
  if (args.openSummary) await open();
  else {
    void vscode.window.showInformationMessage(`KEDB: ${summaryLine(summary)}`, t('Open Summary')).then((a) => (a ? open() : undefined));
  }
  return summary;
}
