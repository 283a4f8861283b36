export * from './jobs';
export * from './bull-connection';
export * from './job-producer.service';
export * from './queue.module';
export * from './derived-state';
