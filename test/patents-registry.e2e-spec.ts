import { TestApp, World, buildWorld, createTestApp, expectStatus } from '@app/testing';

interface Owner {
  organisationId: string;
  organisationName: string;
  shareBp: number;
}
interface Ownership {
  version: number;
  effectiveFrom: string;
  owners: Owner[];
}
interface AssetBody {
  id: string;
  origin: string;
  sakuraType: number | null;
  ownersFromAgreement: boolean;
  technologyField: string;
  priorConsentThirdPartyLicence: boolean | null;
  exclusivityFee: boolean | null;
  ownership: Ownership | null;
  options: {
    organisationId: string;
    right: string;
    consideration: string;
    optionPeriodMonths: number | null;
    startsOn: string;
    endsOn: string | null;
  }[];
  filings: FilingBody[];
}
interface FilingBody {
  id: string;
  jurisdiction: string;
  status: string;
  statusEffectiveOn: string;
  applicationDate: string | null;
  grantDate: string | null;
  parentFilingId: string | null;
  entityStatus: string | null;
  nextStatuses: string[];
}
interface ErrorBody {
  code: string;
  field?: string;
  details?: Record<string, unknown>;
}

describe('IP registry: assets, ownership, filings, agreements, Sakura types, catalogue (e2e)', () => {
  let t: TestApp;
  let w: World;
  let base: string;
  const shares = (o: Ownership | null) =>
    Object.fromEntries((o?.owners ?? []).map((x) => [x.organisationId, x.shareBp]));

  const cpo = () => t.as(w.tokens.cpo);
  const agreement = async (sakuraType: number, companyIds: string[]) =>
    (
      await expectStatus<{ id: string }>(
        cpo()
          .post(`${base}/agreements`)
          .send({
            projectId: w.projectId,
            sakuraType,
            universityId: w.universityId,
            companyIds,
            signedOn: '2026-04-01',
            title: `類型${sakuraType}の共同研究契約`,
          }),
        201,
      )
    ).id;
  const asset = <T = AssetBody>(body: object, status = 201) =>
    expectStatus<T>(
      cpo()
        .post(`${base}/ip-assets`)
        .send({ title: '固体電解質界面の形成方法', technologyField: 'H01M 10/0562', ...body }),
      status,
    );
  const foreground = (body: object = {}) =>
    asset({ origin: 'foreground', projectId: w.projectId, ...body });
  const auditCount = async (action: string) =>
    Number(
      (
        await t.dataSource.query<{ n: string }[]>(
          'SELECT count(*) AS n FROM audit_log WHERE action = $1',
          [action],
        )
      )[0].n,
    );

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    base = `/platforms/${w.platformId}`;
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('Sakura types (さくらツール) as data', () => {
    it('lists types 0–10 in their groups, to any token; none verified yet', async () => {
      const types = await expectStatus<
        {
          type: number;
          group: string;
          ownerRule: string;
          verified: boolean;
          editable: boolean;
          priorConsentThirdPartyLicence: boolean;
          exclusivityFee: boolean;
        }[]
      >(t.as(w.tokens.memberA).get('/sakura-types'), 200);
      expect(types.map((x) => x.type)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(types.map((x) => x.group)).toEqual([
        'university_owned',
        'university_owned',
        'university_owned',
        'university_owned',
        'company_owned',
        'company_owned',
        'company_owned',
        'co_owned',
        'co_owned',
        'consortium',
        'consortium',
      ]);
      expect(
        types.filter((x) => x.priorConsentThirdPartyLicence && x.exclusivityFee).map((x) => x.type),
      ).toEqual([7, 8]);
      expect(types.every((x) => !x.verified && x.editable)).toBe(true);
    });

    it('lets an admin edit a type until it is verified; 9–10 stay editable; seed facts are fixed', async () => {
      const admin = t.as(w.tokens.admin);
      await expectStatus(cpo().patch('/sakura-types/9').send({ consideration: 'paid' }), 403);
      const nine = await expectStatus<{ consideration: string }>(
        admin.patch('/sakura-types/9').send({ consideration: 'paid', verified: true }),
        200,
      );
      expect(nine.consideration).toBe('paid');
      await expectStatus(admin.patch('/sakura-types/9').send({ consideration: 'free' }), 200);

      const verified = await expectStatus<{ verified: boolean; editable: boolean }>(
        admin.patch('/sakura-types/3').send({ verified: true, sourceNote: 'checked' }),
        200,
      );
      expect(verified).toMatchObject({ verified: true, editable: false });
      expect(
        (
          await expectStatus<ErrorBody>(
            admin.patch('/sakura-types/3').send({ optionPeriodMonths: 6 }),
            409,
          )
        ).code,
      ).toBe('SAKURA.TYPE_VERIFIED');

      expect(
        (
          await expectStatus<ErrorBody>(
            admin.patch('/sakura-types/2').send({ group: 'company_owned' }),
            409,
          )
        ).code,
      ).toBe('SAKURA.FIXED_BY_SOURCE');
      expect(
        (
          await expectStatus<ErrorBody>(
            admin.patch('/sakura-types/7').send({ exclusivityFee: false }),
            409,
          )
        ).code,
      ).toBe('SAKURA.FIXED_BY_SOURCE');
      const incoherent = await expectStatus<ErrorBody>(
        admin.patch('/sakura-types/1').send({ nonOwnerRight: 'exclusive_licence_option' }),
        400,
      );
      expect(incoherent).toMatchObject({
        code: 'SAKURA.OPTION_PERIOD',
        field: 'optionPeriodMonths',
      });
      expect(
        (await expectStatus<ErrorBody>(admin.patch('/sakura-types/1').send({ name: null }), 400))
          .field,
      ).toBe('name');
      expect(
        (await expectStatus<ErrorBody>(admin.patch('/sakura-types/11').send({ name: 'x' }), 404))
          .code,
      ).toBe('SAKURA.TYPE_NOT_FOUND');
      expect(await auditCount('sakura_type.updated')).toBe(3);
    });
  });

  describe('agreements and initial ownership from the Sakura type', () => {
    it('university-owned (類型2): the university 100%, the company an exclusive-licence option for 12 months from filing', async () => {
      const agreementId = await agreement(2, [w.companyAId]);
      const a = await foreground({ agreementId, createdOn: '2026-06-01', filedOn: '2026-07-15' });
      expect(a).toMatchObject({
        sakuraType: 2,
        ownersFromAgreement: true,
        technologyField: 'H01M 10/0562',
      });
      expect(shares(a.ownership)).toEqual({ [w.universityId]: 10000 });
      expect(a.ownership).toMatchObject({ version: 1, effectiveFrom: '2026-06-01' });
      expect(a.options).toEqual([
        expect.objectContaining({
          organisationId: w.companyAId,
          right: 'exclusive_licence_option',
          optionPeriodMonths: 12,
          startsOn: '2026-07-15',
          endsOn: '2027-07-15',
        }),
      ]);
    });

    it('company-owned (類型4): the companies in equal shares; the university gets the right', async () => {
      const a = await foreground({
        agreementId: await agreement(4, [w.companyAId, w.companyBId]),
        createdOn: '2026-06-01',
      });
      expect(shares(a.ownership)).toEqual({ [w.companyAId]: 5000, [w.companyBId]: 5000 });
      expect(a.options.map((o) => [o.organisationId, o.right, o.endsOn])).toEqual([
        [w.universityId, 'non_exclusive_licence', null],
      ]);
    });

    it('co-owned (類型7): the university its default share, the companies the rest; prior consent and exclusivity fee recorded', async () => {
      const a = await foreground({
        agreementId: await agreement(7, [w.companyAId, w.companyBId]),
        createdOn: '2026-06-01',
      });
      expect(shares(a.ownership)).toEqual({
        [w.universityId]: 5000,
        [w.companyAId]: 2500,
        [w.companyBId]: 2500,
      });
      expect(a).toMatchObject({ priorConsentThirdPartyLicence: true, exclusivityFee: true });
      // Not filed yet: the option runs from the creation date.
      expect(
        a.options.map((o) => [o.organisationId, o.right, o.startsOn, o.endsOn]).sort(),
      ).toEqual(
        [
          [w.companyAId, 'exclusive_licence_option', '2026-06-01', '2027-06-01'],
          [w.companyBId, 'exclusive_licence_option', '2026-06-01', '2027-06-01'],
        ].sort(),
      );
    });

    it('consortium (類型9 and 10): owners from the type as edited data says', async () => {
      const pooled = await foreground({
        agreementId: await agreement(9, [w.companyAId, w.companyBId]),
      });
      expect(shares(pooled.ownership)).toEqual({ [w.universityId]: 10000 });
      const coFiled = await foreground({
        agreementId: await agreement(10, [w.companyAId, w.companyBId]),
      });
      expect(shares(coFiled.ownership)).toEqual({
        [w.universityId]: 5000,
        [w.companyAId]: 2500,
        [w.companyBId]: 2500,
      });
    });

    it('takes given owners over the type, but still records the options', async () => {
      const a = await foreground({
        agreementId: await agreement(2, [w.companyBId]),
        owners: [
          { organisationId: w.universityId, shareBp: 7000 },
          { organisationId: w.companyBId, shareBp: 3000 },
        ],
      });
      expect(a.ownersFromAgreement).toBe(false);
      expect(shares(a.ownership)).toEqual({ [w.universityId]: 7000, [w.companyBId]: 3000 });
      expect(a.options).toHaveLength(1);
    });

    it('refuses agreements with parties outside the project or of the wrong kind', async () => {
      const body = {
        projectId: w.projectId,
        sakuraType: 0,
        universityId: w.universityId,
        signedOn: '2026-04-01',
        title: 'x',
      };
      const outsider = await expectStatus<ErrorBody>(
        cpo()
          .post(`${base}/agreements`)
          .send({ ...body, companyIds: [w.outsiderId] }),
        422,
      );
      expect(outsider).toMatchObject({
        code: 'AGREEMENT.PARTY_NOT_PARTICIPANT',
        field: 'companyIds[0]',
      });
      const company = await expectStatus<ErrorBody>(
        cpo()
          .post(`${base}/agreements`)
          .send({ ...body, universityId: w.companyAId, companyIds: [w.companyBId] }),
        422,
      );
      expect(company.code).toBe('AGREEMENT.UNIVERSITY_NOT_INSTITUTION');
      expect(
        (
          await expectStatus<ErrorBody>(
            cpo()
              .post(`${base}/agreements`)
              .send({ ...body, companyIds: [] }),
            400,
          )
        ).field,
      ).toBe('companyIds');
      expect(
        (
          await expectStatus<ErrorBody>(
            cpo()
              .post(`${base}/agreements`)
              .send({ ...body, sakuraType: 11, companyIds: [w.companyAId] }),
            400,
          )
        ).field,
      ).toBe('sakuraType');
    });
  });

  describe('assets', () => {
    it('refuses owners whose shares do not add up to exactly 10000 (400) and other malformed input', async () => {
      const notFull = await asset<ErrorBody>(
        {
          origin: 'foreground',
          projectId: w.projectId,
          owners: [
            { organisationId: w.universityId, shareBp: 6000 },
            { organisationId: w.companyAId, shareBp: 3000 },
          ],
        },
        400,
      );
      expect(notFull).toMatchObject({ code: 'OWNERSHIP.SHARES_NOT_10000', field: 'owners' });
      const twice = await asset<ErrorBody>(
        {
          origin: 'foreground',
          projectId: w.projectId,
          owners: [
            { organisationId: w.universityId, shareBp: 5000 },
            { organisationId: w.universityId, shareBp: 5000 },
          ],
        },
        400,
      );
      expect(twice).toMatchObject({
        code: 'OWNERSHIP.DUPLICATE_OWNER',
        field: 'owners[1].organisationId',
      });
      expect(
        (
          await asset<ErrorBody>(
            {
              origin: 'foreground',
              projectId: w.projectId,
              owners: [{ organisationId: w.universityId, shareBp: 10001 }],
            },
            400,
          )
        ).field,
      ).toBe('owners[0].shareBp');
      expect(
        (await asset<ErrorBody>({ origin: 'foreground', projectId: w.projectId }, 400)).code,
      ).toBe('IP_ASSET.OWNERS_REQUIRED');
      expect((await asset<ErrorBody>({ origin: 'background' }, 400)).code).toBe(
        'IP_ASSET.HOLDER_REQUIRED',
      );
      expect(
        (await asset<ErrorBody>({ origin: 'foreground', technologyField: 'battery' }, 400)).field,
      ).toBe('technologyField');
      const outsider = await asset<ErrorBody>(
        { origin: 'background', holderOrganisationId: w.outsiderId },
        422,
      );
      expect(outsider.code).toBe('IP_ASSET.HOLDER_NOT_MEMBER');
    });

    it('the database itself refuses an ownership version whose shares do not add up to 10000', async () => {
      const a = await asset({
        origin: 'background',
        holderOrganisationId: w.companyBId,
        createdOn: '2026-05-01',
      });
      await expect(
        t.dataSource.transaction(async (em) => {
          const [v] = await em.query<{ id: string }[]>(
            `INSERT INTO ip_ownership_versions (asset_id, version, effective_from) VALUES ($1, 2, '2027-01-01') RETURNING id`,
            [a.id],
          );
          await em.query(
            'INSERT INTO ip_ownership_shares (version_id, organisation_id, position, share_bp) VALUES ($1, $2, 0, 9000)',
            [v.id, w.companyBId],
          );
        }),
      ).rejects.toThrow(/not 10000/);
      await expect(
        t.dataSource.query('UPDATE ip_ownership_shares SET share_bp = share_bp'),
      ).rejects.toThrow(/append-only/);
      await expect(t.dataSource.query('DELETE FROM ip_ownership_versions')).rejects.toThrow(
        /append-only/,
      );
    });

    it('keeps ownership history: PUT owners writes a new version, ?on= answers for any date', async () => {
      const a = await asset({
        origin: 'background',
        holderOrganisationId: w.companyAId,
        createdOn: '2026-06-01',
        reference: 'BG-A-1',
      });
      expect(shares(a.ownership)).toEqual({ [w.companyAId]: 10000 });
      const owners = `${base}/ip-assets/${a.id}/owners`;
      const v2 = await expectStatus<Ownership>(
        cpo()
          .put(owners)
          .send({
            effectiveFrom: '2027-04-01',
            reason: '持分の一部譲渡',
            owners: [
              { organisationId: w.companyAId, shareBp: 6000 },
              { organisationId: w.universityId, shareBp: 4000 },
            ],
          }),
        200,
      );
      expect(v2).toMatchObject({ version: 2, effectiveFrom: '2027-04-01' });
      expect(v2.owners[1]).toMatchObject({ organisationName: '青葉大学', shareBp: 4000 });

      expect(
        (await expectStatus<Ownership>(cpo().get(`${owners}?on=2027-03-31`), 200)).version,
      ).toBe(1);
      expect(
        (await expectStatus<Ownership>(cpo().get(`${owners}?on=2027-04-01`), 200)).version,
      ).toBe(2);
      expect((await expectStatus<ErrorBody>(cpo().get(`${owners}?on=2026-05-31`), 404)).code).toBe(
        'OWNERSHIP.NONE_IN_FORCE',
      );
      const onDate = await expectStatus<AssetBody>(
        t.as(w.tokens.auditor).get(`${base}/ip-assets/${a.id}?on=2026-12-31`),
        200,
      );
      expect(shares(onDate.ownership)).toEqual({ [w.companyAId]: 10000 });
      const history = await expectStatus<Ownership[]>(
        t.as(w.tokens.finance).get(`${owners}/history`),
        200,
      );
      expect(history.map((h) => [h.version, h.effectiveFrom])).toEqual([
        [1, '2026-06-01'],
        [2, '2027-04-01'],
      ]);

      const early = await expectStatus<ErrorBody>(
        cpo()
          .put(owners)
          .send({
            effectiveFrom: '2027-01-01',
            owners: [{ organisationId: w.companyAId, shareBp: 10000 }],
          }),
        409,
      );
      expect(early.code).toBe('OWNERSHIP.NOT_AFTER_LATEST');
      const bad = await expectStatus<ErrorBody>(
        cpo()
          .put(owners)
          .send({
            effectiveFrom: '2028-01-01',
            owners: [{ organisationId: w.companyAId, shareBp: 9999 }],
          }),
        400,
      );
      expect(bad.code).toBe('OWNERSHIP.SHARES_NOT_10000');
      const audit = await expectStatus<{ action: string; before: Ownership; after: Ownership }[]>(
        t
          .as(w.tokens.admin)
          .get(`/audit-log?platformId=${w.platformId}&entityType=ip_asset&entityId=${a.id}`),
        200,
      );
      expect(audit.map((e) => e.action)).toEqual(['ip_asset.owners_changed', 'ip_asset.created']);
      expect(audit[0].before.version).toBe(1);
    });

    it('edits flags and descriptive fields, audited; a taken reference is a conflict', async () => {
      const a = await asset({ origin: 'background', holderOrganisationId: w.companyBId });
      const edited = await expectStatus<{ pooled: boolean; technologyField: string }>(
        cpo()
          .patch(`${base}/ip-assets/${a.id}`)
          .send({ pooled: true, technologyField: 'h01m10/052' }),
        200,
      );
      expect(edited).toMatchObject({ pooled: true, technologyField: 'H01M 10/052' });
      expect(
        (
          await expectStatus<ErrorBody>(
            cpo().patch(`${base}/ip-assets/${a.id}`).send({ reference: 'BG-A-1' }),
            409,
          )
        ).code,
      ).toBe('IP_ASSET.REFERENCE_TAKEN');
      expect(
        (
          await expectStatus<ErrorBody>(
            cpo().patch(`${base}/ip-assets/${a.id}`).send({ pooled: null }),
            400,
          )
        ).field,
      ).toBe('pooled');
    });
  });

  describe('filings and their status lifecycle', () => {
    let assetId: string;
    const filings = () => `${base}/ip-assets/${assetId}/filings`;
    const move = (filingId: string, status: string, effectiveOn: string, note?: string) =>
      cpo().post(`${filings()}/${filingId}/status`).send({ status, effectiveOn, note });

    beforeAll(async () => {
      assetId = (
        await asset({
          origin: 'background',
          holderOrganisationId: w.companyAId,
          createdOn: '2026-04-10',
        })
      ).id;
    });

    it('takes a JP filing from drafted to expired, recording every change with date and actor', async () => {
      const f = await expectStatus<FilingBody>(
        cpo().post(filings()).send({ jurisdiction: 'JP', claimsCount: 12 }),
        201,
      );
      expect(f).toMatchObject({
        status: 'drafted',
        nextStatuses: ['filed', 'abandoned'],
        entityStatus: null,
      });

      const granted = await expectStatus<ErrorBody>(move(f.id, 'granted', '2026-07-15'), 409);
      expect(granted).toMatchObject({
        code: 'FILING.INVALID_TRANSITION',
        field: 'status',
        details: { from: 'drafted', to: 'granted', allowed: ['filed', 'abandoned'] },
      });

      const filed = await expectStatus<FilingBody>(
        move(f.id, 'filed', '2026-07-15', '特願2026-100001'),
        200,
      );
      expect(filed).toMatchObject({
        status: 'filed',
        applicationDate: '2026-07-15',
        nextStatuses: ['examination_requested', 'abandoned'],
      });
      expect(
        (await expectStatus<ErrorBody>(move(f.id, 'examination_requested', '2026-07-01'), 422))
          .code,
      ).toBe('FILING.STATUS_DATE_BEFORE_CURRENT');
      await expectStatus(move(f.id, 'examination_requested', '2027-06-01'), 200);
      const g = await expectStatus<FilingBody>(move(f.id, 'granted', '2029-03-01'), 200);
      expect(g).toMatchObject({
        grantDate: '2029-03-01',
        nextStatuses: ['lapsed', 'abandoned', 'expired'],
      });
      const back = await expectStatus<ErrorBody>(move(f.id, 'filed', '2029-04-01'), 409);
      expect(back.details).toMatchObject({ allowed: ['lapsed', 'abandoned', 'expired'] });
      await expectStatus(move(f.id, 'expired', '2046-07-15'), 200);
      expect(
        (await expectStatus<ErrorBody>(move(f.id, 'abandoned', '2046-08-01'), 409)).details,
      ).toMatchObject({ allowed: [] });

      const history = await expectStatus<
        {
          fromStatus: string | null;
          toStatus: string;
          effectiveOn: string;
          actorLabel: string;
          note: string | null;
        }[]
      >(t.as(w.tokens.auditor).get(`${filings()}/${f.id}/status-history`), 200);
      expect(history.map((h) => [h.fromStatus, h.toStatus, h.effectiveOn])).toEqual([
        [null, 'drafted', '2026-04-10'],
        ['drafted', 'filed', '2026-07-15'],
        ['filed', 'examination_requested', '2027-06-01'],
        ['examination_requested', 'granted', '2029-03-01'],
        ['granted', 'expired', '2046-07-15'],
      ]);
      expect(history[1]).toMatchObject({ actorLabel: 'test cpo', note: '特願2026-100001' });
      await expect(
        t.dataSource.query('UPDATE ip_filing_status_history SET note = NULL'),
      ).rejects.toThrow(/append-only/);
      expect(await auditCount('filing.status_changed')).toBe(4);
    });

    it('abandons from drafted, filed and examination_requested', async () => {
      for (const path of [[], ['filed'], ['filed', 'examination_requested']]) {
        const f = await expectStatus<FilingBody>(
          cpo().post(filings()).send({ jurisdiction: 'CN' }),
          201,
        );
        for (const status of path) await expectStatus(move(f.id, status, '2026-09-01'), 200);
        expect(
          (await expectStatus<FilingBody>(move(f.id, 'abandoned', '2026-10-01'), 200)).status,
        ).toBe('abandoned');
      }
    });

    it('PCT: filed → national phase entries as separate filings → lapsed; no examination, no grant', async () => {
      const pct = await expectStatus<FilingBody>(
        cpo().post(filings()).send({
          jurisdiction: 'PCT',
          applicationNumber: 'PCT/JP2027/000123',
          applicationDate: '2027-07-10',
          priorityDate: '2026-07-15',
        }),
        201,
      );
      expect(pct).toMatchObject({
        status: 'filed',
        statusEffectiveOn: '2027-07-10',
        nextStatuses: ['lapsed', 'abandoned'],
      });
      expect(
        (await expectStatus<ErrorBody>(move(pct.id, 'examination_requested', '2027-08-01'), 409))
          .details,
      ).toMatchObject({ allowed: ['lapsed', 'abandoned'] });

      const us = await expectStatus<FilingBody>(
        cpo().post(filings()).send({
          jurisdiction: 'US',
          parentFilingId: pct.id,
          applicationDate: '2029-01-15',
          priorityDate: '2026-07-15',
          entityStatus: 'small',
        }),
        201,
      );
      expect(us).toMatchObject({
        parentFilingId: pct.id,
        status: 'filed',
        entityStatus: 'small',
        nextStatuses: ['granted', 'abandoned'],
      });
      const ep = await expectStatus<FilingBody>(
        cpo()
          .post(filings())
          .send({ jurisdiction: 'EP', parentFilingId: pct.id, applicationDate: '2029-02-01' }),
        201,
      );
      expect(ep.entityStatus).toBeNull();
      const nested = await expectStatus<ErrorBody>(
        cpo().post(filings()).send({ jurisdiction: 'KR', parentFilingId: us.id }),
        422,
      );
      expect(nested.code).toBe('FILING.PARENT_NOT_PCT');
      expect(
        (
          await expectStatus<ErrorBody>(
            cpo().post(filings()).send({ jurisdiction: 'JP', entityStatus: 'micro' }),
            400,
          )
        ).code,
      ).toBe('FILING.ENTITY_STATUS_US_ONLY');
      const dup = await expectStatus<ErrorBody>(
        cpo().post(filings()).send({
          jurisdiction: 'PCT',
          applicationNumber: 'PCT/JP2027/000123',
          applicationDate: '2027-07-10',
        }),
        409,
      );
      expect(dup.code).toBe('FILING.APPLICATION_NUMBER_TAKEN');
      expect(
        (
          await expectStatus<ErrorBody>(
            cpo().post(filings()).send({ jurisdiction: 'PCT', status: 'granted' }),
            422,
          )
        ).code,
      ).toBe('FILING.INVALID_INITIAL_STATUS');

      expect(
        (await expectStatus<FilingBody>(move(pct.id, 'lapsed', '2029-01-10'), 200)).status,
      ).toBe('lapsed');
      const us2 = await expectStatus<FilingBody>(move(us.id, 'granted', '2031-05-20'), 200);
      expect(us2).toMatchObject({ status: 'granted', grantDate: '2031-05-20' });
    });

    it('registers an existing granted filing mid-life and corrects its numbers', async () => {
      const f = await expectStatus<FilingBody>(
        cpo().post(filings()).send({
          jurisdiction: 'KR',
          status: 'granted',
          applicationDate: '2020-01-10',
          grantDate: '2023-05-02',
          registrationNumber: '10-2345678',
        }),
        201,
      );
      expect(f).toMatchObject({ status: 'granted', statusEffectiveOn: '2023-05-02' });
      expect(
        (
          await expectStatus<ErrorBody>(
            cpo()
              .post(filings())
              .send({ jurisdiction: 'KR', status: 'granted', applicationDate: '2020-01-10' }),
            400,
          )
        ).code,
      ).toBe('FILING.GRANT_DATE_REQUIRED');
      const fixed = await expectStatus<{ claimsCount: number }>(
        cpo().patch(`${filings()}/${f.id}`).send({ claimsCount: 8 }),
        200,
      );
      expect(fixed.claimsCount).toBe(8);
      expect(
        (
          await expectStatus<ErrorBody>(
            cpo().patch(`${filings()}/${f.id}`).send({ grantDate: '2019-01-01' }),
            400,
          )
        ).code,
      ).toBe('FILING.GRANT_BEFORE_APPLICATION');
      const detail = await expectStatus<AssetBody>(cpo().get(`${base}/ip-assets/${assetId}`), 200);
      expect(detail.filings.map((x) => x.jurisdiction)).toContain('KR');
    });
  });

  describe('CSV import', () => {
    const header =
      'reference,title,abstract,technologyField,origin,project,holder,owners,inventors,pooled,confidential,jurisdiction,applicationNumber,applicationDate';
    const count = async () =>
      Number(
        (await t.dataSource.query<{ n: string }[]>('SELECT count(*) AS n FROM ip_assets'))[0].n,
      );
    const importCsv = (csv: string, token = w.tokens.cpo) =>
      t.as(token).post(`${base}/ip-assets/import`).send({ csv });

    it('imports nothing when any row is bad and reports every problem per row', async () => {
      const before = await count();
      const csv = [
        header,
        'CSV-1,正しい行,,H01M 10/052,foreground,P-1,,青葉大学:10000,山田 太郎|青葉大学,true,false,JP,特願2026-200001,2026-08-01',
        'CSV-2,持分の合計が不足,,H01M,foreground,P-1,,青葉大学:5000;Kitakami Materials K.K.:4000,,true,false,,,',
        'CSV-3,分類と課題が不明,,battery,foreground,NO-SUCH-PROJECT,,Nobody Inc.:10000,,maybe,false,,,',
        'CSV-1,参照番号の重複,,H01M,background,,Hirose Devices Co.,,,false,false,JP,特願2026-200001,2026-08-02',
      ].join('\n');
      const res = await expectStatus<
        ErrorBody & {
          details: {
            rows: number;
            invalidRows: number;
            errors: { row: number; field: string; code: string }[];
          };
        }
      >(importCsv(csv), 422);
      expect(res.code).toBe('IMPORT.INVALID_ROWS');
      expect(res.details).toMatchObject({ rows: 4, invalidRows: 3 });
      expect(res.details.errors.map((e) => [e.row, e.field, e.code])).toEqual([
        [3, 'owners', 'OWNERSHIP.SHARES_NOT_10000'],
        [4, 'technologyField', 'IP_ASSET.INVALID_IPC'],
        [4, 'project', 'PROJECT.NOT_FOUND'],
        [4, 'owners', 'ORGANISATION.NOT_FOUND'],
        [4, 'pooled', 'CSV.INVALID_BOOLEAN'],
        [5, 'reference', 'IMPORT.DUPLICATE_REFERENCE'],
        [5, 'applicationNumber', 'IMPORT.DUPLICATE_APPLICATION_NUMBER'],
      ]);
      expect(await count()).toBe(before);
    });

    it('refuses unknown and missing columns before reading rows', async () => {
      const res = await expectStatus<{
        details: { errors: { row: number; field: string; code: string }[] };
      }>(importCsv('title,colour\nx,red\n'), 422);
      expect(res.details.errors.map((e) => [e.row, e.field, e.code])).toEqual([
        [1, 'colour', 'CSV.UNKNOWN_COLUMN'],
        [1, 'technologyField', 'CSV.MISSING_COLUMN'],
        [1, 'origin', 'CSV.MISSING_COLUMN'],
      ]);
      const malformed = await expectStatus<{ details: { errors: { code: string }[] } }>(
        importCsv('title,technologyField,origin\n"unclosed,H01M,foreground\n'),
        422,
      );
      expect(malformed.details.errors[0].code).toBe('CSV.MALFORMED');
      const badFiling = await expectStatus<{
        details: { errors: { row: number; field: string; code: string }[] };
      }>(
        importCsv(
          'title,technologyField,origin,holder,jurisdiction,entityStatus,filingStatus\nx,H01M,background,Hirose Devices Co.,US,big,\ny,H01M,background,Hirose Devices Co.,JP,,granted\n',
        ),
        422,
      );
      expect(badFiling.details.errors.map((e) => [e.row, e.field, e.code])).toEqual([
        [2, 'entityStatus', 'FILING.INVALID_ENTITY_STATUS'],
        [3, 'applicationDate', 'FILING.APPLICATION_DATE_REQUIRED'],
        [3, 'grantDate', 'FILING.GRANT_DATE_REQUIRED'],
      ]);
    });

    it('creates every row in one transaction when all are valid, owners by organisation name', async () => {
      const before = await count();
      const csv = [
        header,
        'CSV-10,"電極材料, 製法",概要,H01M 4/131,foreground,P-1,,青葉大学:6000;Kitakami Materials K.K.:4000,山田 太郎|青葉大学;佐藤 花子,yes,no,JP,特願2026-300001,2026-09-01',
        `CSV-11,背景特許,,C01B 32/184,background,,${w.companyBId},,,1,1,,,`,
      ].join('\r\n');
      const res = await expectStatus<{
        imported: number;
        rows: { row: number; assetId: string; reference: string; filingId: string | null }[];
      }>(importCsv(csv), 201);
      expect(res.imported).toBe(2);
      expect(res.rows.map((r) => [r.row, r.reference, r.filingId !== null])).toEqual([
        [2, 'CSV-10', true],
        [3, 'CSV-11', false],
      ]);
      expect(await count()).toBe(before + 2);
      const first = await expectStatus<
        AssetBody & { title: string; filedOn: string; inventors: { name: string }[] }
      >(cpo().get(`${base}/ip-assets/${res.rows[0].assetId}`), 200);
      expect(first).toMatchObject({ title: '電極材料, 製法', filedOn: '2026-09-01' });
      expect(shares(first.ownership)).toEqual({ [w.universityId]: 6000, [w.companyAId]: 4000 });
      expect(first.inventors.map((i) => i.name)).toEqual(['山田 太郎', '佐藤 花子']);
      expect(first.filings).toEqual([
        expect.objectContaining({
          jurisdiction: 'JP',
          status: 'filed',
          applicationDate: '2026-09-01',
        }),
      ]);
      const second = await expectStatus<AssetBody>(
        cpo().get(`${base}/ip-assets/${res.rows[1].assetId}`),
        200,
      );
      expect(shares(second.ownership)).toEqual({ [w.companyBId]: 10000 });
      expect(await auditCount('ip_assets.imported')).toBe(1);
      // Importing the same file again clashes with what is there now.
      const again = await expectStatus<{ details: { errors: { code: string }[] } }>(
        importCsv(csv),
        422,
      );
      expect(again.details.errors.map((e) => e.code)).toEqual([
        'IP_ASSET.REFERENCE_TAKEN',
        'FILING.APPLICATION_NUMBER_TAKEN',
        'IP_ASSET.REFERENCE_TAKEN',
      ]);
    });
  });

  describe('catalogue and access', () => {
    let pooledPublic: string;
    let pooledSecret: string;
    let notPooled: string;

    beforeAll(async () => {
      const make = async (title: string, pooled: boolean, confidential: boolean) =>
        (
          await asset({
            origin: 'foreground',
            projectId: w.projectId,
            title,
            abstract: `${title}の概要`,
            technologyField: 'G06N 3/08',
            pooled,
            confidential,
            owners: [
              { organisationId: w.universityId, shareBp: 5000 },
              { organisationId: w.companyAId, shareBp: 5000 },
            ],
          })
        ).id;
      pooledPublic = await make('公開プール資産', true, false);
      pooledSecret = await make('秘匿プール資産', true, true);
      notPooled = await make('プール外資産', false, false);
      await expectStatus(
        cpo()
          .post(`${base}/ip-assets/${pooledPublic}/filings`)
          .send({ jurisdiction: 'JP', applicationDate: '2026-10-01' }),
        201,
      );
      await expectStatus(
        cpo().post(`${base}/ip-assets/${pooledPublic}/filings`).send({ jurisdiction: 'US' }),
        201,
      );
    });

    it('shows members pooled assets only, owners without shares, no abstract when confidential', async () => {
      const entries = await expectStatus<
        {
          id: string;
          abstract: string | null;
          confidential: boolean;
          owners: Record<string, unknown>[];
          filings: { jurisdiction: string; status: string }[];
        }[]
      >(t.as(w.tokens.memberB).get(`${base}/catalogue?technologyField=G06N`), 200);
      expect(entries.map((e) => e.id).sort()).toEqual([pooledPublic, pooledSecret].sort());
      expect(entries.map((e) => e.id)).not.toContain(notPooled);
      const byId = Object.fromEntries(entries.map((e) => [e.id, e]));
      expect(byId[pooledPublic].abstract).toBe('公開プール資産の概要');
      expect(byId[pooledSecret]).toMatchObject({ abstract: null, confidential: true });
      expect(byId[pooledPublic].owners).toEqual([
        { organisationId: w.universityId, organisationName: '青葉大学' },
        { organisationId: w.companyAId, organisationName: 'Kitakami Materials K.K.' },
      ]);
      // The US draft is not shown; the JP application is.
      expect(byId[pooledPublic].filings).toEqual([
        { jurisdiction: 'JP', status: 'filed', registrationNumber: null, grantDate: null },
      ]);
      expect(JSON.stringify(entries)).not.toMatch(/shareBp|inventors|projectId/);
      await expectStatus(t.as(w.tokens.outsider).get(`${base}/catalogue`), 404);
      expect(
        (
          await expectStatus<ErrorBody>(
            t.as(w.tokens.memberA).get(`${base}/catalogue?technologyField=nonsense`),
            400,
          )
        ).field,
      ).toBe('technologyField');
    });

    it('lets staff list assets with filters', async () => {
      const pooledG06N = await expectStatus<{ id: string }[]>(
        t.as(w.tokens.finance).get(`${base}/ip-assets?pooled=true&technologyField=G06N`),
        200,
      );
      expect(pooledG06N.map((a) => a.id).sort()).toEqual([pooledPublic, pooledSecret].sort());
      const notPooledG06N = await expectStatus<{ id: string }[]>(
        t.as(w.tokens.auditor).get(`${base}/ip-assets?pooled=false&technologyField=G06N%203/08`),
        200,
      );
      expect(notPooledG06N.map((a) => a.id)).toEqual([notPooled]);
      expect(
        (await expectStatus<ErrorBody>(cpo().get(`${base}/ip-assets?pooled=maybe`), 400)).field,
      ).toBe('pooled');
    });

    it('refuses every write to members (403) and full asset reads too', async () => {
      const member = t.as(w.tokens.memberA);
      const calls = [
        member.post(`${base}/ip-assets`).send({
          title: 'x',
          technologyField: 'H01M',
          origin: 'background',
          holderOrganisationId: w.companyAId,
        }),
        member.post(`${base}/ip-assets/import`).send({ csv: 'title,technologyField,origin\n' }),
        member.patch(`${base}/ip-assets/${pooledPublic}`).send({ pooled: false }),
        member.put(`${base}/ip-assets/${pooledPublic}/owners`).send({
          effectiveFrom: '2030-01-01',
          owners: [{ organisationId: w.companyAId, shareBp: 10000 }],
        }),
        member.post(`${base}/ip-assets/${pooledPublic}/filings`).send({ jurisdiction: 'JP' }),
        member.post(`${base}/agreements`).send({}),
        member.patch('/sakura-types/9').send({ name: 'x' }),
        member.get(`${base}/ip-assets`),
        member.get(`${base}/ip-assets/${pooledPublic}`),
        t.as(w.tokens.finance).post(`${base}/ip-assets`).send({}),
        t.as(w.tokens.auditor).put(`${base}/ip-assets/${pooledPublic}/owners`).send({}),
      ];
      for (const call of calls)
        expect((await expectStatus<ErrorBody>(call, 403)).code).toBe('AUTH.ROLE_NOT_ALLOWED');
    });

    it("answers 404 for another platform's ids", async () => {
      const admin = t.as(w.tokens.admin);
      const other = await expectStatus<{ id: string }>(
        admin.post('/platforms').send({
          name: 'Other Platform',
          leadInstitutionId: w.universityId,
          establishedOn: '2026-04-01',
        }),
        201,
      );
      const otherBase = `/platforms/${other.id}`;
      const filing = await expectStatus<FilingBody>(
        cpo().post(`${base}/ip-assets/${pooledPublic}/filings`).send({ jurisdiction: 'EP' }),
        201,
      );
      expect(
        (await expectStatus<ErrorBody>(cpo().get(`${otherBase}/ip-assets/${pooledPublic}`), 404))
          .code,
      ).toBe('IP_ASSET.NOT_FOUND');
      await expectStatus(cpo().get(`${otherBase}/ip-assets/${pooledPublic}/owners`), 404);
      await expectStatus(
        cpo()
          .put(`${otherBase}/ip-assets/${pooledPublic}/owners`)
          .send({
            effectiveFrom: '2030-01-01',
            owners: [{ organisationId: w.companyAId, shareBp: 10000 }],
          }),
        404,
      );
      await expectStatus(
        cpo().patch(`${otherBase}/ip-assets/${pooledPublic}`).send({ pooled: false }),
        404,
      );
      await expectStatus(
        cpo().post(`${otherBase}/ip-assets/${pooledPublic}/filings`).send({ jurisdiction: 'JP' }),
        404,
      );
      await expectStatus(
        cpo()
          .post(`${otherBase}/ip-assets/${pooledPublic}/filings/${filing.id}/status`)
          .send({ status: 'filed', effectiveOn: '2027-01-01' }),
        404,
      );
      await expectStatus(cpo().get(`${base}/ip-assets/${notPooled}/filings/${filing.id}`), 404);
      const project = await asset({
        origin: 'foreground',
        projectId: w.projectId,
        owners: [{ organisationId: w.universityId, shareBp: 10000 }],
      });
      const viaOther = await expectStatus<ErrorBody>(
        cpo()
          .post(`${otherBase}/ip-assets`)
          .send({
            title: 'x',
            technologyField: 'H01M',
            origin: 'foreground',
            projectId: w.projectId,
            owners: [{ organisationId: w.universityId, shareBp: 10000 }],
          }),
        404,
      );
      expect(viaOther).toMatchObject({ code: 'PROJECT.NOT_FOUND', field: 'projectId' });
      const agreementId = await agreement(0, [w.companyAId]);
      await expectStatus(cpo().get(`${otherBase}/agreements/${agreementId}`), 404);
      expect(project.id).toBeDefined();
      await expectStatus(
        cpo().get(`/platforms/00000000-0000-4000-8000-000000000000/ip-assets`),
        404,
      );
      await expectStatus(t.as(w.tokens.outsider).get(`${base}/catalogue`), 404);
    });

    it('documents every registry endpoint in OpenAPI', async () => {
      const doc = await expectStatus<{
        paths: Record<
          string,
          Record<string, { summary?: string; tags?: string[]; responses: Record<string, unknown> }>
        >;
      }>(t.as(null).get('/docs-json'), 200);
      // The registry's own operations, by their OpenAPI tag (other features add paths under
      // /ip-assets too: costs, forecasts, rights).
      const registry = Object.entries(doc.paths).filter(([, ops]) =>
        Object.values(ops).some((op) => op.tags?.includes('ip registry')),
      );
      expect(registry.map(([p]) => p).sort()).toEqual(
        [
          '/platforms/{platformId}/agreements',
          '/platforms/{platformId}/agreements/{agreementId}',
          '/platforms/{platformId}/catalogue',
          '/platforms/{platformId}/ip-assets',
          '/platforms/{platformId}/ip-assets/import',
          '/platforms/{platformId}/ip-assets/{assetId}',
          '/platforms/{platformId}/ip-assets/{assetId}/filings',
          '/platforms/{platformId}/ip-assets/{assetId}/filings/{filingId}',
          '/platforms/{platformId}/ip-assets/{assetId}/filings/{filingId}/status',
          '/platforms/{platformId}/ip-assets/{assetId}/filings/{filingId}/status-history',
          '/platforms/{platformId}/ip-assets/{assetId}/owners',
          '/platforms/{platformId}/ip-assets/{assetId}/owners/history',
          '/sakura-types',
          '/sakura-types/{type}',
        ].sort(),
      );
      for (const [path, ops] of registry) {
        for (const [method, op] of Object.entries(ops)) {
          expect({ path, method, summary: typeof op.summary }).toEqual({
            path,
            method,
            summary: 'string',
          });
          expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['401', '403']));
        }
      }
    });
  });
});
