import { todayInJapan } from '@app/kernel';
import { TestApp, World, buildWorld, createTestApp, expectStatus } from '@app/testing';

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  field?: string;
  details?: Record<string, unknown>;
  errors?: { field: string; constraint: string; message: string }[];
  requestId?: string;
}
interface Org {
  id: string;
  name: string;
  kind: string;
  companySize: string | null;
  country: string;
}
interface Platform {
  id: string;
  name: string;
  leadInstitutionId: string;
  fiscalYearStartMonth: number;
  establishedOn: string;
}
interface Policy {
  id: string;
  platformId: string;
  version: number;
  effectiveFrom: string;
  overheadRateBp: number;
  standardOverheadRateBp: number;
  memberClassRules: {
    basis: string;
    window: string;
    thresholdKind: string;
    classes: { code: string; minimum: string; benefit: string; discountBp?: number }[];
  };
  costBearingRules: Record<string, unknown>;
  note: string | null;
}
interface Membership {
  id: string;
  platformId: string;
  organisationId: string;
  role: string;
  joinedOn: string;
  leftOn: string | null;
}
interface Funding {
  sourceKind: string;
  organisationId: string | null;
  funderName: string | null;
  fiscalYear: number;
  plannedAmountYen: string;
}
interface Project {
  id: string;
  platformId: string;
  code: string;
  title: string;
  kind: string;
  startsOn: string;
  endsOn: string;
  derivedFromProjectId: string | null;
  technologyField: string | null;
  participants: { organisationId: string; role: string }[];
  fundingSources: Funding[];
}
interface Token {
  id: string;
  label: string;
  role: string;
  organisationId: string | null;
  tokenPrefix: string;
  revokedAt: string | null;
  secret?: string;
}
interface AuditEntry {
  id: string;
  actorTokenId: string | null;
  actorRole: string;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string;
  platformId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

type Response = Promise<{ status: number; body: unknown }>;

/** An error response: its status, its stable code and, when given, the input field it names. */
async function expectError(
  res: Response,
  status: number,
  code: string,
  field?: string,
): Promise<ErrorBody> {
  const body = await expectStatus<ErrorBody>(res, status);
  expect({ code: body.code, field: body.field }).toEqual({ code, field });
  return body;
}

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('foundation (e2e)', () => {
  let t: TestApp;
  let w: World;
  let counter = 0;
  const uniq = () => ++counter;

  const as = (token: string | null) => t.as(token);
  const admin = () => t.as(w.tokens.admin);

  const newOrg = async (body: Record<string, unknown> = {}) =>
    expectStatus<Org>(
      admin()
        .post('/organisations')
        .send({ name: `Org ${uniq()}`, kind: 'company', companySize: 'sme', ...body }),
      201,
    );
  const join = async (organisationId: string, joinedOn = '2026-04-01', platformId = w.platformId) =>
    expectStatus<Membership>(
      admin().post(`/platforms/${platformId}/memberships`).send({ organisationId, joinedOn }),
      201,
    );
  /** A new company that is a member of the world's platform. */
  const newMember = async (joinedOn = '2026-04-01') => {
    const org = await newOrg();
    const membership = await join(org.id, joinedOn);
    return { org, membership };
  };
  const projectBody = (body: Record<string, unknown> = {}) => ({
    code: `C-${uniq()}`,
    title: '共同研究',
    kind: 'cooperative',
    startsOn: '2026-04-01',
    endsOn: '2028-03-31',
    participants: [{ organisationId: w.universityId, role: 'lead' }],
    ...body,
  });
  const createProject = (body: Record<string, unknown> = {}, platformId = w.platformId) =>
    admin().post(`/platforms/${platformId}/projects`).send(projectBody(body));
  const tokenIdOf = async (secret: string) => {
    const tokens = await expectStatus<Token[]>(admin().get('/tokens'), 200);
    return tokens.find((tk) => tk.tokenPrefix === secret.slice(0, 10))!.id;
  };
  const auditOf = async (entityType: string, entityId: string) =>
    expectStatus<AuditEntry[]>(
      admin().get(`/audit-log?entityType=${entityType}&entityId=${entityId}`),
      200,
    );

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('serves health and readiness without a token', async () => {
    await expectStatus(t.as(null).get('/health'), 200);
    const ready = await expectStatus<{ details: Record<string, { status: string }> }>(
      t.as(null).get('/ready'),
      200,
    );
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

  describe('the HTTP edge', () => {
    it('rejects malformed JSON with 400 REQUEST.MALFORMED_JSON', async () => {
      const res = admin()
        .post('/organisations')
        .set('Content-Type', 'application/json')
        .send('{"name": "Broken", "kind": ');
      await expectError(res, 400, 'REQUEST.MALFORMED_JSON');
    });

    it('rejects a JSON body that is not an object (a bare string, a number, an array) with 400 REQUEST.BODY_NOT_OBJECT', async () => {
      for (const body of ['"hello"', '42', '[]', '[{"name": "Acme", "kind": "company"}]']) {
        await expectError(admin().post('/organisations').set('Content-Type', 'application/json').send(body), 400, 'REQUEST.BODY_NOT_OBJECT');
      }
    });

    it('names a missing required field as missing, whatever other checks the field has', async () => {
      const body = await expectError(admin().post('/organisations').send({ kind: 'company' }), 400, 'VALIDATION.INVALID_FIELD', 'name');
      expect(body.message).toBe('name is required');
      expect(body.errors).toEqual([{ field: 'name', constraint: 'required', message: 'name is required' }]);
      const nested = await expectError(
        admin().post(`/platforms/${w.platformId}/policies`).send({ effectiveFrom: null }),
        400,
        'VALIDATION.INVALID_FIELD',
        'effectiveFrom',
      );
      expect(nested.message).toBe('effectiveFrom is required');
    });

    it('rejects a body over the limit (1mb) with 413 REQUEST.TOO_LARGE, creating nothing', async () => {
      const name = `Huge ${'x'.repeat(1024 * 1024)}`;
      await expectError(
        admin().post('/organisations').send({ name, kind: 'tlo' }),
        413,
        'REQUEST.TOO_LARGE',
      );
      const orgs = await expectStatus<Org[]>(admin().get('/organisations'), 200);
      expect(orgs.some((o) => o.name.startsWith('Huge'))).toBe(false);
    });

    it('answers an unknown route with 404 HTTP.ROUTE_NOT_FOUND', async () => {
      await expectError(admin().get('/no-such-thing'), 404, 'HTTP.ROUTE_NOT_FOUND');
    });

    it('echoes a caller-given X-Request-Id in error bodies, for support', async () => {
      const body = await expectError(
        admin().get(`/organisations/${UNKNOWN_ID}`).set('X-Request-Id', 'trace-4711'),
        404,
        'ORGANISATION.NOT_FOUND',
      );
      expect(body.requestId).toBe('trace-4711');
    });

    it('rejects text PostgreSQL cannot store (NUL) with 400, never 500', async () => {
      await expectError(
        admin().post('/organisations').send({ name: 'Nul\u0000Corp', kind: 'tlo' }),
        400,
        'VALIDATION.INVALID_TEXT',
      );
      await expectError(admin().get('/audit-log?entityId=%00'), 400, 'VALIDATION.INVALID_TEXT');
    });

    // Every path id, with a valid body where there is one: the id alone makes the request invalid.
    const badIds: [
      string,
      (w: World) => [method: 'get' | 'post' | 'delete', path: string, body?: object],
      string,
    ][] = [
      ['GET /organisations/:id', () => ['get', '/organisations/not-a-uuid'], 'id'],
      ['DELETE /tokens/:id', () => ['delete', '/tokens/42'], 'id'],
      ['GET /platforms/:platformId', () => ['get', '/platforms/not-a-uuid'], 'platformId'],
      [
        'POST /platforms/:platformId/policies',
        () => ['post', '/platforms/1/policies', { effectiveFrom: '2040-04-01' }],
        'platformId',
      ],
      ['GET /platforms/:platformId/policies', () => ['get', '/platforms/x/policies'], 'platformId'],
      [
        'GET /platforms/:platformId/policy',
        () => ['get', '/platforms/x/policy?on=2026-05-01'],
        'platformId',
      ],
      [
        'POST /platforms/:platformId/memberships',
        (w) => [
          'post',
          '/platforms/x/memberships',
          { organisationId: w.outsiderId, joinedOn: '2026-04-01' },
        ],
        'platformId',
      ],
      [
        'GET /platforms/:platformId/memberships',
        () => ['get', '/platforms/x/memberships'],
        'platformId',
      ],
      [
        'POST …/memberships/:membershipId/end',
        (w) => ['post', `/platforms/${w.platformId}/memberships/x/end`, { leftOn: '2027-03-31' }],
        'membershipId',
      ],
      [
        'POST /platforms/:platformId/projects',
        () => [
          'post',
          '/platforms/x/projects',
          {
            code: 'X',
            title: 'x',
            kind: 'individual',
            startsOn: '2026-04-01',
            endsOn: '2026-04-02',
            participants: [],
          },
        ],
        'platformId',
      ],
      ['GET /platforms/:platformId/projects', () => ['get', '/platforms/x/projects'], 'platformId'],
      [
        'GET …/projects/:projectId',
        (w) => ['get', `/platforms/${w.platformId}/projects/x`],
        'projectId',
      ],
      [
        'POST …/projects/:projectId/participants',
        (w) => [
          'post',
          `/platforms/${w.platformId}/projects/x/participants`,
          { organisationId: w.outsiderId, role: 'researcher' },
        ],
        'projectId',
      ],
    ];
    it.each(badIds)(
      '%s with a non-UUID id → 400 VALIDATION.INVALID_ID',
      async (_route, build, field) => {
        const [method, path, body] = build(w);
        const req = admin()[method](path);
        await expectError(body ? req.send(body) : req, 400, 'VALIDATION.INVALID_ID', field);
      },
    );

    it('accepts an id in capitals as the same id (a member still sees its own organisation)', async () => {
      const org = await expectStatus<Org>(
        as(w.tokens.memberA).get(`/organisations/${w.companyAId.toUpperCase()}`),
        200,
      );
      expect(org.id).toBe(w.companyAId);
    });
  });

  describe('authentication and tokens', () => {
    it('refuses requests without a valid bearer token with 401 AUTH.UNAUTHENTICATED', async () => {
      await expectError(as(null).get('/organisations'), 401, 'AUTH.UNAUTHENTICATED');
      await expectError(
        as('ipl_not-a-real-token').get('/organisations'),
        401,
        'AUTH.UNAUTHENTICATED',
      );
      await expectError(
        as(null).get('/organisations').set('Authorization', `Token ${w.tokens.admin}`),
        401,
        'AUTH.UNAUTHENTICATED',
      );
      await expectError(
        as(`${w.tokens.admin}x`).get('/organisations'),
        401,
        'AUTH.UNAUTHENTICATED',
      );
    });

    it('issues a member token whose secret is shown once and which sees only its organisation', async () => {
      const issued = await expectStatus<Token>(
        admin()
          .post('/tokens')
          .send({ label: 'Kitakami IP desk', role: 'member', organisationId: w.companyAId }),
        201,
      );
      expect(issued).toMatchObject({
        label: 'Kitakami IP desk',
        role: 'member',
        organisationId: w.companyAId,
        revokedAt: null,
      });
      expect(issued.secret).toMatch(/^ipl_/);
      expect(issued.tokenPrefix).toBe(issued.secret!.slice(0, 10));

      const orgs = await expectStatus<Org[]>(as(issued.secret!).get('/organisations'), 200);
      expect(orgs.map((o) => o.id)).toEqual([w.companyAId]);

      const listed = await expectStatus<Record<string, unknown>[]>(admin().get('/tokens'), 200);
      const mine = listed.find((tk) => tk.id === issued.id);
      expect(mine).toMatchObject({ label: 'Kitakami IP desk', role: 'member' });
      expect(mine).not.toHaveProperty('secret');
      expect(mine).not.toHaveProperty('tokenHash');
    });

    it('revokes a token: it gets 401 at once, the revocation is audited, and revoking again changes nothing', async () => {
      const issued = await expectStatus<Token>(
        admin().post('/tokens').send({ label: 'temp finance', role: 'finance' }),
        201,
      );
      await expectStatus(as(issued.secret!).get('/organisations'), 200);

      const revoked = await expectStatus<Token>(admin().delete(`/tokens/${issued.id}`), 200);
      expect(revoked.revokedAt).not.toBeNull();
      await expectError(as(issued.secret!).get('/organisations'), 401, 'AUTH.UNAUTHENTICATED');

      const again = await expectStatus<Token>(admin().delete(`/tokens/${issued.id}`), 200);
      expect(again.revokedAt).toBe(revoked.revokedAt);
      const listed = await expectStatus<Token[]>(admin().get('/tokens'), 200);
      expect(listed.find((tk) => tk.id === issued.id)?.revokedAt).toBe(revoked.revokedAt);

      const audit = await auditOf('api_token', issued.id);
      expect(audit.map((a) => a.action)).toEqual(['token.revoked', 'token.issued']);
      expect(audit[0].before).toMatchObject({ revokedAt: null });
      expect(audit[0].after).toMatchObject({ revokedAt: revoked.revokedAt });
      expect(audit[0].after).not.toHaveProperty('tokenHash');
    });

    /** Polls until the request answers `status` (another replica learns of a change through NOTIFY). */
    const eventually = async (request: () => PromiseLike<{ status: number }>, status: number) => {
      const deadline = Date.now() + 3000;
      let last = 0;
      while (Date.now() < deadline) {
        last = (await request()).status;
        if (last === status) return last;
        await new Promise((r) => setTimeout(r, 20));
      }
      return last;
    };

    it('refuses a token revoked by another process (a change made directly in the database) within moments', async () => {
      const issued = await expectStatus<Token>(admin().post('/tokens').send({ label: 'replica test', role: 'finance' }), 201);
      // Checked once, so this process now holds it in its token cache.
      await expectStatus(as(issued.secret!).get('/organisations'), 200);
      await expectStatus(as(issued.secret!).get('/organisations'), 200);
      await t.dataSource.query(`UPDATE api_tokens SET revoked_at = now() WHERE id = $1`, [issued.id]);
      expect(await eventually(() => as(issued.secret!).get('/organisations'), 401)).toBe(401);
    });

    it('stops trusting its token cache while the change notifications cannot reach it', async () => {
      const issued = await expectStatus<Token>(admin().post('/tokens').send({ label: 'listener test', role: 'finance' }), 201);
      await expectStatus(as(issued.secret!).get('/organisations'), 200);
      const killed = await t.dataSource.query<unknown[]>(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'ip-pool-ledger change feed' AND datname = current_database()`,
      );
      expect(killed.length).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 100));
      // Nobody hears this change now; the token must still be refused at once.
      await t.dataSource.query(`UPDATE api_tokens SET revoked_at = now() WHERE id = $1`, [issued.id]);
      await expectError(as(issued.secret!).get('/organisations'), 401, 'AUTH.UNAUTHENTICATED');
      // The listener comes back and the service keeps answering.
      await new Promise((r) => setTimeout(r, 1500));
      await expectStatus(admin().get('/organisations'), 200);
    });

    it('refuses inconsistent token requests with a code naming organisationId', async () => {
      await expectError(
        admin().post('/tokens').send({ label: 'x', role: 'member' }),
        400,
        'ACCESS.MEMBER_TOKEN_NEEDS_ORGANISATION',
        'organisationId',
      );
      await expectError(
        admin().post('/tokens').send({ label: 'x', role: 'finance', organisationId: w.companyAId }),
        400,
        'ACCESS.ORGANISATION_ONLY_FOR_MEMBER',
        'organisationId',
      );
      await expectError(
        admin().post('/tokens').send({ label: 'x', role: 'member', organisationId: UNKNOWN_ID }),
        404,
        'ORGANISATION.NOT_FOUND',
      );
    });

    it.each([
      [{ label: 'x', role: 'root' }, 'role'],
      [{ label: '', role: 'finance' }, 'label'],
      [{ label: 42, role: 'finance' }, 'label'],
      [{ label: 'x'.repeat(201), role: 'finance' }, 'label'],
      [{ role: 'finance' }, 'label'],
      [{ label: 'x', role: 'member', organisationId: 'acme' }, 'organisationId'],
    ])('refuses the token body %j with VALIDATION.INVALID_FIELD on %s', async (body, field) => {
      await expectError(admin().post('/tokens').send(body), 400, 'VALIDATION.INVALID_FIELD', field);
    });

    it('refuses unknown token fields with VALIDATION.UNKNOWN_FIELD', async () => {
      await expectError(
        admin().post('/tokens').send({ label: 'x', role: 'finance', expiresAt: '2027-01-01' }),
        400,
        'VALIDATION.UNKNOWN_FIELD',
        'expiresAt',
      );
    });

    it('answers revoking an unknown token with 404 ACCESS.TOKEN_NOT_FOUND', async () => {
      await expectError(admin().delete(`/tokens/${UNKNOWN_ID}`), 404, 'ACCESS.TOKEN_NOT_FOUND');
    });
  });

  describe('organisations', () => {
    it('registers an organisation (country JP by default) and reads it back', async () => {
      const org = await expectStatus<Org>(
        admin().post('/organisations').send({ name: '産業技術研究機構', kind: 'research_agency' }),
        201,
      );
      expect(org).toMatchObject({
        name: '産業技術研究機構',
        kind: 'research_agency',
        companySize: null,
        country: 'JP',
      });
      await expect(
        expectStatus<Org>(admin().get(`/organisations/${org.id}`), 200),
      ).resolves.toEqual(org);

      const company = await expectStatus<Org>(
        as(w.tokens.cpo)
          .post('/organisations')
          .send({
            name: 'Rhein Optics GmbH',
            kind: 'company',
            companySize: 'large',
            country: 'DE',
          }),
        201,
      );
      expect(company).toMatchObject({ kind: 'company', companySize: 'large', country: 'DE' });
    });

    it('refuses a second organisation with the same name, whatever the case, with 409 ORGANISATION.NAME_TAKEN', async () => {
      const body = await expectError(
        admin()
          .post('/organisations')
          .send({ name: 'KITAKAMI MATERIALS K.K.', kind: 'company', companySize: 'large' }),
        409,
        'ORGANISATION.NAME_TAKEN',
      );
      expect(body.details).toEqual({ existingId: w.companyAId });
    });

    it('lets exactly one of several simultaneous registrations of a name through; the rest get 409', async () => {
      const name = `Race Co ${uniq()}`;
      const results = await Promise.all(
        Array.from({ length: 5 }, () => admin().post('/organisations').send({ name, kind: 'tlo' })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    });

    it('requires companySize for companies and only for companies', async () => {
      await expectError(
        admin().post('/organisations').send({ name: 'Sizeless KK', kind: 'company' }),
        400,
        'ORGANISATION.COMPANY_SIZE',
        'companySize',
      );
      await expectError(
        admin()
          .post('/organisations')
          .send({ name: 'Sized Univ', kind: 'university', companySize: 'large' }),
        400,
        'ORGANISATION.COMPANY_SIZE',
        'companySize',
      );
    });

    it.each([
      [{ name: 'X', kind: 'startup' }, 'kind'],
      [{ name: 'X', kind: 'company', companySize: 'huge' }, 'companySize'],
      [{ name: '', kind: 'tlo' }, 'name'],
      [{ name: 42, kind: 'tlo' }, 'name'],
      [{ name: 'x'.repeat(301), kind: 'tlo' }, 'name'],
      [{ kind: 'tlo' }, 'name'],
      [{ name: 'X', kind: 'tlo', country: 'jp' }, 'country'],
      [{ name: 'X', kind: 'tlo', country: 'JPN' }, 'country'],
    ])('refuses %j with VALIDATION.INVALID_FIELD on %s', async (body, field) => {
      await expectError(
        admin().post('/organisations').send(body),
        400,
        'VALIDATION.INVALID_FIELD',
        field,
      );
    });

    it('refuses unknown fields with VALIDATION.UNKNOWN_FIELD', async () => {
      await expectError(
        admin().post('/organisations').send({ name: 'X', kind: 'tlo', website: 'https://x.jp' }),
        400,
        'VALIDATION.UNKNOWN_FIELD',
        'website',
      );
    });

    it('answers an unknown organisation with 404 ORGANISATION.NOT_FOUND', async () => {
      await expectError(admin().get(`/organisations/${UNKNOWN_ID}`), 404, 'ORGANISATION.NOT_FOUND');
    });

    it('shows a member only its own organisation; another one is 404, as if it did not exist', async () => {
      const staff = await expectStatus<Org[]>(as(w.tokens.finance).get('/organisations'), 200);
      expect(staff.map((o) => o.id)).toEqual(
        expect.arrayContaining([w.universityId, w.companyAId, w.companyBId, w.outsiderId]),
      );

      const mine = await expectStatus<Org[]>(as(w.tokens.memberA).get('/organisations'), 200);
      expect(mine.map((o) => o.id)).toEqual([w.companyAId]);
      await expectError(
        as(w.tokens.memberA).get(`/organisations/${w.companyBId}`),
        404,
        'ORGANISATION.NOT_FOUND',
      );
      await expectError(
        as(w.tokens.memberA).get(`/organisations/${UNKNOWN_ID}`),
        404,
        'ORGANISATION.NOT_FOUND',
      );
    });
  });

  describe('platforms', () => {
    it('creates a platform with its lead as first member and policy v1 on establishment; omitted terms take the defaults', async () => {
      const lead = await newOrg({ kind: 'university', companySize: undefined });
      const created = await expectStatus<Platform & { policy: Policy }>(
        as(w.tokens.cpo)
          .post('/platforms')
          .send({
            name: `Battery Platform ${uniq()}`,
            leadInstitutionId: lead.id,
            establishedOn: '2026-10-01',
            policy: { overheadRateBp: 2500 },
          }),
        201,
      );
      expect(created).toMatchObject({
        leadInstitutionId: lead.id,
        establishedOn: '2026-10-01',
        fiscalYearStartMonth: 4,
      });
      expect(created.policy).toMatchObject({
        version: 1,
        effectiveFrom: '2026-10-01',
        overheadRateBp: 2500,
        standardOverheadRateBp: 1000,
        note: 'initial policy',
      });
      expect(created.policy.memberClassRules.classes.map((c) => [c.code, c.minimum])).toEqual([
        ['S', '3000'],
        ['A', '1000'],
        ['B', '0'],
      ]);
      expect(created.policy.costBearingRules).toMatchObject({
        pooledForeground: 'ip_fund',
        coFiledWithCompany: 'company_pays_all',
      });

      const members = await expectStatus<Membership[]>(
        admin().get(`/platforms/${created.id}/memberships`),
        200,
      );
      expect(members).toEqual([
        expect.objectContaining({
          organisationId: lead.id,
          role: 'lead',
          joinedOn: '2026-10-01',
          leftOn: null,
        }),
      ]);
      await expect(
        expectStatus<Platform>(admin().get(`/platforms/${created.id}`), 200),
      ).resolves.toMatchObject({ id: created.id, name: created.name });
    });

    it('keeps a given fiscal-year start month', async () => {
      const created = await expectStatus<Platform>(
        admin()
          .post('/platforms')
          .send({
            name: `Calendar Platform ${uniq()}`,
            leadInstitutionId: w.universityId,
            establishedOn: '2026-01-01',
            fiscalYearStartMonth: 1,
          }),
        201,
      );
      expect(created.fiscalYearStartMonth).toBe(1);
    });

    it('requires a university, research agency or TLO as lead', async () => {
      await expectError(
        admin()
          .post('/platforms')
          .send({
            name: 'Company-led',
            leadInstitutionId: w.companyAId,
            establishedOn: '2026-04-01',
          }),
        400,
        'PLATFORM.LEAD_NOT_INSTITUTION',
        'leadInstitutionId',
      );
      await expectError(
        admin()
          .post('/platforms')
          .send({ name: 'Nobody-led', leadInstitutionId: UNKNOWN_ID, establishedOn: '2026-04-01' }),
        404,
        'ORGANISATION.NOT_FOUND',
      );
    });

    it('refuses a duplicate platform name, whatever the case, with 409 PLATFORM.NAME_TAKEN', async () => {
      await expectError(
        admin()
          .post('/platforms')
          .send({
            name: 'test platform',
            leadInstitutionId: w.universityId,
            establishedOn: '2026-04-01',
          }),
        409,
        'PLATFORM.NAME_TAKEN',
      );
    });

    it('refuses terms that break the policy rules with 400 POLICY.INVALID, creating nothing', async () => {
      const name = `Strict Platform ${uniq()}`;
      await expectError(
        admin()
          .post('/platforms')
          .send({
            name,
            leadInstitutionId: w.universityId,
            establishedOn: '2026-04-01',
            policy: { standardOverheadRateBp: 2500 },
          }),
        400,
        'POLICY.INVALID',
        'standardOverheadRateBp',
      );
      await expectStatus(
        admin()
          .post('/platforms')
          .send({ name, leadInstitutionId: w.universityId, establishedOn: '2026-04-01' }),
        201,
      );
    });

    it.each([
      [{ establishedOn: '2027-02-30' }, 'establishedOn'],
      [{ establishedOn: '2026/04/01' }, 'establishedOn'],
      [{ fiscalYearStartMonth: 13 }, 'fiscalYearStartMonth'],
      [{ fiscalYearStartMonth: 0 }, 'fiscalYearStartMonth'],
      [{ fiscalYearStartMonth: '4' }, 'fiscalYearStartMonth'],
      [{ leadInstitutionId: 'aoba' }, 'leadInstitutionId'],
      [{ name: '' }, 'name'],
      [{ policy: { overheadRateBp: -1 } }, 'policy.overheadRateBp'],
      [{ policy: { overheadRateBp: 10001 } }, 'policy.overheadRateBp'],
      [{ policy: 'generous' }, 'policy'],
    ])('refuses %j with VALIDATION.INVALID_FIELD on %s', async (change, field) => {
      const body = {
        name: `Invalid ${uniq()}`,
        leadInstitutionId: w.universityId,
        establishedOn: '2026-04-01',
        ...change,
      };
      await expectError(
        admin().post('/platforms').send(body),
        400,
        'VALIDATION.INVALID_FIELD',
        field,
      );
    });

    it('refuses unknown fields, nested ones too, with VALIDATION.UNKNOWN_FIELD', async () => {
      const base = {
        name: `Unknown ${uniq()}`,
        leadInstitutionId: w.universityId,
        establishedOn: '2026-04-01',
      };
      await expectError(
        admin()
          .post('/platforms')
          .send({ ...base, website: 'x' }),
        400,
        'VALIDATION.UNKNOWN_FIELD',
        'website',
      );
      await expectError(
        admin()
          .post('/platforms')
          .send({ ...base, policy: { ipFundRateBp: 1000 } }),
        400,
        'VALIDATION.UNKNOWN_FIELD',
        'policy.ipFundRateBp',
      );
    });

    it('answers an unknown platform with 404 PLATFORM.NOT_FOUND', async () => {
      await expectError(admin().get(`/platforms/${UNKNOWN_ID}`), 404, 'PLATFORM.NOT_FOUND');
    });

    it('shows a member the platforms it belongs to, and an outsider none', async () => {
      const mine = await expectStatus<Platform[]>(as(w.tokens.memberA).get('/platforms'), 200);
      expect(mine.map((p) => p.id)).toEqual([w.platformId]);
      await expect(
        expectStatus<Platform[]>(as(w.tokens.outsider).get('/platforms'), 200),
      ).resolves.toEqual([]);
      await expectError(
        as(w.tokens.outsider).get(`/platforms/${w.platformId}`),
        404,
        'PLATFORM.NOT_FOUND',
      );
    });
  });

  describe('policy versions', () => {
    let platformId: string;
    let v1: Policy;
    const policies = () => `/platforms/${platformId}/policies`;
    const policyOn = (date: string) => admin().get(`/platforms/${platformId}/policy?on=${date}`);

    beforeAll(async () => {
      const created = await expectStatus<Platform & { policy: Policy }>(
        admin()
          .post('/platforms')
          .send({
            name: 'Policy History Platform',
            leadInstitutionId: w.universityId,
            establishedOn: '2026-04-01',
          }),
        201,
      );
      platformId = created.id;
      v1 = created.policy;
    });

    it('writes v2 effective 2027-04-01 changing only the overhead rate; the other terms carry over from v1', async () => {
      const v2 = await expectStatus<Policy>(
        as(w.tokens.cpo)
          .post(policies())
          .send({
            effectiveFrom: '2027-04-01',
            overheadRateBp: 2500,
            note: 'Steering committee 2027-02',
          }),
        201,
      );
      expect(v2).toMatchObject({
        platformId,
        version: 2,
        effectiveFrom: '2027-04-01',
        overheadRateBp: 2500,
        note: 'Steering committee 2027-02',
      });
      expect(v2.standardOverheadRateBp).toBe(v1.standardOverheadRateBp);
      expect(v2.memberClassRules).toEqual(v1.memberClassRules);
      expect(v2.costBearingRules).toEqual(v1.costBearingRules);
    });

    it('answers which version was in force on a date', async () => {
      await expect(expectStatus<Policy>(policyOn('2026-04-01'), 200)).resolves.toMatchObject({
        version: 1,
        overheadRateBp: 2000,
      });
      await expect(expectStatus<Policy>(policyOn('2027-03-31'), 200)).resolves.toMatchObject({
        version: 1,
        overheadRateBp: 2000,
      });
      await expect(expectStatus<Policy>(policyOn('2027-04-01'), 200)).resolves.toMatchObject({
        version: 2,
        overheadRateBp: 2500,
      });
      await expect(expectStatus<Policy>(policyOn('2035-01-01'), 200)).resolves.toMatchObject({
        version: 2,
      });
      const today = await expectStatus<Policy>(admin().get(`/platforms/${platformId}/policy`), 200);
      expect(today.version).toBe(todayInJapan() >= '2027-04-01' ? 2 : 1);
    });

    it('has no policy in force before the platform was established: 404 POLICY.NONE_IN_FORCE', async () => {
      await expectError(policyOn('2026-03-31'), 404, 'POLICY.NONE_IN_FORCE');
    });

    it.each(['2027-02-30', '2027-13-01', 'tomorrow'])(
      'refuses ?on=%s with VALIDATION.INVALID_FIELD on on',
      async (date) => {
        await expectError(policyOn(date), 400, 'VALIDATION.INVALID_FIELD', 'on');
      },
    );

    it('lists every version oldest first', async () => {
      const all = await expectStatus<Policy[]>(admin().get(policies()), 200);
      expect(all.map((p) => [p.version, p.effectiveFrom])).toEqual([
        [1, '2026-04-01'],
        [2, '2027-04-01'],
      ]);
    });

    it('refuses a version that does not take effect after the latest with 409 POLICY.NOT_AFTER_LATEST', async () => {
      const same = await expectError(
        admin().post(policies()).send({ effectiveFrom: '2027-04-01', overheadRateBp: 3000 }),
        409,
        'POLICY.NOT_AFTER_LATEST',
        'effectiveFrom',
      );
      expect(same.details).toMatchObject({ latestVersion: 2, latestEffectiveFrom: '2027-04-01' });
      await expectError(
        admin().post(policies()).send({ effectiveFrom: '2027-01-01' }),
        409,
        'POLICY.NOT_AFTER_LATEST',
        'effectiveFrom',
      );
    });

    it.each([
      // body, field: the carried-over v2 terms make these invalid
      [{ standardOverheadRateBp: 3000 }, 'standardOverheadRateBp'], // above v2's 2500
      [
        {
          memberClassRules: {
            basis: 'project',
            window: 'cumulative',
            thresholdKind: 'share_bp',
            classes: [
              { code: 'B', minimum: '0', benefit: 'standard' },
              { code: 'S', minimum: '3000', benefit: 'free' },
            ],
          },
        },
        'memberClassRules.classes[1].minimum',
      ],
      [
        {
          memberClassRules: {
            basis: 'project',
            window: 'cumulative',
            thresholdKind: 'share_bp',
            classes: [{ code: 'A', minimum: '1000', benefit: 'discount' }],
          },
        },
        'memberClassRules.classes[0].discountBp',
      ],
      [
        {
          memberClassRules: {
            basis: 'project',
            window: 'cumulative',
            thresholdKind: 'share_bp',
            classes: [{ code: 'S', minimum: '20000', benefit: 'free' }],
          },
        },
        'memberClassRules.classes[0].minimum',
      ],
    ])(
      'refuses terms breaking the policy rules: %j → 400 POLICY.INVALID on %s',
      async (change, field) => {
        await expectError(
          admin()
            .post(policies())
            .send({ effectiveFrom: '2028-04-01', ...change }),
          400,
          'POLICY.INVALID',
          field,
        );
      },
    );

    const classes = (c: object) => ({
      memberClassRules: {
        basis: 'project',
        window: 'cumulative',
        thresholdKind: 'share_bp',
        classes: [c],
      },
    });
    it.each([
      [{ overheadRateBp: 10001 }, 'overheadRateBp'],
      [{ overheadRateBp: -1 }, 'overheadRateBp'],
      [{ overheadRateBp: 12.5 }, 'overheadRateBp'],
      [{ overheadRateBp: '2500' }, 'overheadRateBp'],
      [{ effectiveFrom: '2028-02-30' }, 'effectiveFrom'],
      [{ effectiveFrom: undefined }, 'effectiveFrom'],
      [{ note: 'x'.repeat(2001) }, 'note'],
      [
        {
          memberClassRules: {
            basis: 'company',
            window: 'cumulative',
            thresholdKind: 'share_bp',
            classes: [],
          },
        },
        'memberClassRules.basis',
      ],
      [
        {
          memberClassRules: {
            basis: 'project',
            window: 'cumulative',
            thresholdKind: 'share_bp',
            classes: [],
          },
        },
        'memberClassRules.classes',
      ],
      [
        classes({ code: 'S', minimum: 3000, benefit: 'free' }),
        'memberClassRules.classes[0].minimum',
      ],
      [
        classes({ code: 'S', minimum: '-1', benefit: 'free' }),
        'memberClassRules.classes[0].minimum',
      ],
      [
        classes({ code: 'S', minimum: '3000', benefit: 'cheap' }),
        'memberClassRules.classes[0].benefit',
      ],
      [
        classes({ code: 'S S', minimum: '3000', benefit: 'free' }),
        'memberClassRules.classes[0].code',
      ],
      [
        classes({ code: 'A', minimum: '1000', benefit: 'discount', discountBp: 10000 }),
        'memberClassRules.classes[0].discountBp',
      ],
      [
        {
          costBearingRules: {
            pooledForeground: 'holder',
            coFiledWithCompany: 'by_share',
            multipleOwners: 'by_share',
            background: 'holder',
            chargeProjectDirectCostDuringTerm: false,
          },
        },
        'costBearingRules.pooledForeground',
      ],
      [
        {
          costBearingRules: {
            pooledForeground: 'ip_fund',
            coFiledWithCompany: 'by_share',
            multipleOwners: 'by_share',
            background: 'holder',
            chargeProjectDirectCostDuringTerm: 'no',
          },
        },
        'costBearingRules.chargeProjectDirectCostDuringTerm',
      ],
    ])('refuses %j with VALIDATION.INVALID_FIELD on %s', async (change, field) => {
      await expectError(
        admin()
          .post(policies())
          .send({ effectiveFrom: '2028-04-01', ...change }),
        400,
        'VALIDATION.INVALID_FIELD',
        field,
      );
    });

    it('refuses unknown fields, nested ones too, with VALIDATION.UNKNOWN_FIELD', async () => {
      await expectError(
        admin().post(policies()).send({ effectiveFrom: '2028-04-01', ipFundRateBp: 1000 }),
        400,
        'VALIDATION.UNKNOWN_FIELD',
        'ipFundRateBp',
      );
      await expectError(
        admin()
          .post(policies())
          .send({
            effectiveFrom: '2028-04-01',
            ...classes({ code: 'S', minimum: '3000', benefit: 'free', royaltyBp: 0 }),
          }),
        400,
        'VALIDATION.UNKNOWN_FIELD',
        'memberClassRules.classes[0].royaltyBp',
      );
    });

    it('added no version for any refused request', async () => {
      const all = await expectStatus<Policy[]>(admin().get(policies()), 200);
      expect(all.map((p) => p.version)).toEqual([1, 2]);
    });

    it('replaces the member classes in v3 without changing what v1 and v2 answer', async () => {
      const byAmount = {
        basis: 'platform',
        window: 'fiscal_year',
        thresholdKind: 'amount_yen',
        classes: [
          { code: 'S', minimum: '50000000', benefit: 'free' },
          { code: 'A', minimum: '10000000', benefit: 'discount', discountBp: 3000 },
          { code: 'B', minimum: '1', benefit: 'standard' },
        ],
      };
      const v3 = await expectStatus<Policy>(
        admin().post(policies()).send({ effectiveFrom: '2028-04-01', memberClassRules: byAmount }),
        201,
      );
      expect(v3).toMatchObject({ version: 3, overheadRateBp: 2500, memberClassRules: byAmount });
      await expect(expectStatus<Policy>(policyOn('2028-03-31'), 200)).resolves.toMatchObject({
        version: 2,
        memberClassRules: v1.memberClassRules,
      });
      await expect(expectStatus<Policy>(policyOn('2027-01-15'), 200)).resolves.toEqual(v1);
    });

    it('lets only one of two simultaneous versions for the same date through; the other gets 409', async () => {
      const results = await Promise.all(
        [1, 2].map(() => admin().post(policies()).send({ effectiveFrom: '2029-04-01' })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    });

    it('answers policy requests on an unknown platform with 404 PLATFORM.NOT_FOUND', async () => {
      await expectError(
        admin().post(`/platforms/${UNKNOWN_ID}/policies`).send({ effectiveFrom: '2030-04-01' }),
        404,
        'PLATFORM.NOT_FOUND',
      );
      await expectError(
        admin().get(`/platforms/${UNKNOWN_ID}/policies`),
        404,
        'PLATFORM.NOT_FOUND',
      );
      await expectError(
        admin().get(`/platforms/${UNKNOWN_ID}/policy?on=2027-01-01`),
        404,
        'PLATFORM.NOT_FOUND',
      );
    });
  });

  describe('memberships', () => {
    const memberships = (query = '') =>
      admin().get(`/platforms/${w.platformId}/memberships${query}`);
    const idsActiveOn = async (date: string) =>
      (await expectStatus<Membership[]>(memberships(`?activeOn=${date}`), 200)).map((m) => m.id);

    it('adds a member from a date, ends it on a date (audited before/after), and filters by activeOn', async () => {
      const org = await newOrg({ name: 'Tsukuba Sensors' });
      const added = await expectStatus<Membership>(
        as(w.tokens.cpo)
          .post(`/platforms/${w.platformId}/memberships`)
          .send({ organisationId: org.id, joinedOn: '2026-10-01' }),
        201,
      );
      expect(added).toMatchObject({
        platformId: w.platformId,
        organisationId: org.id,
        role: 'member',
        joinedOn: '2026-10-01',
        leftOn: null,
      });

      expect(await idsActiveOn('2026-09-30')).not.toContain(added.id);
      expect(await idsActiveOn('2026-10-01')).toContain(added.id);

      const ended = await expectStatus<Membership>(
        as(w.tokens.cpo)
          .post(`/platforms/${w.platformId}/memberships/${added.id}/end`)
          .send({ leftOn: '2027-03-31' }),
        200,
      );
      expect(ended).toMatchObject({ id: added.id, joinedOn: '2026-10-01', leftOn: '2027-03-31' });
      expect(await idsActiveOn('2027-03-31')).toContain(added.id); // the last day is still a member's day
      expect(await idsActiveOn('2027-04-01')).not.toContain(added.id);
      const all = await expectStatus<Membership[]>(memberships(), 200);
      expect(all.find((m) => m.id === added.id)).toMatchObject({ leftOn: '2027-03-31' });

      const [last, first] = await auditOf('membership', added.id);
      expect(first).toMatchObject({
        action: 'membership.added',
        before: null,
        after: expect.objectContaining({ leftOn: null }),
      });
      expect(last).toMatchObject({
        action: 'membership.ended',
        entityType: 'membership',
        entityId: added.id,
        platformId: w.platformId,
        actorRole: 'cpo',
        actorLabel: 'test cpo',
        actorTokenId: await tokenIdOf(w.tokens.cpo),
      });
      expect(last.before).toMatchObject({ id: added.id, joinedOn: '2026-10-01', leftOn: null });
      expect(last.after).toMatchObject({
        id: added.id,
        joinedOn: '2026-10-01',
        leftOn: '2027-03-31',
      });
    });

    it('refuses ending an ended membership with 409 MEMBERSHIP.ALREADY_ENDED, keeping the first end date', async () => {
      const { membership } = await newMember('2026-04-01');
      await expectStatus(
        admin()
          .post(`/platforms/${w.platformId}/memberships/${membership.id}/end`)
          .send({ leftOn: '2026-12-31' }),
        200,
      );
      await expectError(
        admin()
          .post(`/platforms/${w.platformId}/memberships/${membership.id}/end`)
          .send({ leftOn: '2027-03-31' }),
        409,
        'MEMBERSHIP.ALREADY_ENDED',
      );
      const all = await expectStatus<Membership[]>(memberships(), 200);
      expect(all.find((m) => m.id === membership.id)?.leftOn).toBe('2026-12-31');
    });

    it('refuses a membership that starts before the platform was established with 422 MEMBERSHIP.BEFORE_ESTABLISHMENT', async () => {
      const org = await newOrg();
      const early = await expectError(
        admin().post(`/platforms/${w.platformId}/memberships`).send({ organisationId: org.id, joinedOn: '2026-03-31' }),
        422,
        'MEMBERSHIP.BEFORE_ESTABLISHMENT',
        'joinedOn',
      );
      expect(early.details).toMatchObject({ establishedOn: '2026-04-01' });
      const none = await expectStatus<Membership[]>(memberships(), 200);
      expect(none.some((m) => m.organisationId === org.id)).toBe(false);
      // From the establishment date on is fine.
      await join(org.id, '2026-04-01');
    });

    it('refuses an overlapping membership with 409 MEMBERSHIP.OVERLAPS, and allows re-joining after the end', async () => {
      const { org, membership } = await newMember('2026-04-01');
      const open = await expectError(
        admin()
          .post(`/platforms/${w.platformId}/memberships`)
          .send({ organisationId: org.id, joinedOn: '2027-01-01' }),
        409,
        'MEMBERSHIP.OVERLAPS',
      );
      expect(open.details).toEqual({ membershipId: membership.id });

      await expectStatus(
        admin()
          .post(`/platforms/${w.platformId}/memberships/${membership.id}/end`)
          .send({ leftOn: '2027-03-31' }),
        200,
      );
      await expectError(
        admin()
          .post(`/platforms/${w.platformId}/memberships`)
          .send({ organisationId: org.id, joinedOn: '2027-03-31' }),
        409,
        'MEMBERSHIP.OVERLAPS',
      );
      await expectError(
        admin()
          .post(`/platforms/${w.platformId}/memberships`)
          .send({ organisationId: org.id, joinedOn: '2026-06-01' }),
        409,
        'MEMBERSHIP.OVERLAPS',
      );
      const again = await join(org.id, '2027-04-01');

      const periods = (await expectStatus<Membership[]>(memberships(), 200)).filter(
        (m) => m.organisationId === org.id,
      );
      expect(periods.map((m) => [m.joinedOn, m.leftOn])).toEqual([
        ['2026-04-01', '2027-03-31'],
        ['2027-04-01', null],
      ]);
      expect(await idsActiveOn('2027-04-01')).toEqual(expect.arrayContaining([again.id]));
      expect(await idsActiveOn('2027-04-01')).not.toContain(membership.id);
    });

    it('lets exactly one of two simultaneous joins of the same organisation through', async () => {
      const org = await newOrg();
      const results = await Promise.all(
        [1, 2].map(() =>
          admin()
            .post(`/platforms/${w.platformId}/memberships`)
            .send({ organisationId: org.id, joinedOn: '2026-04-01' }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    });

    it('refuses a leftOn before joinedOn with 400 MEMBERSHIP.LEFT_BEFORE_JOINED', async () => {
      const { membership } = await newMember('2026-10-01');
      await expectError(
        admin()
          .post(`/platforms/${w.platformId}/memberships/${membership.id}/end`)
          .send({ leftOn: '2026-09-30' }),
        400,
        'MEMBERSHIP.LEFT_BEFORE_JOINED',
        'leftOn',
      );
    });

    it.each([
      [{ joinedOn: '2027-02-30' }, 'joinedOn'],
      [{ joinedOn: '2026/10/01' }, 'joinedOn'],
      [{ joinedOn: null }, 'joinedOn'],
      [{ organisationId: 'kitakami' }, 'organisationId'],
      [{ organisationId: 7 }, 'organisationId'],
    ])('refuses the membership %j with VALIDATION.INVALID_FIELD on %s', async (change, field) => {
      await expectError(
        admin()
          .post(`/platforms/${w.platformId}/memberships`)
          .send({ organisationId: w.outsiderId, joinedOn: '2026-10-01', ...change }),
        400,
        'VALIDATION.INVALID_FIELD',
        field,
      );
    });

    it('refuses setting the role (the lead is set by the platform) as VALIDATION.UNKNOWN_FIELD', async () => {
      await expectError(
        admin()
          .post(`/platforms/${w.platformId}/memberships`)
          .send({ organisationId: w.outsiderId, joinedOn: '2026-10-01', role: 'lead' }),
        400,
        'VALIDATION.UNKNOWN_FIELD',
        'role',
      );
    });

    it('refuses invalid end dates and activeOn filters with VALIDATION.INVALID_FIELD', async () => {
      const { membership } = await newMember();
      await expectError(
        admin()
          .post(`/platforms/${w.platformId}/memberships/${membership.id}/end`)
          .send({ leftOn: '2027-02-30' }),
        400,
        'VALIDATION.INVALID_FIELD',
        'leftOn',
      );
      await expectError(
        admin().post(`/platforms/${w.platformId}/memberships/${membership.id}/end`).send({}),
        400,
        'VALIDATION.INVALID_FIELD',
        'leftOn',
      );
      await expectError(
        memberships('?activeOn=2027-02-30'),
        400,
        'VALIDATION.INVALID_FIELD',
        'activeOn',
      );
      await expectError(
        memberships('?joinedAfter=2027-01-01'),
        400,
        'VALIDATION.UNKNOWN_FIELD',
        'joinedAfter',
      );
    });

    it('answers unknown platforms, organisations and memberships with 404 and a code', async () => {
      await expectError(
        admin()
          .post(`/platforms/${UNKNOWN_ID}/memberships`)
          .send({ organisationId: w.outsiderId, joinedOn: '2026-10-01' }),
        404,
        'PLATFORM.NOT_FOUND',
      );
      await expectError(
        admin()
          .post(`/platforms/${w.platformId}/memberships`)
          .send({ organisationId: UNKNOWN_ID, joinedOn: '2026-10-01' }),
        404,
        'ORGANISATION.NOT_FOUND',
      );
      await expectError(
        admin().get(`/platforms/${UNKNOWN_ID}/memberships`),
        404,
        'PLATFORM.NOT_FOUND',
      );
      await expectError(
        admin()
          .post(`/platforms/${w.platformId}/memberships/${UNKNOWN_ID}/end`)
          .send({ leftOn: '2027-03-31' }),
        404,
        'MEMBERSHIP.NOT_FOUND',
      );
    });

    it("does not end a membership through another platform's path", async () => {
      const { membership } = await newMember();
      const other = await expectStatus<Platform>(
        admin()
          .post('/platforms')
          .send({
            name: `Other Platform ${uniq()}`,
            leadInstitutionId: w.universityId,
            establishedOn: '2026-04-01',
          }),
        201,
      );
      await expectError(
        admin()
          .post(`/platforms/${other.id}/memberships/${membership.id}/end`)
          .send({ leftOn: '2027-03-31' }),
        404,
        'MEMBERSHIP.NOT_FOUND',
      );
      const all = await expectStatus<Membership[]>(memberships(), 200);
      expect(all.find((m) => m.id === membership.id)?.leftOn).toBeNull();
    });

    it('shows a member only its own memberships; an outsider gets 404 for the platform', async () => {
      const mine = await expectStatus<Membership[]>(
        as(w.tokens.memberA).get(`/platforms/${w.platformId}/memberships`),
        200,
      );
      expect(mine.length).toBe(1);
      expect(mine[0]).toMatchObject({
        organisationId: w.companyAId,
        role: 'member',
        joinedOn: '2026-04-01',
      });
      await expectError(
        as(w.tokens.outsider).get(`/platforms/${w.platformId}/memberships`),
        404,
        'PLATFORM.NOT_FOUND',
      );
    });
  });

  describe('projects', () => {
    const projects = (platformId = w.platformId) => `/platforms/${platformId}/projects`;
    const amounts = (p: Project) =>
      p.fundingSources.map((f) => [f.organisationId ?? f.funderName, f.plannedAmountYen]);

    it('creates a project with participants and funding, and reads it back with amounts as exact strings', async () => {
      const created = await expectStatus<Project>(
        createProject({
          code: 'OPERA-2026-07',
          title: '全固体電池の界面制御',
          technologyField: 'H01M',
          derivedFromProjectId: w.projectId,
          participants: [
            { organisationId: w.universityId, role: 'lead' },
            { organisationId: w.companyAId, role: 'funder' },
          ],
          fundingSources: [
            {
              sourceKind: 'company',
              organisationId: w.companyAId,
              fiscalYear: 2026,
              plannedAmountYen: '9223372036854775807',
            },
            {
              sourceKind: 'university',
              organisationId: w.universityId,
              fiscalYear: 2027,
              plannedAmountYen: '1',
            },
            {
              sourceKind: 'public_matching',
              funderName: 'JST OPERA',
              fiscalYear: 2027,
              plannedAmountYen: '9007199254740993',
            },
          ],
        }),
        201,
      );
      expect(created).toMatchObject({
        platformId: w.platformId,
        code: 'OPERA-2026-07',
        kind: 'cooperative',
        startsOn: '2026-04-01',
        endsOn: '2028-03-31',
        derivedFromProjectId: w.projectId,
        technologyField: 'H01M',
      });
      expect(amounts(created)).toEqual([
        [w.companyAId, '9223372036854775807'],
        [w.universityId, '1'],
        ['JST OPERA', '9007199254740993'],
      ]);
      const read = await expectStatus<Project>(admin().get(`${projects()}/${created.id}`), 200);
      expect(read).toMatchObject({
        id: created.id,
        code: 'OPERA-2026-07',
        derivedFromProjectId: w.projectId,
      });
      expect(read.participants).toEqual(expect.arrayContaining(created.participants));
      expect(amounts(read).sort()).toEqual(amounts(created).sort());

      const audit = await auditOf('research_project', created.id);
      expect(audit[0]).toMatchObject({
        action: 'project.created',
        actorRole: 'admin',
        platformId: w.platformId,
      });
    });

    it('refuses a project code already used on the platform with 409 PROJECT.CODE_TAKEN; another platform may use it', async () => {
      await expectError(createProject({ code: 'P-1' }), 409, 'PROJECT.CODE_TAKEN', 'code');
      const other = await expectStatus<Platform>(
        admin()
          .post('/platforms')
          .send({
            name: `Second Platform ${uniq()}`,
            leadInstitutionId: w.universityId,
            establishedOn: '2026-04-01',
          }),
        201,
      );
      await expectStatus(createProject({ code: 'P-1' }, other.id), 201);
    });

    it('refuses a participant who is not a member of the platform with 422, writing nothing', async () => {
      const code = `NM-${uniq()}`;
      const body = await expectError(
        createProject({
          code,
          participants: [
            { organisationId: w.universityId, role: 'lead' },
            { organisationId: w.outsiderId, role: 'funder' },
          ],
        }),
        422,
        'PROJECT.PARTICIPANT_NOT_MEMBER',
        'participants',
      );
      expect(body.details).toEqual({ organisationIds: [w.outsiderId] });
      await expectStatus(createProject({ code }), 201); // the code was not taken by the refused request
    });

    it("requires membership at some point of the project's term", async () => {
      const { org, membership } = await newMember('2026-04-01');
      await expectStatus(
        admin()
          .post(`/platforms/${w.platformId}/memberships/${membership.id}/end`)
          .send({ leftOn: '2026-12-31' }),
        200,
      );
      const participants = [{ organisationId: org.id, role: 'researcher' }];
      await expectError(
        createProject({ startsOn: '2027-01-01', endsOn: '2027-12-31', participants }),
        422,
        'PROJECT.PARTICIPANT_NOT_MEMBER',
        'participants',
      );
      await expectStatus(
        createProject({ startsOn: '2026-12-31', endsOn: '2027-12-31', participants }),
        201,
      );
    });

    it.each<[string, (w: World) => Record<string, unknown>, number, string, string | undefined]>([
      [
        'an unknown participant',
        () => ({ participants: [{ organisationId: UNKNOWN_ID, role: 'lead' }] }),
        404,
        'ORGANISATION.NOT_FOUND',
        'participants',
      ],
      [
        'an unknown origin project',
        () => ({ derivedFromProjectId: UNKNOWN_ID }),
        404,
        'PROJECT.ORIGIN_NOT_FOUND',
        'derivedFromProjectId',
      ],
      [
        'an end before the start',
        () => ({ startsOn: '2027-04-01', endsOn: '2027-03-31' }),
        400,
        'PROJECT.ENDS_BEFORE_START',
        'endsOn',
      ],
      [
        'the same participant twice',
        (w) => ({
          participants: [
            { organisationId: w.companyAId, role: 'funder' },
            { organisationId: w.companyAId, role: 'researcher' },
          ],
        }),
        400,
        'PROJECT.DUPLICATE_PARTICIPANT',
        'participants',
      ],
      [
        'funding from a non-participant',
        (w) => ({
          fundingSources: [
            {
              sourceKind: 'company',
              organisationId: w.companyBId,
              fiscalYear: 2026,
              plannedAmountYen: '1000000',
            },
          ],
        }),
        400,
        'PROJECT.FUNDER_NOT_PARTICIPANT',
        'fundingSources[0].organisationId',
      ],
      [
        'company funding without an organisation',
        () => ({
          fundingSources: [
            { sourceKind: 'company', fiscalYear: 2026, plannedAmountYen: '1000000' },
          ],
        }),
        400,
        'PROJECT.FUNDER_NOT_PARTICIPANT',
        'fundingSources[0].organisationId',
      ],
      [
        'public money without a funder name',
        () => ({
          fundingSources: [
            { sourceKind: 'public_matching', fiscalYear: 2026, plannedAmountYen: '1000000' },
          ],
        }),
        400,
        'PROJECT.FUNDER_NAME_REQUIRED',
        'fundingSources[0].funderName',
      ],
      [
        'public money naming an organisation',
        (w) => ({
          fundingSources: [
            {
              sourceKind: 'public_matching',
              funderName: 'JST',
              organisationId: w.universityId,
              fiscalYear: 2026,
              plannedAmountYen: '1',
            },
          ],
        }),
        400,
        'PROJECT.FUNDER_NOT_ORGANISATION',
        'fundingSources[0].organisationId',
      ],
      [
        'funding in a fiscal year after the term (FY2026–FY2027)',
        () => ({
          fundingSources: [
            {
              sourceKind: 'public_matching',
              funderName: 'JST',
              fiscalYear: 2028,
              plannedAmountYen: '1',
            },
          ],
        }),
        400,
        'PROJECT.FUNDING_OUTSIDE_TERM',
        'fundingSources[0].fiscalYear',
      ],
      [
        'funding in a fiscal year before the term',
        () => ({
          fundingSources: [
            {
              sourceKind: 'public_matching',
              funderName: 'JST',
              fiscalYear: 2025,
              plannedAmountYen: '1',
            },
          ],
        }),
        400,
        'PROJECT.FUNDING_OUTSIDE_TERM',
        'fundingSources[0].fiscalYear',
      ],
      [
        'an amount beyond bigint',
        () => ({
          fundingSources: [
            {
              sourceKind: 'public_matching',
              funderName: 'JST',
              fiscalYear: 2026,
              plannedAmountYen: '9999999999999999999',
            },
          ],
        }),
        400,
        'MONEY.AMOUNT_TOO_LARGE',
        'fundingSources[0].plannedAmountYen',
      ],
    ])('refuses %s', async (_what, change, status, code, field) => {
      await expectError(createProject(change(w)), status, code, field);
    });

    const jst = (change: object) => ({
      fundingSources: [
        {
          sourceKind: 'public_matching',
          funderName: 'JST',
          fiscalYear: 2026,
          plannedAmountYen: '1000',
          ...change,
        },
      ],
    });
    it.each([
      [jst({ plannedAmountYen: '0' }), 'fundingSources[0].plannedAmountYen'],
      [jst({ plannedAmountYen: '-1000' }), 'fundingSources[0].plannedAmountYen'],
      [jst({ plannedAmountYen: 1000 }), 'fundingSources[0].plannedAmountYen'],
      [jst({ plannedAmountYen: '1e6' }), 'fundingSources[0].plannedAmountYen'],
      [jst({ plannedAmountYen: '1000.5' }), 'fundingSources[0].plannedAmountYen'],
      [jst({ plannedAmountYen: '01000' }), 'fundingSources[0].plannedAmountYen'],
      [jst({ fiscalYear: 1899 }), 'fundingSources[0].fiscalYear'],
      [jst({ fiscalYear: '2026' }), 'fundingSources[0].fiscalYear'],
      [jst({ sourceKind: 'gift' }), 'fundingSources[0].sourceKind'],
      [{ fundingSources: 'lots' }, 'fundingSources'],
      [{ startsOn: '2027-02-30' }, 'startsOn'],
      [{ endsOn: '2028-3-31' }, 'endsOn'],
      [{ kind: 'joint' }, 'kind'],
      [{ code: 'has space' }, 'code'],
      [{ code: 'x'.repeat(51) }, 'code'],
      [{ title: '' }, 'title'],
      [{ participants: undefined }, 'participants'],
      [
        { participants: [{ organisationId: 'aoba', role: 'lead' }] },
        'participants[0].organisationId',
      ],
      [{ participants: [null] }, 'participants[0]'],
      [{ derivedFromProjectId: 'P-1' }, 'derivedFromProjectId'],
    ])('refuses %j with VALIDATION.INVALID_FIELD on %s', async (change, field) => {
      await expectError(createProject(change), 400, 'VALIDATION.INVALID_FIELD', field);
    });

    it('refuses unknown fields, nested ones too, with VALIDATION.UNKNOWN_FIELD', async () => {
      await expectError(
        createProject({ budgetYen: '1' }),
        400,
        'VALIDATION.UNKNOWN_FIELD',
        'budgetYen',
      );
      await expectError(
        createProject({
          participants: [{ organisationId: w.universityId, role: 'lead', share: 1 }],
        }),
        400,
        'VALIDATION.UNKNOWN_FIELD',
        'participants[0].share',
      );
      await expectError(
        createProject(jst({ currency: 'JPY' })),
        400,
        'VALIDATION.UNKNOWN_FIELD',
        'fundingSources[0].currency',
      );
    });

    it('answers unknown platforms and projects with 404 and a code', async () => {
      await expectError(createProject({}, UNKNOWN_ID), 404, 'PLATFORM.NOT_FOUND');
      await expectError(admin().get(projects(UNKNOWN_ID)), 404, 'PLATFORM.NOT_FOUND');
      await expectError(admin().get(`${projects()}/${UNKNOWN_ID}`), 404, 'PROJECT.NOT_FOUND');
    });

    it("does not show a project through another platform's path", async () => {
      const other = await expectStatus<Platform>(
        admin()
          .post('/platforms')
          .send({
            name: `Third Platform ${uniq()}`,
            leadInstitutionId: w.universityId,
            establishedOn: '2026-04-01',
          }),
        201,
      );
      await expectError(
        admin().get(`${projects(other.id)}/${w.projectId}`),
        404,
        'PROJECT.NOT_FOUND',
      );
      await expectError(
        admin()
          .post(`${projects(other.id)}/${w.projectId}/participants`)
          .send({ organisationId: w.universityId, role: 'researcher' }),
        404,
        'PROJECT.NOT_FOUND',
      );
    });

    describe('participants', () => {
      it('adds a member as participant; adding it again is 409 PROJECT.ALREADY_PARTICIPANT', async () => {
        const { org } = await newMember();
        const added = await expectStatus(
          as(w.tokens.cpo)
            .post(`${projects()}/${w.projectId}/participants`)
            .send({ organisationId: org.id, role: 'researcher' }),
          201,
        );
        expect(added).toEqual({ organisationId: org.id, role: 'researcher' });
        const project = await expectStatus<Project>(
          admin().get(`${projects()}/${w.projectId}`),
          200,
        );
        expect(project.participants).toContainEqual({ organisationId: org.id, role: 'researcher' });

        await expectError(
          admin()
            .post(`${projects()}/${w.projectId}/participants`)
            .send({ organisationId: org.id, role: 'funder' }),
          409,
          'PROJECT.ALREADY_PARTICIPANT',
        );
        const audit = await auditOf('research_project', w.projectId);
        expect(audit[0]).toMatchObject({
          action: 'project.participant_added',
          actorRole: 'cpo',
          after: { organisationId: org.id, role: 'researcher' },
        });
      });

      it('refuses a non-member participant with 422 PROJECT.PARTICIPANT_NOT_MEMBER', async () => {
        await expectError(
          admin()
            .post(`${projects()}/${w.projectId}/participants`)
            .send({ organisationId: w.outsiderId, role: 'researcher' }),
          422,
          'PROJECT.PARTICIPANT_NOT_MEMBER',
          'organisationId',
        );
        const project = await expectStatus<Project>(
          admin().get(`${projects()}/${w.projectId}`),
          200,
        );
        expect(project.participants.map((p) => p.organisationId)).not.toContain(w.outsiderId);
      });

      it('answers unknown organisations and projects with 404', async () => {
        await expectError(
          admin()
            .post(`${projects()}/${w.projectId}/participants`)
            .send({ organisationId: UNKNOWN_ID, role: 'researcher' }),
          404,
          'ORGANISATION.NOT_FOUND',
          'organisationId',
        );
        await expectError(
          admin()
            .post(`${projects()}/${UNKNOWN_ID}/participants`)
            .send({ organisationId: w.companyAId, role: 'researcher' }),
          404,
          'PROJECT.NOT_FOUND',
        );
      });

      it('validates the participant body', async () => {
        const path = `${projects()}/${w.projectId}/participants`;
        await expectError(
          admin().post(path).send({ organisationId: w.outsiderId, role: 'boss' }),
          400,
          'VALIDATION.INVALID_FIELD',
          'role',
        );
        await expectError(
          admin().post(path).send({ organisationId: 'kitakami', role: 'funder' }),
          400,
          'VALIDATION.INVALID_FIELD',
          'organisationId',
        );
        await expectError(
          admin()
            .post(path)
            .send({ organisationId: w.outsiderId, role: 'funder', since: '2026-04-01' }),
          400,
          'VALIDATION.UNKNOWN_FIELD',
          'since',
        );
      });
    });

    describe('what a member sees', () => {
      let soloBProjectId: string;

      beforeAll(async () => {
        const solo = await expectStatus<Project>(
          createProject({
            code: 'B-ONLY',
            kind: 'individual',
            participants: [{ organisationId: w.companyBId, role: 'funder' }],
            fundingSources: [
              {
                sourceKind: 'company',
                organisationId: w.companyBId,
                fiscalYear: 2026,
                plannedAmountYen: '7000000',
              },
            ],
          }),
          201,
        );
        soloBProjectId = solo.id;
      });

      it('staff see every funding source of a project', async () => {
        const project = await expectStatus<Project>(
          as(w.tokens.finance).get(`${projects()}/${w.projectId}`),
          200,
        );
        expect(amounts(project).sort()).toEqual(
          [
            [w.companyAId, '30000000'],
            [w.companyBId, '10000000'],
            ['JST OPERA', '40000000'],
          ].sort(),
        );
      });

      it("company A sees its own and the public funding, never company B's amount", async () => {
        const project = await expectStatus<Project>(
          as(w.tokens.memberA).get(`${projects()}/${w.projectId}`),
          200,
        );
        expect(amounts(project).sort()).toEqual(
          [
            [w.companyAId, '30000000'],
            ['JST OPERA', '40000000'],
          ].sort(),
        );
        expect(JSON.stringify(project)).not.toContain('10000000');
      });

      it("company B sees its own and the public funding, never company A's amount", async () => {
        const project = await expectStatus<Project>(
          as(w.tokens.memberB).get(`${projects()}/${w.projectId}`),
          200,
        );
        expect(amounts(project).sort()).toEqual(
          [
            [w.companyBId, '10000000'],
            ['JST OPERA', '40000000'],
          ].sort(),
        );
        expect(JSON.stringify(project)).not.toContain('30000000');
      });

      it('a member lists only the projects it takes part in, and gets 404 for the others', async () => {
        const listA = await expectStatus<Project[]>(as(w.tokens.memberA).get(projects()), 200);
        expect(listA.map((p) => p.id)).toContain(w.projectId);
        expect(listA.map((p) => p.id)).not.toContain(soloBProjectId);
        const listB = await expectStatus<Project[]>(as(w.tokens.memberB).get(projects()), 200);
        expect(listB.map((p) => p.id)).toEqual(
          expect.arrayContaining([w.projectId, soloBProjectId]),
        );

        const all = await expectStatus<Project[]>(admin().get(projects()), 200);
        expect(all.length).toBeGreaterThan(listA.length);

        await expectError(
          as(w.tokens.memberA).get(`${projects()}/${soloBProjectId}`),
          404,
          'PROJECT.NOT_FOUND',
        );
        await expectError(as(w.tokens.outsider).get(projects()), 404, 'PLATFORM.NOT_FOUND');
        await expectError(
          as(w.tokens.outsider).get(`${projects()}/${w.projectId}`),
          404,
          'PROJECT.NOT_FOUND',
        );
      });
    });
  });

  describe('audit log', () => {
    it('records who created what, newest first, and filters by platform, entity type and id', async () => {
      const org = await expectStatus<Org>(
        as(w.tokens.cpo).post('/organisations').send({ name: 'Audited Org', kind: 'tlo' }),
        201,
      );
      const [entry] = await auditOf('organisation', org.id);
      expect(entry).toMatchObject({
        action: 'organisation.created',
        entityType: 'organisation',
        entityId: org.id,
        platformId: null,
        actorRole: 'cpo',
        actorLabel: 'test cpo',
        actorTokenId: await tokenIdOf(w.tokens.cpo),
        before: null,
        after: expect.objectContaining({ id: org.id, name: 'Audited Org', kind: 'tlo' }),
      });

      const forPlatform = await expectStatus<AuditEntry[]>(
        as(w.tokens.auditor).get(`/audit-log?platformId=${w.platformId}&limit=500`),
        200,
      );
      expect(forPlatform.length).toBeGreaterThan(0);
      expect(forPlatform.every((a) => a.platformId === w.platformId)).toBe(true);
      const ids = forPlatform.map((a) => BigInt(a.id));
      expect([...ids].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0))).toEqual(ids);
    });

    it('pages backwards with beforeId and limit', async () => {
      const firstPage = await expectStatus<AuditEntry[]>(admin().get('/audit-log?limit=3'), 200);
      expect(firstPage).toHaveLength(3);
      const next = await expectStatus<AuditEntry[]>(
        admin().get(`/audit-log?limit=3&beforeId=${firstPage[2].id}`),
        200,
      );
      expect(next).toHaveLength(3);
      expect(BigInt(next[0].id)).toBeLessThan(BigInt(firstPage[2].id));
      expect(next.map((a) => a.id)).not.toContain(firstPage[2].id);
    });

    it.each([
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['limit=ten', 'limit'],
      ['beforeId=0', 'beforeId'],
      ['beforeId=1e30', 'beforeId'],
      ['beforeId=99999999999999999999', 'beforeId'],
      ['platformId=aoba', 'platformId'],
      [`entityType=${'x'.repeat(101)}`, 'entityType'],
    ])('refuses ?%s with VALIDATION.INVALID_FIELD on %s', async (query, field) => {
      await expectError(admin().get(`/audit-log?${query}`), 400, 'VALIDATION.INVALID_FIELD', field);
    });

    it('refuses unknown query parameters', async () => {
      await expectError(
        admin().get('/audit-log?actor=cpo'),
        400,
        'VALIDATION.UNKNOWN_FIELD',
        'actor',
      );
    });
  });
});
