import * as vscode from 'vscode';
import { dayOfIso, listTasks, type TaskRow } from '../../core';
import { t } from '../../core/base';
import type { FolderIndex, RecordIndex } from '../index/recordIndex';
import { Disposable } from '../util/dispose';
import { groupDescription, groupTasks, taskLabel, type TaskGroup, type TaskGrouping } from './tree';

export type TaskNode = { type: 'group'; group: TaskGroup } | { type: 'task'; row: TaskRow; folder: FolderIndex };

/**
 * The "Tasks" view: the tasks of every problem in the workspace, grouped by owner or by due date,
 * overdue first with the days shown; a task opens its line in the problem file.
 */
export class TasksProvider extends Disposable implements vscode.TreeDataProvider<TaskNode> {
  private readonly emitter = this._register(new vscode.EventEmitter<TaskNode | undefined>());
  readonly onDidChangeTreeData = this.emitter.event;
  grouping: TaskGrouping = 'owner';

  constructor(private readonly index: RecordIndex) {
    super();
  }

  refresh(): void {
    this.emitter.fire(undefined);
  }

  /** The rows of every folder, each with its folder. */
  private rows(): { row: TaskRow; folder: FolderIndex }[] {
    const out: { row: TaskRow; folder: FolderIndex }[] = [];
    for (const folder of this.index.all()) {
      const ws = folder.ws;
      for (const row of listTasks(ws.records('problem'), { today: dayOfIso(ws.clock()) })) out.push({ row, folder });
    }
    return out;
  }

  private today(): string {
    const first = this.index.all()[0];
    return first ? dayOfIso(first.ws.clock()) : new Date().toISOString().slice(0, 10);
  }

  /** The tree as the view shows it, as plain data (for the integration tests). */
  snapshot(): { label: string; description: string; tasks: { label: string; description: string }[] }[] {
    return groupTasks(this.rows().map((r) => r.row), this.grouping, this.today()).map((g) => ({
      label: g.label,
      description: groupDescription(g),
      tasks: g.rows.map(taskLabel),
    }));
  }

  getChildren(node?: TaskNode): TaskNode[] {
    if (node?.type === 'task') return [];
    const rows = this.rows();
    const folders = new Map(rows.map((r) => [r.row, r.folder]));
    if (!node) return groupTasks(rows.map((r) => r.row), this.grouping, this.today()).map((group) => ({ type: 'group', group }));
    return node.group.rows.map((row) => ({ type: 'task', row, folder: folders.get(row)! }));
  }

  getTreeItem(node: TaskNode): vscode.TreeItem {
    if (node.type === 'group') {
      const item = new vscode.TreeItem(node.group.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `group:${this.grouping}:${node.group.key}`;
      item.description = groupDescription(node.group);
      item.contextValue = 'kedb.taskGroup';
      return item;
    }
    const { label, description } = taskLabel(node.row);
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = `task:${node.folder.folder.uri.toString()}:${node.row.file}:${node.row.ordinal}:${node.row.task.index}:${this.grouping}`;
    item.description = description;
    const task = node.row.task;
    item.tooltip = [node.row.problemTitle ? `${node.row.problem}: ${node.row.problemTitle}` : node.row.problem, task.title, task.owner && t('Owner: {0}', task.owner), task.due && t('Due: {0}', task.due), t('Status: {0}', task.status ?? 'open'), task.link].filter(Boolean).join('\n');
    item.iconPath =
      node.row.overdueDays > 0
        ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('editorWarning.foreground'))
        : task.status === 'done'
          ? new vscode.ThemeIcon('pass')
          : task.status === 'cancelled'
            ? new vscode.ThemeIcon('circle-slash')
            : new vscode.ThemeIcon('circle-outline');
    item.contextValue = 'kedb.task';
    item.command = { command: 'kedb.openTask', title: t('Open Task'), arguments: [node] };
    return item;
  }
}
