export * from './env';
export * from './prepare-database';
