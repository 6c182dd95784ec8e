/** The language features over records: completion, navigation and the schema's quick fixes. */
export * from './completion';
export * from './navigation';
export * from './schemaFixes';
