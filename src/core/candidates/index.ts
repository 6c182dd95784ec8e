/**
 * Problem-candidate detection: five rules over a workspace's incidents (same category; same CI
 * or service within a time window; similar text; bursts; shared profiles), ranked with their
 * evidence, dismissals kept in the workspace, and a problem record drafted from a candidate.
 */
export * from './vectors';
export * from './similarity';
export * from './incidents';
export * from './rules';
export * from './textRule';
export * from './burstRule';
export * from './sharedRule';
export * from './structure';
export * from './dismissals';
export * from './detector';
export * from './problem';
export * from './report';
