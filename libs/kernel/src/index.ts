export * from './domain-error';
export * from './money';
export * from './local-date';
export * from './fiscal-year';
export * from './clock';
export * from './idempotency';
export * from './expiring-cache';
