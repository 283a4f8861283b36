export enum QueueName {
  Derived = 'derived',
  Maintenance = 'maintenance',
}

export enum JobName {
  /** Rebuilds a platform's funding shares (per project / company / fiscal year) from contributions. */
  RecomputeFundingShares = 'recompute-funding-shares',
  /** Rebuilds a platform's member classes and asset rule rows (entitlements). */
  RecomputeEntitlements = 'recompute-entitlements',
  /** Re-enqueues recomputations whose inputs changed but whose job was lost (e.g. a crash after commit). */
  SweepStaleDerivedState = 'sweep-stale-derived-state',
  /** Re-allocates a platform's unpaid patent costs after an ownership or cost-rule change. */
  ReallocatePatentCosts = 'reallocate-patent-costs',
}

/** Payloads carry ids only: the worker reloads state, so a retried job never acts on old data. */
export type JobPayload =
  | { name: JobName.RecomputeFundingShares; data: { platformId: string } }
  | { name: JobName.RecomputeEntitlements; data: { platformId: string } }
  | { name: JobName.SweepStaleDerivedState; data: Record<string, never> }
  | { name: JobName.ReallocatePatentCosts; data: { platformId: string } };

export type JobData<N extends JobName> = Extract<JobPayload, { name: N }>['data'];

export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.RecomputeFundingShares]: QueueName.Derived,
  [JobName.RecomputeEntitlements]: QueueName.Derived,
  [JobName.SweepStaleDerivedState]: QueueName.Maintenance,
  [JobName.ReallocatePatentCosts]: QueueName.Derived,
};

/**
 * The business key of a job: repeated triggers for the same target coalesce into one job.
 * BullMQ ids must not contain ':' nor be all digits, so keys are `<job-name>-<uuid>`.
 */
export function jobKey(job: JobPayload): string {
  switch (job.name) {
    case JobName.RecomputeFundingShares:
    case JobName.RecomputeEntitlements:
      return `${job.name}-${job.data.platformId}`;
    case JobName.SweepStaleDerivedState:
      return job.name;
    case JobName.ReallocatePatentCosts:
      return `${job.name}-${job.data.platformId}`;
  }
}
