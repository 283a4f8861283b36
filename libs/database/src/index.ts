export * from './column-types';
export * from './snake-naming.strategy';
export * from './embedded-postgres';
export * from './migrate';
export * from './change-feed';
export * from './notified-cache';
export * from './reads';
