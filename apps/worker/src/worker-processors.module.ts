import { Module } from '@nestjs/common';
import { FundingModule } from '@app/funding';
import { EntitlementsModule } from '@app/entitlements';
import { PatentCostsModule } from '@app/patents';
import { DerivedProcessor } from './processors/derived.processor';
import { MaintenanceProcessor } from './processors/maintenance.processor';

/** Every queue's processors; imported by apps/worker and, for `npm start`, by the API. */
@Module({
  imports: [FundingModule, EntitlementsModule, PatentCostsModule],
  providers: [DerivedProcessor, MaintenanceProcessor],
})
export class WorkerProcessorsModule {}
