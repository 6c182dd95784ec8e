/** YAML: decoding bytes, locating nodes and lines, and the cursor's place in a document. */
export * from './decode';
export * from './locate';
export * from './lineLocate';
export * from './cursor';
