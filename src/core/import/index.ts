/**
 * The CSV importer's core API: presets and mapping files, header-based preset detection, and the
 * import driver with progress and cancellation. File reading and writing live in `src/node/`.
 */
export * from './types';
export * from './csv';
export * from './values';
export * from './hash';
export * from './mapping';
export * from './presets';
export * from './record';
export * from './reconcile';
export * from './importer';
export * from './summary';
export * from './advice';
