/** The record store, the check and fix contracts and registries, and record summaries. */
export * from './store';
export * from './checks';
export * from './fixes';
export * from './summary';
