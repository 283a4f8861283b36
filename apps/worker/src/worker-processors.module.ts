import { Module } from '@nestjs/common';

/** Every queue's processors; imported by apps/worker and, for `npm start`, by the API. */
@Module({
  imports: [],
  providers: [],
})
export class WorkerProcessorsModule {}
