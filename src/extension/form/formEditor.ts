import * as vscode from 'vscode';
import { dayOfIso, defaultConfig, formEdit, isoWithOffset, parseRangedFile, placeIssues, recordForm, taskFormEdit, withTaskState, type Issue, type KedbConfig } from '../../core';
import { isFormWebviewMessage, type FormHostMessage, type FormIssue, type FormWebviewMessage } from '../../shared/form';
import type { RecordIndex } from '../index/recordIndex';
import { Disposable } from '../util/dispose';
import { formHtml } from './html';

/** What the hidden test command reports about an open form. */
export interface FormProbe {
  source: string;
  version: number;
  ready: boolean;
  /** The last `render` sent, and the webview's messages (newest last). */
  render: FormHostMessage | undefined;
  received: unknown[];
}

/** Issues that make the text unsafe to edit in place: the form shows them and stays read-only. */
const BLOCKING = new Set(['yaml-syntax', 'duplicate-key', 'tab-indentation', 'alias-limit', 'file-too-large', 'binary-file', 'invalid-encoding', 'empty-file', 'not-a-mapping']);

/** Later changes (typing in the YAML editor, other files' issues) wait this long to redraw. */
const DEBOUNCE_MS = 80;

/**
 * One "Open as Form" editor: draws the document's first record as a form, and turns each form
 * edit into one WorkspaceEdit of the document (one step on VS Code's undo stack). An edit made on
 * a version older than the document's is refused and the form redrawn.
 */
export class RecordFormEditor extends Disposable {
  ready = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private last: FormHostMessage | undefined;
  readonly received: unknown[] = [];

  constructor(
    readonly document: vscode.TextDocument,
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly index: RecordIndex,
    onDispose: () => void,
  ) {
    super();
    const webview = panel.webview;
    webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist', 'webview')] };
    const asUri = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...p)).toString();
    webview.html = formHtml(webview.cspSource, crypto.randomUUID().replace(/-/g, ''), asUri('dist', 'webview', 'form.js'), asUri('media', 'form.css'));
    this._register(webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m)));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => e.document === document && e.contentChanges.length > 0 && this.schedule()));
    this._register(index.onDidChange(() => this.schedule()));
    this._register(panel.onDidChangeViewState(() => panel.visible || (this.ready = false)));
    this._register(panel.onDidDispose(() => {
      onDispose();
      this.dispose();
    }));
  }

  override dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    super.dispose();
  }

  probe(): FormProbe {
    return { source: this.document.uri.toString(), version: this.document.version, ready: this.ready, render: this.last, received: [...this.received] };
  }

  private schedule(): void {
    if (!this.ready || this.isDisposed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.send();
    }, DEBOUNCE_MS);
  }

  /** The file's config and issues, and "today" (the workspace's clock, which the task checks use). */
  private where(): { config: KedbConfig; issues: (text: string) => Issue[]; today: string } {
    const loc = this.index.locate(this.document.uri);
    if (!loc) return { config: defaultConfig(), issues: (text) => parseRangedFile(text, defaultConfig()).issues, today: dayOfIso(isoWithOffset(new Date())) };
    const ws = loc.folder.ws;
    return { config: ws.config, issues: () => ws.issuesFor(loc.path), today: dayOfIso(ws.clock()) };
  }

  /** The render message for the document as it is now. */
  build(): FormHostMessage {
    const text = this.document.getText();
    const { config, issues: issuesOf, today } = this.where();
    const ranged = parseRangedFile(text, config);
    const issues = issuesOf(text);
    const zone = /T\d\d:\d\d(?::\d\d(?:\.\d+)?)?(Z|[+-]\d\d:\d\d)\b/.exec(text)?.[1] ?? isoWithOffset(new Date()).slice(-6);
    const record = ranged.records[0];
    const blocked = ranged.issues.some((i) => BLOCKING.has(i.code) && i.severity === 'error');
    const flat = (list: readonly Issue[]): FormIssue[] => list.map((i) => ({ path: [], severity: i.severity, message: i.message, code: i.code, line: i.range.start.line + 1 }));
    if (blocked || !record?.kind) {
      return { type: 'render', version: this.document.version, form: null, issues: flat(issues.length ? issues : ranged.issues), readOnly: true, records: ranged.records.length, zone };
    }
    const form = withTaskState(recordForm(record.kind, record.value), record.value, today);
    return { type: 'render', version: this.document.version, form, issues: placeIssues(text, ranged.documents[record.docIndex], form, issues), readOnly: false, records: ranged.records.length, zone };
  }

  send(): void {
    if (this.isDisposed) return;
    this.last = this.build();
    void this.panel.webview.postMessage(this.last);
  }

  /** Handles a message from the page; for `edit`, resolves true when the document changed. */
  async onMessage(raw: unknown): Promise<boolean> {
    this.received.push(raw);
    if (this.received.length > 50) this.received.shift();
    if (!isFormWebviewMessage(raw)) return false;
    const m: FormWebviewMessage = raw;
    switch (m.type) {
      case 'ready':
        this.ready = true;
        await this.index.ready;
        this.send();
        return true;
      case 'openYaml':
        await vscode.commands.executeCommand('vscode.openWith', this.document.uri, 'default');
        return true;
      case 'rendered':
        return true;
      case 'edit':
        return this.edit(m.version, m.op);
    }
  }

  private async edit(version: number, op: Extract<FormWebviewMessage, { type: 'edit' }>['op']): Promise<boolean> {
    // Stale: the page drew an older text. Never write over the newer one; draw it instead.
    if (version !== this.document.version) {
      this.send();
      return false;
    }
    const text = this.document.getText();
    const { config, today } = this.where();
    const ranged = parseRangedFile(text, config);
    const record = ranged.records[0];
    const blocked = ranged.issues.some((i) => BLOCKING.has(i.code) && i.severity === 'error');
    const e = !blocked && record?.kind ? (taskFormEdit(text, 0, op, config, today) ?? formEdit(text, 0, record.kind, op, config)) : undefined;
    if (!e) {
      this.send();
      return false;
    }
    const edit = new vscode.WorkspaceEdit();
    edit.replace(this.document.uri, new vscode.Range(this.document.positionAt(e.start), this.document.positionAt(e.end)), e.text);
    const ok = await vscode.workspace.applyEdit(edit);
    this.send();
    return ok;
  }
}

/** The custom editor: one `RecordFormEditor` per opened form. */
export class RecordFormProvider implements vscode.CustomTextEditorProvider, vscode.Disposable {
  readonly editors = new Set<RecordFormEditor>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly index: RecordIndex,
  ) {}

  resolveCustomTextEditor(document: vscode.TextDocument, panel: vscode.WebviewPanel): void {
    const editor: RecordFormEditor = new RecordFormEditor(document, panel, this.extensionUri, this.index, () => this.editors.delete(editor));
    this.editors.add(editor);
  }

  dispose(): void {
    for (const e of this.editors) e.dispose();
    this.editors.clear();
  }
}
