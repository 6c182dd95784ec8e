export * from '../records/settings/checklist';
export * from './fields';
export * from './builtins';
export * from './suggest';
export * from './edits';
export * from './diagnostics';
export * from './fixes';
