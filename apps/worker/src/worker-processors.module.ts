import { Module } from '@nestjs/common';
import { FundingModule } from '@app/funding';
import { DerivedProcessor } from './processors/derived.processor';
import { MaintenanceProcessor } from './processors/maintenance.processor';

/** Every queue's processors; imported by apps/worker and, for `npm start`, by the API. */
@Module({
  imports: [FundingModule],
  providers: [DerivedProcessor, MaintenanceProcessor],
})
export class WorkerProcessorsModule {}
