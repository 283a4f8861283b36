import { EntitlementsRecomputeService } from '@app/entitlements';
import { TestApp, World, buildWorld, createTestApp, expectStatus } from '@app/testing';

interface Share {
  recipient: string;
  assetId: string | null;
  organisationId: string | null;
  amountYen: string;
}
interface LicenceBody {
  id: string;
  organisationId: string;
  exclusive: boolean;
  upfrontFeeYen: string;
  royaltyBp: number;
  annualMinimumYen: string;
  discountBp: number;
  status: string;
  invoicedYen: string;
  receivedYen: string;
  outstandingYen: string;
  report?: { royaltyYen: string; minimumTopUpYen: string; dueYen: string; licenceYear: number };
  receipt?: { id: string; amountYen: string; ipFundYen: string; shares: Share[] };
}
interface RequestBody {
  id: string;
  status: string;
  discountBp: number | null;
  upfrontFeeYen: string | null;
  royaltyBp: number | null;
  annualMinimumYen: string | null;
  entitlements: {
    assetId: string;
    right: string;
    discountBp: number | null;
    ruleId: string;
    text: string;
    committeeDecisionId: string | null;
  }[];
}

/**
 * Licensing through the API. Project P-1 (cooperative), FY2026 company funding ¥10M:
 *   A ¥6M (60% → class S, free), B ¥2.9M (29% → class A, 50% off), C ¥1M (10% → class A, 50% off),
 *   D ¥0.1M (1% → class B, standard). P-2 (cooperative) has only the university and D.
 * Standard terms from 2026-04-01: upfront ¥1,000,000, royalty 350 bp, annual minimum ¥1,000,000,
 * IP-fund share 3000 bp.
 */
