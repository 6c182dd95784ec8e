import * as vscode from 'vscode';
import {
  addDismissal,
  detectSteps,
  DISMISSED_FILE,
  draftProblem,
  isoWithOffset,
  parseDismissals,
  type Candidate,
  type DetectionResult,
  type DetectProgress,
  type TextEdit,
} from '../../core';
import { openDocument, type FolderIndex } from '../index/recordIndex';
import type { Register } from '../features';
import { writeFile } from '../util/writeFile';
import { toVscodeEdit } from '../convert';
import { CandidatesProvider, type CandidateNode, type FolderResult } from './candidatesView';
import { t } from '../../core/base';

export const VIEW_ID = 'kedb.candidates';

/** Above this many incidents the run shows a cancellable notification, not only the view's bar. */
const LARGE = 5_000;
/** Longest stretch of detection work between two turns of the event loop (ms). */
const SLICE_MS = 40;

async function readDismissed(folder: FolderIndex): Promise<string | undefined> {
  const uri = vscode.Uri.joinPath(folder.folder.uri, DISMISSED_FILE);
  const open = openDocument(uri);
  if (open) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/** Runs the detector over one folder in slices, so the editor stays responsive; undefined if cancelled. */
async function detectFolder(folder: FolderIndex, report: (p: DetectProgress) => void, token?: vscode.CancellationToken): Promise<DetectionResult | undefined> {
  const ws = folder.ws;
  const dismissals = parseDismissals(await readDismissed(folder));
  const it = detectSteps(ws.records('incident'), ws.config.detection, { dismissals, categoryOrder: ws.config.categories });
  let sliceStart = performance.now();
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
    if (performance.now() - sliceStart > SLICE_MS) {
      report(r.value);
      await new Promise((resolve) => setImmediate(resolve));
      if (token?.isCancellationRequested) return undefined;
      sliceStart = performance.now();
    }
  }
}

/** What `kedb.detectCandidates` returns (for tests and other extensions). */
export interface DetectCommandResult {
  folders: { folder: string; result: DetectionResult }[];
  /** Whether the view was shown. */
  shown: boolean;
}

/** A detection phase as the progress bar names it. */
function phaseName(phase: DetectProgress['phase']): string {
  return phase === 'rules' ? t('rules') : phase === 'text' ? t('comparing texts') : t('ranking');
}

