/** The JSON Schemas of the records and the config, their validation, navigation and docs. */
export * from './schemas';
export * from './validate';
export * from './navigate';
export * from './docs';
