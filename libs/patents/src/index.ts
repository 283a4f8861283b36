export * from './registry';
export * from './fees';
