export * from './licensing.types';
export * from './conflict-check.calculator';
export * from './royalty.calculator';
export * from './licence-year';
