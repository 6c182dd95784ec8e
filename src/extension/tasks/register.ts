import * as vscode from 'vscode';
import { taskRange } from '../../core';
import { t } from '../../core/base';
import type { Register } from '../features';
import { TasksProvider, type TaskNode } from './tasksView';

export const VIEW_ID = 'kedb.tasks';

/**
 * The Tasks view and its commands: toggle the grouping (owner ↔ due date), and open a task at
 * its `id` in the problem file.
 */
export const register: Register = ({ index }) => {
  const provider = new TasksProvider(index);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const describe = () => (view.description = provider.grouping === 'owner' ? t('by owner') : t('by due date'));
  describe();

  return vscode.Disposable.from(
    provider,
    view,
    index.onDidChange(() => provider.refresh()),
    vscode.commands.registerCommand('kedb.toggleTasksGrouping', () => {
      provider.grouping = provider.grouping === 'owner' ? 'due' : 'owner';
      describe();
      provider.refresh();
      return provider.grouping;
    }),
    vscode.commands.registerCommand('kedb.openTask', async (node?: TaskNode) => {
      const sel = node ?? view.selection[0];
      if (sel?.type !== 'task') return undefined;
      const uri = index.uriOf(sel.folder, sel.row.file);
      const doc = await vscode.workspace.openTextDocument(uri);
      const r = taskRange(doc.getText(), sel.folder.ws.config, sel.row.ordinal, sel.row.task.index);
      const selection = r ? new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character) : undefined;
      return vscode.window.showTextDocument(doc, { selection, preview: true });
    }),
    // Hidden, in test builds only: the view's tree as the integration tests read it.
    ...(KEDB_TEST_HOOKS ? [vscode.commands.registerCommand('kedb._tasksSnapshot', () => provider.snapshot())] : []),
  );
};