/** A candidate named by a tree node, or by `{key, folder?}` from a test or a keybinding. */
type CandidateArg = CandidateNode | { key: string; folder?: string } | undefined;

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
    const folders = index.all();
    const total = folders.reduce((n, f) => n + [...f.ws.records('incident')].length, 0);
    // Show the view first: the run reports progress in it.
    if (show) await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
    const work = async (progress: vscode.Progress<{ message?: string; increment?: number }>, token?: vscode.CancellationToken) => {
      const results: FolderResult[] = [];
      let done = 0;
      for (const folder of folders) {
        let last = 0;
        const result = await detectFolder(
          folder,
          (p) => {
            const step = (p.fraction - last) * (100 / folders.length);
            last = p.fraction;
            progress.report({ message: `${folder.folder.name}: ${phaseName(p.phase)}`, increment: step });
          },
          token,
        );
        if (!result) return undefined;
        results.push({ folder, result });
        done++;
        progress.report({ increment: ((1 - last) * 100) / folders.length, message: t('{0} of {1} folders', done, folders.length) });
      }
      return results;
    };
    const results =
      total > LARGE
        ? await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: t('KEDB: detecting problem candidates in {0} incidents', total.toLocaleString()), cancellable: true }, work)
        : await vscode.window.withProgress({ location: { viewId: VIEW_ID } }, (p) => work(p));
    if (!results) return { folders: [], shown: view.visible };
    provider.set(results);
    const n = results.reduce((k, r) => k + r.result.candidates.length, 0);
    view.message = n === 0 ? t('No new problem candidates: no repeats found beyond those already linked to problems.') : undefined;
    const first = results.find((r) => r.result.candidates.length)?.result.candidates[0];
    if (first && show) {
      const f = results.find((r) => r.result.candidates[0] === first)!;
      await view.reveal({ type: 'candidate', folder: f, candidate: first, rank: 1 }, { select: true, focus: false, expand: true }).then(undefined, () => undefined);
    }
    return { folders: results.map((r) => ({ folder: r.folder.folder.uri.toString(), result: r.result })), shown: view.visible };
  };

  /**
   * Create Problem Record: the new problem file and `problem:` in each of the candidate's open
   * incidents, as one WorkspaceEdit (one undo reverts all), then the problem opens.
   */
  const createProblem = async (arg?: CandidateArg): Promise<{ uri: string; id: string; linked: string[]; skipped: string[] } | undefined> => {
    const found = resolve(arg);
    if (!found) {
      void vscode.window.showWarningMessage(t('KEDB: choose a candidate in the Problem Candidates view first.'));
      return undefined;
    }
    const { folder, candidate } = found;
    const ws = folder.folder.ws;
    if (candidate.open.length === 0) {
      void vscode.window.showInformationMessage(t('KEDB: every incident of this candidate already belongs to {0}.', candidate.problems.join(', ')));
      return undefined;
    }
    // Every incident to be linked is opened as a document first, and its edit is computed on the
    // text that document holds: an open, unsaved buffer included, and a file changed on disk that
    // the index has not heard of yet. Opened here, the buffers are loaded before the edit lands
    // and are held by the extension host after it, so an auto-save does not save and unload them
    // between the edit and its undo.
    for (const item of candidate.items) {
      if (item.problem) continue;
      await index.open(index.uriOf(folder.folder, item.file)).catch(() => undefined);
    }
    const id = await index.freeId(folder.folder, 'problem');
    if (id === undefined) return undefined;
    const draft = draftProblem(ws, candidate, isoWithOffset(new Date()), id);
    const edit = new vscode.WorkspaceEdit();
    const problemUri = index.uriOf(folder.folder, draft.path);
    // The links first, the new file last: the file's creation is then the newest step of the one
    // undo group, so an undo in any of the files removes the problem and goes on to unlink the
    // incidents.
    const byFile = new Map<string, TextEdit[]>();
    for (const l of draft.links) byFile.set(l.file, [...(byFile.get(l.file) ?? []), l.edit]);
    for (const [file, edits] of byFile) {
      const text = ws.textOf(file);
      if (text === undefined) continue;
      edit.set(
        index.uriOf(folder.folder, file),
        edits.map((e) => toVscodeEdit(text, e)),
      );
    }
    edit.createFile(problemUri, { ignoreIfExists: false, contents: new TextEncoder().encode(draft.text) });
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage(t('KEDB: the problem record could not be created.'));
      return undefined;
    }
    const doc = await index.open(problemUri);
    // The view shows the candidate covered now; the new problem opens last, with the focus, so
    // that an undo there reverts the whole edit.
    await run(false);
    await vscode.window.showTextDocument(doc, { preserveFocus: false });
    const created = draft.links.length === 1 ? t('KEDB: {0} created and linked to 1 incident.', draft.id) : t('KEDB: {0} created and linked to {1} incidents.', draft.id, draft.links.length);
    const note = draft.skipped.length ? ` ${t('{0} already belonged to a problem.', draft.skipped.length)}` : '';
    void vscode.window.showInformationMessage(`${created}${note} ${t('Save all to keep it; one undo reverts it.')}`);
    return { uri: problemUri.toString(), id: draft.id, linked: draft.links.map((l) => l.id), skipped: draft.skipped.map((s) => s.id) };
  };

  /** Dismiss: asks why, keeps the reason in .kedb/dismissed.yaml, and hides the candidate. */
  const dismiss = async (arg?: CandidateArg, reasonArg?: string): Promise<{ key: string; reason: string; file: string } | undefined> => {
    const found = resolve(arg);
    if (!found) return undefined;
    const { folder, candidate } = found;
    const reason =
      typeof reasonArg === 'string'
        ? reasonArg
        : await vscode.window.showInputBox({
            title: t('Dismiss “{0}”', candidate.label),
            prompt: t('Why is this not a problem? The reason is kept in the workspace with the dismissal.'),
            placeHolder: t('e.g. information requests, not faults'),
            ignoreFocusOut: true,
          });
    if (reason === undefined) return undefined;
    const uri = vscode.Uri.joinPath(folder.folder.folder.uri, DISMISSED_FILE);
    const text = addDismissal(await readDismissed(folder.folder), { key: candidate.key, reason: reason.trim(), dismissedAt: isoWithOffset(new Date()), incidents: candidate.count });
    await writeFile(uri, new TextEncoder().encode(text), { root: folder.folder.folder.uri });
    await run(false);
    return { key: candidate.key, reason: reason.trim(), file: uri.toString() };
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
    vscode.commands.registerCommand('kedb.createProblemFromCandidate', (arg?: CandidateArg) => createProblem(arg)),
    vscode.commands.registerCommand('kedb.dismissCandidate', (arg?: CandidateArg, reason?: string) => dismiss(arg, reason)),
    // Hidden, in test builds only: the view's tree as the integration tests read it.
    ...(KEDB_TEST_HOOKS ? [vscode.commands.registerCommand('kedb._candidatesSnapshot', () => provider.snapshot())] : []),
  );
};
