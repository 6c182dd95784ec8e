import * as vscode from 'vscode';
import { parseRangedFile, type NavigationHost, type RangedFile, type Range } from '../../core';
import type { FolderIndex, Located, RecordIndex } from '../index/recordIndex';
import { toRange } from '../convert';

/** The YAML files on disk that the language features serve. */
export const RECORD_SELECTOR: vscode.DocumentSelector = { language: 'yaml', scheme: 'file' };

/** An open record document: where it sits in the index, and its text parsed with ranges. */
export interface RecordDocument {
  doc: vscode.TextDocument;
  loc: Located;
  ranged: RangedFile;
}

interface Entry {
  version: number;
  config: unknown;
  ranged: RangedFile;
}

/**
 * The ranged parse of each open record document, kept per document version: hover, links,
 * symbols and completion on the same version share one parse.
 */
export class RecordDocuments implements vscode.Disposable {
  private readonly cache = new Map<string, Entry>();
  private readonly subscription: vscode.Disposable;

  constructor(readonly index: RecordIndex) {
    this.subscription = vscode.workspace.onDidCloseTextDocument((d) => this.cache.delete(d.uri.toString()));
  }

  /** The document as a record file, or undefined when it is not in an indexed folder. */
  get(doc: vscode.TextDocument): RecordDocument | undefined {
    const loc = this.index.locate(doc.uri);
    if (!loc) return undefined;
    const key = doc.uri.toString();
    const config = loc.folder.ws.config;
    let entry = this.cache.get(key);
    if (!entry || entry.version !== doc.version || entry.config !== config) {
      entry = { version: doc.version, config, ranged: parseRangedFile(doc.getText(), config) };
      this.cache.set(key, entry);
    }
    return { doc, loc, ranged: entry.ranged };
  }

  /**
   * The parse of this version if it is already cached, else undefined. Completion runs on every
   * keystroke and can do without the syntax tree, so in a large file it does not wait for one.
   */
  peek(doc: vscode.TextDocument): RangedFile | undefined {
    const entry = this.cache.get(doc.uri.toString());
    return entry && entry.version === doc.version ? entry.ranged : undefined;
  }

  /** A navigation host over a folder that reads open documents from their buffers. */
  host(folder: FolderIndex): NavigationHost {
    const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d] as const));
    return {
      workspace: folder.ws,
      textOf: (path) => open.get(this.index.uriOf(folder, path).toString())?.getText(),
    };
  }

  uri(folder: FolderIndex, path: string): vscode.Uri {
    return this.index.uriOf(folder, path);
  }

  location(folder: FolderIndex, path: string, range: Range): vscode.Location {
    return new vscode.Location(this.uri(folder, path), toRange(range));
  }

  dispose(): void {
    this.subscription.dispose();
    this.cache.clear();
  }
}

export function fromPosition(p: vscode.Position): { line: number; character: number } {
  return { line: p.line, character: p.character };
}

export function fromRange(r: vscode.Range): Range {
  return { start: fromPosition(r.start), end: fromPosition(r.end) };
}
