export * from './policy-terms';
export * from './platform.entity';
export * from './policy-version.entity';
export * from './platform.service';
export * from './platform.module';
