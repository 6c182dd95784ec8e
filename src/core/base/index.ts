/** The core's base: types, line indexes, l10n, words and HTML escaping; it imports nothing of ours. */
export * from './types';
export * from './lines';
export * from './l10n';
export * from './words';
export * from './html';
export * from './markdown';
export * from './terminal';
export * from './dates';
export * from './typedArrays';
