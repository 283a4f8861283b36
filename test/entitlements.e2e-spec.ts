import { ChildProcess, spawn } from 'node:child_process';
import { Client } from 'pg';
import { EntitlementsRecomputeService, PURPOSES, RIGHTS } from '@app/entitlements';
import { TestApp, World, buildWorld, createTestApp, expectStatus } from '@app/testing';

interface Answer {
  organisationId: string;
  assetId: string;
  right: string;
  discountBp: number | null;
  computedAt: string | null;
  stale: boolean;
  reason: {
    ruleId: string;
    text: string;
    memberClass: { code: string | null; shareBp: number } | null;
    contributions: { id: string; directCostYen: string }[];
    policyVersion: number;
    committeeDecisionId: string | null;
  };
}
interface Page {
  items: Answer[];
  total: number;
  stale: boolean;
  computedAt: string | null;
}

async function waitFor<T>(probe: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`condition not reached within ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Entitlements through the API: both DOMAIN.md §1 tables, class boundaries, policy changes and
 * a member leaving (as-of), tenancy, staleness, and a worker killed mid-recompute.
 *
 * Project P-1 (cooperative) FY2026 company funding ¥10M: A ¥5.9M (59% → S), B ¥3M (exactly
 * 30% → S), C ¥1M (exactly 10% → A, 50% off), D ¥0.1M (1% → B, standard); E takes part but
 * pays nothing; F is a member outside the project.
 */
describe('entitlements (e2e)', () => {
  let t: TestApp;
  let w: World;
  let base: string;
  const ids: Record<string, string> = {};
  let cpo: string;

  const admin = () => t.as(t.adminToken);
  const check = (q: { org: string; asset: string; purpose: 'research' | 'commercial'; on?: string }, token = cpo) =>
    expectStatus<Answer>(
      t.as(token).get(`${base}/rights?organisationId=${q.org}&assetId=${q.asset}&purpose=${q.purpose}&on=${q.on ?? '2026-10-01'}`),
      200,
    );
  const recompute = () => t.app.get(EntitlementsRecomputeService).recompute(w.platformId);
  let keys = 0;
  const contribute = (org: string, yen: string, project = w.projectId) =>
    expectStatus(
      t
        .as(w.tokens.finance)
        .post(`${base}/contributions`)
        .set('Idempotency-Key', `entitlement-contribution-${++keys}`)
        .send({ projectId: project, organisationId: org, fiscalYear: 2026, directCostYen: yen, invoicedOn: '2026-06-01' }),
      201,
    );
  const asset = async (body: object) =>
    (
      await expectStatus<{ id: string }>(
        admin()
          .post(`${base}/ip-assets`)
          .send({ title: 'entitlement test asset', technologyField: 'H01M 10/0562', createdOn: '2026-04-01', ...body }),
        201,
      )
    ).id;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    base = `/platforms/${w.platformId}`;
    cpo = w.tokens.cpo;
    ids.A = w.companyAId;
    ids.B = w.companyBId;
    for (const name of ['C', 'D', 'E', 'F']) {
      ids[name] = (
        await expectStatus<{ id: string }>(admin().post('/organisations').send({ name: `Company ${name}`, kind: 'company', companySize: 'sme' }), 201)
      ).id;
      await expectStatus(admin().post(`${base}/memberships`).send({ organisationId: ids[name], joinedOn: '2026-04-01' }), 201);
      if (name !== 'F') {
        await expectStatus(admin().post(`${base}/projects/${w.projectId}/participants`).send({ organisationId: ids[name], role: 'funder' }), 201);
      }
    }
    await contribute(ids.A, '5900000');
    await contribute(ids.B, '3000000');
    await contribute(ids.C, '1000000');
    await contribute(ids.D, '100000');
    const individual = await expectStatus<{ id: string }>(
      admin()
        .post(`${base}/projects`)
        .send({
          code: 'P-IND',
          title: 'individual research',
          kind: 'individual',
          startsOn: '2026-04-01',
          endsOn: '2027-03-31',
          participants: [
            { organisationId: w.universityId, role: 'lead' },
            { organisationId: ids.A, role: 'funder' },
          ],
        }),
      201,
    );
    const uni = [{ organisationId: w.universityId, shareBp: 10000 }];
    ids.fg = await asset({ origin: 'foreground', projectId: w.projectId, owners: uni });
    ids.fgPooled = await asset({ origin: 'foreground', projectId: w.projectId, owners: uni, pooled: true });
    ids.fgIndividual = await asset({ origin: 'foreground', projectId: individual.id, owners: uni });
    ids.fgCommons = await asset({ origin: 'foreground', projectId: w.projectId, owners: uni, researchCommons: true });
    ids.bgConsent = await asset({ origin: 'background', holderOrganisationId: ids.B, owners: [{ organisationId: ids.B, shareBp: 10000 }] });
    ids.bgNoConsent = await asset({ origin: 'background', holderOrganisationId: ids.B, owners: [{ organisationId: ids.B, shareBp: 10000 }] });
    await expectStatus(admin().post(`${base}/ip-assets/${ids.bgConsent}/holder-research-consents`).send({ consents: true, effectiveFrom: '2026-04-01' }), 201);
    await recompute();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  describe('Nagoya table, cooperative research column', () => {
    it('foreground IP, research inside the consortium: no enforcement against participants', async () => {
      const a = await check({ org: ids.E, asset: ids.fg, purpose: 'research' });
      expect([a.right, a.reason.ruleId]).toEqual(['free', 'FOREGROUND_RESEARCH_PARTICIPANT']);
    });

    it('foreground IP, business use: licence to participants on their class terms', async () => {
      const s = await check({ org: ids.A, asset: ids.fg, purpose: 'commercial' });
      expect([s.right, s.reason.ruleId, s.reason.memberClass?.code]).toEqual(['free', 'FOREGROUND_BUSINESS_CLASS_FREE', 'S']);
      expect(s.reason.contributions.map((c) => c.directCostYen)).toEqual(['5900000']);
      expect(s.reason.policyVersion).toBe(1);
      const none = await check({ org: ids.E, asset: ids.fg, purpose: 'commercial' });
      expect([none.right, none.reason.ruleId]).toEqual(['standard', 'FOREGROUND_BUSINESS_PARTICIPANT_NO_CLASS']);
      const outside = await check({ org: ids.F, asset: ids.fg, purpose: 'commercial' });
      expect([outside.right, outside.reason.ruleId]).toEqual(['committee_decides', 'FOREGROUND_BUSINESS_NOT_PARTICIPANT']);
    });

    it('background IP, research: free if the holder accepts, else the holder must consent', async () => {
      const yes = await check({ org: ids.A, asset: ids.bgConsent, purpose: 'research' });
      expect([yes.right, yes.reason.ruleId]).toEqual(['free', 'BACKGROUND_RESEARCH_HOLDER_CONSENTS']);
      const no = await check({ org: ids.A, asset: ids.bgNoConsent, purpose: 'research' });
      expect([no.right, no.reason.ruleId]).toEqual(['holder_consent_needed', 'BACKGROUND_RESEARCH_HOLDER_CONSENT_NEEDED']);
    });

    it('background IP, business use: committee decides until a decision the holder accepted sets the terms', async () => {
      const before = await check({ org: ids.A, asset: ids.bgNoConsent, purpose: 'commercial', on: '2026-10-01' });
      expect([before.right, before.reason.ruleId]).toEqual(['committee_decides', 'BACKGROUND_BUSINESS_COMMITTEE_PENDING']);
      const decision = await expectStatus<{ id: string; holderAccepted: boolean }>(
        t.as(cpo).post(`${base}/ip-assets/${ids.bgNoConsent}/committee-decisions`).send({ decidedOn: '2026-11-01', right: 'discounted', discountBp: 3000 }),
        201,
      );
      expect(decision.holderAccepted).toBe(false);
      const waiting = await check({ org: ids.A, asset: ids.bgNoConsent, purpose: 'commercial', on: '2026-11-10' });
      expect([waiting.right, waiting.reason.ruleId]).toEqual(['committee_decides', 'BACKGROUND_BUSINESS_AWAITING_HOLDER']);
      await expectStatus(
        t.as(cpo).post(`${base}/ip-assets/${ids.bgNoConsent}/committee-decisions/${decision.id}/holder-acceptance`).send({ acceptedOn: '2026-11-15' }),
        200,
      );
      const after = await check({ org: ids.A, asset: ids.bgNoConsent, purpose: 'commercial', on: '2026-11-15' });
      expect([after.right, after.discountBp, after.reason.ruleId, after.reason.committeeDecisionId]).toEqual([
        'discounted',
        3000,
        'BACKGROUND_BUSINESS_COMMITTEE_TERMS',
        decision.id,
      ]);
      // As of a day before the acceptance, the answer is what it was then.
      const asOf = await check({ org: ids.A, asset: ids.bgNoConsent, purpose: 'commercial', on: '2026-11-14' });
      expect(asOf.reason.ruleId).toBe('BACKGROUND_BUSINESS_AWAITING_HOLDER');
      const list = await expectStatus<{ id: string; holderAcceptedOn: string }[]>(t.as(cpo).get(`${base}/ip-assets/${ids.bgNoConsent}/committee-decisions`), 200);
      expect(list.map((d) => d.holderAcceptedOn)).toEqual(['2026-11-15']);
    });

    it('refuses committee decisions on foreground IP (422) and malformed terms (400)', async () => {
      const fg = await expectStatus<{ code: string }>(
        t.as(cpo).post(`${base}/ip-assets/${ids.fg}/committee-decisions`).send({ decidedOn: '2026-11-01', right: 'free' }),
        422,
      );
      expect(fg.code).toBe('COMMITTEE.FOREGROUND_ASSET');
      await expectStatus(t.as(cpo).post(`${base}/ip-assets/${ids.bgConsent}/committee-decisions`).send({ decidedOn: '2026-11-01', right: 'discounted' }), 400);
    });

    it('individual research: every use is per agreement', async () => {
      for (const purpose of ['research', 'commercial'] as const) {
        const a = await check({ org: ids.A, asset: ids.fgIndividual, purpose });
        expect([a.right, a.reason.ruleId]).toEqual(['committee_decides', 'FOREGROUND_INDIVIDUAL_PER_AGREEMENT']);
      }
    });
  });

  describe('Tohoku IP Pool / IP Share', () => {
    it('pooled foreground IP is free for research by every member; non-pooled only for participants', async () => {
      const pooled = await check({ org: ids.F, asset: ids.fgPooled, purpose: 'research' });
      expect([pooled.right, pooled.reason.ruleId]).toEqual(['free', 'FOREGROUND_RESEARCH_POOLED_MEMBER']);
      const notPooled = await check({ org: ids.F, asset: ids.fg, purpose: 'research' });
      expect([notPooled.right, notPooled.reason.ruleId]).toEqual(['none', 'FOREGROUND_RESEARCH_NOT_PARTICIPANT']);
    });

    it('classes exactly at the thresholds: 30% is S (free), 10% is A (50% off), 1% is B (standard)', async () => {
      const b = await check({ org: ids.B, asset: ids.fg, purpose: 'commercial' });
      expect([b.right, b.reason.memberClass?.code, b.reason.memberClass?.shareBp]).toEqual(['free', 'S', 3000]);
      const c = await check({ org: ids.C, asset: ids.fg, purpose: 'commercial' });
      expect([c.right, c.discountBp, c.reason.memberClass?.code, c.reason.ruleId]).toEqual(['discounted', 5000, 'A', 'FOREGROUND_BUSINESS_CLASS_DISCOUNT']);
      const d = await check({ org: ids.D, asset: ids.fg, purpose: 'commercial' });
      expect([d.right, d.reason.memberClass?.code, d.reason.ruleId]).toEqual(['standard', 'B', 'FOREGROUND_BUSINESS_CLASS_STANDARD']);
    });

    it('owners use their own IP freely; the research commons is free for research by any domestic institution', async () => {
      const owner = await check({ org: w.universityId, asset: ids.fg, purpose: 'commercial' });
      expect([owner.right, owner.reason.ruleId]).toEqual(['free', 'OWNER']);
      const holder = await check({ org: ids.B, asset: ids.bgNoConsent, purpose: 'commercial' });
      expect(holder.reason.ruleId).toBe('OWNER');
      const commons = await check({ org: w.outsiderId, asset: ids.fgCommons, purpose: 'research' });
      expect([commons.right, commons.reason.ruleId]).toEqual(['free', 'COMMONS_RESEARCH']);
      const business = await check({ org: w.outsiderId, asset: ids.fgCommons, purpose: 'commercial' });
      expect([business.right, business.reason.ruleId]).toEqual(['none', 'NOT_A_MEMBER']);
    });
  });

  describe('history', () => {
    it('a policy change with an effective date: answers before and after it differ', async () => {
      await expectStatus(
        admin()
          .post(`${base}/policies`)
          .send({
            effectiveFrom: '2027-01-01',
            memberClassRules: {
              basis: 'project',
              window: 'cumulative',
              thresholdKind: 'share_bp',
              classes: [
                { code: 'S', minimum: '5000', benefit: 'free' },
                { code: 'A', minimum: '1000', benefit: 'discount', discountBp: 5000 },
                { code: 'B', minimum: '0', benefit: 'standard' },
              ],
            },
          }),
        201,
      );
      await recompute();
      const before = await check({ org: ids.B, asset: ids.fg, purpose: 'commercial', on: '2026-12-31' });
      expect([before.right, before.reason.memberClass?.code, before.reason.policyVersion]).toEqual(['free', 'S', 1]);
      const after = await check({ org: ids.B, asset: ids.fg, purpose: 'commercial', on: '2027-01-01' });
      expect([after.right, after.reason.memberClass?.code, after.reason.policyVersion]).toEqual(['discounted', 'A', 2]);
    });

    it('a member leaving: rights until the last day, none after', async () => {
      const memberships = await expectStatus<{ id: string; organisationId: string }[]>(admin().get(`${base}/memberships`), 200);
      const c = memberships.find((m) => m.organisationId === ids.D);
      await expectStatus(admin().post(`${base}/memberships/${c?.id}/end`).send({ leftOn: '2027-02-28' }), 200);
      await recompute();
      const lastDay = await check({ org: ids.D, asset: ids.fg, purpose: 'commercial', on: '2027-02-28' });
      expect(lastDay.right).toBe('standard');
      const after = await check({ org: ids.D, asset: ids.fg, purpose: 'commercial', on: '2027-03-01' });
      expect([after.right, after.reason.ruleId]).toEqual(['none', 'NOT_A_MEMBER']);
    });
  });

  describe('listings and tenancy', () => {
    it("a member lists its own rights (filter by right, project) and never another member's (404)", async () => {
      const own = await expectStatus<Page>(
        t.as(w.tokens.memberA).get(`${base}/organisations/${ids.A}/rights?on=2026-10-01&purpose=commercial&projectId=${w.projectId}&right=free`),
        200,
      );
      expect(own.items.map((i) => i.assetId).sort()).toEqual([ids.fg, ids.fgPooled, ids.fgCommons].sort());
      await expectStatus(t.as(w.tokens.memberA).get(`${base}/organisations/${ids.B}/rights`), 404);
      await expectStatus(t.as(w.tokens.memberA).get(`${base}/rights?organisationId=${ids.B}&assetId=${ids.fg}&purpose=research`), 404);
      const self = await expectStatus<Answer>(t.as(w.tokens.memberA).get(`${base}/rights?assetId=${ids.fg}&purpose=commercial&on=2026-10-01`), 200);
      expect(self.organisationId).toBe(ids.A);
    });

    it('a page of a listing is that slice of the whole listing, in asset then purpose order, with any filter', async () => {
      const list = (q: string) => expectStatus<Page>(t.as(cpo).get(`${base}/organisations/${ids.A}/rights?on=2026-10-01&${q}`), 200);
      for (const filter of ['', `&projectId=${w.projectId}`, '&purpose=research', '&technologyField=H01M', '&technologyField=G06']) {
        const whole = await list(`limit=500${filter}`);
        expect(whole.total).toBe(whole.items.length);
        const assetIds = whole.items.map((i) => i.assetId);
        expect(assetIds).toEqual([...assetIds].sort());
        const purposes = filter === '&purpose=research' ? ['research'] : [...PURPOSES];
        expect(whole.items.map((i) => (i as Answer & { purpose: string }).purpose)).toEqual(whole.items.map((_, k) => purposes[k % purposes.length]));
        // Filtered by each right, the listing decides every asset: together those are the same answers.
        const byRight = await Promise.all(RIGHTS.map((r) => list(`limit=500&right=${r}${filter}`)));
        const key = (i: Answer) => JSON.stringify(i);
        expect(byRight.flatMap((p) => p.items).map(key).sort()).toEqual(whole.items.map(key).sort());
        for (const offset of [0, 1, 3, 4, Math.max(0, whole.total - 2), whole.total, whole.total + 5, 10_000_000_000]) {
          const page = await list(`limit=3&offset=${offset}${filter}`);
          expect([page.total, page.items]).toEqual([whole.total, whole.items.slice(offset, offset + 3)]);
        }
      }
      const tooFar = await expectStatus<{ code: string; field: string }>(t.as(cpo).get(`${base}/organisations/${ids.A}/rights?offset=100000000000000000000`), 400);
      expect([tooFar.code, tooFar.field]).toEqual(['VALIDATION.INVALID_FIELD', 'offset']);
      expect((await list('limit=500&technologyField=H01M')).total).toBe(12);
      expect((await list('limit=500&technologyField=G06')).total).toBe(0);
    });

    it("a page of the matrix holds, per member, that member's own listing", async () => {
      const matrix = (offset: number, limit: number) => expectStatus<Page>(t.as(cpo).get(`${base}/rights/matrix?on=2026-10-01&limit=${limit}&offset=${offset}`), 200);
      const listings = new Map<string, Page>();
      const listing = async (org: string) => {
        if (!listings.has(org)) listings.set(org, await expectStatus<Page>(t.as(cpo).get(`${base}/organisations/${org}/rights?on=2026-10-01&limit=500`), 200));
        return listings.get(org)!;
      };
      const perMember = (await listing(ids.A)).total;
      const first = await matrix(0, 1);
      expect(first.total % perMember).toBe(0);
      // Pages that start mid-member and cross into the next one.
      for (const [offset, limit] of [[0, 5], [perMember - 2, 5], [perMember * 2 + 3, perMember + 4], [first.total - 3, 10]]) {
        const page = await matrix(offset, limit);
        expect(page.items).toHaveLength(Math.min(limit, first.total - offset));
        for (const [k, item] of page.items.entries()) {
          expect(item).toEqual((await listing(item.organisationId)).items[(offset + k) % perMember]);
        }
      }
    });

    it('staff see who may use an asset commercially, and the matrix, paged', async () => {
      const who = await expectStatus<Page>(t.as(cpo).get(`${base}/ip-assets/${ids.fg}/rights?purpose=commercial&on=2026-10-01`), 200);
      const byOrg = Object.fromEntries(who.items.map((i) => [i.organisationId, i.right]));
      expect(byOrg[ids.C]).toBe('discounted');
      expect(byOrg[ids.F]).toBe('committee_decides');
      const matrix = await expectStatus<Page>(t.as(cpo).get(`${base}/rights/matrix?on=2026-10-01&limit=5&offset=3`), 200);
      expect(matrix.items).toHaveLength(5);
      expect(matrix.total).toBeGreaterThan(50);
    });
  });

  describe('staleness', () => {
    it('says stale right after a contribution until the recompute has run', async () => {
      // Asked twice first, so that the answer sits in the API's rights cache.
      await recompute();
      expect((await check({ org: ids.E, asset: ids.fg, purpose: 'commercial' })).stale).toBe(false);
      expect((await check({ org: ids.E, asset: ids.fg, purpose: 'commercial' })).stale).toBe(false);
      await contribute(ids.E, '100000');
      const pending = await check({ org: ids.E, asset: ids.fg, purpose: 'commercial' });
      expect(pending.stale).toBe(true);
      expect(pending.reason.ruleId).toBe('FOREGROUND_BUSINESS_PARTICIPANT_NO_CLASS');
      await recompute();
      const done = await check({ org: ids.E, asset: ids.fg, purpose: 'commercial' });
      expect([done.stale, done.reason.memberClass?.code]).toEqual([false, 'B']);
      expect(Date.parse(done.computedAt ?? '')).toBeGreaterThan(Date.parse(pending.computedAt ?? ''));
    });
  });

  describe('the rights cache', () => {
    it('drops cached answers when another process changes an input (a change made directly in the database)', async () => {
      await recompute();
      const q = { org: ids.A, asset: ids.fg, purpose: 'commercial' as const };
      expect((await check(q)).stale).toBe(false);
      expect((await check(q)).stale).toBe(false);
      await t.dataSource.query(
        `UPDATE derived_state_requests SET requested_version = requested_version + 1 WHERE platform_id = $1 AND kind = 'entitlements'`,
        [w.platformId],
      );
      const deadline = Date.now() + 3000;
      let stale = false;
      while (!stale && Date.now() < deadline) {
        stale = (await check(q)).stale;
        if (!stale) await new Promise((r) => setTimeout(r, 20));
      }
      expect(stale).toBe(true);
      await recompute();
      expect((await check(q)).stale).toBe(false);
    });
  });

  describe('a worker killed in the middle of a recompute', () => {
    let worker: ChildProcess | null = null;
    const startWorker = () => {
      const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/worker/src/main.ts'], {
        // Short locks, so the restarted worker finds the killed worker's job within seconds (README: JOB_STALL_SECONDS).
        env: { ...process.env, DATABASE_URL: t.db.url, RUN_MIGRATIONS: 'false', LOG_LEVEL: 'warn', JOB_STALL_SECONDS: '5' },
        stdio: 'ignore',
      });
      return child;
    };
    afterEach(() => {
      if (worker && worker.exitCode === null) worker.kill('SIGKILL');
    });

    it('leaves the previous result, reports stale meanwhile, and a restarted worker equals a clean recompute', async () => {
      const snapshot = async () =>
        JSON.stringify(
          await t.dataSource.query(
            `SELECT organisation_id, project_id, fiscal_year, policy_version_id, class_code, contributed_yen, total_yen, contributions
               FROM entitlement_member_classes WHERE platform_id = $1 ORDER BY 1, 2, 3, 4`,
            [w.platformId],
          ),
        );
      const beforeChange = await snapshot();
      // Hold the result row: the worker's recompute blocks after rewriting the rows, mid-transaction.
      const blocker = new Client({ connectionString: t.db.url });
      await blocker.connect();
      await blocker.query('BEGIN');
      await blocker.query(`SELECT * FROM derived_state_results WHERE platform_id = $1 AND kind = 'entitlements' FOR UPDATE`, [w.platformId]);
      await contribute(ids.C, '500000');
      worker = startWorker();
      const victim = await waitFor(
        () =>
          t.dataSource.query<{ pid: number }[]>(
            `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
               AND query LIKE '%INSERT INTO derived_state_results%'`,
          ),
        (rows) => rows.length > 0,
      );
      expect(victim.length).toBeGreaterThan(0);
      const during = await check({ org: ids.C, asset: ids.fg, purpose: 'commercial' });
      expect(during.stale).toBe(true);
      worker.kill('SIGKILL');
      await new Promise((r) => worker?.once('exit', r));
      // The killed worker's backend may live on until PostgreSQL notices; end it like a crash would.
      await t.dataSource.query('SELECT pg_terminate_backend($1)', [victim[0].pid]);
      await blocker.query('ROLLBACK');
      await blocker.end();
      expect(await snapshot()).toBe(beforeChange);
      expect((await check({ org: ids.C, asset: ids.fg, purpose: 'commercial' })).stale).toBe(true);

      worker = startWorker();
      const done = await waitFor(() => check({ org: ids.C, asset: ids.fg, purpose: 'commercial' }), (a) => !a.stale, 60_000);
      expect(done.reason.contributions.map((c) => c.directCostYen).sort()).toEqual(['1000000', '500000']);
      const afterWorker = await snapshot();
      worker.kill('SIGKILL');
      await recompute();
      expect(await snapshot()).toBe(afterWorker);
    }, 180_000);
  });
});
