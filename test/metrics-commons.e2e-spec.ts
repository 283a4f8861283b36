import { TestApp, World, buildWorld, createTestApp, expectStatus } from '@app/testing';

/**
 * Metrics, KPI targets, fact book and the Research Patent Commons (issue 6, second half).
 *
 * Data (test platform of buildWorld: university U, company A large, company B SME, project P-1):
 *   asset 1  U 100 %, H01M 10/052, commons, public abstract; JP filed 2026-05-01, granted 2026-12-01
 *   asset 2  U 50 % / A 50 %, G06N 3/08, commons, CONFIDENTIAL; JP filed 2025-06-01
 *   asset 3  U 100 %, H01L 21/02, not in the commons; JP filed 2026-08-01
 *   licence income (ledger account licence_income) FY2026: asset 1 ¥12,000,000, asset 2 ¥500,000;
 *     ¥3,000,000 of it shared out to the IP fund (a debit of licence_income: not less income)
 *   IP-office personnel cost FY2026 ¥4,000,000; patent cost approved FY2026 ¥1,000,000 (asset 3)
 *   project P-2 derived from P-1, starting 2026-10-01
 *   contributions: FY2026 A ¥10M + B ¥2M direct; FY2027 A ¥30M direct (plus the policy's overhead)
 *
 * Expected FY2026 platform metrics, by hand:
 *   applications 2 (assets 1 and 3), grants 1 (asset 1), licences 0 (no licence agreements here)
 *   licence income ¥12,500,000; licence rate 0 ÷ 2 = 0 bp; commercialisation rate 0 ÷ 0 = null
 *   profitability 12,500,000 ÷ (4,000,000 + 1,000,000) = 2.5 → 25,000 bp
 *   home runs at ¥10M: 1 (asset 1); at ¥500,000: 2; derived research 1
 */
