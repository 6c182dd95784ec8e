// The core's public entry point: every layer and feature, and the standard workspace.
export * from './base';
export * from './yaml';
export * from './schema';
export * from './records';
export * from './workspace';
export * from './language';
export * from './text';
export * from './priority';
export * from './candidates';
export * from './kedb';
export * from './tasks';
export * from './recurrences';
export * from './stats';
export * from './checklist';
export * from './report';
export * from './prose';
export * from './standard';
