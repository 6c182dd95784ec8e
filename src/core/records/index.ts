/** A record: its entry, config, priority matrix, parse, references, templates and edits. */
export * from './entry';
export * from './config';
export * from './matrix';
export * from './parse';
export * from './fastParse';
export * from './references';
export * from './templates';
export * from './edits';
export * from './kinds';
export * from './form';
export * from './states';
