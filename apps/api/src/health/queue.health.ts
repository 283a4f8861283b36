import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { JobProducer } from '@app/queue';

/** The queue backend (Redis or BullMQ's PostgreSQL tables) answers within the timeout. */
@Injectable()
export class QueueHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly producer: JobProducer,
  ) {}

  async isHealthy(key: string, timeoutMs = 2000) {
    const check = this.health.check(key);
    try {
      const counts = await Promise.race([
        Promise.all(this.producer.allQueues().map((q) => q.getJobCounts('waiting', 'active', 'failed'))),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref()),
      ]);
      const waiting = counts.reduce((n, c) => n + (c.waiting ?? 0), 0);
      const failed = counts.reduce((n, c) => n + (c.failed ?? 0), 0);
      return check.up({ waiting, failed });
    } catch (err) {
      return check.down({ message: err instanceof Error ? err.message : String(err) });
    }
  }
}
