import * as vscode from 'vscode';
import { DISMISSED_FILE, detectSteps, parseDismissals, type DetectionResult, type DetectProgress, type Dismissal } from '../../core';
import { t } from '../../core/base';
import { openDocument, type FolderIndex } from '../index/recordIndex';
import type { FolderResult } from './candidatesView';

/** Above this many incidents the run shows a cancellable notification, not only the view's bar. */
const LARGE = 5_000;
/** Longest stretch of detection work between two turns of the event loop (ms). */
const SLICE_MS = 40;

/** The folder's dismissals file as the editor holds it (an unsaved buffer included), if any. */
export async function readDismissed(folder: FolderIndex): Promise<string | undefined> {
  const uri = vscode.Uri.joinPath(folder.folder.uri, DISMISSED_FILE);
  const open = openDocument(uri);
  if (open) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/** The folder's dismissed candidates, parsed: what the view, Detect and the report leave out. */
export async function dismissalsOf(folder: FolderIndex): Promise<Dismissal[]> {
  return parseDismissals(await readDismissed(folder));
}

/** Runs the detector over one folder in slices, so the editor stays responsive; undefined if cancelled. */
async function detectFolder(folder: FolderIndex, report: (p: DetectProgress) => void, token?: vscode.CancellationToken): Promise<DetectionResult | undefined> {
  const ws = folder.ws;
  const dismissals = await dismissalsOf(folder);
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

/** A detection phase as the progress bar names it. */
function phaseName(phase: DetectProgress['phase']): string {
  return phase === 'rules' ? t('rules') : phase === 'text' ? t('comparing texts') : t('ranking');
}

/**
 * Detects candidates in every folder, with progress: in the view's bar, or in a cancellable
 * notification above {@link LARGE} incidents. Undefined when cancelled.
 */
export async function detectFolders(folders: readonly FolderIndex[], viewId: string): Promise<FolderResult[] | undefined> {
  const total = folders.reduce((n, f) => n + [...f.ws.records('incident')].length, 0);
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
  return total > LARGE
    ? vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: t('KEDB: detecting problem candidates in {0} incidents', total.toLocaleString()), cancellable: true }, work)
    : vscode.window.withProgress({ location: { viewId } }, (p) => work(p));
}