describe('metrics, KPI targets, fact book and the research commons', () => {
  let t: TestApp;
  let w: World;
  const assets: { one: string; two: string; three: string } = { one: '', two: '', three: '' };
  let invoiced2026 = { a: 0n, b: 0n };

  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '5' } });
    w = await buildWorld(t);
    const admin = t.as(t.adminToken);
    const asset = async (body: object) =>
      (
        await expectStatus<{ id: string }>(
          admin
            .post(`/platforms/${w.platformId}/ip-assets`)
            .send({
              origin: 'foreground',
              projectId: w.projectId,
              createdOn: '2026-04-15',
              ...body,
            }),
          201,
        )
      ).id;
    assets.one = await asset({
      title: 'Solid electrolyte interface',
      abstract: 'public abstract',
      technologyField: 'H01M 10/052',
      researchCommons: true,
      owners: [{ organisationId: w.universityId, shareBp: 10000 }],
    });
    assets.two = await asset({
      title: 'Neural materials screening',
      abstract: 'SECRET abstract',
      technologyField: 'G06N 3/08',
      researchCommons: true,
      confidential: true,
      inventors: [{ name: 'Secret Inventor' }],
      owners: [
        { organisationId: w.universityId, shareBp: 5000 },
        { organisationId: w.companyAId, shareBp: 5000 },
      ],
    });
    assets.three = await asset({
      title: 'Thin film process',
      technologyField: 'H01L 21/02',
      owners: [{ organisationId: w.universityId, shareBp: 10000 }],
    });
    const filing = async (assetId: string, body: object) =>
      (
        await expectStatus<{ id: string }>(
          admin
            .post(`/platforms/${w.platformId}/ip-assets/${assetId}/filings`)
            .send({ jurisdiction: 'JP', claimsCount: 3, ...body }),
          201,
        )
      ).id;
    await filing(assets.one, {
      applicationDate: '2026-05-01',
      grantDate: '2026-12-01',
      status: 'granted',
      registrationNumber: '7000001',
    });
    await filing(assets.two, { applicationDate: '2025-06-01', status: 'filed' });
    const filing3 = await filing(assets.three, { applicationDate: '2026-08-01', status: 'filed' });

    // A patent cost of ¥1,000,000 approved in FY2026.
    const costPath = `/platforms/${w.platformId}/ip-assets/${assets.three}/filings/${filing3}/costs`;
    const cost = await expectStatus<{ id: string }>(
      admin
        .post(costPath)
        .set('Idempotency-Key', 'metrics-cost-1')
        .send({ kind: 'attorney_fee', amount: '1000000', dueOn: '2026-09-01' }),
      201,
    );
    await expectStatus(
      admin
        .post(`${costPath}/${cost.id}/approve`)
        .set('Idempotency-Key', 'metrics-cost-1-approve')
        .send({ approvedOn: '2026-08-15' }),
      201,
    );

    // Licence income as the licensing module posts it: bank ← licence_income, sourced to the asset.
    const income = async (assetId: string, yen: number, key: string) =>
      t.dataSource.query<unknown[]>(
        `SELECT * FROM ledger_post($1, $2, 'h', '2026-11-01', 2026, 'licence_income', 'royalty', NULL, 'ip_asset', $3, NULL,
           ARRAY['bank','licence_income'], ARRAY['asset','income'], ARRAY['Bank','Licence income'], ARRAY[NULL,NULL]::uuid[], ARRAY[NULL,NULL]::uuid[],
           ARRAY[$4::bigint, -$4::bigint])`,
        [w.platformId, key, assetId, yen],
      );
    await income(assets.one, 12_000_000, 'metrics-income-1');
    await income(assets.two, 500_000, 'metrics-income-2');
    // Sharing income out (licence_income → ip_fund) is not a reduction of licence income.
    await t.dataSource.query(
      `SELECT * FROM ledger_post($1, 'metrics-share-1', 'h', '2026-12-01', 2026, 'licence_income_sharing', 'share', NULL, 'ip_asset', $2, NULL,
         ARRAY['licence_income','ip_fund'], ARRAY['income','fund'], ARRAY['Licence income','IP fund'], ARRAY[NULL,NULL]::uuid[], ARRAY[NULL,NULL]::uuid[],
         ARRAY[3000000::bigint, -3000000::bigint])`,
      [w.platformId, assets.one],
    );

    await expectStatus(
      admin.post(`/platforms/${w.platformId}/projects`).send({
        code: 'P-2',
        title: 'follow-up',
        kind: 'individual',
        startsOn: '2026-10-01',
        endsOn: '2027-03-31',
        derivedFromProjectId: w.projectId,
        participants: [{ organisationId: w.universityId, role: 'lead' }],
      }),
      201,
    );

    const contribute = async (
      organisationId: string,
      fiscalYear: number,
      directCostYen: string,
      invoicedOn: string,
    ) => {
      const c = await expectStatus<{ directCostYen: string; overheadYen: string }>(
        t
          .as(w.tokens.finance)
          .post(`/platforms/${w.platformId}/contributions`)
          .set('Idempotency-Key', `metrics-contribution-${organisationId}-${fiscalYear}`)
          .send({ projectId: w.projectId, organisationId, fiscalYear, directCostYen, invoicedOn }),
        201,
      );
      return BigInt(c.directCostYen) + BigInt(c.overheadYen);
    };
    invoiced2026 = {
      a: await contribute(w.companyAId, 2026, '10000000', '2026-07-01'),
      b: await contribute(w.companyBId, 2026, '2000000', '2026-07-01'),
    };
    await contribute(w.companyAId, 2027, '30000000', '2027-07-01');
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('metrics', () => {
    it('profitability is null until the IP office personnel cost is recorded, with a note', async () => {
      const m = await expectStatus<{ profitability: { bp: number | null }; notes: string[] }>(
        t.as(w.tokens.auditor).get(`/platforms/${w.platformId}/metrics?fiscalYear=2026`),
        200,
      );
      expect(m.profitability.bp).toBeNull();
      expect(m.notes.some((n) => n.includes('personnel cost'))).toBe(true);
    });

    it('computes the worked example for the platform', async () => {
      await expectStatus(
        t
          .as(w.tokens.finance)
          .put(`/platforms/${w.platformId}/ip-office-costs/2026`)
          .send({ personnelCostYen: '4000000' }),
        200,
      );
      const m = await expectStatus<Record<string, unknown>>(
        t.as(w.tokens.cpo).get(`/platforms/${w.platformId}/metrics?fiscalYear=2026`),
        200,
      );
      expect(m).toMatchObject({
        fiscalYear: 2026,
        institutionId: null,
        applications: 2,
        grants: 1,
        licences: 0,
        commercialisations: 0,
        licenceIncomeYen: '12500000',
        personnelCostYen: '4000000',
        patentCostYen: '1000000',
        licenceRate: { bp: 0, numerator: 0, denominator: 2 },
        profitability: { bp: 25000, numerator: '12500000', denominator: '5000000' },
        commercialisationRate: { bp: null, numerator: 0, denominator: 0 },
        homeRunThresholdYen: '10000000',
        homeRunAssets: 1,
        homeRunAssetIds: [assets.one],
        derivedProjects: 1,
      });
      expect(
        (m.notes as string[]).some((n) => n.includes('licence agreements whose term starts')),
      ).toBe(true);
      expect(typeof (m.ipFund as { balanceAtYearEndYen: unknown }).balanceAtYearEndYen).toBe(
        'string',
      );
    });

    it('takes the home-run threshold from the query', async () => {
      const m = await expectStatus<{ homeRunAssets: number }>(
        t
          .as(w.tokens.admin)
          .get(`/platforms/${w.platformId}/metrics?fiscalYear=2026&homeRunThresholdYen=500000`),
        200,
      );
      expect(m.homeRunAssets).toBe(2);
    });

    it('scopes to an institution: its assets and projects, no profitability', async () => {
      const m = await expectStatus<Record<string, unknown>>(
        t
          .as(w.tokens.admin)
          .get(`/platforms/${w.platformId}/metrics?fiscalYear=2026&institutionId=${w.companyAId}`),
        200,
      );
      expect(m).toMatchObject({
        institutionId: w.companyAId,
        applications: 0,
        grants: 0,
        licenceIncomeYen: '500000',
        personnelCostYen: null,
        derivedProjects: 0,
      });
      expect((m.profitability as { bp: unknown }).bp).toBeNull();
    });

    it('exports CSV with a BOM, rates with numerator and denominator', async () => {
      const res = await t
        .as(w.tokens.admin)
        .get(`/platforms/${w.platformId}/metrics?fiscalYear=2026&format=csv`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('text/csv');
      expect(res.text.charCodeAt(0)).toBe(0xfeff);
      expect(res.text).toContain('metric,value,numerator,denominator');
      expect(res.text).toContain('profitabilityBp,25000,12500000,5000000');
      expect(res.text).toContain('licenceRateBp,0,0,2');
      expect(res.text).toContain('commercialisationRateBp,,0,0');
    });

    it('refuses members and validates the fiscal year', async () => {
      await expectStatus(
        t.as(w.tokens.memberA).get(`/platforms/${w.platformId}/metrics?fiscalYear=2026`),
        403,
      );
      await expectStatus(t.as(w.tokens.admin).get(`/platforms/${w.platformId}/metrics`), 400);
      await expectStatus(
        t
          .as(w.tokens.admin)
          .put(`/platforms/${w.platformId}/ip-office-costs/2026`)
          .send({ personnelCostYen: '-1' }),
        400,
      );
    });
  });

  describe('KPI targets', () => {
    it('reports company investment ×N against the base year and large joint research counts', async () => {
      await expectStatus(
        t
          .as(w.tokens.cpo)
          .post(`/platforms/${w.platformId}/kpi-targets`)
          .send({
            kpi: 'company_investment_multiple',
            baseFiscalYear: 2026,
            targetFiscalYear: 2027,
            targetValue: '3',
          }),
        201,
      );
      await expectStatus(
        t
          .as(w.tokens.cpo)
          .post(`/platforms/${w.platformId}/kpi-targets`)
          .send({
            kpi: 'large_joint_research_count',
            baseFiscalYear: 2026,
            targetFiscalYear: 2027,
            targetValue: 2,
          }),
        201,
      );
      await expectStatus(
        t
          .as(w.tokens.cpo)
          .post(`/platforms/${w.platformId}/kpi-targets`)
          .send({
            kpi: 'company_investment_multiple',
            baseFiscalYear: 2027,
            targetFiscalYear: 2026,
            targetValue: '3',
          }),
        400,
      );
      const targets = await expectStatus<Record<string, unknown>[]>(
        t.as(w.tokens.auditor).get(`/platforms/${w.platformId}/kpi-targets`),
        200,
      );
      // FY2027 A ¥30M, FY2026 A ¥10M + B ¥2M, same overhead rate: 30 ÷ 12 = 2.5× → 25,000 bp; 2.5 ÷ 3 → 8,333 bp.
      const investment = targets.find((x) => x.kpi === 'company_investment_multiple');
      expect(investment).toMatchObject({
        measuredFiscalYear: 2027,
        targetValue: '3.00',
        progressBp: 8333,
        achieved: false,
      });
      expect((investment?.actual as { bp: number }).bp).toBe(25000);
      expect(investment?.baseValue).toBe((invoiced2026.a + invoiced2026.b).toString());
      // FY2027: P-1 has ¥30M of company money → 1 large project of 2 → 5,000 bp.
      expect(targets.find((x) => x.kpi === 'large_joint_research_count')).toMatchObject({
        actual: { count: '1' },
        progressBp: 5000,
        achieved: false,
      });
    });
  });

  describe('fact book', () => {
    it("gives the university's FY2026 fact book", async () => {
      const book = await expectStatus<Record<string, unknown>>(
        t
          .as(w.tokens.finance)
          .get(
            `/platforms/${w.platformId}/fact-book?fiscalYear=2026&institutionId=${w.universityId}`,
          ),
        200,
      );
      expect(book).toMatchObject({
        institutionId: w.universityId,
        fiscalYear: 2026,
        jointResearch: {
          all: { count: 1, amountYen: (invoiced2026.a + invoiced2026.b).toString() },
          companies: { count: 1, amountYen: (invoiced2026.a + invoiced2026.b).toString() },
          largeCompanies: { count: 1, amountYen: invoiced2026.a.toString() },
          smes: { count: 1, amountYen: invoiced2026.b.toString() },
          largeProjectsCount: 1,
        },
        patents: { filed: 2, held: 1, licensed: 0 },
        licenceIncomeYen: '12500000',
        topTechnologyFields: [
          { ipcClass: 'H01', count: 2 },
          { ipcClass: 'G06', count: 1 },
        ],
      });
    });

    it('exports CSV', async () => {
      const res = await t
        .as(w.tokens.admin)
        .get(
          `/platforms/${w.platformId}/fact-book?fiscalYear=2026&institutionId=${w.universityId}&format=csv`,
        );
      expect(res.status).toBe(200);
      expect(res.text.charCodeAt(0)).toBe(0xfeff);
      expect(res.text).toContain('patents.filed,2');
      expect(res.text).toContain('topTechnologyFields.1,H01 (2)');
    });

    it('needs an institution', async () => {
      await expectStatus(
        t.as(w.tokens.admin).get(`/platforms/${w.platformId}/fact-book?fiscalYear=2026`),
        400,
      );
    });
  });

  // The commons controller allows 5 requests per minute per handler and IP in this file: each
  // public handler is called at most 4 times before the rate-limit test.
  describe('research patent commons', () => {
    const ITEM_KEYS = [
      'abstract',
      'filings',
      'firstFiledYear',
      'holders',
      'id',
      'ipcClass',
      'platformName',
      'reference',
      'technologyField',
      'title',
    ];

    it('lists commons assets to anyone without a token, with no confidential field', async () => {
      const res = await t.as(null).get('/commons/assets');
      expect(res.status).toBe(200);
      const items = res.body as Record<string, unknown>[];
      expect(items.map((i) => i.id).sort()).toEqual([assets.one, assets.two].sort());
      for (const item of items) {
        expect(Object.keys(item).sort()).toEqual(ITEM_KEYS);
        for (const f of item.filings as object[])
          expect(Object.keys(f).sort()).toEqual([
            'grantDate',
            'jurisdiction',
            'registrationNumber',
            'status',
          ]);
      }
      const secret = items.find((i) => i.id === assets.two)!;
      expect(secret).toMatchObject({
        abstract: null,
        holders: ['青葉大学', 'Kitakami Materials K.K.'],
        ipcClass: 'G06',
        firstFiledYear: 2025,
      });
      expect(JSON.stringify(res.body)).not.toMatch(
        /SECRET|Secret Inventor|shareBp|5000|cost|licen/i,
      );
      expect(items.find((i) => i.id === assets.one)).toMatchObject({
        abstract: 'public abstract',
        firstFiledYear: 2026,
      });
    });

    it('filters by technology field and year', async () => {
      const byField = await expectStatus<{ id: string }[]>(
        t.as(null).get('/commons/assets?technologyField=h01m'),
        200,
      );
      expect(byField.map((i) => i.id)).toEqual([assets.one]);
      const byYear = await expectStatus<{ id: string }[]>(
        t.as(null).get('/commons/assets?year=2025&limit=10&offset=0'),
        200,
      );
      expect(byYear.map((i) => i.id)).toEqual([assets.two]);
    });

    it('draws the patent map: counts by IPC class × first filing year', async () => {
      const map = await expectStatus<{ cells: unknown[]; total: number }>(
        t.as(null).get('/commons/patent-map'),
        200,
      );
      expect(map).toEqual({
        cells: [
          { ipcClass: 'G06', firstFiledYear: 2025, count: 1 },
          { ipcClass: 'H01', firstFiledYear: 2026, count: 1 },
        ],
        total: 2,
      });
    });

    it('lets an institution register research use and the holder see who uses it', async () => {
      // An outsider company (not a platform member) may use commons assets for research.
      const use = await expectStatus<Record<string, unknown>>(
        t
          .as(w.tokens.outsider)
          .post(`/commons/assets/${assets.two}/research-uses`)
          .send({ purpose: 'battery screening study', startedOn: '2026-10-01' }),
        201,
      );
      expect(use).toMatchObject({
        assetId: assets.two,
        organisationId: w.outsiderId,
        purpose: 'battery screening study',
        startedOn: '2026-10-01',
      });
      await expectStatus(
        t
          .as(w.tokens.admin)
          .post(`/commons/assets/${assets.two}/research-uses`)
          .send({ purpose: 'teaching', startedOn: '2026-11-01', organisationId: w.companyBId }),
        201,
      );
      await expectStatus(
        t
          .as(w.tokens.admin)
          .post(`/commons/assets/${assets.two}/research-uses`)
          .send({ purpose: 'no organisation', startedOn: '2026-11-01' }),
        400,
      );
      await expectStatus(
        t
          .as(w.tokens.memberA)
          .post(`/commons/assets/${assets.three}/research-uses`)
          .send({ purpose: 'not in commons', startedOn: '2026-11-01' }),
        404,
      );
      await expectStatus(
        t
          .as(w.tokens.auditor)
          .post(`/commons/assets/${assets.two}/research-uses`)
          .send({ purpose: 'x', startedOn: '2026-11-01', organisationId: w.companyBId }),
        403,
      );

      // Company A co-owns asset 2: it sees the users; company B does not own it.
      const seen = await expectStatus<{ organisationId: string }[]>(
        t
          .as(w.tokens.memberA)
          .get(`/platforms/${w.platformId}/ip-assets/${assets.two}/research-uses`),
        200,
      );
      expect(seen.map((u) => u.organisationId)).toEqual([w.outsiderId, w.companyBId]);
      await expectStatus(
        t
          .as(w.tokens.memberB)
          .get(`/platforms/${w.platformId}/ip-assets/${assets.two}/research-uses`),
        404,
      );
      await expectStatus(
        t
          .as(w.tokens.memberA)
          .get(`/platforms/${w.platformId}/ip-assets/${assets.one}/research-uses`),
        404,
      );
      expect(
        await expectStatus<unknown[]>(
          t
            .as(w.tokens.auditor)
            .get(`/platforms/${w.platformId}/ip-assets/${assets.one}/research-uses`),
          200,
        ),
      ).toEqual([]);
    });

    it('is rate-limited per IP (PUBLIC_RATE_LIMIT_PER_MINUTE=5 here)', async () => {
      // The patent map was called once above: 4 more pass, the next is refused.
      const statuses: number[] = [];
      let last: { status: number; body: { code?: string } } = { status: 0, body: {} };
      for (let i = 0; i < 5; i++) {
        last = await t.as(null).get('/commons/patent-map');
        statuses.push(last.status);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 429]);
      expect(last.body.code).toBe('RATE_LIMITED');
      // The stricter limit is the commons controller's alone.
      for (let i = 0; i < 6; i++) await expectStatus(t.as(null).get('/health'), 200);
    });
  });

  /*
   * With a licence (written straight into the licensing tables, as libs/licensing records one):
   * company B licenses assets 1 and 3 from 2026-09-01, launches a product on 2026-12-01 and is
   * invoiced ¥1,000,001 (source: the licence), split evenly over its two assets with allocate:
   * asset 1 ¥500,001 (the remainder yen goes to the first), asset 3 ¥500,000.
   *   licences 1 of 2 applications → 5,000 bp; commercialisations 1 of 1 cumulative → 10,000 bp
   *   licence income 12,500,000 + 1,000,001 = 13,500,001
   *   home runs at ¥500,001: asset 1 only; at ¥500,000: assets 1, 2 and 3
   */
  describe('with a licence', () => {
    beforeAll(async () => {
      const [request] = await t.dataSource.query<{ id: string }[]>(
        `INSERT INTO licence_requests (platform_id, organisation_id, asset_ids, field_of_use, territory, exclusive, sublicensing, term_start, term_end, status, discount_bp, entitlements)
         VALUES ($1, $2, $3::uuid[], 'batteries', ARRAY['JP'], false, false, '2026-09-01', '2031-08-31', 'approved', 0, '{}'::jsonb) RETURNING id`,
        [w.platformId, w.companyBId, [assets.one, assets.three]],
      );
      const [licence] = await t.dataSource.query<{ id: string }[]>(
        `INSERT INTO licences (platform_id, request_id, organisation_id, asset_ids, field_of_use, territory, exclusive, sublicensing, term_start, term_end,
                               upfront_fee_yen, royalty_bp, annual_minimum_yen, ip_fund_share_bp, discount_bp, entitlements, granted_on)
         VALUES ($1, $2, $3, $4::uuid[], 'batteries', ARRAY['JP'], false, false, '2026-09-01', '2031-08-31', 0, 300, 0, 3000, 0, '{}'::jsonb, '2026-08-20') RETURNING id`,
        [w.platformId, request.id, w.companyBId, [assets.one, assets.three]],
      );
      await t.dataSource.query(
        `INSERT INTO licence_commercialisations (licence_id, launched_on, product) VALUES ($1, '2026-12-01', 'cell')`,
        [licence.id],
      );
      await t.dataSource.query(
        `SELECT * FROM ledger_post($1, 'metrics-licence-1', 'h', '2026-12-15', 2026, 'royalty', 'royalty', NULL, 'licence', $2, NULL,
           ARRAY['bank','licence_income'], ARRAY['asset','income'], ARRAY['Bank','Licence income'], ARRAY[NULL,NULL]::uuid[], ARRAY[NULL,NULL]::uuid[],
           ARRAY[1000001::bigint, -1000001::bigint])`,
        [w.platformId, licence.id],
      );
    });

    it('counts licences and commercialisations and splits the licence income over its assets', async () => {
      const m = await expectStatus<Record<string, unknown>>(
        t
          .as(w.tokens.admin)
          .get(`/platforms/${w.platformId}/metrics?fiscalYear=2026&homeRunThresholdYen=500001`),
        200,
      );
      expect(m).toMatchObject({
        licences: 1,
        cumulativeLicences: 1,
        commercialisations: 1,
        licenceIncomeYen: '13500001',
        licenceRate: { bp: 5000, numerator: 1, denominator: 2 },
        commercialisationRate: { bp: 10000, numerator: 1, denominator: 1 },
        homeRunAssetIds: [assets.one],
      });
      const lower = await expectStatus<{ homeRunAssets: number }>(
        t
          .as(w.tokens.admin)
          .get(`/platforms/${w.platformId}/metrics?fiscalYear=2026&homeRunThresholdYen=500000`),
        200,
      );
      expect(lower.homeRunAssets).toBe(3);
      const next = await expectStatus<Record<string, unknown>>(
        t.as(w.tokens.admin).get(`/platforms/${w.platformId}/metrics?fiscalYear=2027`),
        200,
      );
      expect(next).toMatchObject({
        licences: 0,
        cumulativeLicences: 1,
        commercialisations: 0,
        commercialisationRate: { bp: 0, numerator: 0, denominator: 1 },
      });
    });

    it('shows licensed patents in the fact book; company A owns no licensed asset', async () => {
      const book = await expectStatus<{ patents: { licensed: number }; licenceIncomeYen: string }>(
        t
          .as(w.tokens.admin)
          .get(
            `/platforms/${w.platformId}/fact-book?fiscalYear=2026&institutionId=${w.universityId}`,
          ),
        200,
      );
      expect(book).toMatchObject({ patents: { licensed: 2 }, licenceIncomeYen: '13500001' });
      const a = await expectStatus<{ licences: number; licenceIncomeYen: string }>(
        t
          .as(w.tokens.admin)
          .get(`/platforms/${w.platformId}/metrics?fiscalYear=2026&institutionId=${w.companyAId}`),
        200,
      );
      expect(a).toMatchObject({ licences: 0, licenceIncomeYen: '500000' });
    });
  });
});
