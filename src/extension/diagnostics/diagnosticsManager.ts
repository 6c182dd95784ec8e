import * as vscode from 'vscode';
import { toDiagnostic } from '../convert';
import type { FolderIndex, RecordIndex } from '../index/recordIndex';
import { Disposable } from '../util/dispose';

export interface DiagnosticCounts {
  records: number;
  errors: number;
  warnings: number;
}

/**
 * Owns the one DiagnosticCollection. After each index change it recomputes the folder's issues
 * (cross-references make any file's change reach others) and pushes only the files whose issues
 * changed, so a 20,000-file workspace does not re-send 20,000 diagnostic sets per keystroke.
 */
export class DiagnosticsManager extends Disposable {
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection('kedb'));
  private readonly published = new Map<string, string>();
  private readonly countsEmitter = this._register(new vscode.EventEmitter<DiagnosticCounts>());
  readonly onDidChangeCounts = this.countsEmitter.event;
  counts: DiagnosticCounts = { records: 0, errors: 0, warnings: 0 };

  constructor(private readonly index: RecordIndex) {
    super();
    this._register(index.onDidChange((folder) => this.refresh(folder)));
  }

  refresh(folder: FolderIndex): void {
    const all = folder.ws.allIssues();
    const seen = new Set<string>();
    for (const [path, issues] of all) {
      const uri = this.index.uriOf(folder, path);
      const key = uri.toString();
      seen.add(key);
      const signature = JSON.stringify(issues);
      if (this.published.get(key) === signature) continue;
      this.published.set(key, signature);
      this.collection.set(uri, issues.map(toDiagnostic));
    }
    const prefix = folder.folder.uri.toString() + '/';
    for (const key of [...this.published.keys()]) {
      if (key.startsWith(prefix) && !seen.has(key)) {
        this.published.delete(key);
        this.collection.delete(vscode.Uri.parse(key));
      }
    }
    this.recount();
  }

  private recount(): void {
    let records = 0;
    let errors = 0;
    let warnings = 0;
    for (const f of this.index.all()) {
      for (const _ of f.ws.records()) records++;
    }
    this.collection.forEach((_uri, diags) => {
      for (const d of diags) {
        if (d.severity === vscode.DiagnosticSeverity.Error) errors++;
        else if (d.severity === vscode.DiagnosticSeverity.Warning) warnings++;
      }
    });
    this.counts = { records, errors, warnings };
    this.countsEmitter.fire(this.counts);
  }
}
