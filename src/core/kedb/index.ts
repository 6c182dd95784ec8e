/**
 * The Known Error Database: the problem lifecycle as diagnostics with quick fixes, promoting a
 * problem to a known error, communicating workarounds, searching known errors and matching
 * incidents to them, the KEDB table and its exports,. The problem-management report is in ../report.
 */
export * from '../records/settings/lifecycle';
export {
  CLOSED_INCIDENT_STATES,
  PERMANENT_FIX_STATUSES,
  fixStatusText,
  isOpenIncident,
  kedbRow,
  kedbTable,
  knownErrorOfProblem,
  knownErrorsOf,
  linkedIncidents,
  plainRow,
  problemOf,
  type KedbRow,
  type KedbTableRow,
} from './model';
export { TextIndex, type TextHit, type WeightedText } from './textIndex';
export { hasRca, lifecycleIssues, statusAfterPromotion, workaroundState, type WorkaroundState } from './lifecycle';
export { LIFECYCLE_CODES, lifecycleFixes, proposedAssignee, similarProblems } from './fixes';
export * from './promote';
export * from './communicate';
export * from './search';
export * from './export';
export * from '../report/report';
export * from './resolveIncidents';
export * from './states';
export { stateFixes, stateFixProvider } from './stateFixes';
export * from './publish';
