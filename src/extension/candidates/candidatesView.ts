import * as vscode from 'vscode';
import { contextReason, ruleName, scoreSentence, shownEvidence, sparkline, trendLine, withChildren, type Candidate, type CandidateIncident, type CategoryRow, type DetectionResult } from '../../core';
import type { FolderIndex, RecordIndex } from '../index/recordIndex';
import { Disposable } from '../util/dispose';
import { t } from '../../core/base';

/** The last detection in one workspace folder. */
export interface FolderResult {
  folder: FolderIndex;
  result: DetectionResult;
}

export type CandidateNode =
  | { type: 'section'; id: 'folder' | 'candidates' | 'context' | 'covered' | 'dismissed' | 'categories'; label: string; folder: FolderResult }
  | { type: 'candidate'; folder: FolderResult; candidate: Candidate; rank?: string }
  | { type: 'evidence'; folder: FolderResult; candidate: Candidate }
  | { type: 'line'; folder: FolderResult; candidate: Candidate; text: string; index: number }
  | { type: 'incidents'; folder: FolderResult; candidate: Candidate }
  | { type: 'incident'; folder: FolderResult; candidate: Candidate; incident: CandidateIncident }
  | { type: 'category'; folder: FolderResult; row: CategoryRow };

function priorityIcon(p: string | undefined): vscode.ThemeIcon {
  if (p === 'P1' || p === 'P2') return new vscode.ThemeIcon('flame', new vscode.ThemeColor('errorForeground'));
  if (p === 'P3') return new vscode.ThemeIcon('warning', new vscode.ThemeColor('editorWarning.foreground'));
  return new vscode.ThemeIcon('circle-outline');
}

/** The rules that found a candidate, by name: "same category + similar text". */
function rulesOf(c: Candidate): string {
  return c.rules.map(ruleName).join(' + ');
}

function evidenceMarkdown(c: Candidate): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${escapeMd(c.label)}**  \n`);
  md.appendMarkdown(`${escapeMd(scoreSentence(c))}\n\n`);
  const trend = trendLine(c);
  if (trend) md.appendMarkdown(`${escapeMd(trend)}\n\n`);
  for (const e of shownEvidence(c)) md.appendMarkdown(`- ${escapeMd(e)}\n`);
  md.appendMarkdown(`\n\`${escapeMd(c.key)}\``);
  return md;
}

function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!<>|]/g, (c) => '\\' + c);
}

/** A context category's evidence: why it is context, then what the detector found. */
function contextLines(f: FolderResult, c: Candidate): string[] | undefined {
  return f.result.context.includes(c) ? [contextReason(f.result, c), ...shownEvidence(c)] : undefined;
}

/**
 * The "Problem Candidates" view: the ranked candidates of the last run, each with its evidence
 * and its incidents (click to open); those already covered by problems and those dismissed, out
 * of the way; and the seed's table of categories.
 *
 * A tree view rather than a webview: candidates, evidence and incidents are a hierarchy, and a
 * tree in the KEDB activity-bar container gets keyboard navigation, screen-reader support,
 * theming, context menus and inline actions from VS Code for free, with no page, script or
 * message protocol to secure and keep in step.
 */
export class CandidatesProvider extends Disposable implements vscode.TreeDataProvider<CandidateNode> {
  private readonly emitter = this._register(new vscode.EventEmitter<CandidateNode | undefined>());
  readonly onDidChangeTreeData = this.emitter.event;
  private results: FolderResult[] = [];
  /** Set when records changed after the last run: the view says so until it runs again. */
  stale = false;

  constructor(private readonly index: RecordIndex) {
    super();
  }

  get current(): readonly FolderResult[] {
    return this.results;
  }

  set(results: FolderResult[]): void {
    this.results = results;
    this.stale = false;
    this.emitter.fire(undefined);
  }

  /** Finds a candidate of the last run by folder and key (any of its keys). */
  find(key: string, folderUri?: string): { folder: FolderResult; candidate: Candidate } | undefined {
    for (const f of this.results) {
      if (folderUri && f.folder.folder.uri.toString() !== folderUri) continue;
      for (const c of [...withChildren(f.result.candidates), ...f.result.context, ...f.result.covered, ...f.result.dismissed]) if (c.key === key || c.keys.includes(key)) return { folder: f, candidate: c };
    }
    return undefined;
  }

  private sections(f: FolderResult): CandidateNode[] {
    const r = f.result;
    const out: CandidateNode[] = [{ type: 'section', id: 'candidates', label: t('Candidates ({0})', r.candidates.length), folder: f }];
    if (r.context.length) out.push({ type: 'section', id: 'context', label: t('Context: large categories ({0})', r.context.length), folder: f });
    if (r.covered.length) out.push({ type: 'section', id: 'covered', label: t('Covered by existing problems ({0})', r.covered.length), folder: f });
    if (r.dismissed.length) out.push({ type: 'section', id: 'dismissed', label: t('Dismissed ({0})', r.dismissed.length), folder: f });
    out.push({ type: 'section', id: 'categories', label: t('Incidents per category (the frequency table)'), folder: f });
    return out;
  }

