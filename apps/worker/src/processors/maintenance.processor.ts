import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { DerivedKind, JobName, JobProducer, QueueName, staleTargets } from '@app/queue';
import { runJob } from './run-job';

const SWEEP_EVERY_MS = 60_000;

const JOB_FOR_KIND: Record<DerivedKind, JobName.RecomputeFundingShares | JobName.RecomputeEntitlements | JobName.ReallocatePatentCosts> = {
  [DerivedKind.FundingShares]: JobName.RecomputeFundingShares,
  [DerivedKind.Entitlements]: JobName.RecomputeEntitlements,
  [DerivedKind.PatentCostAllocation]: JobName.ReallocatePatentCosts,
};

/**
 * Every minute, re-enqueues recomputations whose inputs changed but whose job never ran (the
 * process died between commit and enqueue, or Redis was down). The schedule lives in the queue
 * backend, so several worker replicas share one schedule.
 */
@Processor(QueueName.Maintenance)
export class MaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(QueueName.Maintenance) private readonly queue: Queue,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobProducer,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(JobName.SweepStaleDerivedState, { every: SWEEP_EVERY_MS }, { name: JobName.SweepStaleDerivedState, data: {} });
  }

  async process(job: Job): Promise<string> {
    return runJob(async () => {
      if (job.name !== (JobName.SweepStaleDerivedState as string)) throw new Error(`unknown job ${job.name}`);
      const targets = await staleTargets(this.dataSource.manager);
      for (const t of targets) {
        await this.jobs.enqueue({ name: JOB_FOR_KIND[t.kind], data: { platformId: t.platformId } });
      }
      return `re-enqueued ${targets.length} stale recomputation(s)`;
    });
  }
}
