export * from './model';
export * from './diagnostics';
export * from './fixes';
export * from './locate';
export * from './form';
