import * as vscode from 'vscode';
import { defaultConfig } from '../../core/records';
import { buildRcaView, nodeAtLine, wireDiagram, type NodeLocation } from '../../core/rca';
import { isWebviewMessage, PREVIEW_VIEW_TYPE, type DiagramTab, type HostMessage, type WebviewMessage } from '../../shared/protocol';
import type { RecordIndex } from '../index/recordIndex';
import { Disposable } from '../util/dispose';
import { DEBOUNCE_MS } from './constants';
import { previewHtml } from './html';
import { safeWriteUri } from '../util/safeWrite';
import { t } from '../../core/base';

/** What a preview needs from the extension. */
export interface PreviewContext {
  extensionUri: vscode.Uri;
  index: RecordIndex;
  /** Called when a preview's document or lock changes, so the manager can keep one per document. */
  onDidChangePreview(preview: FishbonePreview): void;
}

/** Persisted by the serializer; restores a preview after a reload. */
export interface PreviewState {
  source: string;
  locked: boolean;
  tab: DiagramTab;
}

/** How many messages each way a preview remembers, for tests and diagnosis. */
const LOG_SIZE = 50;

/** True for a YAML document that holds a problem record: in a problems/ folder or declaring `kind: problem`. */
export function isProblemDocument(doc: vscode.TextDocument): boolean {
  if (doc.languageId !== 'yaml' && !/\.ya?ml$/i.test(doc.uri.path)) return false;
  return /(^|\/)problems\/[^/]+\.ya?ml$/i.test(doc.uri.path) || /^kind:\s*problem\s*$/m.test(doc.getText());
}


/**
 * One fishbone preview panel: shows one problem file's diagrams, redraws as the file changes,
 * follows the active problem editor unless locked, and turns clicks into reveals.
 */
export class FishbonePreview extends Disposable {
  static readonly viewType = PREVIEW_VIEW_TYPE;

  /** Opens a new panel beside the active editor. */
  static create(ctx: PreviewContext, resource: vscode.Uri, locked = false): FishbonePreview {
    const panel = vscode.window.createWebviewPanel(
      FishbonePreview.viewType,
      t('Fishbone'),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      FishbonePreview.webviewOptions(ctx.extensionUri),
    );
    return new FishbonePreview(ctx, panel, resource, locked, 'fishbone');
  }

  /** Takes over a panel VS Code restored after a reload. */
  static revive(ctx: PreviewContext, panel: vscode.WebviewPanel, state: PreviewState): FishbonePreview {
    panel.webview.options = FishbonePreview.webviewOptions(ctx.extensionUri);
    return new FishbonePreview(ctx, panel, vscode.Uri.parse(state.source), state.locked, state.tab);
  }

