// The only module that imports every feature: the standard record checks and quick fixes, and
// `Workspace`, the store every command, view and CLI command works on.

import { checklistCheck } from './checklist/diagnostics';
import { checklistFixes } from './checklist/fixes';
import { lifecycleCheck } from './kedb/lifecycle';
import { lifecycleFixProvider } from './kedb/fixes';
import { knownErrorStateCheck } from './kedb/states';
import { stateFixProvider } from './kedb/stateFixes';
import { schemaFixes } from './language/schemaFixes';
import { priorityFixes } from './priority/fixes';
import { proseFixProvider } from './prose/fixes';
import { priorityCheck } from './priority/policy';
import { rcaCheck } from './rca/diagnostics';
import { rcaFixProvider } from './rca/fixes';
import { rootCauseFixProvider } from './rca/rootCauseFixes';
import { tasksCheck } from './tasks/diagnostics';
import { tasksFixProvider } from './tasks/fixes';
import { recurrenceCheck } from './recurrences/diagnostics';
import { recurrenceFixProvider } from './recurrences/fixes';
import { linkedIncidentsCheck } from './kedb/resolveIncidents';
import type { RecordCheck } from './workspace/checks';
import { FixRegistry, type FixableIssue, type QuickFix, type QuickFixContext } from './workspace/fixes';
import { RecordStore } from './workspace/store';

/** The checks every workspace runs on each record, in the order their issues are listed. */
export const STANDARD_CHECKS: readonly RecordCheck[] = [priorityCheck, rcaCheck, checklistCheck, lifecycleCheck, knownErrorStateCheck, tasksCheck, recurrenceCheck, linkedIncidentsCheck];

/** The quick fixes of every standard issue code. */
export const STANDARD_FIXES = new FixRegistry([schemaFixes, priorityFixes, rcaFixProvider, rootCauseFixProvider, checklistFixes, lifecycleFixProvider, stateFixProvider, tasksFixProvider, recurrenceFixProvider, proseFixProvider]);

/** The record store with the standard checks: what the extension, the CLI and the reports use. */
export class Workspace extends RecordStore {
  constructor(checks: readonly RecordCheck[] = STANDARD_CHECKS) {
    super(checks);
  }
}

/** The quick fixes for one issue, best first, from the standard fixes; none for other codes. */
export function quickFixesFor(issue: FixableIssue, ctx: QuickFixContext): QuickFix[] {
  return STANDARD_FIXES.fixesFor(issue, ctx);
}
