import { INestApplicationContext } from '@nestjs/common';
import { Actor, SYSTEM_ACTOR, TokenService } from '@app/access';
import { ContributionService } from '@app/funding';
import { DomainError } from '@app/kernel';
import { MembershipService, Organisation } from '@app/membership';
import { DEFAULT_POLICY_TERMS, PlatformService } from '@app/platform';
import { ProjectService } from '@app/projects';
import {
  DEMO_MEMBER_TOKEN_ORG,
  DEMO_MEMBERSHIPS,
  DEMO_ORGANISATIONS,
  DEMO_PLATFORM,
  DEMO_PROJECTS,
  DemoOrgKey,
  DemoOrganisation,
} from './demo-data';

export interface DemoSeedResult {
  /** False when the demo platform already existed: nothing was written. */
  created: boolean;
  platform: { id: string; name: string };
  organisations: {
    key: DemoOrgKey;
    id: string;
    name: string;
    kind: string;
    companySize: string | null;
  }[];
  projects: { code: string; id: string; title: string }[];
  /** A member token for one demo company, issued only when the demo is created. */
  memberToken: { secret: string; organisationId: string; organisationName: string } | null;
}

export interface SeedDemoOptions {
  /** Who the audit log names; defaults to the system actor labelled `seed:demo`. */
  actor?: Actor;
  issueMemberToken?: boolean;
}

function isConflict(err: unknown, code: string): err is DomainError {
  return err instanceof DomainError && err.code === code;
}

/**
 * Loads the demo consortium of ./demo-data.ts through the domain services (so every row is
 * validated and audited like an API call). Idempotent: when the demo platform exists already,
 * it writes nothing and returns the existing ids with `created: false`.
 */
