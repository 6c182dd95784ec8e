import * as path from 'node:path';
import * as vscode from 'vscode';
import { detectPreset, formatImportReport, PRESET_NAMES, summaryLine, type ImportSummary } from '../../core/import';
import { importCsvFile, ImportSetupError, readCsvHeader } from '../../node/importFile';
import type { RecordIndex } from '../index/recordIndex';
import { escapeMarkdownCell, t } from '../../core/base';
import { safeWriteUri } from '../util/safeWrite';

export interface ImportCommandArgs {
  /** Skip the pickers (tests, other extensions): the CSV, the preset or mapping file, the target folder, a row limit, a dry run. */
  csv?: vscode.Uri;
  preset?: string;
  mapping?: vscode.Uri;
  outDir?: vscode.Uri;
  limit?: number;
  dryRun?: boolean;
  /** Open the summary at the end without asking. */
  openSummary?: boolean;
}

/** Each preset in plain words, and the columns it reads (column names stay as the exports spell them). */
function presetWords(name: string): { label: string; detail: string } {
  switch (name) {
    case 'seed':
      return { label: t('Simple ticket sheet'), detail: t('Columns {0}', 'Ticket ID, Body, Department, Priority, Tags') };
    case 'tobi-bueck':
      return { label: t('Customer support tickets (Tobi Bueck data set)'), detail: t('Columns {0}', 'subject, body, answer, type, queue, priority, language, tag_1…tag_9') };
    case 'servicenow-uci':
      return { label: t('ServiceNow incident export'), detail: t('Columns {0}', 'number, incident_state, impact, urgency, priority, location, problem_id…') };
    case 'bpic2014':
      return { label: t('ITIL incident log (Rabobank, BPIC 2014)'), detail: t('Columns {0}', 'CI name, CI type, impact, urgency, priority 1-5, KM number…') };
    default:
      return { label: name, detail: '' };
  }
}

type ImportChoice = { kind: 'preset'; preset: string } | { kind: 'mapping'; mapping: vscode.Uri };

/** The preset (the detected one first, in plain words) or a mapping file. */
async function chooseSource(csv: vscode.Uri): Promise<ImportChoice | undefined> {
  const header = await readCsvHeader(csv.fsPath).catch(() => undefined);
  const detected = header ? detectPreset(header) : undefined;
  type Item = vscode.QuickPickItem & { choice?: string };
  const items: Item[] = PRESET_NAMES.map((name) => {
    const words = presetWords(name);
    return { label: words.label, description: name === detected ? t('{0}, detected from the header', name) : name, detail: words.detail, choice: name };
  }).sort((a, b) => (a.choice === detected ? -1 : b.choice === detected ? 1 : 0));
  items.push({ label: t('Use a mapping file…'), detail: t('A YAML file that names the column for each incident field (see the README)') });
  const picked = await vscode.window.showQuickPick(items, { title: t('Import {0}', path.basename(csv.fsPath)), placeHolder: t('Which export is it?') });
  if (!picked) return undefined;
  if (picked.choice) return { kind: 'preset', preset: picked.choice };
  const map = await vscode.window.showOpenDialog({ title: t('Choose the mapping file'), canSelectMany: false, openLabel: t('Use Mapping'), filters: { YAML: ['yaml', 'yml'] } });
  return map?.[0] ? { kind: 'mapping', mapping: map[0] } : undefined;
}

/** Where the records go, how many rows, and whether to write at all. */
async function chooseHow(folder: vscode.Uri): Promise<{ outDir: vscode.Uri; limit?: number; dryRun: boolean } | undefined> {
  const incidents = vscode.Uri.joinPath(folder, 'incidents');
  type Item = vscode.QuickPickItem & { id: 'all' | 'limit' | 'dry' | 'folder' };
  const items: Item[] = [
    { id: 'all', label: t('Import every row'), description: vscode.workspace.asRelativePath(incidents) + '/' },
    { id: 'limit', label: t('Import the first rows only…'), description: t('try it on a sample first') },
    { id: 'dry', label: t('Dry run'), description: t('read and check every row, write nothing') },
    { id: 'folder', label: t('Import into another folder…') },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: t('How to import'), placeHolder: t('Every row into {0}/, or…', vscode.workspace.asRelativePath(incidents)) });
  if (!picked) return undefined;
  if (picked.id === 'all') return { outDir: incidents, dryRun: false };
  if (picked.id === 'dry') return { outDir: incidents, dryRun: true };
  if (picked.id === 'limit') {
    const text = await vscode.window.showInputBox({
      title: t('Import the first rows only'),
      prompt: t('How many rows?'),
      value: '100',
      validateInput: (v) => (/^[1-9]\d*$/.test(v.trim()) ? undefined : t('A whole number above 0')),
    });
    return text === undefined ? undefined : { outDir: incidents, limit: Number(text.trim()), dryRun: false };
  }
  const target = await vscode.window.showOpenDialog({ title: t('Choose the folder for the incident records'), canSelectFiles: false, canSelectFolders: true, defaultUri: folder, openLabel: t('Import Here') });
  return target?.[0] ? { outDir: target[0], dryRun: false } : undefined;
}

