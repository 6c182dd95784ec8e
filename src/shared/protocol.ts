/**
 * The webviews' message protocols, for the importers that predate the split: the fishbone
 * preview's is in fishbone.ts, the KEDB table's in kedbTable.ts. New code imports those.
 */
export * from './fishbone';
export * from './kedbTable';
