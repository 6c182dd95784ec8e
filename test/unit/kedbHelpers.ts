import { LineIndex, parseRangedFile, Workspace, type FileEdit, type Issue, type QuickFix } from '../../src/core';
import { lifecycleFixes } from '../../src/core/kedb';

export const NOW = '2025-10-01T09:00:00+07:00';

/** A workspace from file texts, with the clock pinned. */
export function workspace(files: Record<string, string>, now = NOW): Workspace {
  const ws = new Workspace();
  ws.clock = () => now;
  const config = files['kedb.config.yaml'];
  if (config !== undefined) ws.setFileText('kedb.config.yaml', config);
  for (const [path, text] of Object.entries(files)) if (path !== 'kedb.config.yaml') ws.setFileText(path, text);
  return ws;
}

/** "severity code" of a file's issues with one of `codes`. */
export function codes(ws: Workspace, file: string, only?: readonly string[]): string[] {
  return ws
    .issuesFor(file)
    .filter((i) => !only || only.includes(i.code))
    .map((i) => `${i.severity} ${i.code}`);
}

export function issue(ws: Workspace, file: string, code: string): Issue {
  const found = ws.issuesFor(file).find((i) => i.code === code);
  if (!found) throw new Error(`no ${code} in ${file}: ${JSON.stringify(ws.issuesFor(file).map((i) => i.code))}`);
  return found;
}

/** The lifecycle quick fixes for the file's issue of `code`. */
export function fixesFor(ws: Workspace, file: string, code: string): QuickFix[] {
  const text = ws.textOf(file)!;
  return lifecycleFixes(issue(ws, file, code), { workspace: ws, path: file, ranged: parseRangedFile(text, ws.config), now: ws.clock() });
}

/** Applies a fix's edits to the workspace's texts (each file's edits from the end backwards). */
export function apply(ws: Workspace, edits: readonly FileEdit[]): void {
  const byFile = new Map<string, FileEdit[]>();
  for (const e of edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  for (const [file, list] of byFile) {
    let text = ws.textOf(file)!;
    const lines = new LineIndex(text);
    const withOffsets = list.map((e) => ({ start: lines.offset(e.range.start), end: lines.offset(e.range.end), text: e.newText })).sort((a, b) => b.start - a.start);
    for (const e of withOffsets) text = text.slice(0, e.start) + e.text + text.slice(e.end);
    ws.setFileText(file, text);
  }
}
