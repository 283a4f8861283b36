import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import { JOB_QUEUE, JobName, JobPayload, QueueName, jobKey } from './jobs';

/** Retries with exponential backoff: 1 s, 2 s, 4 s … for infrastructure failures. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { count: 1000 },
  removeOnFail: { count: 5000 },
};

@Injectable()
export class JobProducer {
  private readonly logger = new Logger(JobProducer.name);
  private readonly queues: Record<QueueName, Queue>;

  constructor(
    @InjectQueue(QueueName.Derived) derived: Queue,
    @InjectQueue(QueueName.Maintenance) maintenance: Queue,
  ) {
    this.queues = { [QueueName.Derived]: derived, [QueueName.Maintenance]: maintenance };
  }

  /**
   * Enqueues a job under its business key. A job already waiting for the same target absorbs
   * the new trigger; one that is running gets exactly one follow-up run (keepLastIfActive),
   * so a change made during a recompute is never lost and never runs twice in parallel.
   */
  async enqueue(job: JobPayload): Promise<void> {
    const key = jobKey(job);
    await this.queueFor(job.name).add(job.name, job.data, {
      ...DEFAULT_JOB_OPTIONS,
      deduplication: { id: key, keepLastIfActive: true },
    });
  }

  /** Enqueue after commit must not fail the user's request: the sweeper catches up on lost triggers. */
  async enqueueBestEffort(job: JobPayload): Promise<void> {
    try {
      await this.enqueue(job);
    } catch (err) {
      this.logger.warn({ err, job: jobKey(job) }, 'could not enqueue job; the stale-state sweeper will retry it');
    }
  }

  queueFor(name: JobName): Queue {
    return this.queues[JOB_QUEUE[name]];
  }

  allQueues(): Queue[] {
    return Object.values(this.queues);
  }
}
