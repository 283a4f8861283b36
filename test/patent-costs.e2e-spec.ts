import { Client } from 'pg';
import { PatentCostsService } from '@app/patents';
import { TestApp, World, buildWorld, createTestApp, expectStatus } from '@app/testing';

interface Payer {
  payerKind: string;
  organisationId: string | null;
  projectId: string | null;
  amountYen: string;
}
interface Cost {
  id: string;
  status: string;
  amountYen: string;
  rateDate: string | null;
  yenPerUnit: string | null;
  feeYear: number | null;
  feeYearTo: number | null;
  allocationVersion: number;
  allocationRule: string;
  payers: Payer[];
}

async function waitFor<T>(
  probe: () => Promise<T>,
  done: (v: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > until)
      throw new Error(`condition not reached within ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Policy versions used below:
 *   v1 from 2026-04-01: defaults (co-filed → company pays all, no project direct cost)
 *   v2 from 2027-04-01: project direct cost during the term (P-1 runs 2026-04-01 … 2028-03-31)
 *   v3 from 2029-04-01: co-filed → by share, no project direct cost
 */
describe('patent costs and who pays (e2e)', () => {
  let t: TestApp;
  let w: World;
  let agencyId: string;
  let keys = 0;
  const key = () => `patent-cost-e2e-${++keys}`;

  const base = () => `/platforms/${w.platformId}`;
  const costsOf = (assetId: string, filingId: string) =>
    `${base()}/ip-assets/${assetId}/filings/${filingId}/costs`;

  async function asset(body: Record<string, unknown>): Promise<string> {
    return (
      await expectStatus<{ id: string }>(
        t
          .as(w.tokens.cpo)
          .post(`${base()}/ip-assets`)
          .send({
            title: `asset ${++keys}`,
            technologyField: 'H01M',
            createdOn: '2026-06-01',
            ...body,
          }),
        201,
      )
    ).id;
  }
  async function filing(
    assetId: string,
    body: Record<string, unknown> = { jurisdiction: 'JP', claimsCount: 5 },
  ): Promise<string> {
    return (
      await expectStatus<{ id: string }>(
        t.as(w.tokens.cpo).post(`${base()}/ip-assets/${assetId}/filings`).send(body),
        201,
      )
    ).id;
  }
  async function cost(
    assetId: string,
    filingId: string,
    body: Record<string, unknown>,
  ): Promise<Cost> {
    return expectStatus<Cost>(
      t
        .as(w.tokens.finance)
        .post(costsOf(assetId, filingId))
        .set('Idempotency-Key', key())
        .send(body),
      201,
    );
  }
  async function act(
    assetId: string,
    filingId: string,
    costId: string,
    action: string,
    body: Record<string, unknown>,
  ): Promise<Cost> {
    return expectStatus<Cost>(
      t
        .as(w.tokens.finance)
        .post(`${costsOf(assetId, filingId)}/${costId}/${action}`)
        .set('Idempotency-Key', key())
        .send(body),
      201,
    );
  }
  async function balances(): Promise<Record<string, bigint>> {
    const rows = await t.dataSource.query<{ code: string; balance: string }[]>(
      'SELECT code, balance::text FROM ledger_accounts WHERE platform_id = $1',
      [w.platformId],
    );
    return Object.fromEntries(rows.map((r) => [r.code, BigInt(r.balance)]));
  }
  async function costEntries(costId: string) {
    const rows = await t.dataSource.query<{ key: string; kind: string; lines: string[] }[]>(
      `SELECT e.idempotency_key AS key, e.kind,
              array_agg(a.code || ' ' || l.amount ORDER BY a.code, l.amount) AS lines
         FROM journal_entries e JOIN journal_lines l ON l.entry_id = e.id JOIN ledger_accounts a ON a.id = l.account_id
        WHERE e.platform_id = $1 AND e.source_id = $2
        GROUP BY e.id ORDER BY e.created_at, e.idempotency_key`,
      [w.platformId, costId],
    );
    return rows.map((r) => ({ ...r, key: r.key.replace(costId, '<cost>') }));
  }
  /** The ledger's invariants: every entry balanced, all balances sum to zero and match the lines. */
  async function expectLedgerConsistent() {
    const unbalanced = await t.dataSource.query<{ id: string }[]>(
      `SELECT e.id FROM journal_entries e JOIN journal_lines l ON l.entry_id = e.id WHERE e.platform_id = $1 GROUP BY e.id HAVING sum(l.amount) <> 0`,
      [w.platformId],
    );
    expect(unbalanced).toEqual([]);
    const [sum] = await t.dataSource.query<{ total: string; drift: string }[]>(
      `SELECT coalesce(sum(a.balance), 0)::text AS total,
              count(*) FILTER (WHERE a.balance <> coalesce((SELECT sum(amount) FROM journal_lines l WHERE l.account_id = a.id), 0))::text AS drift
         FROM ledger_accounts a WHERE a.platform_id = $1`,
      [w.platformId],
    );
    expect(sum).toEqual({ total: '0', drift: '0' });
  }
  const payers = (c: Cost) =>
    c.payers.map((p) => [p.payerKind, p.organisationId ?? p.projectId, p.amountYen]);

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    agencyId = (
      await expectStatus<{ id: string }>(
        t
          .as(t.adminToken)
          .post('/organisations')
          .send({ name: 'Tohoku Research Agency', kind: 'research_agency' }),
        201,
      )
    ).id;
    const policy = (body: object) =>
      expectStatus(t.as(t.adminToken).post(`${base()}/policies`).send(body), 201);
    await policy({
      effectiveFrom: '2027-04-01',
      costBearingRules: {
        pooledForeground: 'ip_fund',
        coFiledWithCompany: 'company_pays_all',
        multipleOwners: 'by_share',
        background: 'holder',
        chargeProjectDirectCostDuringTerm: true,
      },
    });
    await policy({
      effectiveFrom: '2029-04-01',
      costBearingRules: {
        pooledForeground: 'ip_fund',
        coFiledWithCompany: 'by_share',
        multipleOwners: 'by_share',
        background: 'holder',
        chargeProjectDirectCostDuringTerm: false,
      },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('who pays, end to end', () => {
    it('pooled foreground IP: the IP fund; approve posts ip_fund ← payable, pay posts payable ← bank', async () => {
      const a = await asset({
        origin: 'foreground',
        projectId: w.projectId,
        pooled: true,
        owners: [{ organisationId: w.universityId, shareBp: 10000 }],
      });
      const f = await filing(a);
      const before = await balances();
      const c = await cost(a, f, { kind: 'attorney_fee', amount: '300000', dueOn: '2028-06-01' });
      expect(c).toMatchObject({
        status: 'planned',
        amountYen: '300000',
        allocationRule: 'pooled_foreground_ip_fund',
        allocationVersion: 1,
      });
      expect(payers(c)).toEqual([['ip_fund', null, '300000']]);
      const approved = await act(a, f, c.id, 'approve', { approvedOn: '2028-05-20' });
      expect(approved.status).toBe('approved');
      let after = await balances();
      expect(after.ip_fund - (before.ip_fund ?? 0n)).toBe(300000n);
      expect(after.patent_costs_payable - (before.patent_costs_payable ?? 0n)).toBe(-300000n);
      const paid = await act(a, f, c.id, 'pay', { paidOn: '2028-05-31' });
      expect(paid.status).toBe('paid');
      after = await balances();
      expect(after.patent_costs_payable - (before.patent_costs_payable ?? 0n)).toBe(0n);
      expect(after.bank - (before.bank ?? 0n)).toBe(-300000n);
      await expectLedgerConsistent();
    });

    it('co-filed with a company (Nagoya): the company pays all, as a receivable from it', async () => {
      const a = await asset({
        origin: 'foreground',
        projectId: w.projectId,
        owners: [
          { organisationId: w.universityId, shareBp: 7000 },
          { organisationId: w.companyAId, shareBp: 3000 },
        ],
      });
      const f = await filing(a);
      const c = await cost(a, f, {
        kind: 'examination_fee',
        amount: '138000',
        dueOn: '2028-07-01',
      });
      expect(c.allocationRule).toBe('company_pays_all');
      expect(payers(c)).toEqual([['organisation', w.companyAId, '138000']]);
      const before = await balances();
      await act(a, f, c.id, 'approve', { approvedOn: '2028-06-20' });
      const after = await balances();
      expect(
        after[`receivable:company:${w.companyAId}`] -
          (before[`receivable:company:${w.companyAId}`] ?? 0n),
      ).toBe(138000n);
      await expectLedgerConsistent();
    });

    it('co-filed with a company, policy by_share: every owner its share', async () => {
      const a = await asset({
        origin: 'foreground',
        projectId: w.projectId,
        owners: [
          { organisationId: w.universityId, shareBp: 6000 },
          { organisationId: w.companyBId, shareBp: 4000 },
        ],
      });
      const f = await filing(a);
      const c = await cost(a, f, { kind: 'office_action', amount: '99999', dueOn: '2029-06-01' });
      expect(c.allocationRule).toBe('company_by_share');
      expect(payers(c)).toEqual([
        ['organisation', w.universityId, '59999'],
        ['organisation', w.companyBId, '40000'],
      ]);
      const before = await balances();
      await act(a, f, c.id, 'approve', { approvedOn: '2029-05-20' });
      const after = await balances();
      expect(
        after[`receivable:organisation:${w.universityId}`] -
          (before[`receivable:organisation:${w.universityId}`] ?? 0n),
      ).toBe(59999n);
      expect(
        after[`receivable:company:${w.companyBId}`] -
          (before[`receivable:company:${w.companyBId}`] ?? 0n),
      ).toBe(40000n);
      await expectLedgerConsistent();
    });

    it('several owners and no company: by share, summing exactly', async () => {
      const a = await asset({
        origin: 'foreground',
        projectId: w.projectId,
        owners: [
          { organisationId: w.universityId, shareBp: 3334 },
          { organisationId: agencyId, shareBp: 6666 },
        ],
      });
      const f = await filing(a);
      const c = await cost(a, f, { kind: 'filing_fee', amount: '14001', dueOn: '2028-05-01' });
      expect(c.allocationRule).toBe('owners_by_share');
      expect(payers(c)).toEqual([
        ['organisation', w.universityId, '4668'],
        ['organisation', agencyId, '9333'],
      ]);
    });

    it('background IP: its holder', async () => {
      const a = await asset({ origin: 'background', holderOrganisationId: w.companyBId });
      const f = await filing(a);
      const c = await cost(a, f, {
        kind: 'translation_fee',
        amount: '250000',
        dueOn: '2027-09-01',
      });
      expect(c.allocationRule).toBe('background_holder');
      expect(payers(c)).toEqual([['organisation', w.companyBId, '250000']]);
    });

    it("during the project's term, with the JST rule in force: the project's direct budget", async () => {
      const a = await asset({
        origin: 'foreground',
        projectId: w.projectId,
        pooled: true,
        owners: [{ organisationId: w.universityId, shareBp: 10000 }],
      });
      const f = await filing(a);
      const inTerm = await cost(a, f, {
        kind: 'attorney_fee',
        amount: '120000',
        dueOn: '2027-06-01',
      });
      expect(inTerm.allocationRule).toBe('project_direct_cost');
      expect(payers(inTerm)).toEqual([['project_budget', w.projectId, '120000']]);
      const afterTerm = await cost(a, f, {
        kind: 'attorney_fee',
        amount: '120000',
        dueOn: '2028-04-01',
      });
      expect(afterTerm.allocationRule).toBe('pooled_foreground_ip_fund');
      const before = await balances();
      await act(a, f, inTerm.id, 'approve', { approvedOn: '2027-05-25' });
      const after = await balances();
      expect(
        after[`research_budget:${w.projectId}`] - (before[`research_budget:${w.projectId}`] ?? 0n),
      ).toBe(120000n);
      await expectLedgerConsistent();
    });
  });

  describe('JPO annual fees generated from the fee schedules', () => {
    it('plans one cost per fee year (idempotent) and splits a co-owned patent per owner with its own reduction', async () => {
      const a = await asset({
        origin: 'foreground',
        projectId: w.projectId,
        owners: [
          { organisationId: w.universityId, shareBp: 5000 },
          { organisationId: w.companyAId, shareBp: 5000 },
        ],
      });
      const f = await filing(a, {
        jurisdiction: 'JP',
        claimsCount: 5,
        applicationDate: '2025-10-01',
        grantDate: '2026-10-01',
        status: 'granted',
      });
      const gen = await expectStatus<{ created: Cost[]; alreadyPlanned: number }>(
        t
          .as(w.tokens.cpo)
          .post(`${costsOf(a, f)}/generate`)
          .send({ upToDate: '2029-12-31' }),
        201,
      );
      expect(gen.created.map((c) => [c.feeYear, c.feeYearTo, c.status])).toEqual([
        [1, 3, 'planned'],
        [4, null, 'planned'],
      ]);
      const again = await expectStatus<{ created: Cost[]; alreadyPlanned: number }>(
        t
          .as(w.tokens.cpo)
          .post(`${costsOf(a, f)}/generate`)
          .send({ upToDate: '2029-12-31' }),
        201,
      );
      expect(again).toEqual({ created: [], alreadyPlanned: 2 });

      // Years 1–3 fall due in 2026 under v1: the co-owner company pays all.
      const [registration, year4] = gen.created;
      expect(registration.allocationRule).toBe('company_pays_all');
      // Year 4 (due 2029-10-01, v3 by share): 10,300 + 800 × 5 = 14,300 yen; the university's half
      // is reduced by 1/2 → 14,300 × 3/4 = 10,725 → 10,720 (down to 10 yen), split 1 : 2, not 50/50.
      expect(year4.amountYen).toBe('10720');
      expect(year4.allocationRule).toBe('company_by_share');
      expect(payers(year4)).toEqual([
        ['organisation', w.universityId, '3573'],
        ['organisation', w.companyAId, '7147'],
      ]);
      const before = await balances();
      await act(a, f, year4.id, 'approve', { approvedOn: '2029-09-20' });
      const after = await balances();
      expect(
        after[`receivable:organisation:${w.universityId}`] -
          (before[`receivable:organisation:${w.universityId}`] ?? 0n),
      ).toBe(3573n);
      expect(
        after[`receivable:company:${w.companyAId}`] -
          (before[`receivable:company:${w.companyAId}`] ?? 0n),
      ).toBe(7147n);
      await expectLedgerConsistent();
    });
  });

  describe('foreign currency', () => {
    it('converts with the latest rate on or before the due date and records the rate used', async () => {
      const fin = t.as(w.tokens.finance);
      await expectStatus(
        fin
          .post(`${base()}/exchange-rates`)
          .send({ currency: 'USD', rateDate: '2028-04-01', yenPerUnit: '150.1234' }),
        201,
      );
      const replay = await fin
        .post(`${base()}/exchange-rates`)
        .send({ currency: 'USD', rateDate: '2028-04-01', yenPerUnit: '150.1234' });
      expect(replay.status).toBe(200);
      const clash = await fin
        .post(`${base()}/exchange-rates`)
        .send({ currency: 'USD', rateDate: '2028-04-01', yenPerUnit: '151' });
      expect([clash.status, (clash.body as { code: string }).code]).toEqual([
        409,
        'EXCHANGE_RATE.ALREADY_RECORDED',
      ]);
      const listed = await expectStatus<unknown[]>(fin.get(`${base()}/exchange-rates`), 200);
      expect(listed).toEqual([
        expect.objectContaining({
          currency: 'USD',
          rateDate: '2028-04-01',
          yenPerUnit: '150.1234',
        }),
      ]);

      const a = await asset({
        origin: 'foreground',
        projectId: w.projectId,
        pooled: true,
        owners: [{ organisationId: w.universityId, shareBp: 10000 }],
      });
      const us = await filing(a, { jurisdiction: 'US', entityStatus: 'small' });
      const c = await cost(a, us, { kind: 'attorney_fee', amount: '1600', dueOn: '2028-06-01' });
      // 1,600 × 150.1234 = 240,197.44 → 240,197 (truncated, the kernel's one rounding rule)
      expect(c).toMatchObject({
        amountYen: '240197',
        rateDate: '2028-04-01',
        yenPerUnit: '150.1234',
      });

      const ep = await filing(a, { jurisdiction: 'EP' });
      const noRate = await fin
        .post(costsOf(a, ep))
        .set('Idempotency-Key', key())
        .send({ kind: 'attorney_fee', amount: '900', dueOn: '2028-06-01' });
      expect([noRate.status, (noRate.body as { code: string }).code]).toEqual([
        422,
        'FEES.NO_EXCHANGE_RATE',
      ]);
    });
  });

  describe('idempotency and corrections', () => {
    it('replays a repeated request, refuses a reused key with another body', async () => {
      const a = await asset({
        origin: 'foreground',
        projectId: w.projectId,
        pooled: true,
        owners: [{ organisationId: w.universityId, shareBp: 10000 }],
      });
      const f = await filing(a);
      const fin = t.as(w.tokens.finance);
      const body = { kind: 'attorney_fee', amount: '5000', dueOn: '2028-06-01' };
      const first = await fin
        .post(costsOf(a, f))
        .set('Idempotency-Key', 'cost-replay-0001')
        .send(body);
      expect(first.status).toBe(201);
      const replay = await fin
        .post(costsOf(a, f))
        .set('Idempotency-Key', 'cost-replay-0001')
        .send(body);
      expect([
        replay.status,
        replay.headers['idempotent-replayed'],
        (replay.body as Cost).id,
      ]).toEqual([200, 'true', (first.body as Cost).id]);
      const reused = await fin
        .post(costsOf(a, f))
        .set('Idempotency-Key', 'cost-replay-0001')
        .send({ ...body, amount: '5001' });
      expect([reused.status, (reused.body as { code: string }).code]).toEqual([
        409,
        'IDEMPOTENCY.KEY_REUSED',
      ]);
      const missing = await fin.post(costsOf(a, f)).send(body);
      expect(missing.status).toBe(400);

      const costId = (first.body as Cost).id;
      const approve = () =>
        fin
          .post(`${costsOf(a, f)}/${costId}/approve`)
          .set('Idempotency-Key', 'cost-approve-0001')
          .send({ approvedOn: '2028-05-01' });
      expect((await approve()).status).toBe(201);
      const again = await approve();
      expect([again.status, again.headers['idempotent-replayed']]).toEqual([200, 'true']);
      const other = await fin
        .post(`${costsOf(a, f)}/${costId}/approve`)
        .set('Idempotency-Key', 'cost-approve-0002')
        .send({ approvedOn: '2028-05-01' });
      expect([other.status, (other.body as { code: string }).code]).toEqual([
        409,
        'PATENT_COST.ALREADY_APPROVE',
      ]);
      const entries = await costEntries(costId);
      expect(entries.map((e) => e.key)).toEqual(['patent-cost:<cost>:v1:approve']);
    });

    it('approve → pay → reversal: reversing entries bring every balance back; a paid cost cannot be cancelled', async () => {
      const a = await asset({
        origin: 'foreground',
        projectId: w.projectId,
        owners: [
          { organisationId: w.universityId, shareBp: 5000 },
          { organisationId: w.companyBId, shareBp: 5000 },
        ],
      });
      const f = await filing(a);
      const before = await balances();
      const c = await cost(a, f, { kind: 'office_action', amount: '77000', dueOn: '2028-08-01' });
      await act(a, f, c.id, 'approve', { approvedOn: '2028-07-20' });
      await act(a, f, c.id, 'pay', { paidOn: '2028-07-31' });
      const cancel = await t
        .as(w.tokens.finance)
        .post(`${costsOf(a, f)}/${c.id}/cancel`)
        .set('Idempotency-Key', key())
        .send({ cancelledOn: '2028-08-01', reason: 'too late' });
      expect([cancel.status, (cancel.body as { code: string }).code]).toEqual([
        409,
        'PATENT_COST.NOT_CANCELLABLE',
      ]);
      const reversed = await act(a, f, c.id, 'reversal', {
        reversedOn: '2028-08-10',
        reason: 'paid by the co-owner directly',
      });
      expect(reversed.status).toBe('reversed');
      const after = await balances();
      for (const code of ['bank', 'patent_costs_payable', `receivable:company:${w.companyBId}`]) {
        expect([code, (after[code] ?? 0n) - (before[code] ?? 0n)]).toEqual([code, 0n]);
      }
      expect((await costEntries(c.id)).map((e) => [e.kind, e.key])).toEqual([
        ['patent_cost_approval', 'patent-cost:<cost>:v1:approve'],
        ['patent_cost_payment', 'patent-cost:<cost>:pay'],
        ['reversal', 'patent-cost:<cost>:pay:reversal'],
        ['reversal', 'patent-cost:<cost>:v1:reversal'],
      ]);
      await expectLedgerConsistent();
    });
  });

  describe('re-allocation after an ownership change', () => {
    // Two identical assets, co-owned by the university and company A (A pays all); their owners
    // change to the university and company B from 2028-07-01.
    async function coOwnedWithCosts() {
      const a = await asset({
        origin: 'foreground',
        projectId: w.projectId,
        owners: [
          { organisationId: w.universityId, shareBp: 5000 },
          { organisationId: w.companyAId, shareBp: 5000 },
        ],
      });
      const f = await filing(a);
      const approved = await cost(a, f, {
        kind: 'attorney_fee',
        amount: '80000',
        dueOn: '2028-08-01',
      });
      await act(a, f, approved.id, 'approve', { approvedOn: '2028-06-01' });
      const planned = await cost(a, f, {
        kind: 'office_action',
        amount: '45000',
        dueOn: '2028-09-01',
      });
      const early = await cost(a, f, { kind: 'filing_fee', amount: '14000', dueOn: '2028-05-01' });
      return { a, f, approved, planned, early };
    }
    const changeOwners = (a: string) =>
      expectStatus(
        t
          .as(w.tokens.cpo)
          .put(`${base()}/ip-assets/${a}/owners`)
          .send({
            effectiveFrom: '2028-07-01',
            owners: [
              { organisationId: w.universityId, shareBp: 5000 },
              { organisationId: w.companyBId, shareBp: 5000 },
            ],
          }),
        200,
      );
    const get = (a: string, f: string, id: string) =>
      expectStatus<Cost>(t.as(w.tokens.auditor).get(`${costsOf(a, f)}/${id}`), 200);

    let clean: Awaited<ReturnType<typeof coOwnedWithCosts>>;
    let killed: Awaited<ReturnType<typeof coOwnedWithCosts>>;

    it('re-posts approved-unpaid costs with the new payers and re-computes planned ones; a re-run changes nothing', async () => {
      clean = await coOwnedWithCosts();
      killed = await coOwnedWithCosts();
      const service = t.app.get(PatentCostsService);
      await service.reallocate(w.platformId); // settle anything pending before the change
      const before = await balances();
      await changeOwners(clean.a);
      const stale = await expectStatus<{ stale: boolean }>(
        t.as(w.tokens.finance).get(`${base()}/organisations/${w.companyBId}/cost-bills`),
        200,
      );
      expect(stale.stale).toBe(true);

      const result = await service.reallocate(w.platformId);
      expect(result).toMatchObject({ reallocated: 1, reposted: 1, skipped: [] });
      const approved = await get(clean.a, clean.f, clean.approved.id);
      expect([approved.status, approved.allocationVersion, payers(approved)]).toEqual([
        'approved',
        2,
        [['organisation', w.companyBId, '80000']],
      ]);
      const planned = await get(clean.a, clean.f, clean.planned.id);
      expect([planned.allocationVersion, payers(planned)]).toEqual([
        2,
        [['organisation', w.companyBId, '45000']],
      ]);
      // Due before the change: still company A's.
      const early = await get(clean.a, clean.f, clean.early.id);
      expect([early.allocationVersion, payers(early)]).toEqual([
        1,
        [['organisation', w.companyAId, '14000']],
      ]);

      const after = await balances();
      expect(
        after[`receivable:company:${w.companyAId}`] - before[`receivable:company:${w.companyAId}`],
      ).toBe(-80000n);
      expect(
        after[`receivable:company:${w.companyBId}`] -
          (before[`receivable:company:${w.companyBId}`] ?? 0n),
      ).toBe(80000n);
      expect(after.patent_costs_payable).toBe(before.patent_costs_payable);
      expect((await costEntries(clean.approved.id)).map((e) => e.key)).toEqual([
        'patent-cost:<cost>:v1:approve',
        'patent-cost:<cost>:v1:reversal',
        'patent-cost:<cost>:v2:approve',
      ]);

      const rerun = await service.reallocate(w.platformId);
      expect(rerun).toMatchObject({ reallocated: 0, reposted: 0 });
      expect(await balances()).toEqual(after);
      const fresh = await expectStatus<{ stale: boolean }>(
        t.as(w.tokens.finance).get(`${base()}/organisations/${w.companyBId}/cost-bills`),
        200,
      );
      expect(fresh.stale).toBe(false);
      await expectLedgerConsistent();
    });

    it('killed mid-transaction, leaves the ledger untouched; the re-run posts what a clean run posts', async () => {
      const service = t.app.get(PatentCostsService);
      await changeOwners(killed.a);
      const snapshot = async () =>
        JSON.stringify(
          await t.dataSource.query(
            'SELECT id, idempotency_key FROM journal_entries WHERE platform_id = $1 ORDER BY id',
            [w.platformId],
          ),
        ) +
        JSON.stringify(await balances(), (_k, v: unknown) =>
          typeof v === 'bigint' ? v.toString() : v,
        );
      const untouched = await snapshot();

      // Hold the result row so the run blocks after all its postings, then kill its connection.
      const blocker = new Client({ connectionString: t.db.url });
      await blocker.connect();
      await blocker.query('BEGIN');
      await blocker.query(
        `SELECT * FROM derived_state_results WHERE platform_id = $1 AND kind = 'patent_cost_allocation' FOR UPDATE`,
        [w.platformId],
      );
      const running = service.reallocate(w.platformId);
      running.catch(() => undefined);
      const victim = await waitFor(
        async () =>
          t.dataSource.query<{ pid: number }[]>(
            `SELECT pid FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%INSERT INTO derived_state_results%'`,
          ),
        (rows) => rows.length > 0,
      );
      await t.dataSource.query('SELECT pg_terminate_backend($1)', [victim[0].pid]);
      await expect(running).rejects.toThrow();
      await blocker.query('ROLLBACK');
      await blocker.end();

      expect(await snapshot()).toBe(untouched);
      expect((await get(killed.a, killed.f, killed.approved.id)).allocationVersion).toBe(1);

      const rerun = await service.reallocate(w.platformId);
      expect(rerun).toMatchObject({ reallocated: 1, reposted: 1 });
      // Same entries, same keys, same lines as the clean run on the identical asset.
      const normalise = async (c: typeof clean) =>
        (await costEntries(c.approved.id)).map((e) => ({
          key: e.key,
          kind: e.kind,
          lines: e.lines,
        }));
      expect(await normalise(killed)).toEqual(await normalise(clean));
      expect(payers(await get(killed.a, killed.f, killed.planned.id))).toEqual(
        payers(await get(clean.a, clean.f, clean.planned.id)),
      );
      expect(await service.reallocate(w.platformId)).toMatchObject({ reallocated: 0, reposted: 0 });
      await expectLedgerConsistent();
    });
  });

  describe("members' cost bills", () => {
    it('a member sees its own organisation’s bills only; another organisation’s id is 404', async () => {
      const own = await expectStatus<{
        bills: { costId: string; amountYen: string; fiscalYear: number }[];
        totalYen: string;
      }>(t.as(w.tokens.memberA).get(`${base()}/organisations/${w.companyAId}/cost-bills`), 200);
      expect(own.bills.length).toBeGreaterThan(0);
      expect(BigInt(own.totalYen)).toBe(own.bills.reduce((s, b) => s + BigInt(b.amountYen), 0n));
      const fy2029 = await expectStatus<{ bills: { fiscalYear: number }[] }>(
        t
          .as(w.tokens.memberA)
          .get(`${base()}/organisations/${w.companyAId}/cost-bills?fiscalYear=2029`),
        200,
      );
      expect(fy2029.bills.length).toBeGreaterThan(0);
      expect(fy2029.bills.every((b) => b.fiscalYear === 2029)).toBe(true);
      // Company A's bills hold only its own parts (the JPO year-4 split: 7,147 of 10,720).
      expect(fy2029.bills).toEqual([
        expect.objectContaining({ amountYen: '7147', costYen: '10720' }),
      ]);

      for (const [token, org] of [
        [w.tokens.memberA, w.companyBId],
        [w.tokens.memberB, w.companyAId],
        [w.tokens.outsider, w.companyAId],
      ]) {
        const res = await t.as(token).get(`${base()}/organisations/${org}/cost-bills`);
        expect([res.status, 'bills' in (res.body as object)]).toEqual([404, false]);
      }
    });
  });
});
