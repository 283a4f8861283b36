export * from './domain';
export * from './entitlements.module';
export * from './entitlements.service';
export * from './entitlements-recompute.service';
export * from './committee-decision.service';
