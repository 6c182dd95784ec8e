import * as vscode from 'vscode';
import { groupForExplorer, type RecordKind, type RecordSummary } from '../../core';
import type { FolderIndex, RecordIndex } from '../index/recordIndex';
import { Disposable } from '../util/dispose';
import { t } from '../../core/base';

export type ExplorerNode =
  | { type: 'kind'; kind: RecordKind; label: string }
  | { type: 'group'; kind: RecordKind; label: string; records: { folder: FolderIndex; summary: RecordSummary }[] }
  | { type: 'record'; folder: FolderIndex; summary: RecordSummary };

const KINDS: RecordKind[] = ['incident', 'problem', 'known_error'];

/** A top-level group's label, in the current language. */
function kindLabel(kind: RecordKind): string {
  return kind === 'incident' ? t('Incidents') : kind === 'problem' ? t('Problems') : t('Known Errors');
}

function statusIcon(s: RecordSummary): vscode.ThemeIcon {
  const st = s.status ?? 'new';
  if (['resolved', 'closed', 'done'].includes(st)) return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
  if (['cancelled', 'converted-to-service-request'].includes(st)) return new vscode.ThemeIcon('circle-slash');
  if (st === 'on-hold') return new vscode.ThemeIcon('debug-pause');
  if (s.priority === 'P1' || s.priority === 'P2') return new vscode.ThemeIcon('flame', new vscode.ThemeColor('errorForeground'));
  if (['in-progress', 'root-cause-analysis', 'fix-in-progress', 'assessed', 'planned', 'ongoing'].includes(st)) return new vscode.ThemeIcon('sync');
  return new vscode.ThemeIcon('circle-outline');
}

/** The KEDB explorer: incidents by category, problems by status, known errors. */
export class ExplorerProvider extends Disposable implements vscode.TreeDataProvider<ExplorerNode> {
  private readonly emitter = this._register(new vscode.EventEmitter<ExplorerNode | undefined>());
  readonly onDidChangeTreeData = this.emitter.event;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly index: RecordIndex) {
    super();
    this._register(index.onDidChange(() => this.refresh()));
    this._register({ dispose: () => this.timer && clearTimeout(this.timer) });
  }

  /** Refreshes at most every 200 ms: typing must not rebuild the tree per keystroke. */
  refresh(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.emitter.fire(undefined);
    }, 200);
  }

  getChildren(node?: ExplorerNode): ExplorerNode[] {
    const total = this.index.all().reduce((n, f) => n + f.ws.recordFiles().length, 0);
    if (!node) return total === 0 ? [] : KINDS.map((kind) => ({ type: 'kind', kind, label: kindLabel(kind) }));
    if (node.type === 'kind') {
      const merged = new Map<string, { folder: FolderIndex; summary: RecordSummary }[]>();
      for (const folder of this.index.all()) {
        for (const g of groupForExplorer(folder.ws, node.kind)) {
          const list = merged.get(g.label) ?? [];
          list.push(...g.records.map((summary) => ({ folder, summary })));
          merged.set(g.label, list);
        }
      }
      if (node.kind === 'known_error') return (merged.get('Known Errors') ?? []).map((r) => ({ type: 'record', ...r }));
      return [...merged].map(([label, records]) => ({ type: 'group', kind: node.kind, label, records }));
    }
    if (node.type === 'group') return node.records.map((r) => ({ type: 'record', ...r }));
    return [];
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    if (node.type === 'kind') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      item.contextValue = `kedb.kind.${node.kind}`;
      item.iconPath = new vscode.ThemeIcon(node.kind === 'incident' ? 'issues' : node.kind === 'problem' ? 'bug' : 'book');
      return item;
    }
    if (node.type === 'group') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Collapsed);
      item.description = String(node.records.length);
      item.contextValue = 'kedb.group';
      return item;
    }
    const s = node.summary;
    const item = new vscode.TreeItem(`${s.id}  ${s.title}`, vscode.TreeItemCollapsibleState.None);
    item.id = `${node.folder.folder.uri.toString()}#${s.id}#${s.file}`;
    item.description = [s.priority, s.status].filter(Boolean).join(' · ');
    item.tooltip = new vscode.MarkdownString(`**${s.id}** ${s.title}\n\n${[s.priority, s.status, s.category].filter(Boolean).join(' · ')}`);
    item.iconPath = statusIcon(s);
    item.contextValue = `kedb.record.${s.kind}`;
    item.resourceUri = this.index.uriOf(node.folder, s.file);
    item.command = { command: 'vscode.open', title: 'Open', arguments: [item.resourceUri] };
    return item;
  }
}
