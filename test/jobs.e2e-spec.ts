import { Client } from 'pg';
import { FundingSharesService } from '@app/funding';
import { JobName, JobProducer, QueueName } from '@app/queue';
import { TestApp, World, buildWorld, createTestApp, expectStatus } from '@app/testing';
import { DerivedProcessor } from '../apps/worker/src/processors/derived.processor';
import { MaintenanceProcessor } from '../apps/worker/src/processors/maintenance.processor';

async function waitFor<T>(probe: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`condition not reached within ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe(`background jobs on ${process.env.REDIS_URL ? 'Redis' : 'PostgreSQL'} (e2e)`, () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp({ withWorker: true, env: { WORKER_CONCURRENCY: '3', JOB_STALL_SECONDS: '10' } });
    w = await buildWorld(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('runs the workers with the configured concurrency and lock timings', () => {
    const derived = t.app.get(DerivedProcessor).worker;
    const maintenance = t.app.get(MaintenanceProcessor).worker;
    expect([derived.concurrency, derived.opts.lockDuration, derived.opts.stalledInterval]).toEqual([3, 10000, 10000]);
    expect([maintenance.opts.lockDuration, maintenance.opts.stalledInterval]).toEqual([10000, 10000]);
  });

  it('recomputes funding shares in the worker after a contribution changes', async () => {
    await expectStatus(
      t
        .as(w.tokens.finance)
        .post(`/platforms/${w.platformId}/contributions`)
        .set('Idempotency-Key', 'job-test-contribution-a')
        .send({ projectId: w.projectId, organisationId: w.companyAId, fiscalYear: 2026, directCostYen: '30000000', invoicedOn: '2026-05-01' }),
      201,
    );
    await expectStatus(
      t
        .as(w.tokens.finance)
        .post(`/platforms/${w.platformId}/contributions`)
        .set('Idempotency-Key', 'job-test-contribution-b')
        .send({ projectId: w.projectId, organisationId: w.companyBId, fiscalYear: 2026, directCostYen: '10000000', invoicedOn: '2026-05-02' }),
      201,
    );
    const result = await waitFor(
      () => expectStatus<{ stale: boolean; shares: { organisationId: string; shareBp: number }[] }>(
        t.as(w.tokens.cpo).get(`/platforms/${w.platformId}/funding-shares?fiscalYear=2026`),
        200,
      ),
      (r) => !r.stale,
    );
    const bp = Object.fromEntries(result.shares.map((s) => [s.organisationId, s.shareBp]));
    expect(bp).toEqual({ [w.companyAId]: 7500, [w.companyBId]: 2500 });
  });

  it('coalesces repeated triggers for one platform into one waiting job', async () => {
    const producer = t.app.get(JobProducer);
    const queue = producer.queueFor(JobName.RecomputeFundingShares);
    await queue.pause();
    try {
      await waitFor(() => queue.getActiveCount(), (n) => n === 0);
      const platformId = '00000000-0000-4000-8000-000000000001';
      for (let i = 0; i < 5; i++) await producer.enqueue({ name: JobName.RecomputeFundingShares, data: { platformId } });
      const waiting = await queue.getJobs(['waiting', 'prioritized', 'delayed']);
      expect(waiting.filter((j) => (j.data as { platformId: string }).platformId === platformId)).toHaveLength(1);
      expect(queue.name).toBe(QueueName.Derived);
      await queue.obliterate({ force: true }).catch(() => undefined);
    } finally {
      await queue.resume();
    }
  });

  it('leaves the previous result intact when a recompute is killed mid-transaction, and a re-run equals a clean run', async () => {
    const service = t.app.get(FundingSharesService);
    await service.recompute(w.platformId);
    const snapshot = async () =>
      JSON.stringify(await t.dataSource.query('SELECT * FROM funding_shares WHERE platform_id = $1 ORDER BY project_id, organisation_id, fiscal_year', [w.platformId]));
    const clean = await snapshot();

    // Hold the result row so the recompute blocks after rewriting the shares, then kill its connection.
    const blocker = new Client({ connectionString: t.db.url });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query(`SELECT * FROM derived_state_results WHERE platform_id = $1 FOR UPDATE`, [w.platformId]);
    await t.dataSource.query(`UPDATE derived_state_requests SET requested_version = requested_version + 1 WHERE platform_id = $1`, [w.platformId]);
    const running = service.recompute(w.platformId);
    running.catch(() => undefined);
    const victim = await waitFor(
      async () =>
        // Polled from outside the blocker's transaction: statistics views are snapshotted per transaction.
        t.dataSource.query<{ pid: number }[]>(
          `SELECT pid FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'
              AND query LIKE '%INSERT INTO derived_state_results%'`,
        ),
      (rows) => rows.length > 0,
    );
    await t.dataSource.query('SELECT pg_terminate_backend($1)', [victim[0].pid]);
    await expect(running).rejects.toThrow();
    await blocker.query('ROLLBACK');
    await blocker.end();

    expect(await snapshot()).toBe(clean);
    const status = await expectStatus<{ stale: boolean }>(t.as(w.tokens.cpo).get(`/platforms/${w.platformId}/funding-shares`), 200);
    expect(status.stale).toBe(true);
    await service.recompute(w.platformId);
    expect(await snapshot()).toBe(clean);
    const done = await expectStatus<{ stale: boolean }>(t.as(w.tokens.cpo).get(`/platforms/${w.platformId}/funding-shares`), 200);
    expect(done.stale).toBe(false);
  });
});
