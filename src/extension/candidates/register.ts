import * as vscode from 'vscode';
import type { Candidate, DetectionResult } from '../../core';
import { t } from '../../core/base';
import type { Register } from '../features';
import { CandidatesProvider, type CandidateNode, type FolderResult } from './candidatesView';
import { detectFolders } from './detect';
import { createProblem } from './createProblem';
import { dismissCandidate } from './dismiss';

export const VIEW_ID = 'kedb.candidates';

/** What `kedb.detectCandidates` returns (for tests and other extensions). */
export interface DetectCommandResult {
  folders: { folder: string; result: DetectionResult }[];
  /** Whether the view was shown. */
  shown: boolean;
}

/** A candidate named by a tree node, or by `{key, folder?}` from a test or a keybinding. */
type CandidateArg = CandidateNode | { key: string; folder?: string } | undefined;

/**
 * The Problem Candidates view and its commands: Detect (`detect.ts`), Create Problem Record
 * (`createProblem.ts`) and Dismiss (`dismiss.ts`). This file only wires them to the view.
 */
export const register: Register = ({ index }) => {
  const provider = new CandidatesProvider(index);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  let running: Promise<DetectCommandResult> | undefined;

  const resolve = (arg: CandidateArg): { folder: FolderResult; candidate: Candidate } | undefined => {
    if (!arg) {
      const sel = view.selection[0];
      return sel && sel.type === 'candidate' ? { folder: sel.folder, candidate: sel.candidate } : undefined;
    }
    if ('type' in arg) return arg.type === 'candidate' ? { folder: arg.folder, candidate: arg.candidate } : undefined;
    return provider.find(arg.key, arg.folder);
  };

  const run = async (show: boolean): Promise<DetectCommandResult> => {
    await index.ready;
    // Show the view first: the run reports progress in it.
    if (show) await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
    const results = await detectFolders(index.all(), VIEW_ID);
    if (!results) return { folders: [], shown: view.visible };
    provider.set(results);
    const n = results.reduce((k, r) => k + r.result.candidates.length, 0);
    view.message = n === 0 ? t('No new problem candidates: no repeats found beyond those already linked to problems.') : undefined;
    const first = results.find((r) => r.result.candidates.length);
    if (first && show) {
      const node: CandidateNode = { type: 'candidate', folder: first, candidate: first.result.candidates[0], rank: '1' };
      await view.reveal(node, { select: true, focus: false, expand: true }).then(undefined, () => undefined);
    }
    return { folders: results.map((r) => ({ folder: r.folder.folder.uri.toString(), result: r.result })), shown: view.visible };
  };

  return vscode.Disposable.from(
    provider,
    view,
    index.onDidChange(() => provider.markStale()),
    vscode.commands.registerCommand('kedb.detectCandidates', () => {
      // A second request while one runs waits for it instead of starting another.
      running ??= run(true).finally(() => (running = undefined));
      return running;
    }),
    // `owner` (from a test or a keybinding) answers the Owner question without asking.
    vscode.commands.registerCommand('kedb.createProblemFromCandidate', (arg?: CandidateArg, owner?: string) => {
      const found = resolve(arg);
      if (!found) {
        void vscode.window.showWarningMessage(t('KEDB: choose a candidate in the Problem Candidates view first.'));
        return undefined;
      }
      return createProblem(index, found.folder.folder, found.candidate, () => run(false), typeof owner === 'string' ? owner : undefined);
    }),
    vscode.commands.registerCommand('kedb.dismissCandidate', (arg?: CandidateArg, reason?: string) => {
      const found = resolve(arg);
      return found ? dismissCandidate(found.folder.folder, found.candidate, reason, () => run(false)) : undefined;
    }),
    // Hidden, in test builds only: the view's tree as the integration tests read it.
    ...(KEDB_TEST_HOOKS ? [vscode.commands.registerCommand('kedb._candidatesSnapshot', () => provider.snapshot())] : []),
  );
};
