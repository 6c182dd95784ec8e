import * as vscode from 'vscode';
import { kedbTable } from '../../core';
import type { RecordIndex } from '../index/recordIndex';
import { RecordsPanel } from '../util/recordsPanel';
import { tableHtml, tableLabels } from './tableHtml';
import { isTableWebviewMessage, KEDB_TABLE_VIEW_TYPE, type TableHostMessage, type TableRow, type TableWebviewMessage } from '../../shared/kedbTable';
import { toTableRow } from './tableProtocol';

/** Later index changes wait this long for typing to pause; the first rows go at once. */
const DEBOUNCE_MS = 300;

/** What the hidden test command reports about the open table. */
export interface TableProbe {
  visible: boolean;
  ready: boolean;
  rows: number;
  /** The row ids the webview last said it drew, in order. */
  rendered: string[];
  received: string[];
}

/** The KEDB table panel: one per window, revived after a reload. */
export class KedbTablePanel extends RecordsPanel<TableHostMessage> {
  static current: KedbTablePanel | undefined;
  private rows: TableRow[] = [];
  private rendered: string[] = [];
  private readonly received: string[] = [];

  static show(extensionUri: vscode.Uri, index: RecordIndex): KedbTablePanel {
    if (KedbTablePanel.current) {
      KedbTablePanel.current.panel.reveal();
      return KedbTablePanel.current;
    }
    const panel = vscode.window.createWebviewPanel(KEDB_TABLE_VIEW_TYPE, tableLabels().title, vscode.ViewColumn.Active, RecordsPanel.options(extensionUri));
    return new KedbTablePanel(panel, extensionUri, index);
  }

  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, index: RecordIndex): KedbTablePanel {
    KedbTablePanel.current?.dispose();
    panel.webview.options = RecordsPanel.options(extensionUri);
    return new KedbTablePanel(panel, extensionUri, index);
  }

  private constructor(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, index: RecordIndex) {
    super(panel, extensionUri, index, { html: tableHtml, script: 'kedb-table.js', style: 'kedb-table.css' }, DEBOUNCE_MS);
    KedbTablePanel.current = this;
  }

  override dispose(): void {
    if (KedbTablePanel.current === this) KedbTablePanel.current = undefined;
    super.dispose();
  }

  probe(): TableProbe {
    return { visible: this.panel.visible, ready: this.ready, rows: this.rows.length, rendered: [...this.rendered], received: [...this.received] };
  }

  /** Clicks a row in the webview, as a user would (the integration test's way in). */
  click(id: string): void {
    this.post({ type: 'click', id });
  }

  private collect(): TableRow[] {
    const rows: TableRow[] = [];
    for (const f of this.index.all()) {
      for (const r of kedbTable(f.ws)) {
        rows.push(toTableRow(r, f.folder.uri.toString()));
      }
    }
    return rows;
  }

  protected send(): void {
    if (!this.ready || this.isDisposed) return;
    this.rows = this.collect();
    this.post({ type: 'rows', rows: this.rows });
  }



  protected async onMessage(raw: unknown): Promise<void> {
    if (!isTableWebviewMessage(raw)) return;
    const m: TableWebviewMessage = raw;
    this.received.push(m.type);
    if (this.received.length > 50) this.received.shift();
    switch (m.type) {
      case 'ready':
        this.ready = true;
        await this.index.ready;
        this.send();
        break;
      case 'open': {
        // Only records of an open folder, by id: the webview cannot name a file.
        const folder = this.index.all().find((f) => f.folder.uri.toString() === m.folder);
        if (folder?.ws.get(m.id)) await vscode.commands.executeCommand('kedb._openRecord', { id: m.id, near: m.folder });
        break;
      }
      case 'export':
        await vscode.commands.executeCommand('kedb.exportKedbTable', { format: m.format });
        break;
      case 'rendered':
        this.rendered = m.ids;
        this.renderedEmitter.fire();
        break;
    }
  }
}

/** Brings the table back after a window reload. */
export class KedbTableSerializer implements vscode.WebviewPanelSerializer {
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly index: RecordIndex,
  ) {}

  async deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
    KedbTablePanel.revive(panel, this.extensionUri, this.index);
  }
}
