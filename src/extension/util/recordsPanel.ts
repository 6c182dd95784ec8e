import * as vscode from 'vscode';
import type { RecordIndex } from '../index/recordIndex';
import { Disposable } from './dispose';

/** The page a panel shows: its HTML from the CSP source, a nonce and the script and style URIs. */
export interface PanelPage {
  html(cspSource: string, nonce: string, script: string, style: string): string;
  /** Under dist/webview/. */
  script: string;
  /** Under media/. */
  style: string;
}

/**
 * A webview panel drawn from the records (the KEDB table, Insights): the page, its icon, its
 * messages, and a redraw when the records change, held back while typing goes on. The page says
 * `ready` when it can take data (again after being hidden: the webview is torn down then); until
 * then nothing is sent.
 */
export abstract class RecordsPanel<HostMessage> extends Disposable {
  protected ready = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  protected readonly renderedEmitter = this._register(new vscode.EventEmitter<void>());
  /** Fires when the page reports a drawing. */
  readonly onDidRender = this.renderedEmitter.event;

  /** Scripts on, nothing kept when hidden, and only the extension's media and webview bundles to load. */
  static options(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return { enableScripts: true, retainContextWhenHidden: false, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist', 'webview')] };
  }

  protected constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    protected readonly index: RecordIndex,
    page: PanelPage,
    private readonly debounceMs: number,
  ) {
    super();
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'kedb.svg');
    this._register(panel.onDidDispose(() => this.dispose()));
    this._register(panel.webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m)));
    this._register(index.onDidChange(() => this.schedule()));
    // A hidden webview is torn down (retainContextWhenHidden: false); shown again, it says `ready`.
    this._register(panel.onDidChangeViewState(() => !panel.visible && (this.ready = false)));
    const webview = panel.webview;
    const asUri = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...p)).toString();
    webview.html = page.html(webview.cspSource, crypto.randomUUID().replace(/-/g, ''), asUri('dist', 'webview', page.script), asUri('media', page.style));
  }

  override dispose(): void {
    if (this.isDisposed) return;
    if (this.timer) clearTimeout(this.timer);
    super.dispose();
    this.panel.dispose();
  }

  /** Sends the page what it draws now (only once it said `ready`). */
  protected abstract send(): void | Promise<void>;
  protected abstract onMessage(raw: unknown): Promise<void>;

  protected schedule(): void {
    if (!this.ready) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.send();
    }, this.debounceMs);
  }

  protected post(m: HostMessage): void {
    void this.panel.webview.postMessage(m);
  }
}
