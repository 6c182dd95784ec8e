import * as vscode from 'vscode';
import { buildReport, computeStats, dayOfIso, EXPORT_FORMATS, exportKedb, isoWithOffset, kedbTable, knownErrorCount, recordedHistory, reportHtml, reportMarkdown, type ExportFormat } from '../../core';
import { problemGitHistory } from '../../node/gitHistory';
import { insightsSvg } from '../../node/insightsSvg';
import type { RecordIndex } from '../index/recordIndex';
import { pickFolder } from './util';
import { t } from '../../core/base';
import { safeWriteUri, WriteError } from '../util/safeWrite';
import { dismissalsOf } from '../candidates/detect';

export const REPORT_FOLDER = 'reports';
export const REPORT_BASENAME = 'problem-management-report';
/** The folder beside the Markdown that holds its charts, one SVG file each (as `kedb report` writes them). */
export const CHARTS_FOLDER = 'charts';

export interface ReportArgs {
  /** false: do not offer to open the files (tests). */
  open?: boolean;
  /** true: show the report in its panel at once (tests), instead of offering it. */
  show?: boolean;
}

/**
 * A page the product wrote (the report, an exported KEDB) in a webview panel beside the editor: it
 * opens the same in desktop VS Code and in VS Code served to a browser (code-server), where a
 * file: URI handed to the system browser goes nowhere. The page carries its own CSP (scripts only
 * with its nonce), and loads nothing from outside.
 */
export function showPage(title: string, html: string): vscode.WebviewPanel {
  const panel = vscode.window.createWebviewPanel('kedb.page', title, vscode.ViewColumn.Beside, { enableScripts: html.includes('nonce-'), localResourceRoots: [] });
  panel.webview.html = html;
  return panel;
}

/**
 * The standalone drawing script the extension ships (dist/webview/standalone.js, the same one
 * `kedb report` inlines): with it the report draws its fishbones offline.
 */
async function drawingScript(extensionUri: vscode.Uri): Promise<string | undefined> {
  const file = vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'standalone.js');
  return vscode.workspace.fs.readFile(file).then(
    (bytes) => new TextDecoder().decode(bytes),
    () => undefined,
  );
}

/**
 * KEDB: Generate Problem Management Report. Writes reports/problem-management-report.md and .html
 * in the workspace folder, and offers to open them.
 */
export async function generateReport(index: RecordIndex, extensionUri: vscode.Uri, args: ReportArgs = {}): Promise<{ markdown: string; html: string } | undefined> {
  const folder = await pickFolder(index);
  if (!folder) {
    void vscode.window.showWarningMessage(t('KEDB: open a folder with records first.'));
    return undefined;
  }
  const dir = vscode.Uri.joinPath(folder.folder.uri, REPORT_FOLDER);
  const md = vscode.Uri.joinPath(dir, `${REPORT_BASENAME}.md`);
  const html = vscode.Uri.joinPath(dir, `${REPORT_BASENAME}.html`);
  let page = '';
  let title = '';
  try {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: t('KEDB: writing the problem-management report…') }, async () => {
      // Let the progress notification show before the synchronous work starts.
      await new Promise((r) => setTimeout(r, 0));
      const generated = isoWithOffset(new Date());
      const dismissals = await dismissalsOf(folder);
      const data = buildReport(folder.ws, generated, { dismissals });
      // The Insights charts as static SVG: inside the HTML, and as files beside the Markdown (charts/).
      const ws = folder.ws;
      const needGit = [...ws.records('problem')].filter((p) => p.id !== undefined && !recordedHistory(p.value)?.changes.length).map((p) => ({ id: p.id!, file: p.file }));
      const git = needGit.length && folder.folder.uri.scheme === 'file' ? problemGitHistory(folder.folder.uri.fsPath, needGit) : undefined;
      const charts = insightsSvg(computeStats(ws, { now: dayOfIso(generated), git, dismissals }));
      const script = await drawingScript(extensionUri);
      const enc = new TextEncoder();
      page = reportHtml(data, { charts, ...(script ? { draw: { script, nonce: crypto.randomUUID() } } : {}) });
      title = data.title;
      for (const c of charts) if (c.file) await safeWriteUri(vscode.Uri.joinPath(dir, CHARTS_FOLDER, `${c.id}.svg`), enc.encode(c.file), { root: folder.folder.uri });
      const chartFiles = charts.map((c) => ({ title: c.title, file: c.svg ? `${CHARTS_FOLDER}/${c.id}.svg` : undefined, empty: c.empty }));
      await safeWriteUri(md, enc.encode(reportMarkdown(data, { charts: chartFiles })), { root: folder.folder.uri });
      await safeWriteUri(html, enc.encode(page), { root: folder.folder.uri });
    });
  } catch (e) {
    if (!(e instanceof WriteError)) throw e;
    void vscode.window.showErrorMessage(t('KEDB: the report was not written: {0}', e.message));
    return undefined;
  }
  if (args.show) showPage(title, page);
  else if (args.open !== false) {
    const openReport = t('Open Report');
    const openMarkdown = t('Open Markdown');
    void vscode.window.showInformationMessage(t('KEDB: wrote {0} and {1}.', vscode.workspace.asRelativePath(md), `${REPORT_BASENAME}.html`), openReport, openMarkdown).then(async (choice) => {
      if (choice === openReport) showPage(title, page);
      if (choice === openMarkdown) await vscode.window.showTextDocument(md);
    });
  }
  return { markdown: md.toString(), html: html.toString() };
}

