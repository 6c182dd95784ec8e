import * as vscode from 'vscode';
import { toDiagnostic } from '../convert';
import type { Issue, StoreChange } from '../../core';
import type { FolderIndex, RecordIndex } from '../index/recordIndex';
import { Disposable } from '../util/dispose';

export interface DiagnosticCounts {
  records: number;
  errors: number;
  warnings: number;
}

/**
 * Owns the one DiagnosticCollection. After each index change it re-checks only the files that
 * change can reach (the file, and those sharing or linking its ids) and pushes only the files
 * whose issues changed, so a keystroke in a 20,000-file workspace costs a few files, not 20,000.
 */
export class DiagnosticsManager extends Disposable {
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection('kedb'));
  private readonly published = new Map<string, string>();
  private readonly perFile = new Map<string, { errors: number; warnings: number }>();
  private readonly countsEmitter = this._register(new vscode.EventEmitter<DiagnosticCounts>());
  readonly onDidChangeCounts = this.countsEmitter.event;
  counts: DiagnosticCounts = { records: 0, errors: 0, warnings: 0 };
  /** Bumped by each full re-check, so that a newer one stops the slices of an older one. */
  private generation = 0;

  constructor(private readonly index: RecordIndex) {
    super();
    this._register(index.onDidChangeRecords(({ folder, change }) => this.refresh(folder, change.affected)));
  }

  /** Re-checks the files a change may have touched, and publishes what changed. */
  refresh(folder: FolderIndex, { all, paths }: StoreChange['affected']): void {
    if (all) {
      const prefix = folder.folder.uri.toString() + '/';
      const files = folder.raw.recordFiles();
      const current = new Set(files.map((p) => this.index.uriOf(folder, p).toString()));
      for (const key of [...this.published.keys()]) {
        if (key.startsWith(prefix) && !current.has(key)) this.publish(vscode.Uri.parse(key), []);
      }
      // A whole workspace is re-checked in slices, yielding between them, so that a 20,000-file
      // index never holds the extension host for long.
      const generation = ++this.generation;
      const slice = (start: number) => {
        if (generation !== this.generation || this.isDisposed) return;
        const end = Math.min(files.length, start + 1000);
        for (let i = start; i < end; i++) this.publish(this.index.uriOf(folder, files[i]), folder.raw.issuesFor(files[i]));
        if (end < files.length) setImmediate(() => slice(end));
        else this.recount();
      };
      slice(0);
      return;
    }
    for (const p of paths) this.publish(this.index.uriOf(folder, p), folder.raw.issuesFor(p));
    this.recount();
  }

  private recount(): void {
    this.counts = {
      records: this.index.all().reduce((n, f) => n + f.raw.recordCount, 0),
      errors: [...this.perFile.values()].reduce((n, c) => n + c.errors, 0),
      warnings: [...this.perFile.values()].reduce((n, c) => n + c.warnings, 0),
    };
    this.countsEmitter.fire(this.counts);
  }

  private publish(uri: vscode.Uri, issues: readonly Issue[]): void {
    const key = uri.toString();
    if (issues.length === 0) {
      if (this.published.delete(key)) this.collection.delete(uri);
      this.perFile.delete(key);
      return;
    }
    const signature = JSON.stringify(issues);
    if (this.published.get(key) === signature) return;
    this.published.set(key, signature);
    this.collection.set(uri, issues.map(toDiagnostic));
    this.perFile.set(key, {
      errors: issues.filter((i) => i.severity === 'error').length,
      warnings: issues.filter((i) => i.severity === 'warning').length,
    });
  }
}
