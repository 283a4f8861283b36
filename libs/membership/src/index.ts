export * from './organisation.entity';
export * from './membership.entity';
export * from './membership.service';
export * from './membership.module';
