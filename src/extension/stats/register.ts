import * as vscode from 'vscode';
import type { Register } from '../features';
import { InsightsPanel } from './insights';

/** Insights: KEDB: Open Insights, the charts of the figures `kedb stats` counts. */
export const register: Register = ({ extensionUri, index }) =>
  vscode.Disposable.from(
    { dispose: () => InsightsPanel.current?.dispose() },
    vscode.commands.registerCommand('kedb.openInsights', async () => {
      await index.ready;
      await InsightsPanel.show(extensionUri, index);
    }),
    // Hidden, in test builds only: the page's drawing, and a click on a bar or point.
    ...(KEDB_TEST_HOOKS
      ? [
          vscode.commands.registerCommand('kedb._insights', (action?: unknown, chart?: unknown, i?: unknown) => {
            const panel = InsightsPanel.current;
            if (!panel) return undefined;
            if (action === 'click' && typeof chart === 'string' && typeof i === 'number') panel.click(chart as Parameters<InsightsPanel['click']>[0], i);
            return panel.probe();
          }),
        ]
      : []),
  );
