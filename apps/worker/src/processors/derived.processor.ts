import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { FundingSharesService } from '@app/funding';
import { EntitlementsRecomputeService } from '@app/entitlements';
import { PatentCostsService } from '@app/patents';
import { JobData, JobName, QueueName } from '@app/queue';
import { runJob } from './run-job';

/**
 * Rebuilds derived per-platform state. Each handler is one transaction: safe to kill anywhere.
 * Concurrency and lock timings: WorkerProcessorsModule.register.
 */
@Processor(QueueName.Derived)
export class DerivedProcessor extends WorkerHost {
  constructor(
    private readonly fundingShares: FundingSharesService,
    private readonly entitlements: EntitlementsRecomputeService,
    private readonly patentCosts: PatentCostsService,
  ) {
    super();
  }

  async process(job: Job): Promise<string> {
    return runJob(async () => {
      switch (job.name as JobName) {
        case JobName.RecomputeFundingShares: {
          const { platformId } = job.data as JobData<JobName.RecomputeFundingShares>;
          const result = await this.fundingShares.recompute(platformId);
          return `funding shares of platform ${platformId}: ${result.rows} rows at version ${result.version}`;
        }
        case JobName.RecomputeEntitlements: {
          const { platformId } = job.data as JobData<JobName.RecomputeEntitlements>;
          const result = await this.entitlements.recompute(platformId);
          return `entitlements of platform ${platformId}: ${result.classRows} class rows (${result.written.inserted} inserted, ${result.written.updated} updated, ${result.written.deleted} deleted) at version ${result.version}`;
        }
        case JobName.ReallocatePatentCosts: {
          const { platformId } = job.data as JobData<JobName.ReallocatePatentCosts>;
          const r = await this.patentCosts.reallocate(platformId);
          return `patent costs of platform ${platformId}: ${r.examined} open, ${r.reallocated} re-allocated, ${r.reposted} re-posted, ${r.skipped.length} skipped at version ${r.version}`;
        }
        default:
          throw new Error(`unknown job ${job.name} on queue ${QueueName.Derived}`);
      }
    });
  }
}