  getChildren(node?: CandidateNode): CandidateNode[] {
    if (!node) {
      if (this.results.length === 1) return this.sections(this.results[0]);
      // A multi-root workspace shows one node per folder first.
      return this.results.map((f) => ({ type: 'section', id: 'folder', label: f.folder.folder.name, folder: f }));
    }
    if (node.type === 'section') {
      const f = node.folder;
      if (node.id === 'folder') return this.sections(f);
      const list =
        node.id === 'candidates' ? f.result.candidates : node.id === 'context' ? f.result.context : node.id === 'covered' ? f.result.covered : node.id === 'dismissed' ? f.result.dismissed : undefined;
      if (list) return list.map((candidate, i) => ({ type: 'candidate', folder: f, candidate, rank: node.id === 'candidates' ? String(i + 1) : undefined }));
      return f.result.categories.map((row) => ({ type: 'category', folder: f, row }));
    }
    if (node.type === 'candidate') {
      // The candidates inside this one come after its evidence and incidents, ranked "1.1", "1.2"…
      return [
        { type: 'evidence', folder: node.folder, candidate: node.candidate },
        { type: 'incidents', folder: node.folder, candidate: node.candidate },
        ...node.candidate.children.map((candidate, i): CandidateNode => ({ type: 'candidate', folder: node.folder, candidate, rank: node.rank ? `${node.rank}.${i + 1}` : undefined })),
      ];
    }
    if (node.type === 'evidence') {
      const c = node.candidate;
      const lines = contextLines(node.folder, c) ?? [...shownEvidence(c)];
      const trend = trendLine(c);
      if (trend) lines.unshift(trend);
      if (c.dismissed) {
        const day = c.dismissed.dismissedAt.slice(0, 10);
        lines.unshift(c.dismissed.reason ? t('Dismissed {0}: {1}.', day, c.dismissed.reason) : t('Dismissed {0}: no reason given.', day));
      }
      lines.push(scoreSentence(c));
      return lines.map((text, i) => ({ type: 'line', folder: node.folder, candidate: c, text, index: i }));
    }
    if (node.type === 'incidents') return node.candidate.items.map((incident) => ({ type: 'incident', folder: node.folder, candidate: node.candidate, incident }));
    return [];
  }

