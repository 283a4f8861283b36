import { DynamicModule, Module } from '@nestjs/common';
import { Processor } from '@nestjs/bullmq';
import { FundingModule } from '@app/funding';
import { EntitlementsModule } from '@app/entitlements';
import { PatentCostsModule } from '@app/patents';
import { QueueName } from '@app/queue';
import { Env } from '@app/runtime';
import { DerivedProcessor } from './processors/derived.processor';
import { MaintenanceProcessor } from './processors/maintenance.processor';

export type WorkerSettings = Pick<Env, 'WORKER_CONCURRENCY' | 'JOB_STALL_SECONDS'>;

/**
 * Every queue's processors; imported by apps/worker and, for `npm start`, by the API. BullMQ
 * reads a worker's options when the worker is created, so the settings are applied to the
 * processors' decorators here, before the module starts.
 */
@Module({})
export class WorkerProcessorsModule {
  static register(settings: WorkerSettings): DynamicModule {
    const stall = settings.JOB_STALL_SECONDS * 1000;
    const locks = { lockDuration: stall, stalledInterval: stall };
    Processor(QueueName.Derived, { ...locks, concurrency: settings.WORKER_CONCURRENCY })(
      DerivedProcessor,
    );
    Processor(QueueName.Maintenance, locks)(MaintenanceProcessor);
    return {
      module: WorkerProcessorsModule,
      imports: [FundingModule, EntitlementsModule, PatentCostsModule],
      providers: [DerivedProcessor, MaintenanceProcessor],
    };
  }
}
