import { TestApp, World, buildWorld, createTestApp, expectStatus } from '@app/testing';

interface FiscalYearRow {
  fiscalYear: number;
  totals: { JPY: string; USD: string; EUR: string };
  yen: string;
  fundYen: string;
  paymentCount: number;
}
interface FilingRow {
  filingId: string;
  byFiscalYear: { fiscalYear: number; amount: string; yen: string; paymentCount: number }[];
  total: { amount: string; yen: string; paymentCount: number };
  currency: string;
}
interface Forecast {
  asOf: string;
  fromFiscalYear: number;
  fiscalYears: FiscalYearRow[];
  total: { totals: { JPY: string; USD: string; EUR: string }; yen: string; paymentCount: number };
  filings: FilingRow[];
  notForecast: { filingId: string; reason: string }[];
  ratesUsed: { currency: string; rateDate: string; yenPerUnit: string; paymentCount: number }[];
  items?: {
    filingId: string;
    yearFrom: number;
    dueOn: string;
    fiscalYear: number;
    total: string;
    yen: string;
  }[];
}

const RATES = 'USD:2026-01-01:150.5,EUR:2026-01-01:160.25';

describe('patent fee forecasts, IP-fund runway and maintain/abandon reviews (e2e)', () => {
  let t: TestApp;
  let w: World;
  let n = 0;

  const asset = async (
    platformId: string,
    projectId: string,
    owners: { organisationId: string; shareBp: number }[],
    pooled = true,
  ) =>
    (
      await expectStatus<{ id: string }>(
        t
          .as(w.tokens.cpo)
          .post(`/platforms/${platformId}/ip-assets`)
          .send({
            title: `forecast asset ${++n}`,
            technologyField: 'H01M 10/052',
            origin: 'foreground',
            projectId,
            createdOn: '2026-04-01',
            pooled,
            owners,
          }),
        201,
      )
    ).id;
  const filing = async (platformId: string, assetId: string, body: object) =>
    (
      await expectStatus<{ id: string }>(
        t.as(w.tokens.cpo).post(`/platforms/${platformId}/ip-assets/${assetId}/filings`).send(body),
        201,
      )
    ).id;
  const grantedJp = (applicationDate: string, grantDate: string, claimsCount: number) => ({
    jurisdiction: 'JP',
    applicationNumber: `特願-${++n}`,
    applicationDate,
    grantDate,
    claimsCount,
    status: 'granted',
  });
  const sole = () => [{ organisationId: w.universityId, shareBp: 10000 }];
  const withA = () => [
    { organisationId: w.universityId, shareBp: 5000 },
    { organisationId: w.companyAId, shareBp: 5000 },
  ];

  // Main platform portfolio.
  let assetX: string;
  let jpX: string;
  let epX: string;
  let assetY: string;
  let jpY: string;
  let assetZ: string;
  let usZ: string;
  let cnX: string;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    assetX = await asset(w.platformId, w.projectId, sole());
    jpX = await filing(w.platformId, assetX, grantedJp('2020-05-10', '2023-06-01', 5));
    epX = await filing(w.platformId, assetX, {
      jurisdiction: 'EP',
      applicationNumber: `EP-${++n}`,
      applicationDate: '2024-05-20',
      status: 'filed',
    });
    cnX = await filing(w.platformId, assetX, {
      jurisdiction: 'CN',
      applicationNumber: `CN-${++n}`,
      applicationDate: '2024-05-20',
      status: 'filed',
    });
    await filing(w.platformId, assetX, { jurisdiction: 'JP', claimsCount: 3 }); // drafted: not forecast
    assetY = await asset(w.platformId, w.projectId, withA());
    jpY = await filing(w.platformId, assetY, grantedJp('2019-01-10', '2022-02-01', 3));
    assetZ = await asset(w.platformId, w.projectId, sole(), false);
    usZ = await filing(w.platformId, assetZ, {
      jurisdiction: 'US',
      applicationNumber: `US-${++n}`,
      applicationDate: '2021-01-15',
      grantDate: '2023-03-01',
      status: 'granted',
      entityStatus: 'small',
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const platformForecast = async (query: string) =>
    expectStatus<Forecast>(
      t.as(w.tokens.finance).get(`/platforms/${w.platformId}/forecasts/fees?${query}`),
      200,
    );
  const filingForecast = async (assetId: string, filingId: string, query: string) =>
    expectStatus<Forecast>(
      t
        .as(w.tokens.auditor)
        .get(
          `/platforms/${w.platformId}/ip-assets/${assetId}/filings/${filingId}/forecast?${query}`,
        ),
      200,
    );

  it('forecasts active filings only, and its totals are exactly the sum of the per-filing forecasts', async () => {
    const query = `fromFiscalYear=2026&years=20&asOf=2026-04-01&rates=${RATES}`;
    const all = await platformForecast(query);
    expect(all.fromFiscalYear).toBe(2026);
    expect(all.fiscalYears).toHaveLength(20);
    expect(all.filings.map((f) => f.filingId).sort()).toEqual([jpX, epX, jpY, usZ].sort());
    expect(all.notForecast).toEqual([expect.objectContaining({ filingId: cnX })]);
    expect(all.ratesUsed.map((r) => [r.currency, r.rateDate, r.yenPerUnit])).toEqual([
      ['EUR', '2026-01-01', '160.25'],
      ['USD', '2026-01-01', '150.5'],
    ]);

    // Per-filing endpoint results, added up, give the platform's figures to the yen, per year and currency.
    const perFiling = await Promise.all(
      [
        [assetX, jpX],
        [assetX, epX],
        [assetY, jpY],
        [assetZ, usZ],
      ].map(([a, f]) => filingForecast(a, f, query)),
    );
    for (const fy of all.fiscalYears) {
      const i = fy.fiscalYear - 2026;
      const sum = (pick: (r: FiscalYearRow) => string) =>
        perFiling.reduce((s, f) => s + BigInt(pick(f.fiscalYears[i])), 0n).toString();
      expect({
        fy: fy.fiscalYear,
        yen: fy.yen,
        JPY: fy.totals.JPY,
        USD: fy.totals.USD,
        EUR: fy.totals.EUR,
      }).toEqual({
        fy: fy.fiscalYear,
        yen: sum((r) => r.yen),
        JPY: sum((r) => r.totals.JPY),
        USD: sum((r) => r.totals.USD),
        EUR: sum((r) => r.totals.EUR),
      });
      // …and the platform's own per-filing rows add up to the same.
      const rows = all.filings.flatMap((f) =>
        f.byFiscalYear.filter((y) => y.fiscalYear === fy.fiscalYear),
      );
      expect(rows.reduce((s, r) => s + BigInt(r.yen), 0n).toString()).toBe(fy.yen);
    }
    expect(perFiling.reduce((s, f) => s + BigInt(f.total.yen), 0n).toString()).toBe(all.total.yen);
    expect(all.fiscalYears.reduce((s, f) => s + BigInt(f.yen), 0n).toString()).toBe(all.total.yen);
    // Yen of a dollar payment is its amount × rate, truncated.
    const us = all.filings.find((f) => f.filingId === usZ)!;
    for (const y of us.byFiscalYear)
      expect(BigInt(y.yen)).toBe((BigInt(y.amount) * 1_505_000n) / 10_000n);
  });

  it('buckets payments by Japanese fiscal year (April–March)', async () => {
    const x = await filingForecast(assetX, jpX, 'fromFiscalYear=2026&years=3&asOf=2026-04-01');
    // Registered 2023-06-01: year 4 is due 2026-06-01 (FY2026), year 5 on 2027-06-01 (FY2027).
    expect(x.items!.map((i) => [i.yearFrom, i.dueOn, i.fiscalYear])).toEqual([
      [4, '2026-06-01', 2026],
      [5, '2027-06-01', 2027],
      [6, '2028-06-01', 2028],
    ]);
    // Academic discount (1/2, years 1–10): (10,300 + 5 × 800) / 2 = 7,150 yen.
    expect(x.items![0].total).toBe('7150');
    // Registered 2022-02-01: year 6 falls due on 2027-02-01, still in FY2026.
    const y = await filingForecast(assetY, jpY, 'fromFiscalYear=2026&years=1&asOf=2026-04-01');
    expect(y.items!.map((i) => [i.yearFrom, i.dueOn, i.fiscalYear])).toEqual([
      [6, '2027-02-01', 2026],
    ]);
    expect(y.fiscalYears[0].totals.JPY).toBe(y.items![0].total);
  });

  it('refuses a foreign-currency forecast without a rate, and a filing of another asset', async () => {
    const res = await t
      .as(w.tokens.finance)
      .get(`/platforms/${w.platformId}/forecasts/fees?fromFiscalYear=2026&asOf=2026-04-01`);
    expect([res.status, (res.body as { code: string }).code]).toEqual([
      422,
      'FEES.NO_EXCHANGE_RATE',
    ]);
    await expectStatus(
      t
        .as(w.tokens.finance)
        .get(`/platforms/${w.platformId}/ip-assets/${assetY}/filings/${jpX}/forecast`),
      404,
    );
  });

  it('projects the IP fund year by year (hand-computed case)', async () => {
    const admin = t.as(w.tokens.admin);
    const p2 = await expectStatus<{ id: string }>(
      admin
        .post('/platforms')
        .send({
          name: 'Runway Platform',
          leadInstitutionId: w.universityId,
          establishedOn: '2026-04-01',
        }),
      201,
    );
    await expectStatus(
      admin
        .post(`/platforms/${p2.id}/memberships`)
        .send({ organisationId: w.companyAId, joinedOn: '2026-04-01' }),
      201,
    );
    const project = await expectStatus<{ id: string }>(
      admin.post(`/platforms/${p2.id}/projects`).send({
        code: 'R-1',
        title: 'runway project',
        kind: 'cooperative',
        startsOn: '2026-04-01',
        endsOn: '2028-03-31',
        participants: [
          { organisationId: w.universityId, role: 'lead' },
          { organisationId: w.companyAId, role: 'funder' },
        ],
        fundingSources: [
          {
            sourceKind: 'company',
            organisationId: w.companyAId,
            fiscalYear: 2026,
            plannedAmountYen: '5000000',
          },
          {
            sourceKind: 'company',
            organisationId: w.companyAId,
            fiscalYear: 2027,
            plannedAmountYen: '10000000',
          },
          {
            sourceKind: 'public_matching',
            funderName: 'JST OPERA',
            fiscalYear: 2027,
            plannedAmountYen: '9000000',
          },
        ],
      }),
      201,
    );
    // Already contributed in FY2026: ¥2M direct → ¥200,000 in the fund (10% increment).
    await expectStatus(
      t
        .as(w.tokens.finance)
        .post(`/platforms/${p2.id}/contributions`)
        .set('Idempotency-Key', 'runway-contribution-1')
        .send({
          projectId: project.id,
          organisationId: w.companyAId,
          fiscalYear: 2026,
          directCostYen: '2000000',
          invoicedOn: '2026-05-15',
        }),
      201,
    );
    // Pooled, university 50% / company A (large) 50%, granted 2021-07-01 with 5 claims.
    const a = await asset(p2.id, project.id, withA());
    await filing(p2.id, a, grantedJp('2018-04-10', '2021-07-01', 5));
    // An unpooled asset costs the fund nothing.
    const b = await asset(p2.id, project.id, sole(), false);
    await filing(p2.id, b, grantedJp('2018-04-10', '2021-07-01', 5));

    const runway = await expectStatus<{
      currentBalanceYen: string;
      years: {
        fiscalYear: number;
        openingYen: string;
        inflowYen: string;
        feesYen: string;
        closingYen: string;
      }[];
      runsOutInFiscalYear: number | null;
    }>(
      t
        .as(w.tokens.cpo)
        .get(`/platforms/${p2.id}/forecasts/ip-fund-runway?years=3&asOf=2026-04-01`),
      200,
    );
    // Fees: year 6 (2026-07-01) 14,300 × (½·½ + ½·1) = 10,725 → 10,720 (down to 10 yen); the
    // university's part is its reduced weight 1 of 3: 3,573. Years 7, 8: 34,300 × ¾ → 25,720; 8,573.
    // Inflows: FY2026 5,000,000 × 10% − 200,000 already recorded = 300,000; FY2027 1,000,000.
    expect(runway.currentBalanceYen).toBe('200000');
    expect(runway.years).toEqual([
      expect.objectContaining({
        fiscalYear: 2026,
        openingYen: '200000',
        inflowYen: '300000',
        feesYen: '3573',
        closingYen: '496427',
      }),
      expect.objectContaining({
        fiscalYear: 2027,
        openingYen: '496427',
        inflowYen: '1000000',
        feesYen: '8573',
        closingYen: '1487854',
      }),
      expect.objectContaining({
        fiscalYear: 2028,
        openingYen: '1487854',
        inflowYen: '0',
        feesYen: '8573',
        closingYen: '1479281',
      }),
    ]);
    expect(runway.runsOutInFiscalYear).toBeNull();
  });

  describe('maintain / abandon reviews', () => {
    it('queues filings whose next fee falls due within the window', async () => {
      const q = await expectStatus<{
        until: string;
        entries: {
          filingId: string;
          nextDueOn: string;
          nextFees: { dueOn: string; yen: string }[];
          costToDateYen: string;
          coOwners: { organisationId: string; shareBp: number }[];
          licensing: { licences: unknown[]; incomeYen: string };
          entitlements: { organisationId: string; right: string; ruleId: string }[];
        }[];
      }>(
        t
          .as(w.tokens.cpo)
          .get(
            `/platforms/${w.platformId}/reviews/queue?withinDays=90&asOf=2026-04-01&rates=${RATES}`,
          ),
        200,
      );
      expect(q.until).toBe('2026-06-30');
      // EP year 3 due 2026-05-31 and JP year 4 due 2026-06-01; Y (2027-02-01) and the US fee (2026-09-01) are later.
      expect(q.entries.map((e) => [e.filingId, e.nextDueOn])).toEqual([
        [epX, '2026-05-31'],
        [jpX, '2026-06-01'],
      ]);
      expect(q.entries[1]).toMatchObject({
        costToDateYen: '0',
        coOwners: [{ organisationId: w.universityId, shareBp: 10000 }],
        licensing: { licences: [], incomeYen: '0' },
        nextFees: [{ dueOn: '2026-06-01', yen: '7150' }],
      });
      // The holders of commercial rights come from the entitlement engine: the owner uses it free,
      // and nobody is listed without a usable right.
      expect(q.entries[1].entitlements).toContainEqual(
        expect.objectContaining({ organisationId: w.universityId, right: 'free', ruleId: 'OWNER' }),
      );
      expect(q.entries[1].entitlements.every((h) => ['free', 'discounted', 'standard'].includes(h.right))).toBe(true);
      const narrower = await expectStatus<{ entries: unknown[] }>(
        t
          .as(w.tokens.finance)
          .get(
            `/platforms/${w.platformId}/reviews/queue?withinDays=30&asOf=2026-04-01&rates=${RATES}`,
          ),
        200,
      );
      expect(narrower.entries).toEqual([]);
    });

    const decide = (body: object, token = w.tokens.cpo) =>
      t.as(token).post(`/platforms/${w.platformId}/reviews`).send(body);
    const filingStatus = async (assetId: string, filingId: string) =>
      (
        await expectStatus<{ status: string }>(
          t
            .as(w.tokens.cpo)
            .get(`/platforms/${w.platformId}/ip-assets/${assetId}/filings/${filingId}`),
          200,
        )
      ).status;
    const owners = async (assetId: string, on: string) =>
      await expectStatus<{
        version: number;
        owners: { organisationId: string; shareBp: number }[];
      }>(
        t.as(w.tokens.cpo).get(`/platforms/${w.platformId}/ip-assets/${assetId}/owners?on=${on}`),
        200,
      );

    it('records a maintain decision (append-only, audited) and leaves the filing as it was', async () => {
      const r = await expectStatus<{
        decision: { id: string; outcome: string };
        offer: null;
        filingStatus: string;
      }>(
        decide({
          filingId: jpX,
          decision: 'maintain',
          reason: 'licensee negotiating',
          decidedOn: '2026-05-01',
        }),
        201,
      );
      expect(r).toMatchObject({
        decision: { outcome: 'maintained' },
        offer: null,
        filingStatus: 'granted',
      });
      const audit: { action: string }[] = await t.dataSource.query(
        'SELECT action FROM audit_log WHERE entity_id = $1',
        [r.decision.id],
      );
      expect(audit.map((a) => a.action)).toEqual(['patent_review.decided']);
      await expect(
        t.dataSource.query(`UPDATE patent_review_decisions SET reason = 'x' WHERE id = $1`, [
          r.decision.id,
        ]),
      ).rejects.toThrow(/append-only/);
    });

    it('abandons a sole-owned filing on the decision date', async () => {
      const r = await expectStatus<{ decision: { outcome: string }; filingStatus: string }>(
        decide({
          filingId: usZ,
          decision: 'abandon',
          reason: 'no US market',
          decidedOn: '2026-08-01',
        }),
        201,
      );
      expect(r).toMatchObject({ decision: { outcome: 'abandoned' }, filingStatus: 'abandoned' });
      const history = await expectStatus<{ toStatus: string; effectiveOn: string }[]>(
        t
          .as(w.tokens.cpo)
          .get(`/platforms/${w.platformId}/ip-assets/${assetZ}/filings/${usZ}/status-history`),
        200,
      );
      expect(history.at(-1)).toMatchObject({ toStatus: 'abandoned', effectiveOn: '2026-08-01' });
      // Nothing left to decide.
      await expectStatus(
        decide({
          filingId: usZ,
          decision: 'maintain',
          reason: 'changed mind',
          decidedOn: '2026-08-02',
        }),
        409,
      );
    });

    it('offers a co-owned filing to the co-owner, who takes it over in a new ownership version', async () => {
      const r = await expectStatus<{
        decision: { outcome: string };
        offer: { id: string; status: string; deadline: string; offeredTo: string[] };
        filingStatus: string;
      }>(
        decide({
          filingId: jpY,
          decision: 'abandon',
          reason: 'pool stops paying',
          decidedOn: '2026-09-01',
        }),
        201,
      );
      expect(r).toMatchObject({
        decision: { outcome: 'takeover_offered' },
        offer: { status: 'offered', deadline: '2026-10-31', offeredTo: [w.companyAId] },
        filingStatus: 'granted',
      });
      // One open offer at a time.
      await expectStatus(
        decide({ filingId: jpY, decision: 'abandon', reason: 'again', decidedOn: '2026-09-02' }),
        409,
      );
      const accepted = await expectStatus<{
        offer: { status: string; takenByOrganisationId: string };
        filingStatus: string;
        ownership: { version: number };
      }>(
        t
          .as(w.tokens.cpo)
          .post(`/platforms/${w.platformId}/reviews/offers/${r.offer.id}/accept`)
          .send({ organisationId: w.companyAId, acceptedOn: '2026-09-15' }),
        200,
      );
      expect(accepted).toMatchObject({
        offer: { status: 'accepted', takenByOrganisationId: w.companyAId },
        filingStatus: 'granted',
        ownership: { version: 2 },
      });
      expect((await owners(assetY, '2026-09-15')).owners).toEqual([
        expect.objectContaining({ organisationId: w.companyAId, shareBp: 10000 }),
      ]);
      expect((await owners(assetY, '2026-09-14')).version).toBe(1);
      expect(await filingStatus(assetY, jpY)).toBe('granted');
      // Settled once.
      await expectStatus(
        t
          .as(w.tokens.cpo)
          .post(`/platforms/${w.platformId}/reviews/offers/${r.offer.id}/accept`)
          .send({ organisationId: w.companyAId, acceptedOn: '2026-09-16' }),
        409,
      );
    });

    it('abandons the filing when the offer closes after its deadline without a taker', async () => {
      const a = await asset(w.platformId, w.projectId, [
        { organisationId: w.universityId, shareBp: 6000 },
        { organisationId: w.companyBId, shareBp: 4000 },
      ]);
      const f = await filing(w.platformId, a, grantedJp('2019-03-01', '2022-03-01', 2));
      const r = await expectStatus<{ offer: { id: string; deadline: string } }>(
        decide({
          filingId: f,
          decision: 'abandon',
          reason: 'no use',
          decidedOn: '2026-09-01',
          offerDays: 30,
        }),
        201,
      );
      expect(r.offer.deadline).toBe('2026-10-01');
      const close = (closedOn: string) =>
        t
          .as(w.tokens.cpo)
          .post(`/platforms/${w.platformId}/reviews/offers/${r.offer.id}/close`)
          .send({ closedOn });
      await expectStatus(close('2026-10-01'), 409);
      const closed = await expectStatus<{ offer: { status: string }; filingStatus: string }>(
        close('2026-10-02'),
        200,
      );
      expect(closed).toMatchObject({ offer: { status: 'closed' }, filingStatus: 'abandoned' });
      expect(await filingStatus(a, f)).toBe('abandoned');
    });

    it('lets a member take over for its own organisation only', async () => {
      const a = await asset(w.platformId, w.projectId, withA());
      const f = await filing(w.platformId, a, grantedJp('2019-03-01', '2022-03-01', 2));
      const r = await expectStatus<{ offer: { id: string } }>(
        decide({
          filingId: f,
          decision: 'abandon',
          reason: 'pool stops paying',
          decidedOn: '2026-09-01',
        }),
        201,
      );
      const accept = (token: string, organisationId: string) =>
        t
          .as(token)
          .post(`/platforms/${w.platformId}/reviews/offers/${r.offer.id}/accept`)
          .send({ organisationId, acceptedOn: '2026-09-20' });
      // Company B naming A, or itself (not offered to B): the offer does not exist for B.
      await expectStatus(accept(w.tokens.memberB, w.companyAId), 404);
      await expectStatus(accept(w.tokens.memberB, w.companyBId), 404);
      // Company A naming B: 404 too (a member accepts for itself only).
      await expectStatus(accept(w.tokens.memberA, w.companyBId), 404);
      // A member cannot record decisions or close offers.
      await expectStatus(
        decide(
          { filingId: f, decision: 'maintain', reason: 'x', decidedOn: '2026-09-02' },
          w.tokens.memberA,
        ),
        403,
      );
      const ok = await expectStatus<{ offer: { status: string; takenByOrganisationId: string } }>(
        accept(w.tokens.memberA, w.companyAId),
        200,
      );
      expect(ok.offer).toMatchObject({ status: 'accepted', takenByOrganisationId: w.companyAId });
    });
  });
});