/**
 * KEDB: Import Tickets from CSV…: picks a file, the export it is (the detected preset first, in
 * plain words, or a mapping file), and how (every row, the first N, a dry run, another folder);
 * imports with a progress notification that counts rows and can be cancelled; then writes the
 * summary (ticket types and what they became, skipped rows and why, what it set up in
 * kedb.config.yaml) into .kedb/imports/ and shows it read-only, in the Markdown preview.
 */
export async function importTickets(index: RecordIndex, args: ImportCommandArgs = {}): Promise<ImportSummary | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const csv =
    args.csv ??
    (
      await vscode.window.showOpenDialog({
        title: t('Import tickets from a CSV export'),
        canSelectMany: false,
        openLabel: t('Import'),
        filters: { [t('CSV files')]: ['csv', 'txt'] },
        defaultUri: folder?.uri,
      })
    )?.[0];
  if (!csv) return undefined;
  if (csv.scheme !== 'file') {
    void vscode.window.showErrorMessage(t('KEDB: the import reads local files only.'));
    return undefined;
  }
  let preset = args.preset;
  let mapping = args.mapping;
  if (!preset && !mapping) {
    const source = await chooseSource(csv);
    if (!source) return undefined;
    if (source.kind === 'preset') preset = source.preset;
    else mapping = source.mapping;
  }
  let how: { outDir?: vscode.Uri; limit?: number; dryRun: boolean } = { outDir: args.outDir, limit: args.limit, dryRun: args.dryRun ?? false };
  if (!args.outDir && folder && args.csv === undefined) {
    const chosen = await chooseHow(folder.uri);
    if (!chosen) return undefined;
    how = chosen;
  }
  const outDir = how.outDir ?? (folder ? vscode.Uri.joinPath(folder.uri, 'incidents') : undefined);
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
          mappingPath: mapping?.fsPath,
          limit: how.limit,
          dryRun: how.dryRun,
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
  const item = (line: string) => `- ${escapeMarkdownCell(line)}`;
  const setting = (l: string) => {
    // Advice is a sentence, then the YAML to add: the sentence escaped, the YAML in a fence it cannot close.
    const [sentence, ...yaml] = l.split('\n');
    return yaml.length ? [item(sentence), '', '```yaml', ...yaml.map((y) => y.replace(/`/g, "'")), '```'] : [item(sentence)];
  };
  const text = [
    `# ${escapeMarkdownCell(t('Import of {0}', path.basename(csv.fsPath)))}`,
    '',
    ...formatImportReport(summary, (n) => `${path.basename(csv.fsPath)}:${n}`).map(item),
    ...(setup.length ? ['', `## ${t('Workspace settings')}`, '', ...setup.flatMap(setting)] : []),
    '',
  ].join('\n');
  // Kept in the workspace (.kedb/imports/), so it can be found again in the explorer, and shown
  // read-only in the Markdown preview: no unsaved document that asks to be saved when closed.
  let summaryUri: vscode.Uri | undefined;
  const root = folder?.uri;
  if (root) {
    const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
    summaryUri = vscode.Uri.joinPath(root, '.kedb', 'imports', `${stamp}-${path.basename(csv.fsPath).replace(/[^\w.-]+/g, '_')}.md`);
    try {
      await safeWriteUri(summaryUri, new TextEncoder().encode(text), { root });
    } catch {
      summaryUri = undefined;
    }
  }
  const open = async () => {
    if (summaryUri) await vscode.commands.executeCommand('markdown.showPreview', summaryUri);
    else await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: text, language: 'markdown' }), { preview: true });
  };
  if (args.openSummary) await open();
  else {
    const where = summaryUri ? ` ${t('Summary in {0}.', vscode.workspace.asRelativePath(summaryUri))}` : '';
    void vscode.window.showInformationMessage(`KEDB: ${summaryLine(summary)}.${where}`, t('Open Summary')).then((a) => (a ? open() : undefined));
  }
  return summary;
}