describe('licensing (e2e)', () => {
  let t: TestApp;
  let w: World;
  let base: string;
  const ids: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  let keys = 0;
  const key = () => `licensing-e2e-${++keys}`;
  const admin = () => t.as(t.adminToken);
  const cpo = () => t.as(w.tokens.cpo);
  const finance = () => t.as(w.tokens.finance);

  const asset = async (body: object) =>
    (
      await expectStatus<{ id: string }>(
        admin()
          .post(`${base}/ip-assets`)
          .send({
            title: `licensing asset ${++keys}`,
            technologyField: 'H01M 10/0562',
            createdOn: '2026-04-01',
            ...body,
          }),
        201,
      )
    ).id;
  const requestBody = (over: object = {}) => ({
    assetIds: [ids.fgUni],
    fieldOfUse: 'EV batteries',
    territory: ['JP'],
    exclusive: false,
    sublicensing: false,
    termStart: '2026-10-01',
    termEnd: '2029-09-30',
    ...over,
  });
  const requestAs = (who: string, over: object = {}) =>
    t.as(tokens[who]).post(`${base}/licence-requests`).send(requestBody(over));
  const approve = (requestId: string, approvedOn = '2026-09-15') =>
    cpo().post(`${base}/licence-requests/${requestId}/approve`).send({ approvedOn });
  const balances = async (): Promise<Record<string, bigint>> => {
    const rows: { code: string; balance: string }[] = await t.dataSource.query(
      `SELECT a.code, coalesce(sum(l.amount), 0)::text AS balance FROM ledger_accounts a LEFT JOIN journal_lines l ON l.account_id = a.id
        WHERE a.platform_id = $1 GROUP BY a.code`,
      [w.platformId],
    );
    return Object.fromEntries(rows.map((r) => [r.code, BigInt(r.balance)]));
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    base = `/platforms/${w.platformId}`;
    ids.A = w.companyAId;
    ids.B = w.companyBId;
    tokens.A = w.tokens.memberA;
    tokens.B = w.tokens.memberB;
    for (const name of ['C', 'D']) {
      ids[name] = (
        await expectStatus<{ id: string }>(
          admin()
            .post('/organisations')
            .send({ name: `Company ${name}`, kind: 'company', companySize: 'sme' }),
          201,
        )
      ).id;
      await expectStatus(
        admin()
          .post(`${base}/memberships`)
          .send({ organisationId: ids[name], joinedOn: '2026-04-01' }),
        201,
      );
      await expectStatus(
        admin()
          .post(`${base}/projects/${w.projectId}/participants`)
          .send({ organisationId: ids[name], role: 'funder' }),
        201,
      );
      tokens[name] = await t.issueToken('member', ids[name]);
    }
    for (const [org, yen] of [
      [ids.A, '6000000'],
      [ids.B, '2900000'],
      [ids.C, '1000000'],
      [ids.D, '100000'],
    ]) {
      await expectStatus(
        finance()
          .post(`${base}/contributions`)
          .set('Idempotency-Key', key())
          .send({
            projectId: w.projectId,
            organisationId: org,
            fiscalYear: 2026,
            directCostYen: yen,
            invoicedOn: '2026-06-01',
          }),
        201,
      );
    }
    const p2 = await expectStatus<{ id: string }>(
      admin()
        .post(`${base}/projects`)
        .send({
          code: 'P-2',
          title: 'D only',
          kind: 'cooperative',
          startsOn: '2026-04-01',
          endsOn: '2028-03-31',
          participants: [
            { organisationId: w.universityId, role: 'lead' },
            { organisationId: ids.D, role: 'funder' },
          ],
        }),
      201,
    );
    const uni = w.universityId;
    ids.fgUni = await asset({
      origin: 'foreground',
      projectId: w.projectId,
      owners: [{ organisationId: uni, shareBp: 10000 }],
    });
    ids.fg7030 = await asset({
      origin: 'foreground',
      projectId: w.projectId,
      owners: [
        { organisationId: uni, shareBp: 7000 },
        { organisationId: ids.C, shareBp: 3000 },
      ],
    });
    ids.fgThirds = await asset({
      origin: 'foreground',
      projectId: w.projectId,
      owners: [
        { organisationId: uni, shareBp: 3333 },
        { organisationId: ids.A, shareBp: 3333 },
        { organisationId: ids.B, shareBp: 3334 },
      ],
    });
    ids.fgP2 = await asset({
      origin: 'foreground',
      projectId: p2.id,
      owners: [{ organisationId: uni, shareBp: 10000 }],
    });
    const background = () =>
      asset({
        origin: 'background',
        holderOrganisationId: ids.B,
        owners: [{ organisationId: ids.B, shareBp: 10000 }],
      });
    ids.bgPending = await background();
    ids.bgDiscount = await background();
    ids.bgNone = await background();
    for (const [assetId, terms] of [
      [ids.bgDiscount, { right: 'discounted', discountBp: 3000 }],
      [ids.bgNone, { right: 'none' }],
    ] as const) {
      const d = await expectStatus<{ id: string }>(
        cpo()
          .post(`${base}/ip-assets/${assetId}/committee-decisions`)
          .send({ decidedOn: '2026-07-01', ...terms }),
        201,
      );
      await expectStatus(
        cpo()
          .post(`${base}/ip-assets/${assetId}/committee-decisions/${d.id}/holder-acceptance`)
          .send({ acceptedOn: '2026-07-15' }),
        200,
      );
    }
    await t.app.get(EntitlementsRecomputeService).recompute(w.platformId);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  describe('standard terms', () => {
    it('a request before any standard terms is refused', async () => {
      const res = await requestAs('D');
      expect([res.status, (res.body as { code: string }).code]).toEqual([
        422,
        'LICENCE_TERMS.NONE',
      ]);
    });

    it('the CPO sets them from a date; a version must take effect after the latest', async () => {
      const terms = await expectStatus<{ ipFundShareBp: number; upfrontFeeYen: string }>(
        cpo()
          .post(`${base}/licence-terms`)
          .send({
            effectiveFrom: '2026-04-01',
            upfrontFeeYen: '1000000',
            royaltyBp: 350,
            annualMinimumYen: '1000000',
          }),
        201,
      );
      expect(terms).toMatchObject({ ipFundShareBp: 3000, upfrontFeeYen: '1000000' });
      const again = await cpo()
        .post(`${base}/licence-terms`)
        .send({
          effectiveFrom: '2026-04-01',
          upfrontFeeYen: '1',
          royaltyBp: 1,
          annualMinimumYen: '1',
        });
      expect([again.status, (again.body as { code: string }).code]).toEqual([
        409,
        'LICENCE_TERMS.NOT_AFTER_LATEST',
      ]);
      await expectStatus(
        t
          .as(tokens.A)
          .post(`${base}/licence-terms`)
          .send({
            effectiveFrom: '2027-04-01',
            upfrontFeeYen: '1',
            royaltyBp: 1,
            annualMinimumYen: '1',
          }),
        403,
      );
    });
  });

  describe('pricing from entitlements', () => {
    it('free (class S): no fee, no royalty, no minimum', async () => {
      const r = await expectStatus<RequestBody>(requestAs('A', { territory: ['WORLD'] }), 201);
      expect(r).toMatchObject({
        status: 'pending',
        discountBp: 10000,
        upfrontFeeYen: '0',
        royaltyBp: 0,
        annualMinimumYen: '0',
      });
      expect(r.entitlements[0]).toMatchObject({
        right: 'free',
        ruleId: 'FOREGROUND_BUSINESS_CLASS_FREE',
      });
      ids.reqA = r.id;
    });

    it('discounted (class A, 50%): the standard terms at half, truncated', async () => {
      const r = await expectStatus<RequestBody>(
        requestAs('C', { fieldOfUse: 'stationary storage' }),
        201,
      );
      // 350 bp × 50% = 175 bp; ¥1,000,000 × 50% = ¥500,000
      expect(r).toMatchObject({
        status: 'pending',
        discountBp: 5000,
        upfrontFeeYen: '500000',
        royaltyBp: 175,
        annualMinimumYen: '500000',
      });
      expect(r.entitlements[0]).toMatchObject({
        right: 'discounted',
        discountBp: 5000,
        ruleId: 'FOREGROUND_BUSINESS_CLASS_DISCOUNT',
      });
      ids.reqC = r.id;
    });

    it('standard (class B): the standard terms', async () => {
      const r = await expectStatus<RequestBody>(
        requestAs('D', { assetIds: [ids.fg7030, ids.fgThirds], fieldOfUse: 'sensors' }),
        201,
      );
      expect(r).toMatchObject({
        status: 'pending',
        discountBp: 0,
        upfrontFeeYen: '1000000',
        royaltyBp: 350,
        annualMinimumYen: '1000000',
      });
      expect(r.entitlements.map((e) => e.right)).toEqual(['standard', 'standard']);
      ids.reqD = r.id;
    });

    it("committee_decides: the committee's accepted terms for background IP price it", async () => {
      const r = await expectStatus<RequestBody>(
        requestAs('C', { assetIds: [ids.bgDiscount] }),
        201,
      );
      expect(r).toMatchObject({
        status: 'pending',
        discountBp: 3000,
        royaltyBp: 245,
        upfrontFeeYen: '700000',
      });
      expect(r.entitlements[0].ruleId).toBe('BACKGROUND_BUSINESS_COMMITTEE_TERMS');
      expect(r.entitlements[0].committeeDecisionId).toEqual(expect.any(String));
    });

    it('committee_decides without a decision: marked needs_committee, unpriced, and cannot be approved', async () => {
      const r = await expectStatus<RequestBody>(requestAs('C', { assetIds: [ids.bgPending] }), 201);
      expect(r).toMatchObject({ status: 'needs_committee', discountBp: null, upfrontFeeYen: null });
      const res = await approve(r.id);
      expect([res.status, (res.body as { code: string }).code]).toEqual([
        422,
        'LICENCE_REQUEST.NEEDS_COMMITTEE',
      ]);
    });

    it('none: refused with 422 and the reason', async () => {
      const res = await requestAs('C', { assetIds: [ids.bgNone] });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({
        code: 'LICENCE_REQUEST.NO_RIGHT',
        details: {
          refusals: [
            { assetId: ids.bgNone, right: 'none', ruleId: 'BACKGROUND_BUSINESS_COMMITTEE_TERMS' },
          ],
        },
      });
    });

    it('staff cannot request for a member; a member cannot see another member’s request', async () => {
      await expectStatus(cpo().post(`${base}/licence-requests`).send(requestBody()), 403);
      await expectStatus(t.as(tokens.B).get(`${base}/licence-requests/${ids.reqA}`), 404);
      const own = await expectStatus<RequestBody[]>(
        t.as(tokens.C).get(`${base}/licence-requests`),
        200,
      );
      expect(own.every((r) => r.entitlements.length > 0)).toBe(true);
      expect(own.map((r) => r.id)).not.toContain(ids.reqA);
    });
  });

  describe('approve and reject', () => {
    it('approving creates the licence and invoices the upfront fee; a free licence posts nothing', async () => {
      const before = await balances();
      const free = await expectStatus<LicenceBody>(approve(ids.reqA), 201);
      expect(free).toMatchObject({
        organisationId: ids.A,
        upfrontFeeYen: '0',
        discountBp: 10000,
        status: 'active',
        invoicedYen: '0',
      });
      ids.licA = free.id;
      const std = await expectStatus<LicenceBody>(approve(ids.reqD), 201);
      expect(std).toMatchObject({
        organisationId: ids.D,
        upfrontFeeYen: '1000000',
        royaltyBp: 350,
        outstandingYen: '1000000',
      });
      ids.licD = std.id;
      const after = await balances();
      expect(
        after[`receivable:company:${ids.D}`] - (before[`receivable:company:${ids.D}`] ?? 0n),
      ).toBe(1_000_000n);
      expect(after.licence_income).toBe(-1_000_000n);
      const again = await approve(ids.reqD);
      expect([again.status, (again.body as { code: string }).code]).toEqual([
        409,
        'LICENCE_REQUEST.ALREADY_DECIDED',
      ]);
    });

    it('rejecting records the reason; a rejected request cannot be approved', async () => {
      const r = await expectStatus<RequestBody & { decisionReason: string }>(
        cpo()
          .post(`${base}/licence-requests/${ids.reqC}/reject`)
          .send({ rejectedOn: '2026-09-20', reason: 'field too broad' }),
        201,
      );
      expect(r).toMatchObject({ status: 'rejected', decisionReason: 'field too broad' });
      expect((await approve(ids.reqC)).status).toBe(409);
    });
  });

  describe('the conflict check (コンフリクトチェック)', () => {
    it('refuses an exclusive licence overlapping an active licence and other members’ IP Share rights, listing each', async () => {
      const r = await expectStatus<RequestBody>(
        requestAs('D', { exclusive: true, fieldOfUse: 'ev BATTERIES', territory: ['JP', 'US'] }),
        201,
      );
      const res = await approve(r.id);
      expect(res.status).toBe(409);
      const body = res.body as { code: string; details: { conflicts: Record<string, unknown>[] } };
      expect(body.code).toBe('LICENCE.CONFLICT');
      expect(body.details.conflicts).toEqual(
        expect.arrayContaining([
          {
            kind: 'licence',
            assetId: ids.fgUni,
            licenceId: ids.licA,
            organisationId: ids.A,
            exclusive: false,
          },
          expect.objectContaining({ kind: 'entitlement', organisationId: ids.A, right: 'free' }),
          expect.objectContaining({
            kind: 'entitlement',
            organisationId: ids.B,
            right: 'discounted',
            discountBp: 5000,
          }),
          expect.objectContaining({
            kind: 'entitlement',
            organisationId: ids.C,
            right: 'discounted',
            discountBp: 5000,
          }),
        ]),
      );
      expect(body.details.conflicts).toHaveLength(4);
      // nothing was granted
      const still = await expectStatus<RequestBody>(
        cpo().get(`${base}/licence-requests/${r.id}`),
        200,
      );
      expect(still.status).toBe('pending');
    });

    it('grants an exclusive licence on an asset where no other member holds a free or discounted right', async () => {
      // P-2's only company participant is D; the others are outside the project (committee decides: not an IP Share right)
      const r = await expectStatus<RequestBody>(
        requestAs('D', {
          assetIds: [ids.fgP2],
          exclusive: true,
          fieldOfUse: '*',
          territory: ['WORLD'],
        }),
        201,
      );
      const granted = await expectStatus<LicenceBody>(approve(r.id), 201);
      expect(granted).toMatchObject({ exclusive: true, organisationId: ids.D });
      ids.licP2 = granted.id;
    });
  });

  describe('royalties, receipts and income sharing', () => {
    const report = (body: object, k = key(), token = tokens.D) =>
      t
        .as(token)
        .post(`${base}/licences/${ids.licD}/royalty-reports`)
        .set('Idempotency-Key', k)
        .send(body);
    const receive = (body: object, k = key()) =>
      finance().post(`${base}/licences/${ids.licD}/receipts`).set('Idempotency-Key', k).send(body);

    it('royalties = net sales × 350 bp, truncated; no minimum mid-year', async () => {
      // 12,345,679 × 3.5% = 432,098.765 → 432,098
      const r = await expectStatus<LicenceBody>(
        report(
          { periodStart: '2026-10-01', periodEnd: '2027-03-31', netSalesYen: '12345679' },
          'royalty-h1',
        ),
        201,
      );
      expect(r.report).toMatchObject({
        royaltyYen: '432098',
        minimumTopUpYen: '0',
        dueYen: '432098',
        licenceYear: 1,
      });
      expect(r.invoicedYen).toBe('1432098');
    });

    it('replays the same key and body; refuses the key with another body', async () => {
      const replay = await report(
        { periodStart: '2026-10-01', periodEnd: '2027-03-31', netSalesYen: '12345679' },
        'royalty-h1',
      );
      expect([replay.status, replay.headers['idempotent-replayed']]).toEqual([200, 'true']);
      expect((replay.body as LicenceBody).invoicedYen).toBe('1432098');
      const reused = await report(
        { periodStart: '2026-10-01', periodEnd: '2027-03-31', netSalesYen: '1' },
        'royalty-h1',
      );
      expect([reused.status, (reused.body as { code: string }).code]).toEqual([
        409,
        'IDEMPOTENCY.KEY_REUSED',
      ]);
      const overlap = await report({
        periodStart: '2027-03-01',
        periodEnd: '2027-04-30',
        netSalesYen: '1',
      });
      expect([overlap.status, (overlap.body as { code: string }).code]).toEqual([
        409,
        'ROYALTY.PERIOD_ALREADY_REPORTED',
      ]);
      const spans = await report({
        periodStart: '2027-09-01',
        periodEnd: '2027-10-31',
        netSalesYen: '1',
      });
      expect([spans.status, (spans.body as { code: string }).code]).toEqual([
        422,
        'ROYALTY.PERIOD_SPANS_LICENCE_YEARS',
      ]);
    });

    it('the report closing a full licence year is topped up to the annual minimum', async () => {
      // 10,000,000 × 3.5% = 350,000; year 1 total 782,098 < 1,000,000 → top-up 217,902
      const r = await expectStatus<LicenceBody>(
        report({ periodStart: '2027-04-01', periodEnd: '2027-09-30', netSalesYen: '10000000' }),
        201,
      );
      expect(r.report).toMatchObject({
        royaltyYen: '350000',
        minimumTopUpYen: '217902',
        dueYen: '567902',
      });
      expect(r.invoicedYen).toBe('2000000');
    });

    it('only the licensee reports', async () => {
      await expectStatus(
        report(
          { periodStart: '2027-10-01', periodEnd: '2027-12-31', netSalesYen: '1' },
          key(),
          tokens.C,
        ),
        404,
      );
      await expectStatus(
        t
          .as(w.tokens.finance)
          .post(`${base}/licences/${ids.licD}/royalty-reports`)
          .set('Idempotency-Key', key())
          .send({}),
        403,
      );
    });

    it('shares ¥1,000,001 received: 30% IP fund, assets equally, owners 7000/3000 and 3333/3333/3334 — to the yen', async () => {
      const before = await balances();
      const r = await expectStatus<LicenceBody>(
        receive({ receivedOn: '2027-01-10', amountYen: '1000001' }, 'receipt-1'),
        201,
      );
      // IP fund 300,000 (300,000.3 truncated); rest 700,001 → fg7030 350,001, fgThirds 350,000
      // fg7030: uni 245,000.7 / C 105,000.3 → 245,000 / 105,000 + 1 yen to uni (largest remainder)
      // fgThirds: 116,655 / 116,655 / 116,690 exactly
      expect(r.receipt?.ipFundYen).toBe('300000');
      expect(r.receipt?.shares).toEqual([
        { recipient: 'ip_fund', assetId: null, organisationId: null, amountYen: '300000' },
        {
          recipient: 'owner',
          assetId: ids.fg7030,
          organisationId: w.universityId,
          amountYen: '245001',
        },
        { recipient: 'owner', assetId: ids.fg7030, organisationId: ids.C, amountYen: '105000' },
        {
          recipient: 'owner',
          assetId: ids.fgThirds,
          organisationId: w.universityId,
          amountYen: '116655',
        },
        { recipient: 'owner', assetId: ids.fgThirds, organisationId: ids.A, amountYen: '116655' },
        { recipient: 'owner', assetId: ids.fgThirds, organisationId: ids.B, amountYen: '116690' },
      ]);
      const shared = (r.receipt?.shares ?? []).reduce((a, s) => a + BigInt(s.amountYen), 0n);
      expect(shared).toBe(1_000_001n);
      const after = await balances();
      const delta = (code: string) => (after[code] ?? 0n) - (before[code] ?? 0n);
      expect(delta('bank')).toBe(1_000_001n);
      expect(delta(`receivable:company:${ids.D}`)).toBe(-1_000_001n);
      expect(delta('licence_income')).toBe(1_000_001n);
      expect(delta('ip_fund')).toBe(-300_000n);
      expect(delta(`payable:owner:${w.universityId}`)).toBe(-361_656n);
      expect(delta(`payable:owner:${ids.C}`)).toBe(-105_000n);
      expect(delta(`payable:owner:${ids.A}`)).toBe(-116_655n);
      expect(delta(`payable:owner:${ids.B}`)).toBe(-116_690n);
      // every platform's ledger sums to zero
      expect(Object.values(after).reduce((a, b) => a + b, 0n)).toBe(0n);
    });

    it('replays a receipt, refuses a reused key, refuses more than is outstanding', async () => {
      const replay = await receive({ receivedOn: '2027-01-10', amountYen: '1000001' }, 'receipt-1');
      expect([replay.status, (replay.body as LicenceBody).receivedYen]).toEqual([200, '1000001']);
      expect(
        (await receive({ receivedOn: '2027-01-10', amountYen: '2' }, 'receipt-1')).status,
      ).toBe(409);
      const tooMuch = await receive({ receivedOn: '2027-10-31', amountYen: '999999999' });
      expect([tooMuch.status, (tooMuch.body as { code: string }).code]).toEqual([
        422,
        'LICENCE.RECEIPT_EXCEEDS_OUTSTANDING',
      ]);
    });

    it('shares ¥999,999 (FY2027): income distributed equals income received', async () => {
      const r = await expectStatus<LicenceBody>(
        receive({ receivedOn: '2027-10-31', amountYen: '999999' }),
        201,
      );
      // IP fund 299,999 (299,999.7 truncated); rest 700,000 → 350,000 per asset
      expect(r.receipt?.ipFundYen).toBe('299999');
      expect((r.receipt?.shares ?? []).reduce((a, s) => a + BigInt(s.amountYen), 0n)).toBe(
        999_999n,
      );
      expect(r.outstandingYen).toBe('0');
    });
  });

  describe('statements and tenancy', () => {
    it("the licensee's statement per fiscal year", async () => {
      type Statement = {
        licences: ({ licenceId: string } & Record<string, string>)[];
        total: Record<string, string>;
      };
      const fy26 = await expectStatus<Statement>(
        t.as(tokens.D).get(`${base}/organisations/${ids.D}/licence-statement?fiscalYear=2026`),
        200,
      );
      expect(fy26.licences.find((l) => l.licenceId === ids.licD)).toEqual({
        licenceId: ids.licD,
        upfrontInvoicedYen: '1000000',
        royaltiesInvoicedYen: '432098',
        invoicedYen: '1432098',
        receivedYen: '1000001',
        outstandingAtYearEndYen: '432097',
      });
      // D also holds the exclusive P-2 licence: its ¥1,000,000 upfront fee is unpaid
      expect(fy26.total).toMatchObject({
        upfrontInvoicedYen: '2000000',
        invoicedYen: '2432098',
        outstandingAtYearEndYen: '1432097',
      });
      const fy27 = await expectStatus<Statement>(
        cpo().get(`${base}/organisations/${ids.D}/licence-statement?fiscalYear=2027`),
        200,
      );
      expect(fy27.licences.find((l) => l.licenceId === ids.licD)).toMatchObject({
        invoicedYen: '567902',
        receivedYen: '999999',
        outstandingAtYearEndYen: '0',
      });
    });

    it("an owner's licence income per fiscal year", async () => {
      const c = await expectStatus<{
        totalYen: string;
        lines: { assetId: string; amountYen: string }[];
      }>(t.as(tokens.C).get(`${base}/organisations/${ids.C}/licence-income?fiscalYear=2026`), 200);
      expect(c.totalYen).toBe('105000');
      const uni = await expectStatus<{ totalYen: string }>(
        finance().get(`${base}/organisations/${w.universityId}/licence-income?fiscalYear=2026`),
        200,
      );
      expect(uni.totalYen).toBe('361656');
    });

    it('members see only their own licences and statements', async () => {
      await expectStatus(
        t.as(tokens.C).get(`${base}/organisations/${ids.D}/licence-statement?fiscalYear=2026`),
        404,
      );
      await expectStatus(
        t.as(tokens.D).get(`${base}/organisations/${ids.C}/licence-income?fiscalYear=2026`),
        404,
      );
      await expectStatus(t.as(tokens.A).get(`${base}/licences/${ids.licD}`), 404);
      const mine = await expectStatus<LicenceBody[]>(t.as(tokens.A).get(`${base}/licences`), 200);
      expect(mine.map((l) => l.id)).toEqual([ids.licA]);
      const all = await expectStatus<LicenceBody[]>(
        t.as(w.tokens.auditor).get(`${base}/licences`),
        200,
      );
      expect(all.length).toBe(3);
      await expectStatus(t.as(w.tokens.outsider).get(`${base}/licences`), 404);
    });
  });

  describe('paying owners their share (payable:owner ← bank)', () => {
    type Payout = { id: string; organisationId: string; paidOn: string; amountYen: string; entryId: string; note: string | null };
    type Payouts = { organisationId: string; payableYen: string; paidOutYen: string; payouts: Payout[] };
    type ErrorBody = { code: string; field?: string; details?: { payableYen?: string } };
    const pay = (organisationId: string, body: object, k = key(), token = w.tokens.finance) =>
      t.as(token).post(`${base}/organisations/${organisationId}/owner-payouts`).set('Idempotency-Key', k).send(body);
    const payouts = (organisationId: string, token = w.tokens.finance) =>
      expectStatus<Payouts>(t.as(token).get(`${base}/organisations/${organisationId}/owner-payouts`), 200);

    it('settles part of what is owed in one balanced entry; the owner sees what was paid and what is left', async () => {
      // C was owed 105,000 from the FY2026 receipt and 105,000 more from the FY2027 one.
      expect((await payouts(ids.C, tokens.C)).payableYen).toBe('210000');
      const before = await balances();
      const paid = await expectStatus<Payout>(pay(ids.C, { paidOn: '2027-02-01', amountYen: '100000', note: 'transfer 2027-02' }, 'payout-c-1'), 201);
      expect(paid).toMatchObject({ organisationId: ids.C, paidOn: '2027-02-01', amountYen: '100000', note: 'transfer 2027-02' });
      const after = await balances();
      expect(after[`payable:owner:${ids.C}`] - before[`payable:owner:${ids.C}`]).toBe(100_000n);
      expect(after.bank - before.bank).toBe(-100_000n);
      expect(Object.values(after).reduce((a, b) => a + b, 0n)).toBe(0n);
      const entry = await expectStatus<{ kind: string; lines: { accountCode: string; amountYen: string }[] }>(
        finance().get(`${base}/ledger/entries/${paid.entryId}`),
        200,
      );
      expect(entry.kind).toBe('owner_payout');
      expect(entry.lines.map((l) => [l.accountCode, l.amountYen])).toEqual([
        [`payable:owner:${ids.C}`, '100000'],
        ['bank', '-100000'],
      ]);
      const mine = await payouts(ids.C, tokens.C);
      expect(mine).toMatchObject({ payableYen: '110000', paidOutYen: '100000' });
      expect(mine.payouts.map((p) => p.id)).toEqual([paid.id]);
    });

    it('replays the same key and body; refuses the key with another body', async () => {
      const replay = await pay(ids.C, { paidOn: '2027-02-01', amountYen: '100000', note: 'transfer 2027-02' }, 'payout-c-1');
      expect(replay.status).toBe(200);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect((await payouts(ids.C)).payouts).toHaveLength(1);
      const other = await pay(ids.C, { paidOn: '2027-02-01', amountYen: '99999' }, 'payout-c-1');
      expect([other.status, (other.body as ErrorBody).code]).toEqual([409, 'IDEMPOTENCY.KEY_REUSED']);
    });

    it('refuses more than is owed, on the payment date as well as now', async () => {
      // On 2027-02-02 only 5,000 was owed: the FY2027 income arrived on 2027-10-31.
      const early = await pay(ids.C, { paidOn: '2027-02-02', amountYen: '10000' });
      expect([early.status, (early.body as ErrorBody).code, (early.body as ErrorBody).details?.payableYen]).toEqual([
        422,
        'LICENSING.PAYOUT_EXCEEDS_PAYABLE',
        '5000',
      ]);
      await expectStatus(pay(ids.C, { paidOn: '2027-11-01', amountYen: '110000' }), 201);
      const nothingLeft = await pay(ids.C, { paidOn: '2027-11-02', amountYen: '1' });
      expect([nothingLeft.status, (nothingLeft.body as ErrorBody).details?.payableYen]).toEqual([422, '0']);
      expect(await payouts(ids.C)).toMatchObject({ payableYen: '0', paidOutYen: '210000' });
    });

    it('pays out once when two payouts together would exceed what is owed', async () => {
      // The university is owed 361,656 + 361,655 = 723,311: two payouts of 400,000 cannot both go.
      const results = await Promise.all([pay(w.universityId, { paidOn: '2027-11-15', amountYen: '400000' }), pay(w.universityId, { paidOn: '2027-11-15', amountYen: '400000' })]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 422]);
      expect(await payouts(w.universityId)).toMatchObject({ payableYen: '323311', paidOutYen: '400000' });
    });

    it('pays once when the same payout is sent several times at once', async () => {
      const k = key();
      const results = await Promise.all([0, 1, 2].map(() => pay(w.universityId, { paidOn: '2027-11-16', amountYen: '1000' }, k)));
      expect(results.map((r) => r.status).sort()).toEqual([200, 200, 201]);
      expect(new Set(results.map((r) => (r.body as Payout).id)).size).toBe(1);
      expect(await payouts(w.universityId)).toMatchObject({ payableYen: '322311', paidOutYen: '401000' });
    });

    it("shows payouts and the payable at year end in the owner's licence income statement", async () => {
      const fy26 = await expectStatus<{ totalYen: string; paidOutYen: string; payableAtYearEndYen: string }>(
        t.as(tokens.C).get(`${base}/organisations/${ids.C}/licence-income?fiscalYear=2026`),
        200,
      );
      expect(fy26).toMatchObject({ totalYen: '105000', paidOutYen: '100000', payableAtYearEndYen: '5000' });
      const fy27 = await expectStatus<{ totalYen: string; paidOutYen: string; payableAtYearEndYen: string }>(
        t.as(tokens.C).get(`${base}/organisations/${ids.C}/licence-income?fiscalYear=2027`),
        200,
      );
      expect(fy27).toMatchObject({ totalYen: '105000', paidOutYen: '110000', payableAtYearEndYen: '0' });
    });

    it('is for finance and admins to make; an owner sees only its own', async () => {
      const asMember = await pay(ids.C, { paidOn: '2027-11-20', amountYen: '1' }, key(), tokens.C);
      expect(asMember.status).toBe(403);
      await expectStatus(t.as(tokens.D).get(`${base}/organisations/${ids.C}/owner-payouts`), 404);
      const unknown = await pay('00000000-0000-4000-8000-000000000000', { paidOn: '2027-11-20', amountYen: '1' });
      expect([unknown.status, (unknown.body as ErrorBody).code]).toEqual([404, 'ORGANISATION.NOT_FOUND']);
      const bad = await pay(ids.C, { paidOn: '2027-11-20', amountYen: '-5' });
      expect([bad.status, (bad.body as ErrorBody).field]).toEqual([400, 'amountYen']);
    });
  });

  describe('commercialisation events', () => {
    it('the licensee or the CPO records them; they are listed per licence', async () => {
      await expectStatus(
        t
          .as(tokens.D)
          .post(`${base}/licences/${ids.licD}/commercialisations`)
          .send({ launchedOn: '2027-11-01', product: 'Sensor S-1' }),
        201,
      );
      await expectStatus(
        cpo()
          .post(`${base}/licences/${ids.licD}/commercialisations`)
          .send({ launchedOn: '2028-02-01', product: 'Sensor S-2', note: 'EU launch' }),
        201,
      );
      await expectStatus(
        t
          .as(tokens.C)
          .post(`${base}/licences/${ids.licD}/commercialisations`)
          .send({ launchedOn: '2027-11-01', product: 'x' }),
        404,
      );
      const list = await expectStatus<{ product: string }[]>(
        t.as(tokens.D).get(`${base}/licences/${ids.licD}/commercialisations`),
        200,
      );
      expect(list.map((e) => e.product)).toEqual(['Sensor S-1', 'Sensor S-2']);
    });
  });

  describe('ending a licence before its term', () => {
    type Ended = LicenceBody & { termination: { endsOn: string; reason: string } | null };
    type Conflicts = { code: string; details: { conflicts: { kind: string; licenceId?: string }[] } };
    const terminate = (licenceId: string, body: object, token = w.tokens.cpo) =>
      t.as(token).post(`${base}/licences/${licenceId}/termination`).send(body);
    const reportA = (periodStart: string, periodEnd: string) =>
      t.as(tokens.A).post(`${base}/licences/${ids.licA}/royalty-reports`).set('Idempotency-Key', key()).send({ periodStart, periodEnd, netSalesYen: '1000' });

    it("frees the days after its last one for other licences: A's licence no longer conflicts from then", async () => {
      // D asks for the exclusive licence A's non-exclusive one blocked, from FY2027.
      const later = await expectStatus<RequestBody>(requestAs('D', { exclusive: true, termStart: '2027-04-01' }), 201);
      const overlapping = await expectStatus<RequestBody>(requestAs('D', { exclusive: true, termStart: '2027-03-01' }), 201);
      const kinds = async (requestId: string) => {
        const res = await approve(requestId);
        expect([res.status, (res.body as Conflicts).code]).toEqual([409, 'LICENCE.CONFLICT']);
        return (res.body as Conflicts).details.conflicts.map((c) => c.licenceId ?? c.kind);
      };
      expect(await kinds(later.id)).toContain(ids.licA);

      const ended = await expectStatus<Ended>(terminate(ids.licA, { endsOn: '2027-03-31', reason: 'the licensee withdrew' }), 200);
      expect(ended).toMatchObject({ status: 'terminated', termination: { endsOn: '2027-03-31', reason: 'the licensee withdrew' } });
      // The IP Share rights of the other members still conflict; A's ended licence does not.
      expect(await kinds(later.id)).not.toContain(ids.licA);
      expect(await kinds(overlapping.id)).toContain(ids.licA);
      const seen = await expectStatus<Ended>(t.as(tokens.A).get(`${base}/licences/${ids.licA}`), 200);
      expect(seen.status).toBe('terminated');
    });

    it('takes royalty reports up to its last day, not after', async () => {
      await expectStatus(reportA('2027-03-01', '2027-03-31'), 201);
      const after = await reportA('2027-04-01', '2027-06-30');
      expect([after.status, (after.body as { code: string }).code]).toEqual([422, 'LICENCE.ENDED']);
    });

    it('ends once, within the term, by the CPO or an admin only', async () => {
      const again = await terminate(ids.licA, { endsOn: '2027-06-30', reason: 'again' });
      expect([again.status, (again.body as { code: string }).code]).toEqual([409, 'LICENCE.ALREADY_TERMINATED']);
      for (const endsOn of ['2026-09-14', '2029-09-30']) {
        const outside = await terminate(ids.licD, { endsOn, reason: 'outside' });
        expect([outside.status, (outside.body as { code: string }).code]).toEqual([422, 'LICENCE.TERMINATION_OUTSIDE_TERM']);
      }
      expect((await terminate(ids.licD, { endsOn: '2028-03-31', reason: 'x' }, tokens.D)).status).toBe(403);
      expect((await terminate(ids.licD, { endsOn: '2028-03-31', reason: 'x' }, w.tokens.finance)).status).toBe(403);
      expect((await terminate(ids.licD, { endsOn: '2028-03-31' })).status).toBe(400);
      const d = await expectStatus<Ended>(cpo().get(`${base}/licences/${ids.licD}`), 200);
      expect([d.status, d.termination]).toEqual(['active', null]);
    });
  });

  describe('correcting a licence receipt', () => {
    type Receipt = { id: string; amountYen: string; reversal: { reason: string; receiptReversalEntryId: string; sharingReversalEntryId: string } | null };
    type WithReceipt = LicenceBody & { receipt: Receipt; receipts: Receipt[] };
    const receive = (receivedOn: string, amountYen: string) =>
      expectStatus<WithReceipt>(finance().post(`${base}/licences/${ids.licD}/receipts`).set('Idempotency-Key', key()).send({ receivedOn, amountYen }), 201);
    const reverse = (receiptId: string, body: object, k = key()) =>
      finance().post(`${base}/licences/${ids.licD}/receipts/${receiptId}/reversal`).set('Idempotency-Key', k).send(body);

    beforeAll(async () => {
      // ¥350,000 of royalties for the first quarter of licence year 2 (net sales ¥10,000,000 × 350 bp).
      await expectStatus(
        t.as(tokens.D).post(`${base}/licences/${ids.licD}/royalty-reports`).set('Idempotency-Key', key()).send({ periodStart: '2027-10-01', periodEnd: '2027-12-31', netSalesYen: '10000000' }),
        201,
      );
    });

    it('reverses a receipt booked twice: its sharing and the receipt itself, every balance as before the duplicate', async () => {
      const first = await receive('2028-01-10', '100000');
      const before = await balances();
      const duplicate = await receive('2028-01-10', '100000');
      expect(BigInt(duplicate.receivedYen) - BigInt(first.receivedYen)).toBe(100_000n);
      const k = key();
      const fixed = await expectStatus<WithReceipt>(reverse(duplicate.receipt.id, { reversedOn: '2028-01-15', reason: 'the transfer was booked twice' }, k), 201);
      expect(fixed.receivedYen).toBe(first.receivedYen);
      expect(fixed.outstandingYen).toBe(String(BigInt(first.outstandingYen)));
      expect(fixed.receipt.reversal?.reason).toBe('the transfer was booked twice');
      expect(await balances()).toEqual(before);
      const entry = await expectStatus<{ reversesEntryId: string }>(finance().get(`${base}/ledger/entries/${fixed.receipt.reversal?.sharingReversalEntryId}`), 200);
      expect(entry.reversesEntryId).toBeTruthy();

      // Statements leave the reversed receipt out: C's share of the first one only (10,500 of 100,000).
      const income = await expectStatus<{ totalYen: string }>(t.as(tokens.C).get(`${base}/organisations/${ids.C}/licence-income?fiscalYear=2027`), 200);
      expect(income.totalYen).toBe('115500');
      const statement = await expectStatus<{ licences: { licenceId: string; receivedYen: string }[] }>(
        t.as(tokens.D).get(`${base}/organisations/${ids.D}/licence-statement?fiscalYear=2027`),
        200,
      );
      expect(statement.licences.find((l) => l.licenceId === ids.licD)?.receivedYen).toBe('1099999');

      const replay = await reverse(duplicate.receipt.id, { reversedOn: '2028-01-15', reason: 'the transfer was booked twice' }, k);
      expect([replay.status, replay.headers['idempotent-replayed']]).toEqual([200, 'true']);
      const again = await reverse(duplicate.receipt.id, { reversedOn: '2028-01-16', reason: 'again' });
      expect([again.status, (again.body as { code: string }).code]).toEqual([409, 'LICENCE.RECEIPT_ALREADY_REVERSED']);
      const early = await reverse(first.receipt.id, { reversedOn: '2028-01-09', reason: 'early' });
      expect([early.status, (early.body as { field: string }).field]).toEqual([400, 'reversedOn']);
    });

    it('is refused while an owner has been paid out its share', async () => {
      const r = await receive('2028-01-20', '100000');
      const owed = await expectStatus<{ payableYen: string }>(finance().get(`${base}/organisations/${ids.C}/owner-payouts`), 200);
      await expectStatus(
        finance().post(`${base}/organisations/${ids.C}/owner-payouts`).set('Idempotency-Key', key()).send({ paidOn: '2028-01-25', amountYen: owed.payableYen }),
        201,
      );
      const before = await balances();
      const refused = await reverse(r.receipt.id, { reversedOn: '2028-01-26', reason: 'booked on the wrong licence' });
      expect([refused.status, (refused.body as { code: string }).code]).toEqual([409, 'LICENCE.SHARE_ALREADY_PAID_OUT']);
      expect((refused.body as { details: { organisationId: string; shareYen: string } }).details).toMatchObject({ organisationId: ids.C, shareYen: '10500' });
      expect(await balances()).toEqual(before);
      expect((await reverse(r.receipt.id, { reversedOn: '2028-01-26', reason: 'x' }, key())).status).toBe(409);
      const asMember = await t.as(tokens.D).post(`${base}/licences/${ids.licD}/receipts/${r.receipt.id}/reversal`).set('Idempotency-Key', key()).send({ reversedOn: '2028-01-26', reason: 'x' });
      expect(asMember.status).toBe(403);
    });
  });

  describe('a backdated owner payout', () => {
    it('may not take the payable below zero on any later day, even when enough is owed today', async () => {
      const receive = (receivedOn: string) =>
        expectStatus(finance().post(`${base}/licences/${ids.licD}/receipts`).set('Idempotency-Key', key()).send({ receivedOn, amountYen: '50000' }), 201);
      const pay = (paidOn: string, amountYen: string) =>
        finance().post(`${base}/organisations/${ids.C}/owner-payouts`).set('Idempotency-Key', key()).send({ paidOn, amountYen });
      // C is owed nothing at first; each ¥50,000 receipt owes it 5,250 (30% of fg7030's 17,500).
      expect((await expectStatus<{ payableYen: string }>(finance().get(`${base}/organisations/${ids.C}/owner-payouts`), 200)).payableYen).toBe('0');
      await receive('2028-02-10');
      await expectStatus(pay('2028-02-20', '5250'), 201);
      await receive('2028-03-10');
      // Today 5,250 is owed, and 5,250 was owed on 2028-02-15; but a payout then would leave the
      // payable at −2,000 from 2028-02-20 until the next receipt.
      const backdated = await pay('2028-02-15', '2000');
      expect([backdated.status, (backdated.body as { code: string }).code, (backdated.body as { details: { payableYen: string } }).details.payableYen]).toEqual([
        422,
        'LICENSING.PAYOUT_EXCEEDS_PAYABLE',
        '0',
      ]);
      await expectStatus(pay('2028-03-10', '5250'), 201);
    });
  });

  describe('withdrawing a royalty report', () => {
    type Report = { id: string; periodStart: string; dueYen: string; reversal: { reversedOn: string; reason: string; entryId: string | null } | null };
    type WithReport = LicenceBody & { report: Report };
    type Statement = { licences: { licenceId: string; royaltiesInvoicedYen: string }[] };
    const reportQ1 = (netSalesYen: string) =>
      expectStatus<WithReport>(
        t.as(tokens.D).post(`${base}/licences/${ids.licD}/royalty-reports`).set('Idempotency-Key', key()).send({ periodStart: '2028-01-01', periodEnd: '2028-03-31', netSalesYen }),
        201,
      );
    const withdraw = (reportId: string, body: object, k = key(), token = w.tokens.finance) =>
      t.as(token).post(`${base}/licences/${ids.licD}/royalty-reports/${reportId}/reversal`).set('Idempotency-Key', k).send(body);
    const royaltiesFy2027 = async () =>
      (await expectStatus<Statement>(finance().get(`${base}/organisations/${ids.D}/licence-statement?fiscalYear=2027`), 200)).licences.find((l) => l.licenceId === ids.licD)
        ?.royaltiesInvoicedYen;

    it('reverses the invoice of a report with wrong figures; the period is reported again', async () => {
      const invoicedBefore = await royaltiesFy2027();
      const wrong = await reportQ1('1000000'); // should have been 2,000,000
      expect(wrong.report.dueYen).toBe('35000');
      const k = key();
      const withdrawn = await expectStatus<WithReport>(withdraw(wrong.report.id, { reversedOn: '2028-04-05', reason: 'net sales misreported' }, k), 201);
      expect(withdrawn.report.reversal).toMatchObject({ reversedOn: '2028-04-05', reason: 'net sales misreported' });
      expect(BigInt(withdrawn.invoicedYen)).toBe(BigInt(wrong.invoicedYen) - 35_000n);
      const entry = await expectStatus<{ lines: { accountCode: string; amountYen: string }[] }>(
        finance().get(`${base}/ledger/entries/${withdrawn.report.reversal?.entryId}`),
        200,
      );
      expect(entry.lines.map((l) => [l.accountCode, l.amountYen])).toEqual([
        [`receivable:company:${ids.D}`, '-35000'],
        ['licence_income', '35000'],
      ]);
      const right = await reportQ1('2000000');
      expect(right.report.dueYen).toBe('70000');
      expect(await royaltiesFy2027()).toBe(String(BigInt(invoicedBefore ?? '0') + 70_000n));

      const replay = await withdraw(wrong.report.id, { reversedOn: '2028-04-05', reason: 'net sales misreported' }, k);
      expect([replay.status, replay.headers['idempotent-replayed']]).toEqual([200, 'true']);
      const again = await withdraw(wrong.report.id, { reversedOn: '2028-04-06', reason: 'again' });
      expect([again.status, (again.body as { code: string }).code]).toEqual([409, 'ROYALTY.REPORT_ALREADY_REVERSED']);
      const early = await withdraw(right.report.id, { reversedOn: '2028-03-30', reason: 'early' });
      expect([early.status, (early.body as { field: string }).field]).toEqual([400, 'reversedOn']);
    });

    it('withdraws only the latest report of its licence year, and only while it is unpaid', async () => {
      const licence = await expectStatus<LicenceBody & { royaltyReports: Report[] }>(finance().get(`${base}/licences/${ids.licD}`), 200);
      const q4 = licence.royaltyReports.find((r) => r.periodStart === '2027-10-01' && !r.reversal);
      const later = await withdraw(q4?.id ?? '', { reversedOn: '2028-04-10', reason: 'x' });
      expect([later.status, (later.body as { code: string }).code]).toEqual([409, 'ROYALTY.LATER_REPORT_EXISTS']);
      // The Q1 report (¥70,000) is the latest but is paid once ¥70,000 more is received.
      const q1 = licence.royaltyReports.find((r) => r.periodStart === '2028-01-01' && !r.reversal);
      await expectStatus(finance().post(`${base}/licences/${ids.licD}/receipts`).set('Idempotency-Key', key()).send({ receivedOn: '2028-04-20', amountYen: licence.outstandingYen }), 201);
      const paid = await withdraw(q1?.id ?? '', { reversedOn: '2028-04-21', reason: 'x' });
      expect([paid.status, (paid.body as { code: string }).code]).toEqual([409, 'ROYALTY.ALREADY_PAID']);
      expect((await withdraw(q1?.id ?? '', { reversedOn: '2028-04-21', reason: 'x' }, key(), tokens.D)).status).toBe(403);
    });
  });
});
