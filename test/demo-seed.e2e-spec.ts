import { SYSTEM_ACTOR, TokenService } from '@app/access';
import { fiscalYearOf } from '@app/kernel';
import { MembershipService } from '@app/membership';
import { PlatformService } from '@app/platform';
import { ProjectService } from '@app/projects';
import { TestApp, createTestApp, expectStatus } from '@app/testing';
import { DemoSeedResult, seedDemo } from '../apps/api/src/demo/seed-demo';

describe('demo seed (e2e)', () => {
  let t: TestApp;
  let first: DemoSeedResult;

  beforeAll(async () => {
    t = await createTestApp();
    first = await seedDemo(t.app);
  });
  afterAll(async () => {
    await t?.close();
  });

  const count = async (table: string): Promise<number> => {
    const [{ n }] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM ${table}`,
    );
    return n;
  };

  it('creates one platform led by a university, with three universities and seven companies of mixed sizes', async () => {
    expect(first.created).toBe(true);
    const platform = await t.app.get(PlatformService).get(SYSTEM_ACTOR, first.platform.id);
    const orgs = await t.app.get(MembershipService).listOrganisations(SYSTEM_ACTOR);
    const lead = orgs.find((o) => o.id === platform.leadInstitutionId);
    expect(lead?.kind).toBe('university');

    expect(orgs.filter((o) => o.kind === 'university')).toHaveLength(3);
    const companies = orgs.filter((o) => o.kind === 'company');
    expect(companies).toHaveLength(7);
    expect(new Set(companies.map((c) => c.companySize))).toEqual(
      new Set(['large', 'sme', 'startup']),
    );
    expect(orgs.filter((o) => o.kind === 'research_agency')).toHaveLength(1);
  });

  it('makes everyone a member from the start, and one company leaves at the end of FY2026', async () => {
    const memberships = await t.app
      .get(MembershipService)
      .listMemberships(SYSTEM_ACTOR, first.platform.id);
    expect(memberships).toHaveLength(first.organisations.length);
    expect(memberships.every((m) => m.joinedOn === '2026-04-01')).toBe(true);
    const left = memberships.filter((m) => m.leftOn !== null);
    expect(left).toHaveLength(1);
    expect(left[0].leftOn).toBe('2027-03-31');
    const leaver = first.organisations.find((o) => o.id === left[0].organisationId);
    expect(leaver?.kind).toBe('company');

    const activeInFy2027 = await t.app
      .get(MembershipService)
      .listMemberships(SYSTEM_ACTOR, first.platform.id, '2027-04-01');
    expect(activeInFy2027).toHaveLength(memberships.length - 1);
  });

  it('loads four projects over FY2026–FY2027: cooperative and individual, one derived from another', async () => {
    const projects = t.app.get(ProjectService);
    const list = await projects.list(SYSTEM_ACTOR, first.platform.id);
    expect(list).toHaveLength(4);

    const years = new Set(list.flatMap((p) => [fiscalYearOf(p.startsOn), fiscalYearOf(p.endsOn)]));
    expect([...years].sort()).toEqual([2026, 2027]);
    expect(list.some((p) => p.kind === 'individual')).toBe(true);
    expect(list.some((p) => p.kind === 'cooperative')).toBe(true);

    const derived = list.filter((p) => p.derivedFromProjectId !== null);
    expect(derived).toHaveLength(1);
    expect(list.map((p) => p.id)).toContain(derived[0].derivedFromProjectId);

    const views = await Promise.all(
      list.map((p) => projects.get(SYSTEM_ACTOR, first.platform.id, p.id)),
    );
    const sources = views.flatMap((v) => v.fundingSources);
    expect(new Set(sources.map((s) => s.fiscalYear))).toEqual(new Set([2026, 2027]));
    const publicMoney = sources.filter((s) => s.sourceKind === 'public_matching');
    expect(publicMoney.length).toBeGreaterThan(0);
    expect(publicMoney.every((s) => s.funderName?.startsWith('JST OPERA'))).toBe(true);
    expect(
      sources.every((s) => typeof s.plannedAmountYen === 'bigint' && s.plannedAmountYen > 0n),
    ).toBe(true);

    // Individual research is 100% company money.
    const individual = views.find((v) => v.project.kind === 'individual');
    expect(individual?.fundingSources.every((s) => s.sourceKind === 'company')).toBe(true);
  });

  it('versions the policy: a second version takes effect in FY2027', async () => {
    const policies = await t.app.get(PlatformService).listPolicies(SYSTEM_ACTOR, first.platform.id);
    expect(policies.map((p) => [p.version, p.effectiveFrom])).toEqual([
      [1, '2026-04-01'],
      [2, '2027-04-01'],
    ]);
  });

  it('records the planned company and public money as contributions: the IP fund gets 10% of company direct cost', async () => {
    const admin = t.as(t.adminToken);
    const recon = await expectStatus<{ total: { directCostYen: string; ipFundYen: string; receivableYen: string } }>(
      admin.get(`/platforms/${first.platform.id}/reports/reconciliation?fiscalYear=2026`),
      200,
    );
    expect(BigInt(recon.total.ipFundYen)).toBeGreaterThan(0n);
    expect(recon.total.receivableYen).toBe('0'); // FY2026 was received in full
    const company: { direct: string; ip: string }[] = await t.dataSource.query(
      `SELECT sum(direct_cost_yen)::text AS direct, sum(ip_fund_yen)::text AS ip FROM contributions WHERE platform_id = $1 AND source_kind = 'company'`,
      [first.platform.id],
    );
    expect(BigInt(company[0].ip) * 10n).toBe(BigInt(company[0].direct));
    const balances = await expectStatus<{ totalYen: string }>(admin.get(`/platforms/${first.platform.id}/ledger/accounts`), 200);
    expect(balances.totalYen).toBe('0');
  });

  it('issues a working member token for one demo company', async () => {
    expect(first.memberToken).not.toBeNull();
    const token = await t.app.get(TokenService).authenticate(first.memberToken!.secret);
    expect(token).toMatchObject({
      role: 'member',
      organisationId: first.memberToken!.organisationId,
    });
    const org = first.organisations.find((o) => o.id === first.memberToken!.organisationId);
    expect(org?.kind).toBe('company');
  });

  it('does nothing when run again', async () => {
    const tables = [
      'organisations',
      'platforms',
      'memberships',
      'policy_versions',
      'research_projects',
      'project_participants',
      'project_funding_sources',
      'api_tokens',
      'audit_log',
    ];
    const before = await Promise.all(tables.map(count));

    const second = await seedDemo(t.app);

    expect(second.created).toBe(false);
    expect(second.memberToken).toBeNull();
    expect(second.platform.id).toBe(first.platform.id);
    expect(second.organisations.map((o) => o.id)).toEqual(first.organisations.map((o) => o.id));
    expect(new Set(second.projects.map((p) => p.id))).toEqual(
      new Set(first.projects.map((p) => p.id)),
    );
    expect(await Promise.all(tables.map(count))).toEqual(before);
  });
});
