export * from './registry';
export * from './fees';
export * from './forecast';
export * from './review';
export * from './costs';
