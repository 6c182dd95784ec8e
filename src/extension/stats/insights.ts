import * as vscode from 'vscode';
import { computeStats, dayOfIso, recordedHistory, type GitHistory, type Stats } from '../../core';
import { t } from '../../core/base';
import { problemGitHistory } from '../../node/gitHistory';
import type { FolderIndex, RecordIndex } from '../index/recordIndex';
import { RecordsPanel } from '../util/recordsPanel';
import { safeWriteUri, WriteError } from '../util/safeWrite';
import { dismissalsOf } from '../candidates/detect';
import { pickFolder } from '../kedb/util';
import { OPEN_RECORD } from '../language/commands';
import { INSIGHTS_VIEW_TYPE, isInsightsWebviewMessage, type ChartId, type InsightsHostMessage, type InsightsWebviewMessage } from '../../shared/insights';
import { insightsLabels } from '../../shared/insightsLabels';
import { insightsHtml } from './insightsHtml';

/** Later index changes wait this long for typing to pause; the first figures go at once. */
const DEBOUNCE_MS = 500;

/** What the hidden test command reports about the open Insights. */
export interface InsightsProbe {
  visible: boolean;
  ready: boolean;
  /** The charts the page last said it drew. */
  rendered: Array<{ id: ChartId; marks: number; empty: boolean }>;
  /** How long the page took to draw them, ms. */
  ms: number;
  renders: number;
  stats?: Stats;
}

/** KEDB: Open Insights: the charts of one workspace folder's figures, redrawn as records change. */
export class InsightsPanel extends RecordsPanel<InsightsHostMessage> {
  static current: InsightsPanel | undefined;
  private stats: Stats | undefined;
  private git: GitHistory | undefined;
  private rendered: InsightsProbe['rendered'] = [];
  private ms = 0;
  private renders = 0;

  static async show(extensionUri: vscode.Uri, index: RecordIndex): Promise<InsightsPanel | undefined> {
    const folder = await pickFolder(index);
    if (!folder) {
      void vscode.window.showWarningMessage(t('KEDB: open a folder with records first.'));
      return undefined;
    }
    if (InsightsPanel.current?.folder === folder) {
      InsightsPanel.current.panel.reveal();
      return InsightsPanel.current;
    }
    InsightsPanel.current?.dispose();
    const panel = vscode.window.createWebviewPanel(INSIGHTS_VIEW_TYPE, insightsLabels().title, vscode.ViewColumn.Active, RecordsPanel.options(extensionUri));
    return new InsightsPanel(panel, extensionUri, index, folder);
  }

  private constructor(
    panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    index: RecordIndex,
    readonly folder: FolderIndex,
  ) {
    super(panel, extensionUri, index, { html: insightsHtml, script: 'insights.js', style: 'insights.css' }, DEBOUNCE_MS);
    InsightsPanel.current = this;
  }

  override dispose(): void {
    if (InsightsPanel.current === this) InsightsPanel.current = undefined;
    super.dispose();
  }

  probe(): InsightsProbe {
    return { visible: this.panel.visible, ready: this.ready, rendered: this.rendered, ms: this.ms, renders: this.renders, stats: this.stats };
  }

  /** Clicks a bar or a point in the page, as a user would (the integration test's way in). */
  click(chart: ChartId, index: number): void {
    this.post({ type: 'click', chart, index });
  }

  /** The figures of the folder now. Git is asked once per panel, about the problems without a history of their own. */
  private async compute(): Promise<Stats> {
    const ws = this.folder.ws;
    if (!this.git && this.folder.folder.uri.scheme === 'file') {
      const needGit = [...ws.records('problem')].filter((p) => p.id !== undefined && !recordedHistory(p.value)?.changes.length).map((p) => ({ id: p.id!, file: p.file }));
      if (needGit.length) this.git = problemGitHistory(this.folder.folder.uri.fsPath, needGit);
    }
    return computeStats(ws, { now: dayOfIso(ws.clock()), git: this.git, dismissals: await dismissalsOf(this.folder) });
  }

  protected async send(): Promise<void> {
    if (!this.ready || this.isDisposed) return;
    this.stats = await this.compute();
    this.post({ type: 'stats', stats: this.stats, folder: this.folder.folder.uri.toString() });
  }



  protected async onMessage(raw: unknown): Promise<void> {
    if (!isInsightsWebviewMessage(raw)) return;
    const m: InsightsWebviewMessage = raw;
    switch (m.type) {
      case 'ready':
        this.ready = true;
        await this.index.ready;
        await this.send();
        break;
      case 'open':
        await this.open(m.ids, m.label);
        break;
      case 'export':
        await this.save(m.chart, m.format, m.data);
        break;
      case 'rendered':
        this.rendered = m.charts;
        this.ms = m.ms;
        this.renders++;
        this.renderedEmitter.fire();
        break;
    }
  }

  /** One record: open it. Several: pick one (with its title). Only records of this folder, by id. */
  private async open(ids: string[], label: string): Promise<void> {
    const ws = this.folder.ws;
    const known = ids.filter((id) => ws.get(id));
    let id = known[0];
    if (known.length > 1) {
      const items = known.map((i) => {
        const title = ws.get(i)?.value.title;
        return { label: i, description: typeof title === 'string' ? title : undefined };
      });
      id = (await vscode.window.showQuickPick(items, { placeHolder: t('{0}: {1} records. Which one to open?', label, known.length), matchOnDescription: true }))?.label ?? '';
    }
    if (id) await vscode.commands.executeCommand(OPEN_RECORD, { id, near: this.folder.folder.uri.toString() });
  }

  /** Saves a chart the page sent, where the user says (default: reports/ in the folder). */
  private async save(chart: ChartId, format: 'svg' | 'png', data: string): Promise<void> {
    const bytes = format === 'svg' ? new TextEncoder().encode(data) : pngBytes(data);
    if (!bytes) return;
    const target = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.joinPath(this.folder.folder.uri, 'reports', `${chart}.${format}`),
      filters: format === 'svg' ? { SVG: ['svg'] } : { PNG: ['png'] },
    });
    if (!target) return;
    try {
      await safeWriteUri(target, bytes, { root: this.folder.folder.uri, explicit: true });
      void vscode.window.showInformationMessage(t('KEDB: saved {0}.', vscode.workspace.asRelativePath(target)));
    } catch (e) {
      if (!(e instanceof WriteError)) throw e;
      void vscode.window.showErrorMessage(t('KEDB: the chart was not saved: {0}', e.message));
    }
  }
}

/** A PNG data: URL's bytes, or undefined when it is not one. */
function pngBytes(dataUrl: string): Uint8Array | undefined {
  const prefix = 'data:image/png;base64,';
  if (!dataUrl.startsWith(prefix)) return undefined;
  return new Uint8Array(Buffer.from(dataUrl.slice(prefix.length), 'base64'));
}
