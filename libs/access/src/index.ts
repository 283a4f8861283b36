export * from './role';
export * from './actor';
export * from './api-token.entity';
export * from './audit-entry.entity';
export * from './audit.service';
export * from './token.service';
export * from './access.module';