export async function seedDemo(
  app: INestApplicationContext,
  options: SeedDemoOptions = {},
): Promise<DemoSeedResult> {
  const actor: Actor = options.actor ?? { ...SYSTEM_ACTOR, label: 'seed:demo' };
  const memberships = app.get(MembershipService);
  const platforms = app.get(PlatformService);
  const projects = app.get(ProjectService);
  const tokens = app.get(TokenService);

  const findPlatform = async () =>
    (await platforms.list(actor)).find(
      (p) => p.name.toLowerCase() === DEMO_PLATFORM.name.toLowerCase(),
    );

  const existingPlatform = await findPlatform();
  if (existingPlatform) return describeExisting(existingPlatform);

  // Organisations: reuse one of the same name (a run interrupted before the platform existed).
  const known = new Map(
    (await memberships.listOrganisations(actor)).map((o) => [o.name.toLowerCase(), o]),
  );
  const orgs = new Map<DemoOrgKey, Organisation>();
  for (const demo of DEMO_ORGANISATIONS) {
    const org = known.get(demo.name.toLowerCase()) ?? (await createOrganisation(demo));
    if (org.kind !== demo.kind) {
      throw new Error(
        `an organisation named "${demo.name}" exists but is a ${org.kind}, not a ${demo.kind}`,
      );
    }
    orgs.set(demo.key, org);
  }
  const id = (key: DemoOrgKey): string => {
    const org = orgs.get(key);
    if (!org) throw new Error(`demo data refers to unknown organisation ${key}`);
    return org.id;
  };

  let platformId: string;
  try {
    const created = await platforms.create(actor, {
      name: DEMO_PLATFORM.name,
      leadInstitutionId: id(DEMO_PLATFORM.lead),
      establishedOn: DEMO_PLATFORM.establishedOn,
    });
    platformId = created.platform.id;
  } catch (err) {
    // Another run created it in the meantime.
    if (!isConflict(err, 'PLATFORM.NAME_TAKEN')) throw err;
    const other = await findPlatform();
    if (!other) throw err;
    return describeExisting(other);
  }

  for (const change of DEMO_PLATFORM.policyChanges) {
    await platforms.addPolicyVersion(actor, platformId, {
      effectiveFrom: change.effectiveFrom,
      costBearingRules: {
        ...DEFAULT_POLICY_TERMS.costBearingRules,
        chargeProjectDirectCostDuringTerm: change.chargeProjectDirectCostDuringTerm,
      },
      note: change.note,
    });
  }

  const membershipIds = new Map<DemoOrgKey, string>();
  for (const m of DEMO_MEMBERSHIPS) {
    const membership = await memberships.addMembership(actor, platformId, {
      organisationId: id(m.key),
      joinedOn: m.joinedOn,
    });
    membershipIds.set(m.key, membership.id);
  }

  const projectIds = new Map<string, string>();
  const createdProjects: DemoSeedResult['projects'] = [];
  for (const p of DEMO_PROJECTS) {
    const derivedFromProjectId = p.derivedFrom ? projectIds.get(p.derivedFrom) : null;
    if (p.derivedFrom && !derivedFromProjectId) {
      throw new Error(
        `demo project ${p.code} derives from ${p.derivedFrom}, which must be listed before it`,
      );
    }
    const view = await projects.create(actor, platformId, {
      code: p.code,
      title: p.title,
      kind: p.kind,
      startsOn: p.startsOn,
      endsOn: p.endsOn,
      derivedFromProjectId,
      technologyField: p.technologyField,
      participants: p.participants.map((x) => ({ organisationId: id(x.org), role: x.role })),
      fundingSources: p.funding.map((f) => ({
        sourceKind: f.sourceKind,
        organisationId: f.org ? id(f.org) : null,
        funderName: f.funderName ?? null,
        fiscalYear: f.fiscalYear,
        plannedAmountYen: f.plannedAmountYen,
      })),
    });
    projectIds.set(p.code, view.project.id);
    createdProjects.push({ code: p.code, id: view.project.id, title: p.title });
  }

  // Money actually invoiced against the plan: FY2026 invoiced in May and received in June;
  // FY2027 invoiced in May, only the public money received so far. This fills the ledger,
  // the IP fund and the reconciliation report.
  const contributions = app.get(ContributionService);
  for (const p of DEMO_PROJECTS) {
    for (const f of p.funding) {
      if (f.sourceKind === 'university') continue;
      const funder = f.org ?? f.funderName ?? 'public';
      await contributions.record(actor, platformId, `demo-${p.code}-FY${f.fiscalYear}-${funder}`, {
        projectId: projectIds.get(p.code) as string,
        sourceKind: f.sourceKind,
        organisationId: f.org ? id(f.org) : null,
        funderName: f.funderName ?? null,
        fiscalYear: f.fiscalYear,
        directCostYen: f.plannedAmountYen,
        invoicedOn: `${f.fiscalYear}-05-15`,
        receivedOn: f.fiscalYear === 2026 || f.sourceKind === 'public_matching' ? `${f.fiscalYear}-06-30` : null,
        note: 'demo',
      });
    }
  }

  // Members who left: ended after the projects they took part in were recorded.
  for (const m of DEMO_MEMBERSHIPS) {
    if (!m.leftOn) continue;
    await memberships.endMembership(
      actor,
      platformId,
      membershipIds.get(m.key) as string,
      m.leftOn,
    );
  }

  let memberToken: DemoSeedResult['memberToken'] = null;
  if (options.issueMemberToken ?? true) {
    const org = orgs.get(DEMO_MEMBER_TOKEN_ORG) as Organisation;
    const issued = await tokens.issue(actor, {
      role: 'member',
      label: `demo member: ${org.name}`,
      organisationId: org.id,
    });
    memberToken = { secret: issued.secret, organisationId: org.id, organisationName: org.name };
  }

  return {
    created: true,
    platform: { id: platformId, name: DEMO_PLATFORM.name },
    organisations: DEMO_ORGANISATIONS.map((d) => summary(d, orgs.get(d.key) as Organisation)),
    projects: createdProjects,
    memberToken,
  };

  async function createOrganisation(demo: DemoOrganisation): Promise<Organisation> {
    try {
      return await memberships.createOrganisation(actor, {
        name: demo.name,
        kind: demo.kind,
        companySize: demo.companySize ?? null,
      });
    } catch (err) {
      if (!isConflict(err, 'ORGANISATION.NAME_TAKEN')) throw err;
      return memberships.getOrganisation(actor, String(err.details?.existingId));
    }
  }

  async function describeExisting(platform: { id: string; name: string }): Promise<DemoSeedResult> {
    const all = new Map(
      (await memberships.listOrganisations(actor)).map((o) => [o.name.toLowerCase(), o]),
    );
    const organisations = DEMO_ORGANISATIONS.flatMap((d) => {
      const org = all.get(d.name.toLowerCase());
      return org ? [summary(d, org)] : [];
    });
    const listed = await projects.list(actor, platform.id);
    return {
      created: false,
      platform: { id: platform.id, name: platform.name },
      organisations,
      projects: listed.map((p) => ({ code: p.code, id: p.id, title: p.title })),
      memberToken: null,
    };
  }
}

function summary(
  demo: DemoOrganisation,
  org: Organisation,
): DemoSeedResult['organisations'][number] {
  return {
    key: demo.key,
    id: org.id,
    name: org.name,
    kind: org.kind,
    companySize: org.companySize,
  };
}
