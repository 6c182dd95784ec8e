export * from './dates';
export * from './model';
export * from './diagnostics';
export * from './edits';
export * from './fixes';