  getTreeItem(node: CandidateNode): vscode.TreeItem {
    switch (node.type) {
      case 'section': {
        const expanded = node.id === 'candidates' || node.id === 'folder';
        const item = new vscode.TreeItem(node.label, expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
        item.contextValue = `kedb.candidates.${node.id}`;
        const icons = { folder: 'root-folder', candidates: 'search', context: 'library', covered: 'pass', dismissed: 'eye-closed', categories: 'table' };
        item.iconPath = new vscode.ThemeIcon(icons[node.id]);
        item.id = `${node.folder.folder.folder.uri.toString()}#${node.id}`;
        if (node.id === 'candidates' && this.stale) item.description = t('records changed: run again');
        return item;
      }
      case 'candidate': {
        const c = node.candidate;
        const item = new vscode.TreeItem(`${node.rank ? `${node.rank}. ` : ''}${c.label}`, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `${node.folder.folder.folder.uri.toString()}#${c.key}`;
        const covered = c.status === 'covered' ? t('covered by {0}', c.problems.join(', ')) : c.status === 'partial' ? t('partly covered') : undefined;
        // The trend drawn inline, in block characters: the tree has no room for a picture.
        const trend = c.trend && c.trend.counts.length > 1 ? [sparkline(c.trend, 16)] : [];
        item.description = [t('{0} incidents', c.count), c.highestPriority ?? t('no priority'), rulesOf(c), t('score {0}', c.score), ...(covered ? [covered] : []), ...trend].join(' · ');
        item.tooltip = evidenceMarkdown(c);
        item.iconPath = c.dismissed ? new vscode.ThemeIcon('eye-closed') : c.status === 'covered' ? new vscode.ThemeIcon('pass') : priorityIcon(c.highestPriority);
        item.contextValue = c.dismissed ? 'kedb.candidate.dismissed' : c.open.length ? `kedb.candidate.${c.status}` : 'kedb.candidate.linked';
        return item;
      }
      case 'evidence': {
        const item = new vscode.TreeItem(t('Evidence'), vscode.TreeItemCollapsibleState.Expanded);
        item.iconPath = new vscode.ThemeIcon('checklist');
        item.id = `${node.folder.folder.folder.uri.toString()}#${node.candidate.key}#evidence`;
        return item;
      }
      case 'line': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.id = `${node.folder.folder.folder.uri.toString()}#${node.candidate.key}#evidence#${node.index}`;
        item.tooltip = node.text;
        item.iconPath = new vscode.ThemeIcon('info');
        return item;
      }
      case 'incidents': {
        const c = node.candidate;
        const item = new vscode.TreeItem(t('Incidents ({0})', c.count), vscode.TreeItemCollapsibleState.Expanded);
        item.iconPath = new vscode.ThemeIcon('issues');
        item.id = `${node.folder.folder.folder.uri.toString()}#${c.key}#incidents`;
        if (c.open.length < c.count) item.description = t('{0} not linked to a problem', c.open.length);
        return item;
      }
      case 'incident': {
        const i = node.incident;
        const item = new vscode.TreeItem(`${i.id}  ${i.title}`, vscode.TreeItemCollapsibleState.None);
        item.description = [i.priority, i.reportedAt?.slice(0, 10), i.problem ? t('covered by {0}', i.problem) : undefined, i.serviceRequest ? t('service request') : undefined].filter(Boolean).join(' · ');
        item.iconPath = i.problem ? new vscode.ThemeIcon('link') : priorityIcon(i.priority);
        item.id = `${node.folder.folder.folder.uri.toString()}#${node.candidate.key}#${i.id}`;
        item.resourceUri = this.index.uriOf(node.folder.folder, i.file);
        item.contextValue = 'kedb.candidate.incident';
        item.command = { command: 'vscode.open', title: 'Open Incident', arguments: [item.resourceUri] };
        item.tooltip = `${i.id} ${i.title}${i.problem ? `\n${t('Already linked to {0}.', i.problem)}` : ''}`;
        return item;
      }
      case 'category': {
        const r = node.row;
        const item = new vscode.TreeItem(r.category, vscode.TreeItemCollapsibleState.None);
        item.id = `${node.folder.folder.folder.uri.toString()}#category#${r.category}`;
        const requests = r.serviceRequests === 1 ? t('1 service request') : t('{0} service requests', r.serviceRequests);
        item.description = [String(r.count), r.repeated ? t('Repeated') : t('Non-repeated'), ...(r.serviceRequests ? [requests] : [])].join(' · ');
        item.iconPath = new vscode.ThemeIcon(r.repeated ? 'repo-sync' : 'dash');
        item.contextValue = 'kedb.candidate.category';
        return item;
      }
    }
  }

  /** Needed by `TreeView.reveal`: nodes are matched by their ids. */
  getParent(node: CandidateNode): CandidateNode | undefined {
    const sectionOf = (f: FolderResult, c: Candidate): CandidateNode => {
      const id = f.result.covered.includes(c) ? 'covered' : f.result.dismissed.includes(c) ? 'dismissed' : f.result.context.includes(c) ? 'context' : 'candidates';
      return this.sections(f).find((n) => n.type === 'section' && n.id === id) ?? this.sections(f)[0];
    };
    switch (node.type) {
      case 'section':
        return node.id !== 'folder' && this.results.length > 1 ? { type: 'section', id: 'folder', label: node.folder.folder.folder.name, folder: node.folder } : undefined;
      case 'candidate': {
        const holder = withChildren(node.folder.result.candidates).find((p) => p.children.includes(node.candidate));
        if (!holder) return sectionOf(node.folder, node.candidate);
        return { type: 'candidate', folder: node.folder, candidate: holder, rank: this.rankOf(node.folder, holder) };
      }
      case 'evidence':
      case 'incidents':
        return { type: 'candidate', folder: node.folder, candidate: node.candidate };
      case 'line':
        return { type: 'evidence', folder: node.folder, candidate: node.candidate };
      case 'incident':
        return { type: 'incidents', folder: node.folder, candidate: node.candidate };
      case 'category':
        return this.sections(node.folder).find((n) => n.type === 'section' && n.id === 'categories');
    }
  }

  /** A ranked candidate's rank as the tree shows it ("2", "2.1"). */
  private rankOf(f: FolderResult, c: Candidate): string | undefined {
    const walk = (list: readonly Candidate[], prefix: string): string | undefined => {
      for (let i = 0; i < list.length; i++) {
        const rank = prefix ? `${prefix}.${i + 1}` : String(i + 1);
        if (list[i] === c) return rank;
        const inner = walk(list[i].children, rank);
        if (inner) return inner;
      }
      return undefined;
    };
    return walk(f.result.candidates, '');
  }

  /** The rendered tree as plain data (labels, descriptions, context values), for tests. */
  snapshot(node?: CandidateNode, depth = 4): unknown[] {
    return this.getChildren(node).map((child) => {
      const item = this.getTreeItem(child);
      const label = typeof item.label === 'string' ? item.label : item.label?.label;
      return {
        label,
        description: item.description,
        contextValue: item.contextValue,
        ...(item.resourceUri ? { resource: item.resourceUri.toString() } : {}),
        ...(depth > 1 && item.collapsibleState !== vscode.TreeItemCollapsibleState.None ? { children: this.snapshot(child, depth - 1) } : {}),
      };
    });
  }

  markStale(): void {
    if (this.results.length === 0 || this.stale) return;
    this.stale = true;
    this.emitter.fire(undefined);
  }
}
