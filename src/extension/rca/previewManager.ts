import * as vscode from 'vscode';
import { DIAGRAM_TABS, type DiagramTab } from '../../shared/protocol';
import type { RecordIndex } from '../index/recordIndex';
import { Disposable } from '../util/dispose';
import { FishbonePreview, isProblemDocument, type PreviewContext, type PreviewState } from './fishbonePreview';
import { t } from '../../core/base';

function isPreviewState(v: unknown): v is PreviewState {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  return typeof s.source === 'string' && typeof s.locked === 'boolean' && DIAGRAM_TABS.includes(s.tab as DiagramTab);
}

/**
 * Owns the fishbone previews: opens one beside the editor (reusing the unlocked one, as Markdown's
 * preview does), and restores them after a reload as the panel serializer.
 */
export class FishbonePreviewManager extends Disposable implements vscode.WebviewPanelSerializer<PreviewState> {
  private readonly previews = new Set<FishbonePreview>();
  private readonly ctx: PreviewContext;
  private readonly createdEmitter = this._register(new vscode.EventEmitter<FishbonePreview>());
  /** Fires when a preview is created or revived. */
  readonly onDidCreate = this.createdEmitter.event;

  constructor(extensionUri: vscode.Uri, index: RecordIndex) {
    super();
    this.ctx = { extensionUri, index, onDidChangePreview: () => undefined };
    this._register(vscode.window.registerWebviewPanelSerializer(FishbonePreview.viewType, this));
  }

  override dispose(): void {
    for (const p of [...this.previews]) p.dispose();
    super.dispose();
  }

  all(): FishbonePreview[] {
    return [...this.previews];
  }

  /** The preview the user is looking at: the active panel, else the one showing the active editor's file. */
  active(): FishbonePreview | undefined {
    const list = this.all();
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    return list.find((p) => p.panel.active) ?? list.find((p) => p.resource.toString() === uri) ?? list[0];
  }

  /** Opens (or reveals) the preview of a problem file beside its editor. */
  async openToSide(resource?: vscode.Uri): Promise<FishbonePreview | undefined> {
    const uri = resource ?? vscode.window.activeTextEditor?.document.uri;
    if (!uri) {
      void vscode.window.showInformationMessage(t('KEDB: open a problem record (a YAML file in problems/) to preview its fishbone.'));
      return undefined;
    }
    const doc = await vscode.workspace.openTextDocument(uri);
    if (!isProblemDocument(doc)) {
      void vscode.window.showInformationMessage(t('KEDB: {0} is not a problem record; the fishbone preview shows problems (kind: problem).', vscode.workspace.asRelativePath(uri)));
      return undefined;
    }
    const same = this.all().find((p) => p.resource.toString() === uri.toString());
    if (same) {
      same.reveal();
      return same;
    }
    const unlocked = this.all().find((p) => !p.locked);
    if (unlocked) {
      unlocked.setResource(uri);
      unlocked.reveal();
      return unlocked;
    }
    return this.track(FishbonePreview.create(this.ctx, uri));
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    if (!isPreviewState(state)) {
      panel.dispose();
      return;
    }
    this.track(FishbonePreview.revive(this.ctx, panel, state));
  }

  private track(preview: FishbonePreview): FishbonePreview {
    this.previews.add(preview);
    preview.onDidDispose(() => this.previews.delete(preview));
    this.createdEmitter.fire(preview);
    return preview;
  }
}