export interface ExportArgs {
  format?: ExportFormat;
  /** Where to write; default: reports/kedb.FORMAT in the workspace folder, made if missing. */
  uri?: string;
  /** false: do not offer to open the file (tests). */
  open?: boolean;
}

/** A format's name in the picker. */
function formatLabel(f: ExportFormat): string {
  return f === 'md' ? 'Markdown' : f === 'csv' ? 'CSV' : f === 'html' ? t('HTML page') : 'JSON';
}

/**
 * KEDB: Export KEDB Table…: the table as Markdown, CSV, HTML or JSON, written to
 * reports/kedb.FORMAT in the workspace folder (the folder is made, as for the report), or to
 * `args.uri`. Without `args.uri`, then says how many known errors it wrote and offers to open the file.
 */
export async function exportTable(index: RecordIndex, args: ExportArgs = {}): Promise<string | undefined> {
  const folder = await pickFolder(index);
  if (!folder) return undefined;
  const format =
    args.format && EXPORT_FORMATS.includes(args.format)
      ? args.format
      : (await vscode.window.showQuickPick(EXPORT_FORMATS.map((f) => ({ label: formatLabel(f), format: f })), { placeHolder: t('Export the KEDB table as…') }))?.format;
  if (!format) return undefined;
  const target = args.uri ? vscode.Uri.parse(args.uri) : vscode.Uri.joinPath(folder.folder.uri, REPORT_FOLDER, `kedb.${format}`);
  const rows = kedbTable(folder.ws);
  try {
    // safeWriteUri makes the missing folders (reports/): nothing to ask.
    await safeWriteUri(target, new TextEncoder().encode(exportKedb(rows, format)), { root: folder.folder.uri, explicit: args.uri !== undefined });
  } catch (e) {
    if (!(e instanceof WriteError)) throw e;
    void vscode.window.showErrorMessage(t('KEDB: the KEDB table was not exported: {0}', e.message));
    return undefined;
  }
  if (!args.uri && args.open !== false) {
    const open = t('Open');
    const message = t('KEDB: exported {0} to {1}.', knownErrorCount(rows.length), vscode.workspace.asRelativePath(target));
    void vscode.window.showInformationMessage(message, open).then(async (choice) => {
      if (choice !== open) return;
      if (format === 'html') showPage(t('Known Error Database'), new TextDecoder().decode(await vscode.workspace.fs.readFile(target)));
      else await vscode.window.showTextDocument(target);
    });
  }
  return target.toString();
}

