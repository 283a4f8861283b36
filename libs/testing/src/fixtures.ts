import { TestApp } from './test-app';

export interface World {
  platformId: string;
  universityId: string;
  companyAId: string;
  companyBId: string;
  /** A company registered but never a member of the platform. */
  outsiderId: string;
  projectId: string;
  tokens: { admin: string; cpo: string; finance: string; auditor: string; memberA: string; memberB: string; outsider: string };
}

export async function expectStatus<T = Record<string, unknown>>(res: Promise<{ status: number; body: unknown }>, status: number): Promise<T> {
  const r = await res;
  if (r.status !== status) {
    throw new Error(`expected HTTP ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
  }
  return r.body as T;
}

/**
 * A small platform: a lead university, companies A and B as members, an outsider company,
 * and one cooperative project (FY2026–FY2027) funded by A (¥30M) and B (¥10M) plus JST.
 */
export async function buildWorld(t: TestApp): Promise<World> {
  const admin = t.as(t.adminToken);
  const org = async (body: object) => (await expectStatus<{ id: string }>(admin.post('/organisations').send(body), 201)).id;
  const universityId = await org({ name: '青葉大学', kind: 'university' });
  const companyAId = await org({ name: 'Kitakami Materials K.K.', kind: 'company', companySize: 'large' });
  const companyBId = await org({ name: 'Hirose Devices Co.', kind: 'company', companySize: 'sme' });
  const outsiderId = await org({ name: 'Outsider Startup', kind: 'company', companySize: 'startup' });
  const platform = await expectStatus<{ id: string }>(
    admin.post('/platforms').send({ name: 'Test Platform', leadInstitutionId: universityId, establishedOn: '2026-04-01' }),
    201,
  );
  for (const organisationId of [companyAId, companyBId]) {
    await expectStatus(admin.post(`/platforms/${platform.id}/memberships`).send({ organisationId, joinedOn: '2026-04-01' }), 201);
  }
  const project = await expectStatus<{ id: string }>(
    admin.post(`/platforms/${platform.id}/projects`).send({
      code: 'P-1',
      title: '界面制御の共同研究',
      kind: 'cooperative',
      startsOn: '2026-04-01',
      endsOn: '2028-03-31',
      participants: [
        { organisationId: universityId, role: 'lead' },
        { organisationId: companyAId, role: 'funder' },
        { organisationId: companyBId, role: 'funder' },
      ],
      fundingSources: [
        { sourceKind: 'company', organisationId: companyAId, fiscalYear: 2026, plannedAmountYen: '30000000' },
        { sourceKind: 'company', organisationId: companyBId, fiscalYear: 2026, plannedAmountYen: '10000000' },
        { sourceKind: 'public_matching', funderName: 'JST OPERA', fiscalYear: 2026, plannedAmountYen: '40000000' },
      ],
    }),
    201,
  );
  return {
    platformId: platform.id,
    universityId,
    companyAId,
    companyBId,
    outsiderId,
    projectId: project.id,
    tokens: {
      admin: t.adminToken,
      cpo: await t.issueToken('cpo'),
      finance: await t.issueToken('finance'),
      auditor: await t.issueToken('auditor'),
      memberA: await t.issueToken('member', companyAId),
      memberB: await t.issueToken('member', companyBId),
      outsider: await t.issueToken('member', outsiderId),
    },
  };
}
