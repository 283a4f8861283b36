export * from './domain/metrics.calculator';
export * from './metrics.service';
export * from './commons.service';
export * from './metrics.module';
