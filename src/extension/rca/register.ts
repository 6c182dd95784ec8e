import * as vscode from 'vscode';
import type { Register } from '../features';
import type { FishbonePreview } from './fishbonePreview';
import { FishbonePreviewManager } from './previewManager';
import { RcaCodeLensProvider } from './rcaCodeLens';
import { t } from '../../core/base';

/** What the hidden `kedb._fishbonePreview` command reports: the state of each open preview. */
export interface PreviewProbe {
  source: string;
  locked: boolean;
  visible: boolean;
  sent: unknown[];
  received: unknown[];
}

function probe(p: FishbonePreview): PreviewProbe {
  return { source: p.resource.toString(), locked: p.locked, visible: p.panel.visible, sent: [...p.sent], received: [...p.received] };
}

function asUri(v: unknown): vscode.Uri | undefined {
  if (v instanceof vscode.Uri) return v;
  if (typeof v === 'string' && v) return vscode.Uri.parse(v);
  return undefined;
}

/**
 * The fishbone preview: its manager (also the panel serializer), the commands, and the CodeLens
 * on `rca:`. The editor-title button and palette entries are in package.json.
 */
export const register: Register = ({ extensionUri, index }) => {
  const manager = new FishbonePreviewManager(extensionUri, index);
  const exportCmd = (format: 'svg' | 'png') => async (target?: unknown) => {
    const preview = manager.active();
    if (!preview) {
      void vscode.window.showInformationMessage(t('KEDB: open a fishbone preview first.'));
      return;
    }
    preview.requestExport(format, asUri(target));
  };
  return vscode.Disposable.from(
    manager,
    vscode.commands.registerCommand('kedb.openFishbonePreview', async (uri?: unknown) => {
      const preview = await manager.openToSide(asUri(uri));
      return preview?.resource.toString();
    }),
    vscode.commands.registerCommand('kedb.toggleFishbonePreviewLock', () => {
      const preview = manager.active();
      if (preview) preview.setLocked(!preview.locked);
    }),
    vscode.commands.registerCommand('kedb.exportFishboneSvg', exportCmd('svg')),
    vscode.commands.registerCommand('kedb.exportFishbonePng', exportCmd('png')),
    // Hidden, in test builds only: what the integration tests need. `state` lists the previews and
    // their message logs; `receive` hands a message to a preview as if its webview had sent it;
    // `closeAll` closes them.
    ...(KEDB_TEST_HOOKS ? [vscode.commands.registerCommand('kedb._fishbonePreview', async (action: unknown, source?: unknown, message?: unknown) => {
      if (action === 'closeAll') {
        for (const p of manager.all()) p.dispose();
        return true;
      }
      if (action === 'receive') {
        const preview = manager.all().find((p) => p.resource.toString() === source);
        if (!preview) return false;
        await preview.onMessage(message);
        return true;
      }
      return manager.all().map(probe);
    })] : []),
    vscode.languages.registerCodeLensProvider({ language: 'yaml' }, new RcaCodeLensProvider()),
  );
};
