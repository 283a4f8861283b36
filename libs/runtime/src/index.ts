export * from './env';
export * from './prepare-database';
export * from './startup';