  static webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      retainContextWhenHidden: false,
      enableFindWidget: false,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist', 'webview')],
    };
  }

  private seq = 0;
  private ready = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private drawnOnce = false;
  private locations = new Map<string, NodeLocation>();
  private lastHighlight: string | null | undefined;
  private lastSignature = '';
  /** Where the next export goes without asking (the export commands' argument). */
  private exportTarget: vscode.Uri | undefined;
  /** The record's id (or path) for the panel title and the export's file name. */
  private title = 'Fishbone';
  /** Recent messages each way: what the integration tests assert on. */
  readonly sent: HostMessage[] = [];
  readonly received: WebviewMessage[] = [];
  private readonly changeEmitter = this._register(new vscode.EventEmitter<void>());
  /** Fires after every message the webview sends. */
  readonly onDidReceive = this.changeEmitter.event;
  private readonly disposeEmitter = this._register(new vscode.EventEmitter<void>());
  readonly onDidDispose = this.disposeEmitter.event;

  private constructor(
    private readonly ctx: PreviewContext,
    readonly panel: vscode.WebviewPanel,
    private _resource: vscode.Uri,
    private _locked: boolean,
    private tab: DiagramTab,
  ) {
    super();
    panel.iconPath = vscode.Uri.joinPath(ctx.extensionUri, 'media', 'kedb.svg');
    this._register(panel.onDidDispose(() => this.dispose()));
    this._register(
      panel.webview.onDidReceiveMessage((m: unknown) =>
        this.onMessage(m).catch((err: unknown) => void vscode.window.showErrorMessage(t('KEDB fishbone preview: {0}', err instanceof Error ? err.message : String(err)))),
      ),
    );
    this._register(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === this._resource.toString() && e.contentChanges.length) this.schedule();
      }),
    );
    this._register(vscode.window.onDidChangeActiveTextEditor((e) => e && this.follow(e.document)));
    this._register(
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor.document.uri.toString() === this._resource.toString()) this.highlight(e.selections[0].active.line);
      }),
    );
    // The workspace config (kedb.config.yaml) gives the default bones.
    this._register(ctx.index.onDidChange(() => this.ready && this.schedule()));
    this.setHtml();
  }

  get resource(): vscode.Uri {
    return this._resource;
  }

  get locked(): boolean {
    return this._locked;
  }

  override dispose(): void {
    if (this.isDisposed) return;
    if (this.timer) clearTimeout(this.timer);
    this.disposeEmitter.fire();
    super.dispose();
    this.panel.dispose();
  }

  /** Shows another document (when following the editor, or when asked to). */
  setResource(resource: vscode.Uri): void {
    if (resource.toString() === this._resource.toString()) return;
    this._resource = resource;
    this.locations.clear();
    this.lastHighlight = undefined;
    this.drawnOnce = false;
    this.ctx.onDidChangePreview(this);
    void this.refresh();
  }

  setLocked(locked: boolean): void {
    this._locked = locked;
    this.updateTitle();
    this.ctx.onDidChangePreview(this);
    if (!locked) {
      const doc = vscode.window.activeTextEditor?.document;
      if (doc) this.follow(doc);
    }
    void this.refresh();
  }

  reveal(): void {
    this.panel.reveal(this.panel.viewColumn ?? vscode.ViewColumn.Beside, true);
  }

  /**
   * Asks the webview for an export; the answer arrives as an `export` message and is saved to
   * `target`, or where the save dialog says.
   */
  requestExport(format: 'svg' | 'png', target?: vscode.Uri): void {
    this.exportTarget = target;
    this.post({ type: 'requestExport', source: this._resource.toString(), format });
  }

  private setHtml(): void {
    const webview = this.panel.webview;
    const asUri = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.ctx.extensionUri, ...p)).toString();
    webview.html = previewHtml({
      cspSource: webview.cspSource,
      nonce: crypto.randomUUID().replace(/-/g, ''),
      scriptUri: asUri('dist', 'webview', 'preview.js'),
      styleUri: asUri('media', 'preview.css'),
      init: { source: this._resource.toString(), locked: this._locked, tab: this.tab },
    });
  }

  private follow(doc: vscode.TextDocument): void {
    if (this._locked || this.isDisposed || !isProblemDocument(doc)) return;
    this.setResource(doc.uri);
  }

  private schedule(): void {
    if (!this.drawnOnce) {
      void this.refresh();
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, DEBOUNCE_MS);
  }

  /** Builds and sends the diagrams for the document as it is now; a newer edit makes this one stale. */
  private async refresh(): Promise<void> {
    if (!this.ready || this.isDisposed) return;
    const resource = this._resource;
    let doc: vscode.TextDocument;
    try {
      doc = await vscode.workspace.openTextDocument(resource);
    } catch (err) {
      this.post({ type: 'error', source: resource.toString(), seq: ++this.seq, version: 0, message: t('Cannot open {0}: {1}', vscode.workspace.asRelativePath(resource), err instanceof Error ? err.message : String(err)) });
      return;
    }
    // The document or the preview's target changed while we waited: a later refresh will draw.
    if (this.isDisposed || resource.toString() !== this._resource.toString()) return;
    const version = doc.version;
    const config = this.ctx.index.locate(resource)?.folder.ws.config ?? defaultConfig();
    const view = buildRcaView(doc.getText(), config);
    const source = resource.toString();
    if (!view.ok) {
      // The next good drawing must be sent even if it equals the last one: it clears the banner.
      this.lastSignature = '';
      this.post({ type: 'error', source, seq: ++this.seq, version, message: view.message, ...(view.line !== undefined ? { line: view.line } : {}) });
      return;
    }
    this.drawnOnce = true;
    this.locations = new Map();
    for (const d of [view.fishbone, view.whys]) for (const n of d.nodes) if (n.location) this.locations.set(n.key, n.location);
    this.title = view.id ?? vscode.workspace.asRelativePath(resource);
    this.updateTitle();
    const title = [view.id, view.title].filter(Boolean).join(' — ') || vscode.workspace.asRelativePath(resource);
    const fishbone = wireDiagram(view.fishbone);
    const whys = wireDiagram(view.whys);
    // An index change elsewhere, or an edit outside rca, draws the same thing: send nothing.
    const signature = JSON.stringify([source, title, this._locked, fishbone, whys]);
    if (signature !== this.lastSignature) {
      this.lastSignature = signature;
      this.post({ type: 'render', source, seq: ++this.seq, version, title, locked: this._locked, fishbone, whys });
    }
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === source);
    if (editor) {
      this.lastHighlight = undefined;
      this.highlight(editor.selection.active.line);
    }
  }

  private updateTitle(): void {
    this.panel.title = this._locked ? t('[Locked] Fishbone: {0}', this.title) : t('Fishbone: {0}', this.title);
  }

  private highlight(line: number): void {
    const key = nodeAtLine(this.locations.values(), line) ?? null;
    if (key === this.lastHighlight) return;
    this.lastHighlight = key;
    this.post({ type: 'highlight', source: this._resource.toString(), key });
  }

  private post(message: HostMessage): void {
    if (this.isDisposed) return;
    if (KEDB_TEST_HOOKS) {
      this.sent.push(message);
      if (this.sent.length > LOG_SIZE) this.sent.shift();
    }
    void this.panel.webview.postMessage(message);
  }

  /** Handles one message from the webview (also called by the tests' hidden command in a test build). */
  async onMessage(raw: unknown): Promise<void> {
    if (!isWebviewMessage(raw)) return;
    if (KEDB_TEST_HOOKS) {
      this.received.push(raw);
      if (this.received.length > LOG_SIZE) this.received.shift();
    }
    try {
      if (raw.type === 'ready') {
        this.ready = true;
        this.drawnOnce = false;
        this.lastSignature = '';
        await this.refresh();
        return;
      }
      // Messages about a document this preview no longer shows are late: ignore them.
      if (raw.source !== this._resource.toString()) return;
      switch (raw.type) {
        case 'reveal':
          await this.revealNode(raw.key);
          break;
        case 'toggleLock':
          this.setLocked(!this._locked);
          break;
        case 'tabChanged':
          this.tab = raw.tab;
          break;
        case 'export':
          await this.saveExport(raw.format, raw.data);
          break;
        case 'rendered':
          break;
      }
    } finally {
      this.changeEmitter.fire();
    }
  }

  /** Reveals and selects a node's text in the editor beside the preview. */
  async revealNode(key: string): Promise<vscode.TextEditor | undefined> {
    const loc = this.locations.get(key);
    if (!loc) return undefined;
    const doc = await vscode.workspace.openTextDocument(this._resource);
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === doc.uri.toString());
    const column = visible?.viewColumn ?? (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: column, preserveFocus: false });
    const { start, end } = loc.range;
    const range = new vscode.Range(start.line, start.character, end.line, end.character);
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return editor;
  }

  private async saveExport(format: 'svg' | 'png', data: string): Promise<void> {
    let target = this.exportTarget;
    this.exportTarget = undefined;
    if (!target) {
      const base = vscode.Uri.joinPath(this._resource, '..', `${this.title.replace(/[^\w.-]+/g, '_')}-${this.tab === 'whys' ? '5-whys' : 'fishbone'}.${format}`);
      target = await vscode.window.showSaveDialog({
        defaultUri: base,
        saveLabel: t('Export {0}', format.toUpperCase()),
        filters: format === 'svg' ? { [t('SVG image')]: ['svg'] } : { [t('PNG image')]: ['png'] },
      });
      if (!target) return;
    }
    const bytes = format === 'svg' ? new TextEncoder().encode(data) : Buffer.from(data.slice(data.indexOf(',') + 1), 'base64');
    try {
      await safeWriteUri(target, bytes, { root: vscode.workspace.getWorkspaceFolder(target)?.uri, explicit: true });
    } catch (err) {
      void vscode.window.showErrorMessage(t('KEDB fishbone preview: {0}', err instanceof Error ? err.message : String(err)));
      return;
    }
    void vscode.window.setStatusBarMessage(t('KEDB: saved {0}', vscode.workspace.asRelativePath(target)), 4000);
  }

  state(): PreviewState {
    return { source: this._resource.toString(), locked: this._locked, tab: this.tab };
  }
}
