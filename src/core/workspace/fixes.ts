import type { FileEdit, Range } from '../base/types';
import type { RangedFile } from '../records/parse';
import type { RecordStore } from './store';

/** The parts of a diagnostic a quick fix needs: its code, range and the issue's data. */
export interface FixableIssue {
  code: string;
  range: Range;
  data?: Record<string, unknown>;
}

export interface QuickFixContext {
  workspace: RecordStore;
  /** The file the issue is in. */
  path: string;
  /** The ranged parse of the file's current text. */
  ranged: RangedFile;
  /** The current time as an ISO date-time with offset, for new records. */
  now?: string;
  /** The editor's text of other files (open buffers), for fixes that edit several files. */
  textOf?(path: string): string | undefined;
}

/** One fix as plain data: edits, file operations, and what the editor does next. */
export interface QuickFix {
  title: string;
  isPreferred?: boolean;
  edits: FileEdit[];
  createFile?: { path: string; contents: string };
  renameFile?: { from: string; to: string };
  /** A file to open once the fix is applied (a record just created). */
  open?: string;
  /** A range of the current file to select once the edits are applied (a placeholder to type over). */
  select?: Range;
  /** Let the user pick the value for `range` from a list. */
  pick?: { range: Range; placeHolder: string; choices: { label: string; detail?: string; description?: string }[] };
}

/**
 * The fixes of one or more issue codes. Features export their providers; standard.ts registers
 * them in a FixRegistry, which the editor's one code-action provider and the tests ask.
 */
export interface FixProvider {
  readonly codes: readonly string[];
  fixes(issue: FixableIssue, ctx: QuickFixContext): QuickFix[];
}

/** The quick fixes by issue code: each code has at most one provider. */
export class FixRegistry {
  private readonly byCode = new Map<string, FixProvider>();

  constructor(providers: readonly FixProvider[] = []) {
    for (const p of providers) this.register(p);
  }

  register(provider: FixProvider): void {
    for (const code of provider.codes) {
      if (this.byCode.has(code)) throw new Error(`two quick-fix providers for the issue code ${code}`);
      this.byCode.set(code, provider);
    }
  }

  /** Every issue code some provider fixes. */
  get codes(): string[] {
    return [...this.byCode.keys()];
  }

  /** The quick fixes for one issue, best first; none for a code no provider fixes. */
  fixesFor(issue: FixableIssue, ctx: QuickFixContext): QuickFix[] {
    return this.byCode.get(issue.code)?.fixes(issue, ctx) ?? [];
  }
}
