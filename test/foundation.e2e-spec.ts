import { TestApp, World, buildWorld, createTestApp, expectStatus } from '@app/testing';

describe('foundation (e2e)', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('serves health and readiness without a token', async () => {
    await expectStatus(t.as(null).get('/health'), 200);
    const ready = await expectStatus<{ details: Record<string, { status: string }> }>(t.as(null).get('/ready'), 200);
    expect(ready.details.database.status).toBe('up');
    expect(ready.details.queue.status).toBe('up');
  });

  it('answers the policy in force on a date', async () => {
    const p = await expectStatus<{ version: number; overheadRateBp: number }>(
      t.as(w.tokens.memberA).get(`/platforms/${w.platformId}/policy?on=2026-05-01`),
      200,
    );
    expect(p).toMatchObject({ version: 1, overheadRateBp: 2000 });
  });
});
