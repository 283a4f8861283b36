import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { FundingSharesService } from '@app/funding';
import { JobData, JobName, QueueName } from '@app/queue';
import { runJob } from './run-job';

/** Rebuilds derived per-platform state. Each handler is one transaction: safe to kill anywhere. */
@Processor(QueueName.Derived, { concurrency: 2 })
export class DerivedProcessor extends WorkerHost {
  constructor(private readonly fundingShares: FundingSharesService) {
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
        default:
          throw new Error(`unknown job ${job.name} on queue ${QueueName.Derived}`);
      }
    });
  }
}
